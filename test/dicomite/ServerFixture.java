// SPDX-License-Identifier: MIT
package dicomite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server for API tests (STYLE §6): a real {@link Dicomite} on 127.0.0.1 and a free port over a
 * temporary folder, or, when the system property {@value #BASE_URL} is set, that live service
 * instead (with {@code Authorization: Bearer} from {@value #TOKEN} if set), so one suite checks
 * parity with Azure.
 *
 * <p>As a JUnit extension it starts before the tests and stops after them: one server for the
 * class from a static field, one per test from an instance field. Tests that need the local
 * server itself (its folder, its config) call {@link #dicomite()}, which skips them against a
 * live service.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServerFixture server = new ServerFixture();
 *
 * @Test
 * void healthIsGreen() throws Exception {
 *     assertThat(server.get("health/check").statusCode()).isEqualTo(200);
 * }
 * }</pre>
 * or, for one test, {@code try (ServerFixture server = ServerFixture.start(tempDir)) { ... }}.
 */
public final class ServerFixture implements BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, AutoCloseable {
    public static final String BASE_URL = "dicomite.baseUrl";
    public static final String TOKEN = "dicomite.token";

    private final UnaryOperator<Config> settings;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private Dicomite dicomite; // null when live or not started
    private Path ownFolder; // a folder this fixture made and deletes, or null
    private URI baseUri;
    private boolean perClass;

    /** A fixture with default settings (strict, partitions off…). */
    public ServerFixture() {
        this(UnaryOperator.identity());
    }

    /** A fixture whose local server has these settings, e.g. {@code c -> c.withLoose(true)}. */
    public ServerFixture(UnaryOperator<Config> settings) {
        this.settings = settings;
    }

    /** Starts a fixture over a folder the caller owns (e.g. a @TempDir); close it after. */
    public static ServerFixture start(Path folder) throws IOException {
        ServerFixture fixture = new ServerFixture();
        fixture.open(folder);
        return fixture;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        open(null);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (baseUri == null) {
            open(null);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void open(Path folder) throws IOException {
        String live = System.getProperty(BASE_URL, "");
        if (!live.isBlank()) {
            baseUri = URI.create(live.endsWith("/") ? live : live + "/");
            return;
        }
        if (folder == null) {
            ownFolder = Files.createTempDirectory("dicomite-test-");
            folder = ownFolder;
        }
        dicomite = Dicomite.start(settings.apply(Config.defaults().withPort(0).withData(folder)));
        baseUri = dicomite.baseUri();
    }

    /** Stops the local server and deletes the folder this fixture made. */
    @Override
    public void close() {
        if (dicomite != null) {
            dicomite.close();
            dicomite = null;
        }
        if (ownFolder != null) {
            deleteTree(ownFolder);
            ownFolder = null;
        }
        baseUri = null;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the test folder " + root, e);
        }
    }

    /** True when the tests run against the live service named by {@value #BASE_URL}. */
    public boolean isLive() {
        return dicomite == null && baseUri != null;
    }

    /** The local server; skips the calling test when the fixture points at a live service. */
    public Dicomite dicomite() {
        Assumptions.assumeFalse(isLive(), "needs the local server, not " + baseUri);
        return dicomite;
    }

    /** The base URI, ending in "/". */
    public URI baseUri() {
        return baseUri;
    }

    /** A URI relative to the base, e.g. {@code uri("v2/studies?limit=1")}; drops a leading "/". */
    public URI uri(String relative) {
        return baseUri.resolve(relative.startsWith("/") ? relative.substring(1) : relative);
    }

    /** The client: HTTP/1.1, ten-second connect timeout. */
    public HttpClient client() {
        return client;
    }

    /** A request builder for a relative URI, with the bearer token of a live service if any. */
    public HttpRequest.Builder request(String relative) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(relative))
                .timeout(Duration.ofSeconds(60));
        String token = System.getProperty(TOKEN, "");
        return token.isBlank() ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** GETs a relative URI with optional header name/value pairs; the body as text. */
    public HttpResponse<String> get(String relative, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(relative);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.GET().build());
    }

    /** Sends a request; the body as text. */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
