// SPDX-License-Identifier: MIT
package dicomite.store;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dicomite server in a process of its own, so that a test can kill it as a crash would
 * (SIGKILL: no shutdown hook, no flush, no clean close) and start it again over the same folder.
 *
 * <p>It runs {@code dicomite.Main --port 0 --data DIR} with this JVM's java and class path, so
 * the classes under test are the ones the test was compiled with, however the tests were
 * launched (the jar may be older than {@code build/classes} after {@code make compile-tests}).
 * Its output goes to a log file beside the data folder; its URL is read from the line
 * "Dicomite VERSION listening on URL (data: DIR)".
 *
 * <pre>{@code
 * ServerProcess server = ServerProcess.start(data);
 * ... server.uri("v2/studies") ...
 * server.kill();
 * }</pre>
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL = 10; // milliseconds
    private static final int TAIL = 4000; // characters of log shown in a failure

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private ServerProcess(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /**
     * Starts a server over the data folder and waits until it listens.
     *
     * @throws IOException when it exits or prints no URL within a minute (the message holds
     *     the end of its log)
     */
    static ServerProcess start(Path data) throws IOException, InterruptedException {
        Path log = data.resolveSibling(data.getFileName() + ".log");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dicomite.Main",
                "--port", "0", "--data", data.toString());
        long earlierOutput = Files.exists(log) ? Files.size(log) : 0; // bytes of earlier starts
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            return new ServerProcess(process, awaitUri(process, log, earlierOutput), log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly().waitFor();
            throw e;
        }
    }

    // Reads the log as ISO-8859-1, one char a byte, so that a half-written line never fails
    // to decode and the output of earlier starts is skipped by its length.
    private static URI awaitUri(Process process, Path log, long earlierOutput)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            Matcher m = LISTENING.matcher(text);
            if (m.find((int) Math.min(earlierOutput, text.length()))) {
                return URI.create(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("The server exited with " + process.exitValue()
                        + " before listening:\n" + tail(text));
            }
            Thread.sleep(POLL);
        }
        throw new IOException("The server printed no URL within " + START_TIMEOUT + ":\n"
                + tail(Files.readString(log, StandardCharsets.ISO_8859_1)));
    }

    /** The base URI, ending in "/". */
    URI baseUri() {
        return baseUri;
    }

    /**
     * Kills the process with SIGKILL, as a crash or power cut would end it, and waits for it to
     * be gone.
     */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Process " + process.pid() + " outlived SIGKILL");
        }
    }

    /** The end of everything the server printed, across its starts, to explain a failure. */
    String logTail() {
        try {
            return tail(Files.readString(log, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String tail(String text) {
        return text.length() <= TAIL ? text : "..." + text.substring(text.length() - TAIL);
    }

    /**
     * Stops the server as an operator would (SIGTERM: a clean close), killing it after 30 s or
     * at once when interrupted.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Dicomite process " + process.pid() + " at " + baseUri + " (log " + log + ")";
    }
}
