// SPDX-License-Identifier: MIT
package dicomite.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Handler} answers: a status, headers and a body that is written only once the
 * router sends the response, so large bodies stream straight from their source.
 *
 * <p>The body length is known ({@code >= 0}, sent as Content-Length) or unknown ({@code -1},
 * sent chunked). Headers added here come after the ones every response carries (spec §1.6).
 * Not thread-safe; a handler builds one and returns it.
 *
 * <pre>{@code
 * return Response.json(200, "{\"status\":\"ok\"}").header("Location", href);
 * }</pre>
 */
public final class Response {
    /** Writes a body to the client; fails with an IOException, e.g. when the client leaves. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Body NO_BODY = out -> { };

    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final long length; // bytes; -1 when unknown (chunked)
    private final Body body;

    private Response(int status, String contentType, long length, Body body) {
        assert status >= 100 && status <= 599 : status;
        this.status = status;
        this.length = length;
        this.body = Objects.requireNonNull(body);
        if (contentType != null) {
            header("Content-Type", contentType);
        }
    }

    /** A response without a body, e.g. 204, or the empty 404 of an unknown path. */
    public static Response empty(int status) {
        return new Response(status, null, 0, NO_BODY);
    }

    /** A plain-text body, {@code text/plain; charset=utf-8}. */
    public static Response text(int status, String text) {
        return text(status, ApiError.TEXT, text);
    }

    /** A JSON document, {@code application/json; charset=utf-8}. */
    public static Response json(int status, String json) {
        return text(status, ApiError.JSON, json);
    }

    /** Text of the given media type, sent as UTF-8. */
    public static Response text(int status, String contentType, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Response(status, contentType, bytes.length, out -> out.write(bytes));
    }

    /**
     * A body written by {@code body} when the response is sent.
     *
     * @param length the exact number of bytes {@code body} writes, or -1 to send it chunked
     */
    public static Response stream(int status, String contentType, long length, Body body) {
        assert length >= -1 : length;
        return new Response(status, Objects.requireNonNull(contentType), length, body);
    }

    /** Adds a header value (a header may have several). */
    public Response header(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The headers added so far, in the order added. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body length in bytes, or -1 when unknown. */
    public long length() {
        return length;
    }

    /** The body writer. */
    Body body() {
        return body;
    }
}
