// SPDX-License-Identifier: MIT
package dicomite.http;

import com.sun.net.httpserver.Headers;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a route handler sees it: method, the path parameters its template bound,
 * query parameters, headers, the body stream and the API version the path named.
 *
 * <p>Path parameters and query parameters are percent-decoded; query parameters keep the order
 * sent and every value of a repeated name. Header names compare ignoring case. The body is read
 * at most once, by the handler; the router closes it.
 */
public final class Request {
    private final String method;
    private final URI uri; // as sent: raw path and raw query
    private final Map<String, String> pathParameters;
    private final Map<String, List<String>> query;
    private final Headers headers;
    private final InputStream body;
    private final Optional<ApiVersion> apiVersion;
    private final URI baseUri;

    Request(RequestLine line, RouteTable.Candidate route, Headers headers, InputStream body) {
        this.method = line.method();
        this.uri = line.uri();
        this.pathParameters = route.parameters();
        this.query = PercentEncoding.parseQuery(uri.getRawQuery());
        this.headers = headers;
        this.body = body;
        this.apiVersion = route.version();
        this.baseUri = line.baseUri();
    }

    /** What the router knows of a request before it chooses a route. */
    record RequestLine(String method, URI uri, URI baseUri) {
        /**
         * The base URI the client used: {@code http://} and the Host header (spec §1.7: hrefs are
         * built from the request's host), or the local address when there is no usable Host.
         */
        static URI baseUriOf(String host, InetSocketAddress local) {
            Optional<URI> fromHost = Optional.ofNullable(host).flatMap(RequestLine::parseHost);
            if (fromHost.isPresent()) {
                return fromHost.get();
            }
            String address = local.getAddress().getHostAddress();
            String bracketed = address.contains(":") ? "[" + address + "]" : address;
            return URI.create("http://" + bracketed + ":" + local.getPort() + "/");
        }

        private static Optional<URI> parseHost(String host) {
            try {
                URI uri = new URI("http://" + host.strip() + "/");
                boolean hostOnly = uri.getHost() != null && uri.getRawUserInfo() == null
                        && "/".equals(uri.getRawPath()) && uri.getRawQuery() == null
                        && uri.getRawFragment() == null;
                return hostOnly ? Optional.of(uri) : Optional.empty();
            } catch (URISyntaxException malformedHost) {
                return Optional.empty();
            }
        }

        /** The absolute request URI as the client sent it, query string included. */
        String absolute() {
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return baseUri.toString() + uri.getRawPath().substring(1) + query;
        }
    }

    /** The method, upper case as sent: "GET", "POST"… */
    public String method() {
        return method;
    }

    /** The raw (still percent-encoded) path, e.g. "/v2/studies/1.2.3". */
    public String path() {
        return uri.getRawPath();
    }

    /**
     * The decoded value of a path parameter of the route's template, e.g. "study".
     *
     * @throws IllegalArgumentException when the template has no such parameter
     */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The route has no path parameter '" + name + "'.");
        }
        return value;
    }

    /** Every query parameter, decoded, by name as sent, in the order sent. */
    public Map<String, List<String>> query() {
        return query;
    }

    /** The values of the query parameters with this name, ignoring case (as ASP.NET binds them). */
    public List<String> queryValues(String name) {
        return query.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    /** The raw query string, without "?"; "" when there is none. */
    public String rawQuery() {
        return uri.getRawQuery() == null ? "" : uri.getRawQuery();
    }

    /** The first value of a header, if sent. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** Every value of a header, one per header line, in the order sent. */
    public List<String> headers(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    /** The request body; empty for a request without one. */
    public InputStream body() {
        return body;
    }

    /**
     * The API version the path named (spec §1.1).
     *
     * @throws IllegalStateException on a route without a {@code {version}} parameter
     */
    public ApiVersion apiVersion() {
        return apiVersion.orElseThrow(() -> new IllegalStateException(
                "The route of " + method + " " + path() + " has no version."));
    }

    /** The base URI the client used, e.g. "http://127.0.0.1:8080/", for absolute hrefs. */
    public URI baseUri() {
        return baseUri;
    }
}
