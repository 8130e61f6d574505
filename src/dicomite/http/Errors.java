// SPDX-License-Identifier: MIT
package dicomite.http;

import dicomite.json.Json;

/**
 * The catalogue of errors the service answers with: one factory per condition, each citing the
 * spec section that fixes its status and wording (spec §1.5 and the message catalogue of §15).
 *
 * <p>This is the only place that makes {@link ApiError}s; tests compare responses with the same
 * factories. Messages quoted by the spec are reproduced exactly.
 */
public final class Errors {
    static final String INTERNAL = "The server encountered an internal error. Please retry the "
            + "request. If the issue persists, please contact support.";

    private Errors() {
    }

    /** Spec §1.3 step 1, §15: the raw query string contains {@code <} or {@code %3c}. */
    public static ApiError invalidQueryCharacters() {
        return ApiError.text(400, "The query string included invalid characters.");
    }

    /** Spec §1.2: no route has this path (404, empty body). */
    public static ApiError unknownPath(String path) {
        return ApiError.empty(404, "No route matches the path '" + path + "'.");
    }

    /** Spec §1.2: a route has this path but not this method (405, empty body). */
    public static ApiError methodNotAllowed(String method, String path) {
        return ApiError.empty(405, "The method '" + method + "' is not allowed on '" + path + "'.");
    }

    /**
     * Spec §1.1: the path names a version that the route does not serve. The JSON envelope is
     * ASP.NET API Versioning's; the spec marks its message text as approximate.
     *
     * @param requestUri the absolute request URI, query string included
     * @param version the version as the path spells it, without the "v", e.g. "3"
     */
    public static ApiError unsupportedApiVersion(String requestUri, String version) {
        String message = "The HTTP resource that matches the request URI '" + requestUri
                + "' does not support the API version '" + version + "'.";
        String json = "{\"error\":{\"code\":\"UnsupportedApiVersion\",\"message\":"
                + Json.toJson(message) + ",\"innerError\":null}}";
        return ApiError.json(400, message, json);
    }

    /** Spec §1.5, §15: anything unexpected; the cause is logged, never sent. */
    public static ApiError internal() {
        return ApiError.text(500, INTERNAL);
    }
}
