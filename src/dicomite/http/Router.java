// SPDX-License-Identifier: MIT
package dicomite.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one route table of the server, and the only place that turns failures into responses.
 *
 * <p>For each request, in the order of spec §1.3: the query-string guard (step 1), then the
 * choice of a route by path, version and method (step 2, see {@link RouteTable}), then the
 * route's {@link Handler}. An {@link ApiError} becomes its status and body; anything else is a
 * 500 with the message of spec §15, logged with the method, path and stack trace. Every response
 * carries the headers of spec §1.6, and a response of a versioned path also
 * {@code api-supported-versions} (§1.1). What the handler left of the request body is read and
 * dropped before the response is sent, so that the client, still sending, receives it.
 *
 * <p>Decisions where ASP.NET leaves a trace rather than a rule: path literals compare ignoring
 * case and one trailing slash is ignored, as in ASP.NET Core routing; HEAD is answered like any
 * method without a route (405), as the service's GET-only actions do; a version segment that is
 * not shaped like a version ("vabc") matches no route (404).
 *
 * <pre>{@code
 * Router router = new Router();
 * router.add("GET", "/v{version}/studies/{study}", request ->
 *         Response.text(200, "study " + request.pathParameter("study")));
 * server.createContext("/", router);
 * }</pre>
 *
 * Thread-safe: routes are added at start-up, then any number of requests run at once.
 */
public final class Router implements HttpHandler {
    private static final System.Logger LOGGER = System.getLogger(Router.class.getName());
    // Spec §0: the managed service's request limit. Closing a connection with bytes unread makes
    // TCP reset it, and the client would lose the response, so what a handler left is read first.
    private static final long DRAIN_LIMIT = 4L << 30; // bytes

    /** Spec §1.6: headers the service adds to every response. */
    private static final Map<String, String> EVERY_RESPONSE = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "SAMEORIGIN",
            "Content-Security-Policy", "frame-src 'self';");

    private final RouteTable table = new RouteTable();

    /**
     * Adds a route; a template with {@code {version}} serves every version of spec §1.1.
     *
     * @param method the HTTP method, upper case
     * @param template e.g. {@code "/v{version}/studies/{study}"} or {@code "/health/check"}
     * @throws IllegalArgumentException for a malformed template
     * @throws IllegalStateException when the route duplicates one already added
     */
    public void add(String method, String template, Handler handler) {
        boolean versioned = RouteTemplate.parse(template).isVersioned();
        add(method, template, versioned ? EnumSet.allOf(ApiVersion.class)
                : EnumSet.noneOf(ApiVersion.class), handler);
    }

    /**
     * Adds a versioned route that serves only some versions, e.g. Export ({@code V1, V2}) or
     * bulk update ({@code V2}); other versions of its path answer 400 (spec §1.1).
     *
     * @throws IllegalArgumentException for a malformed template, or versions on a template
     *     without {@code {version}}
     * @throws IllegalStateException when the route duplicates one already added
     */
    public void add(String method, String template, Set<ApiVersion> versions, Handler handler) {
        table.add(method, template, versions, handler);
    }

    /** Answers one exchange; never throws. */
    @Override
    public void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try (exchange) {
            Response response = respond(exchange);
            drain(exchange.getRequestBody());
            send(exchange, response);
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, () -> "No complete response to " + method + " " + path, e);
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, () -> "Response to " + method + " " + path + " failed", e);
        }
    }

    private Response respond(HttpExchange exchange) {
        Request.RequestLine line = new Request.RequestLine(exchange.getRequestMethod(),
                exchange.getRequestURI(), Request.RequestLine.baseUriOf(
                        exchange.getRequestHeaders().getFirst("Host"), exchange.getLocalAddress()));
        Set<ApiVersion> reported = Set.of();
        Response response;
        try {
            requireSafeQuery(line.uri().getRawQuery());
            RouteTable.Candidates candidates =
                    table.candidates(segmentsOf(line.uri().getRawPath()));
            reported = candidates.versions();
            RouteTable.Candidate chosen = candidates.select(line.method(),
                    line.uri().getRawPath(), line::absolute);
            reported = chosen.route().versions();
            response = chosen.route().handler().handle(new Request(line, chosen,
                    exchange.getRequestHeaders(), exchange.getRequestBody()));
        } catch (ApiError e) {
            response = e.toResponse();
        } catch (Exception e) {
            LOGGER.log(Level.ERROR, () -> "Internal error on " + line.method() + " "
                    + line.uri().getRawPath(), e);
            response = Errors.internal().toResponse();
        }
        return reported.isEmpty() ? response
                : response.header("api-supported-versions", ApiVersion.headerValue(reported));
    }

    /** Reads and drops what is left of a request body, up to the limit, then closes it. */
    private static void drain(InputStream body) throws IOException {
        try (body) {
            if (body.read() < 0) {
                return; // most requests have no body left: skip the buffer
            }
            byte[] buffer = new byte[64 * 1024];
            long left = DRAIN_LIMIT;
            int n = 0;
            while (left > 0 && n >= 0) {
                n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
                left -= Math.max(n, 0);
            }
        }
    }

    /** Spec §1.3 step 1: runs before routing, so it wins over a 404. */
    private static void requireSafeQuery(String rawQuery) {
        if (rawQuery != null && (rawQuery.contains("<")
                || rawQuery.toLowerCase(Locale.ROOT).contains("%3c"))) {
            throw Errors.invalidQueryCharacters();
        }
    }

    /** The decoded segments of a raw path; one trailing slash is ignored. */
    static List<String> segmentsOf(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.equals("/")) {
            return List.of();
        }
        int end = rawPath.endsWith("/") ? rawPath.length() - 1 : rawPath.length();
        return Arrays.stream(rawPath.substring(1, end).split("/", -1))
                .map(PercentEncoding::decodeSegment).toList();
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        EVERY_RESPONSE.forEach(headers::set);
        response.headers().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        if (!hasBody(exchange.getRequestMethod(), response)) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        // The JDK's convention: 0 means chunked, -1 means no body.
        exchange.sendResponseHeaders(response.status(), Math.max(response.length(), 0));
        try (OutputStream out = exchange.getResponseBody()) {
            response.body().writeTo(out);
        }
    }

    private static boolean hasBody(String method, Response response) {
        int status = response.status();
        return response.length() != 0 && !method.equals("HEAD") && status >= 200
                && status != 204 && status != 304;
    }
}
