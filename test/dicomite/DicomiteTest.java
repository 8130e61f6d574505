// SPDX-License-Identifier: MIT
package dicomite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.http.Errors;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DicomiteTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    @Test
    void healthCheckReportsHealthyStorageAsJson() throws Exception {
        HttpResponse<String> response = server.get("health/check");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).matches("\\{\"overallStatus\":\"Healthy\",\"details\":\\[\\{"
                + "\"name\":\"[^\"]+\",\"status\":\"Healthy\",\"description\":\"[^\"]*\"}.*]}");
    }

    @Test
    void healthCheckNamesTheStorageCheckAndTheFolder() throws Exception {
        Path folder = server.dicomite().dataFolder();

        assertThat(server.get("health/check").body()).isEqualTo("{\"overallStatus\":\"Healthy\","
                + "\"details\":[{\"name\":\"DicomiteStorage\",\"status\":\"Healthy\","
                + "\"description\":\"The data folder " + folder + " is writable.\"}]}");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"health/check", "nowhere", "health/check?q=%3C"}) {
            HttpResponse<String> response = server.get(path);

            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("frame-src 'self';");
        }
    }

    @Test
    void healthCheckIsUnversioned() throws Exception {
        HttpResponse<String> response = server.get("health/check");

        assertThat(response.headers().firstValue("api-supported-versions")).isEmpty();
        assertThat(server.get("v2/health/check").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownPathsAnswer404WithEmptyBody() throws Exception {
        for (String path : new String[] {"", "v3/anything", "v2/nothing/here", "health"}) {
            HttpResponse<String> response = server.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEmpty();
        }
    }

    @Test
    void pathsNoRouteHasAnswer404() throws Exception {
        server.dicomite();

        HttpResponse<String> response = server.get("v2/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void queryWithLessThanSignIsRejectedBeforeRouting() throws Exception {
        for (String path : new String[] {"nowhere?x=%3Cscript", "health/check?x=a%3cb"}) {
            HttpResponse<String> response = server.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; charset=utf-8");
            assertThat(response.body()).isEqualTo(Errors.invalidQueryCharacters().body())
                    .isEqualTo("The query string included invalid characters.");
        }
    }

    @Test
    void healthCheckRefusesOtherMethodsWith405() throws Exception {
        server.dicomite();
        HttpResponse<String> post = server.send(server.request("health/check")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> head = server.send(server.request("health/check")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).isEmpty();
        assertThat(head.statusCode()).isEqualTo(405);
    }

    @Test
    void healthCheckIsUnhealthyWhenTheDataFolderIsGone(@TempDir Path temp) throws Exception {
        Path folder = temp.resolve("data");
        try (ServerFixture own = ServerFixture.start(folder)) {
            own.dicomite();
            // The open index keeps files in the folder: move it away rather than delete it.
            Files.move(folder, temp.resolve("moved"));
            Files.writeString(folder, "not a folder");

            HttpResponse<String> response = own.get("health/check");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).startsWith("{\"overallStatus\":\"Unhealthy\",\"details\":"
                    + "[{\"name\":\"DicomiteStorage\",\"status\":\"Unhealthy\",\"description\":"
                    + "\"The data folder " + folder + " is not writable: ");
        }
    }

    @Test
    void twoServersRunSideBySideEachOverItsFolder(@TempDir Path a, @TempDir Path b)
            throws Exception {
        try (ServerFixture second = ServerFixture.start(b)) {
            second.dicomite();
            try (ServerFixture first = ServerFixture.start(a)) {
                assertThat(first.dicomite().port()).isNotEqualTo(second.dicomite().port());
                assertThat(first.get("health/check").body()).contains(a.toString());
                assertThat(second.get("health/check").body()).contains(b.toString());
            }

            assertThat(second.get("health/check").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closeFreesThePort(@TempDir Path folder) throws Exception {
        int port;
        try (Dicomite first = Dicomite.start(folder)) {
            port = first.port();
        }
        // Binding the port again would race with client sockets of tests running in parallel,
        // which may be given the freed port; a refused connection shows nothing listens there.
        // A server of another test may have been given the port meanwhile: it is not this one
        // when its health check names another folder (or it is not our HTTP at all).
        try {
            new Socket("127.0.0.1", port).close();
        } catch (ConnectException refused) {
            return;
        }
        String health;
        try {
            health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health/check")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException notOurs) {
            return;
        }
        assertThat(health).as("the closed server still answers on port " + port)
                .doesNotContain(folder.toString());
    }

    @Test
    void closeTwiceDoesNothing(@TempDir Path folder) throws Exception {
        Dicomite dicomite = Dicomite.start(folder);
        dicomite.close();
        dicomite.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", dicomite.port()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void startOnFreePortListensOnLoopback(@TempDir Path folder) throws Exception {
        try (Dicomite dicomite = Dicomite.start(folder)) {
            assertThat(dicomite.port()).isPositive();
            assertThat(dicomite.baseUri()).hasToString("http://127.0.0.1:" + dicomite.port() + "/");
            assertThat(dicomite.dataFolder()).isEqualTo(folder.toAbsolutePath());
            assertThat(dicomite.config().loose()).isFalse();
        }
    }

    @Test
    void startCreatesAMissingDataFolder(@TempDir Path temp) throws Exception {
        Path folder = temp.resolve("a/b/data");

        try (Dicomite dicomite = Dicomite.start(folder)) {
            assertThat(folder).isDirectory();
            assertThat(dicomite.dataFolder()).isEqualTo(folder);
        }
    }

    @Test
    void startFailsWhenTheDataFolderIsAFile(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("data"), "x");

        assertThatThrownBy(() -> Dicomite.start(file))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void startFailsWhenThePortIsTaken(@TempDir Path folder) throws IOException {
        try (Dicomite first = Dicomite.start(folder)) {
            Config same = Config.defaults().withPort(first.port()).withData(folder);

            assertThatThrownBy(() -> Dicomite.start(same)).isInstanceOf(BindException.class);
        }
    }

    @Test
    void configDefaultsMatchTheCommandLine() {
        Config defaults = Config.defaults();

        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.data()).isEqualTo(Path.of("data"));
        assertThat(defaults.loose()).isFalse();
        assertThat(defaults.clock()).isNotNull();
    }

    @Test
    void configWithersChangeOneSetting() {
        Clock fixed = Clock.fixed(Instant.parse("2024-01-15T10:00:00Z"), ZoneOffset.UTC);
        Config config = Config.defaults().withHost("0.0.0.0").withPort(0)
                .withData(Path.of("/tmp/x")).withLoose(true).withClock(fixed);

        assertThat(config).isEqualTo(new Config("0.0.0.0", 0, Path.of("/tmp/x"), true, fixed));
        assertThat(config.withPort(9).port()).isEqualTo(9);
        assertThat(config.withPort(9).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void configRejectsPortOutOfRangeAndBlankHost() {
        assertThatThrownBy(() -> Config.defaults().withPort(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Config port 70000 is outside 0 to 65535.");
        assertThatThrownBy(() -> Config.defaults().withPort(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Config.defaults().withHost(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Config host must not be blank: ' '.");
    }
}
