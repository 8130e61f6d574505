// SPDX-License-Identifier: MIT
package dicomite.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The router over a real JDK HttpServer, with test routes standing in for the features. */
class RouterTest {
    private static final String ALL_VERSIONS = "1.0-prerelease, 1, 2";

    private static HttpServer server;
    private static ExecutorService executor;
    private static URI base;
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startServer() throws IOException {
        Router router = new Router();
        router.add("GET", "/v{version}/studies/{study}", request -> Response.text(200,
                "study " + request.pathParameter("study") + " " + request.apiVersion() + " "
                        + request.pathParameter("version")));
        router.add("POST", "/v{version}/studies/$bulkUpdate", EnumSet.of(ApiVersion.V2),
                request -> Response.text(200, "bulk update"));
        router.add("GET", "/v{version}/studies/{study}/series/{series}", request ->
                Response.text(200, request.pathParameter("study") + "|"
                        + request.pathParameter("series")));
        router.add("GET", "/v{version}/export", EnumSet.of(ApiVersion.V1, ApiVersion.V2),
                request -> Response.empty(204));
        router.add("GET", "/plain", request -> Response.text(200, request.query().toString()
                + " " + request.queryValues("limit") + " " + request.baseUri()));
        router.add("POST", "/echo", request -> Response.text(200,
                new String(request.body().readAllBytes(), StandardCharsets.UTF_8)));
        router.add("POST", "/ignore", request -> Response.text(200, "ignored"));
        router.add("GET", "/refuse", request -> {
            throw Errors.invalidQueryCharacters();
        });
        router.add("GET", "/bug", request -> {
            throw new IllegalStateException("a bug");
        });
        router.add("GET", "/disk", request -> {
            throw new IOException("disk failure");
        });
        router.add("GET", "/unversioned-version", request -> Response.text(200,
                request.apiVersion().label()));
        router.add("GET", "/chunked", request -> Response.stream(200, "application/octet-stream",
                -1, out -> out.write("streamed".getBytes(StandardCharsets.US_ASCII))));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void versionedRouteServesEverySpellingOfTheSupportedVersions() throws Exception {
        assertThat(get("v1.0-prerelease/studies/1.2").body())
                .isEqualTo("study 1.2 V1_0_PRERELEASE 1.0-prerelease");
        assertThat(get("v1/studies/1.2").body()).isEqualTo("study 1.2 V1 1");
        assertThat(get("v1.0/studies/1.2").body()).isEqualTo("study 1.2 V1 1.0");
        assertThat(get("v2/studies/1.2").body()).isEqualTo("study 1.2 V2 2");
        assertThat(get("v2.0/studies/1.2").body()).isEqualTo("study 1.2 V2 2.0");
    }

    @Test
    void versionedResponsesListTheSupportedVersions() throws Exception {
        assertThat(get("v2/studies/1.2").headers().firstValue("api-supported-versions"))
                .hasValue(ALL_VERSIONS);
        assertThat(get("v2/export").headers().firstValue("api-supported-versions"))
                .hasValue("1, 2");
        assertThat(get("plain").headers().firstValue("api-supported-versions")).isEmpty();
    }

    @Test
    void unknownVersionOnAnExistingRouteIs400WithTheVersioningJson() throws Exception {
        HttpResponse<String> response = get("v3/studies/1.2?x=1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo(Errors.unsupportedApiVersion(
                base + "v3/studies/1.2?x=1", "3").body());
        assertThat(response.body()).isEqualTo("{\"error\":{\"code\":\"UnsupportedApiVersion\","
                + "\"message\":\"The HTTP resource that matches the request URI '" + base
                + "v3/studies/1.2?x=1' does not support the API version '3'.\","
                + "\"innerError\":null}}");
        assertThat(response.headers().firstValue("api-supported-versions"))
                .hasValue(ALL_VERSIONS);
    }

    @Test
    void versionTheRouteDoesNotServeIs400() throws Exception {
        HttpResponse<String> response = get("v1.0-prerelease/export");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'1.0-prerelease'");
        assertThat(response.headers().firstValue("api-supported-versions")).hasValue("1, 2");
    }

