// SPDX-License-Identifier: MIT
package dicomite.http;

import java.io.IOException;

/**
 * Answers the requests of one route of the {@link Router}.
 *
 * <p>A handler validates what it reads and throws the {@link ApiError}s of {@link Errors} for bad
 * input; any other exception becomes a 500. It need not read or close the request body: the
 * router does that. It may be called from many threads at once.
 *
 * <pre>{@code
 * router.add("GET", "/v{version}/changefeed/latest", request -> Response.json(200, latest()));
 * }</pre>
 */
@FunctionalInterface
public interface Handler {
    /** Answers the request; fails with an ApiError for a request it refuses, or an IOException. */
    Response handle(Request request) throws IOException;
}
