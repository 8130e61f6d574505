// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test running as its own process, so that its memory can be read from
 * {@code /proc/{pid}/status} (VmHWM, the peak resident set size, and VmRSS, the current one):
 * Dicomite started as {@code java -jar dicomite.jar --port 0 --data ...}, its URL read from the
 * line it prints, or Orthanc with its DICOMweb plugin, started over a configuration file written
 * here (loopback clients only, no authentication, no DICOM listener, storage in the given
 * folder) and polled until its DICOMweb routes answer.
 *
 * <p>The process's output goes to a log file beside its data. {@link #close()} asks the process
 * to stop (SIGTERM), and kills it if it has not after 30 seconds.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern MEMORY_LINE = Pattern.compile("(?m)^(Vm\\w+):\\s+(\\d+) kB");

    private final String name;
    private final Process process;
    private final URI stow;
    private final Path log;

    private ServerProcess(String name, Process process, URI stow, Path log) {
        this.name = name;
        this.process = process;
        this.stow = stow;
        this.log = log;
    }

    /**
     * Starts {@code java [jvmOptions] -jar jar --port 0 --data data} with the running JVM's
     * java and waits for the URL it prints.
     *
     * @throws IOException when it cannot start, exits, or prints no URL within a minute
     */
    static ServerProcess startDicomite(Path jar, Path data, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Files.createDirectories(data);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--port", "0", "--data", data.toString()));
        Path log = data.resolveSibling(data.getFileName() + ".log");
        Process process = start(command, log);
        try {
            URI base = URI.create(awaitLine(process, log));
            return new ServerProcess("Dicomite", process, base.resolve("v2/studies"), log);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The report line saying how {@link #startDicomite} runs Dicomite. */
    static String describeDicomite(Path jar, List<String> jvmOptions) {
        return "Dicomite: java " + String.join(" ", jvmOptions) + (jvmOptions.isEmpty() ? ""
                : " ") + "-jar " + jar + " --port 0 --data ... (JVM defaults unless shown)";
    }

    /**
     * Starts Orthanc over a new configuration in {@code folder} (its storage and index) with
     * the DICOMweb plugin at {@code /dicom-web/} on a free port, and waits until it answers.
     *
     * @throws IOException when it cannot start or does not answer within a minute
     */
    static ServerProcess startOrthanc(Path binary, Path plugin, Path folder)
            throws IOException, InterruptedException {
        return startOrthanc(binary, plugin, Optional.empty(), folder);
    }

    /**
     * Starts Orthanc as {@link #startOrthanc(Path, Path, Path)} does, with its GDCM plugin
     * too when given, restricted to the JPEG 2000 syntaxes (Orthanc's own decoder has none).
     *
     * @throws IOException when it cannot start or does not answer within a minute
     */
    static ServerProcess startOrthanc(Path binary, Path plugin, Optional<Path> gdcm,
            Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        int port = freePort();
        Path config = folder.resolveSibling(folder.getFileName() + ".json");
        Files.writeString(config, orthancConfig(folder, port, plugin, gdcm));
        Path log = folder.resolveSibling(folder.getFileName() + ".log");
        Process process = start(List.of(binary.toString(), config.toString()), log);
        URI base = URI.create("http://127.0.0.1:" + port + "/dicom-web/");
        try {
            awaitAnswer(process, base.resolve("studies"), log);
            return new ServerProcess("Orthanc", process, base.resolve("studies"), log);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The STOW-RS route: {@code POST} stores. */
    URI stowUri() {
        return stow;
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The peak resident set size of the process so far (VmHWM), in KiB. */
    long peakRssKiB() throws IOException {
        return memory("VmHWM");
    }

    /** The resident set size of the process now (VmRSS), in KiB. */
    long rssKiB() throws IOException {
        return memory("VmRSS");
    }

    private long memory(String field) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid()), "status"));
        Matcher m = MEMORY_LINE.matcher(status);
        while (m.find()) {
            if (m.group(1).equals(field)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new IOException("No " + field + " in /proc/" + pid() + "/status of " + name);
    }

    /** The last lines the server printed, to explain a failure. */
    String logTail() {
        return tail(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Polls the log for the "listening on URL" line; Dicomite prints it once it serves. */
    private static String awaitLine(Process process, Path log)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                throw new IOException("Dicomite exited with " + process.exitValue() + ": "
                        + tail(log));
            }
            Thread.sleep(50);
        }
        throw new IOException("Dicomite printed no URL within " + START_TIMEOUT + ": " + tail(log));
    }

    private static void awaitAnswer(Process process, URI uri, Path log)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited with " + process.exitValue() + ": "
                        + tail(log));
            }
            try {
                if (http.send(get, BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet; poll again
            }
            Thread.sleep(100);
        }
        throw new IOException("Orthanc did not answer GET " + uri + " within " + START_TIMEOUT
                + ": " + tail(log));
    }

    /**
     * Orthanc's settings: everything at its default (fsync of each stored file included) but
     * what makes it a private test server: storage and index in {@code folder}, HTTP on
     * {@code port} for local clients only, no authentication, no DICOM listener, DICOMweb on.
     */
    private static String orthancConfig(Path folder, int port, Path plugin,
            Optional<Path> gdcm) throws IOException {
        StringBuilder json = new StringBuilder();
        JsonWriter w = new JsonWriter(json);
        w.beginObject()
                .name("Name").value("DicomiteBench")
                .name("StorageDirectory").value(folder.toAbsolutePath().toString())
                .name("IndexDirectory").value(folder.toAbsolutePath().toString())
                .name("HttpPort").value(port)
                .name("RemoteAccessAllowed").value(false)
                .name("AuthenticationEnabled").value(false)
                .name("DicomServerEnabled").value(false)
                .name("Plugins").beginArray().value(plugin.toString());
        if (gdcm.isPresent()) {
            w.value(gdcm.get().toString()).endArray()
                    .name("Gdcm").beginObject().name("Enable").value(true)
                    .name("RestrictTransferSyntaxes").beginArray()
                    .value("1.2.840.10008.1.2.4.90").value("1.2.840.10008.1.2.4.91")
                    .endArray().endObject();
        } else {
            w.endArray();
        }
        w.name("DicomWeb").beginObject()
                .name("Enable").value(true).name("Root").value("/dicom-web/")
                .endObject()
                .endObject();
        return json.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
