// SPDX-License-Identifier: MIT
package dicomite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final Path FIXTURE = Path.of("fixtures/valid/explicit-vr-le.dcm");

    /** One run of the command line: exit code and what it printed. */
    private record Run(int code, String out, String err, List<Dicomite> started) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Dicomite> started = new ArrayList<>();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), started::add);
        return new Run(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), started);
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        Run run = run("--help");

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("--host H", "(default 127.0.0.1)", "--port N",
                "(default 8080)", "--data DIR", "(default ./data)", "--loose", "(default off)",
                "--help", "--version", "dump [--text] FILE");
        assertThat(run.started()).isEmpty();
    }

    @Test
    void versionPrintsTheBuildVersion() {
        Run run = run("--version");

        assertThat(run.code()).isZero();
        assertThat(run.out()).matches("Dicomite (dev|[0-9]+\\.[0-9]+\\.[0-9]+\\S*)\\R");
        assertThat(run.out().strip()).isEqualTo("Dicomite " + Main.version());
    }

    @Test
    void unknownFlagExitsWithOneAndNamesIt() {
        Run run = run("--bogus");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualToIgnoringNewLines("Error: unknown flag (--bogus)");
        assertThat(run.out()).isEmpty();
        assertThat(run("serve").err())
                .isEqualToIgnoringNewLines("Error: unexpected argument (serve)");
    }

    @Test
    void malformedPortExitsWithOneAndStatesTheRule() {
        assertThat(run("--port", "abc").err()).isEqualToIgnoringNewLines(
                "Error: --port must be a number from 0 to 65535 (abc)");
        assertThat(run("--port", "70000").err()).isEqualToIgnoringNewLines(
                "Error: --port must be a number from 0 to 65535 (70000)");
        assertThat(run("--port=-1").err()).isEqualToIgnoringNewLines(
                "Error: --port must be a number from 0 to 65535 (-1)");
        assertThat(run("--port", "abc").code()).isEqualTo(1);
    }

    @Test
    void malformedFrameCacheFlagsExitWithOneAndStateTheRule() {
        Run ttl = run("--frame-failure-ttl", "abc");
        Run max = run("--frame-cache-max", "12q");

        assertThat(ttl.code()).isEqualTo(1);
        assertThat(ttl.err()).isEqualToIgnoringNewLines("Error: --frame-failure-ttl must be a "
                + "duration such as 90s, 30m, 1h, 2d or PT1H (abc)");
        assertThat(max.code()).isEqualTo(1);
        assertThat(max.err()).isEqualToIgnoringNewLines("Error: --frame-cache-max must be a "
                + "number of bytes, optionally with k, m, g or t, such as 500m or 2g (12q)");
    }

    @Test
    void frameCacheFlagsAreAcceptedAtStart(@TempDir Path folder) throws Exception {
        Run run = run("--port", "0", "--data", folder.toString(),
                "--frame-failure-ttl", "90s", "--frame-cache-max", "500m");

        try (Dicomite dicomite = run.started().get(0)) {
            assertThat(run.code()).isZero();
            assertThat(dicomite.config().frameFailureTtl()).isEqualTo(Duration.ofSeconds(90));
            assertThat(dicomite.config().frameCacheMax()).hasValue(500L * 1024 * 1024);
        }
    }

    @Test
    void flagWithoutItsValueOrSwitchWithAValueExitsWithOne() {
        Run missing = run("--data");
        Run switchValue = run("--loose=yes");

        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err())
                .isEqualToIgnoringNewLines("Error: flag --data needs a value (none given)");
        assertThat(switchValue.code()).isEqualTo(1);
        assertThat(switchValue.err())
                .isEqualToIgnoringNewLines("Error: flag --loose takes no value (--loose=yes)");
        assertThat(run("--host", "").err())
                .isEqualToIgnoringNewLines("Error: --host must not be empty ()");
    }

    @Test
    void startsAndPrintsTheBaseUrl(@TempDir Path folder) throws Exception {
        Run run = run("--port", "0", "--data", folder.toString(), "--loose");
        try (Dicomite dicomite = run.started().get(0)) {
            assertThat(run.code()).isZero();
            assertThat(run.out()).isEqualToIgnoringNewLines("Dicomite " + Main.version()
                    + " listening on http://127.0.0.1:" + dicomite.port() + "/ (data: "
                    + folder.toAbsolutePath() + ")");
            assertThat(dicomite.config().loose()).isTrue();
            assertThat(statusOf(dicomite.baseUri().resolve("health/check"))).isEqualTo(200);
        }
    }

    @Test
    void flagsAlsoTakeTheEqualsForm(@TempDir Path folder) throws Exception {
        Run run = run("--port=0", "--host=127.0.0.1", "--data=" + folder);
        try (Dicomite dicomite = run.started().get(0)) {
            assertThat(run.code()).isZero();
            assertThat(dicomite.dataFolder()).isEqualTo(folder.toAbsolutePath());
        }
    }

    @Test
    void portInUseExitsWithTwo(@TempDir Path folder) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Run run = run("--port", String.valueOf(port), "--data", folder.toString());

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).isEqualToIgnoringNewLines(
                    "Error: cannot listen on 127.0.0.1:" + port + " (Address already in use)");
            assertThat(run.started()).isEmpty();
        }
    }

    @Test
    void unusableDataFolderExitsWithTwo(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("data"), "x");

        Run run = run("--port", "0", "--data", file.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualToIgnoringNewLines(
                "Error: cannot use the data folder " + file + " (a file is in the way)");
    }

    @Test
    void dumpPrintsDicomJson() {
        Run run = run("dump", FIXTURE.toString());

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("{").contains("\"00080018\":{\"vr\":\"UI\","
                + "\"Value\":[\"2.25.1001\"]}");
        assertThat(run.out()).doesNotContain("\"00020010\"");
    }

    @Test
    void dumpTextPrintsATree() {
        Run run = run("dump", "--text", FIXTURE.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("(0008,0018)", "2.25.1001");
    }

    @Test
    void dumpOfAMissingFileExitsWithOne(@TempDir Path temp) {
        Path missing = temp.resolve("missing.dcm");

        Run run = run("dump", missing.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualToIgnoringNewLines(
                "Error: cannot read " + missing + ": no such file or folder");
    }

    @Test
    void dumpOfAFileThatIsNotDicomExitsWithOneAndSaysWhy() {
        Path garbage = Path.of("fixtures/invalid/garbage.dcm");

        Run run = run("dump", garbage.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error: cannot read " + garbage + ": ");
        assertThat(run.err().strip()).hasSizeGreaterThan(("Error: cannot read " + garbage
                + ": ").length());
    }

    @Test
    void dumpWithoutOneFileOrWithAnUnknownFlagExitsWithOne() {
        assertThat(run("dump").err())
                .isEqualToIgnoringNewLines("Error: dump needs a FILE (none given)");
        assertThat(run("dump", "a.dcm", "b.dcm").err())
                .isEqualToIgnoringNewLines("Error: dump takes one FILE (b.dcm)");
        assertThat(run("dump", "--json", "a.dcm").err())
                .isEqualToIgnoringNewLines("Error: unknown flag of dump (--json)");
        assertThat(run("dump").code()).isEqualTo(1);
    }

    private static int statusOf(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