    @Test
    void segmentThatIsNotAVersionMatchesNoRoute() throws Exception {
        for (String path : new String[] {"vabc/studies/1", "v/studies/1", "x2/studies/1"}) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEmpty();
        }
    }

    @Test
    void unknownPathIs404WithEmptyBodyAndSecurityHeaders() throws Exception {
        HttpResponse<String> response = get("v3/anything");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue("frame-src 'self';");
    }

    @Test
    void literalSegmentBeatsAParameterForItsMethodOnly() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(
                base.resolve("v2/studies/$bulkUpdate")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(post.body()).isEqualTo("bulk update");
        assertThat(get("v2/studies/$bulkUpdate").body()).isEqualTo("study $bulkUpdate V2 2");
    }

    @Test
    void versionLimitedRouteLeavesOtherVersionsToTheParameterRoute() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(
                base.resolve("v1/studies/$bulkUpdate")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void wrongMethodOnAKnownPathIs405WithEmptyBody() throws Exception {
        HttpResponse<String> delete = send(HttpRequest.newBuilder(base.resolve("v2/studies/1"))
                .DELETE());
        HttpResponse<String> head = send(HttpRequest.newBuilder(base.resolve("v2/studies/1"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.body()).isEmpty();
        assertThat(delete.headers().firstValue("api-supported-versions")).hasValue(ALL_VERSIONS);
        assertThat(head.statusCode()).isEqualTo(405);
    }

    @Test
    void pathParametersArePercentDecoded() throws Exception {
        assertThat(get("v2/studies/1.2%2E3/series/a%20b").body()).isEqualTo("1.2.3|a b");
    }

    @Test
    void literalsIgnoreCaseAndOneTrailingSlash() throws Exception {
        assertThat(get("V2/STUDIES/1/Series/2/").body()).isEqualTo("1|2");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "v2/studies/1/series/2//")))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void queryParametersKeepOrderAndRepeatedNames() throws Exception {
        String body = get("plain?b=2&a=1&b=3&flag&&c=x+y%20z&Limit=5&limit=6").body();

        assertThat(body).isEqualTo("{b=[2, 3], a=[1], flag=[], c=[x y z], Limit=[5], limit=[6]}"
                + " [5, 6] " + base);
    }

    @Test
    void queryGuardRunsBeforeRouting() throws Exception {
        for (String path : new String[] {"nowhere?a=%3C", "plain?a=%3c", "v3/studies/1?%3Cx"}) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).isEqualTo("The query string included invalid characters.");
        }
        assertThat(get("plain?a=%3d").statusCode()).isEqualTo(200);
    }

    @Test
    void rawLessThanSignInTheQueryIsA400() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                server.getAddress().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /plain?a=<b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(status).isEqualTo("HTTP/1.1 400");
        }
    }

    @Test
    void apiErrorFromAHandlerBecomesItsStatusAndPlainText() throws Exception {
        HttpResponse<String> response = get("refuse");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain; charset=utf-8");
        assertThat(response.body()).isEqualTo(Errors.invalidQueryCharacters().body());
    }

    @Test
    void unexpectedExceptionsBecome500WithTheCatalogueMessage() throws Exception {
        for (String path : new String[] {"bug", "disk", "unversioned-version"}) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(500);
            assertThat(response.body()).isEqualTo(Errors.internal().body()).isEqualTo(
                    "The server encountered an internal error. Please retry the request. "
                            + "If the issue persists, please contact support.");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        }
    }

    @Test
    void handlerReadsTheRequestBody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("echo"))
                .POST(HttpRequest.BodyPublishers.ofString("héllo")));

        assertThat(response.body()).isEqualTo("héllo");
    }

    @Test
    void unreadRequestBodyIsDrainedSoTheConnectionServesTheNextRequest() throws Exception {
        byte[] body = new byte[200_000];
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("ignore"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.body()).isEqualTo("ignored");
        }
        assertThat(get("plain").statusCode()).isEqualTo(200);
    }

    @Test
    void bodyOfUnknownLengthIsSentChunked() throws Exception {
        HttpResponse<String> response = get("chunked");

        assertThat(response.body()).isEqualTo("streamed");
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    }

    @Test
    void emptyResponseHasNoBody() throws Exception {
        HttpResponse<String> response = get("v1/export");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void routesOfTheSameMethodAndShapeAreRefused() {
        Router router = new Router();
        router.add("GET", "/v{version}/studies/{study}", request -> Response.empty(200));

        assertThatThrownBy(() -> router.add("GET", "/v{version}/Studies/{uid}",
                request -> Response.empty(200)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Route GET /v{version}/Studies/{uid} duplicates "
                        + "GET /v{version}/studies/{study}.");
        router.add("DELETE", "/v{version}/studies/{study}", request -> Response.empty(204));
    }

    @Test
    void versionsOnATemplateWithoutVersionAreRefused() {
        Router router = new Router();

        assertThatThrownBy(() -> router.add("GET", "/changefeed", EnumSet.of(ApiVersion.V2),
                request -> Response.empty(200)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/changefeed");
        assertThatThrownBy(() -> router.add("get", "/x", request -> Response.empty(200)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Route method 'get' must be upper case.");
    }

    @Test
    void segmentsOfARawPathAreDecodedAfterSplitting() {
        assertThat(Router.segmentsOf("/v2/studies/a%2Fb/")).containsExactly("v2", "studies", "a/b");
        assertThat(Router.segmentsOf("/")).isEmpty();
        assertThat(Router.segmentsOf("*")).isEmpty();
        assertThat(Router.segmentsOf("/a//b")).containsExactly("a", "", "b");
    }
}
