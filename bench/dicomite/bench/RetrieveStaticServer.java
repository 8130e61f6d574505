// SPDX-License-Identifier: MIT
package dicomite.bench;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limit the retrieval figures are read against: the JDK's own static file server (the
 * handler of {@code com.sun.net.httpserver.SimpleFileServer}, JDK 18 and later, which
 * {@code jwebserver} runs) serving a folder over the same {@code com.sun.net.httpserver} stack
 * as Dicomite, set up as Dicomite sets it up: a pool of request threads ({@code jwebserver}
 * itself serves one request at a time, which would cap the 4-client figure) and TCP_NODELAY
 * ({@code sun.net.httpserver.nodelay}; without it the end of each answer waits for the client's
 * delayed ACK, and one client gets a tenth of the rate).
 *
 * <p>Run as its own process with a JDK 18+ {@code java}: {@code java -cp build/classes:
 * build/bench-classes dicomite.bench.RetrieveStaticServer FOLDER}; prints
 * {@code listening on http://127.0.0.1:PORT/} and serves until stopped. {@link #start} does
 * that from the benchmark.
 */
public final class RetrieveStaticServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile(
            "listening on (http://\\S+) serving .* \\(Java (\\S+)\\)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int THREADS = 64; // as Dicomite's request threads
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final Process process;
    private final URI root;
    private final String javaVersion;

    private RetrieveStaticServer(Process process, URI root, String javaVersion) {
        this.process = process;
        this.root = root;
        this.javaVersion = javaVersion;
    }

    /**
     * Serves {@code folder} on a free loopback port until the process is stopped.
     *
     * @throws IOException when the port cannot be bound
     * @throws ReflectiveOperationException when the JDK has no SimpleFileServer (before 18)
     */
    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        if (args.length != 1) {
            System.err.println("Error: usage: RetrieveStaticServer FOLDER");
            System.exit(1);
        }
        Path folder = Path.of(args[0]).toAbsolutePath().normalize();
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true"); // read when the first server is created
        }
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", fileHandler(folder));
        server.setExecutor(Executors.newFixedThreadPool(THREADS));
        server.start();
        System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort()
                + "/ serving " + folder + " (Java " + Runtime.version() + ")");
    }

    // The benchmark compiles for Java 17, which lacks SimpleFileServer; it runs on 18+.
    private static HttpHandler fileHandler(Path folder) throws ReflectiveOperationException {
        try {
            return (HttpHandler) Class.forName("com.sun.net.httpserver.SimpleFileServer")
                    .getMethod("createFileHandler", Path.class).invoke(null, folder);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("Cannot serve " + folder + ": " + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * Starts the server over {@code folder} with {@code java} (JDK 18+), the classes on the
     * running JVM's class path, its output in {@code log}, and waits for its URL.
     *
     * @throws IOException when it cannot start, exits, or prints no URL within 30 seconds
     */
    static RetrieveStaticServer start(Path java, Path folder, Path log)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), RetrieveStaticServer.class.getName(),
                folder.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new RetrieveStaticServer(process, URI.create(m.group(1)), m.group(2));
            }
            if (!process.isAlive()) {
                throw new IOException("The static file server exited with "
                        + process.exitValue() + ": " + Files.readString(log).strip());
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IOException("The static file server printed no URL within " + START_TIMEOUT);
    }

    /** The URL of the served folder, ending with a slash. */
    URI root() {
        return root;
    }

    /** What serves the files, for the report. */
    String description() {
        return "JDK SimpleFileServer handler, Java " + javaVersion;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
