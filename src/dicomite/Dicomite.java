// SPDX-License-Identifier: MIT
package dicomite;

import com.sun.net.httpserver.HttpServer;
import dicomite.delete.DeleteHandler;
import dicomite.http.HealthHandler;
import dicomite.http.Router;
import dicomite.retrieve.RetrieveHandler;
import dicomite.search.SearchHandler;
import dicomite.storage.Archive;
import dicomite.store.ExpiryWorker;
import dicomite.store.StoreHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running Dicomite server: the embedding API. Start one over a data folder, call it at
 * {@link #baseUri()}, close it when done.
 *
 * <pre>{@code
 * try (Dicomite dicom = Dicomite.start(folder)) {          // a free port on 127.0.0.1
 *     HttpResponse<String> health = HttpClient.newHttpClient().send(
 *             HttpRequest.newBuilder(dicom.baseUri().resolve("health/check")).build(),
 *             HttpResponse.BodyHandlers.ofString());
 * }
 * }</pre>
 *
 * <p>There is no static state: several servers run side by side in one JVM, each with its own
 * port, folder and threads. Requests are served by up to {@value #MAX_THREADS} threads per
 * server; more wait in a queue. Thread-safe.
 */
public final class Dicomite implements AutoCloseable {
    static final int MAX_THREADS = 64;
    private static final int BACKLOG = 128; // pending connections
    private static final System.Logger LOGGER = System.getLogger(Dicomite.class.getName());

    private final Config config;
    private final Path dataFolder;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Archive archive;
    private final ExpiryWorker expiry;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Wires the routes and the expiry worker over the open archive, then starts listening.
    private Dicomite(Config config, Path dataFolder, Archive archive, HttpServer server) {
        this.config = config;
        this.dataFolder = dataFolder;
        this.archive = archive;
        this.server = server;
        int port = server.getAddress().getPort();
        this.executor = newExecutor(port);
        server.setExecutor(executor);
        server.createContext("/", routes(config, dataFolder, archive));
        this.expiry = ExpiryWorker.start(archive, ExpiryWorker.DEFAULT_INTERVAL,
                "dicomite-" + port + "-expiry");
        server.start();
    }

    /**
     * Asks the JDK's HTTP server for TCP_NODELAY on its connections. Without it, a response
     * written in two segments waits for the client's delayed ACK, adding about 40 ms to each
     * request. The server reads the property once, when its first instance is made; a value set
     * by the embedding application is left alone.
     */
    private static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * Starts a server with these settings, creating the data folder if missing.
     *
     * @throws java.nio.file.FileSystemException when the data folder cannot be created
     * @throws java.net.BindException when the address is in use or not local
     * @throws UnknownHostException when the host does not resolve
     * @throws IOException when the archive in the folder cannot be opened (see Archive#open)
     */
    public static Dicomite start(Config config) throws IOException {
        Path dataFolder = config.data().toAbsolutePath().normalize();
        Files.createDirectories(dataFolder);
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(config.host());
        }
        disableNagle();
        HttpServer server = HttpServer.create(address, BACKLOG); // binds: a taken port fails first
        Archive archive;
        try {
            archive = Archive.open(dataFolder, config.clock());
        } catch (IOException | RuntimeException e) {
            server.stop(0);
            throw e;
        }
        try {
            return new Dicomite(config, dataFolder, archive, server);
        } catch (RuntimeException e) {
            server.stop(0);
            archive.close();
            throw e;
        }
    }

    /**
     * Starts a server on a free port of 127.0.0.1 over this folder, other settings at their
     * defaults.
     *
     * @throws IOException as {@link #start(Config)}
     */
    public static Dicomite start(Path dataFolder) throws IOException {
        return start(Config.defaults().withPort(0).withData(dataFolder));
    }

    /** The route table: each feature adds its routes here. */
    private static Router routes(Config config, Path dataFolder, Archive archive) {
        Router router = new Router();
        router.add("GET", "/health/check", new HealthHandler(dataFolder));
        StoreHandler.register(router, archive, config);
        DeleteHandler.register(router, archive);
        RetrieveHandler.register(router, archive, config);
        SearchHandler.register(router, archive, config);
        return router;
    }

    /** Threads made on demand up to the bound and ended when idle, so an idle server holds none. */
    private static ExecutorService newExecutor(int port) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "dicomite-" + port + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS,
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The URL clients use, ending in "/", e.g. {@code http://127.0.0.1:54321/}. */
    public URI baseUri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The port the server listens on (the one picked when the config said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The absolute data folder. */
    public Path dataFolder() {
        return dataFolder;
    }

    /** The settings the server started with. */
    public Config config() {
        return config;
    }

    /**
     * The stored instances: files and index. For tools and tests that look past the HTTP API,
     * e.g. to compare stored bytes or to run the expiry now ({@code archive().deleteExpired()}).
     */
    public Archive archive() {
        return archive;
    }

    /**
     * Stops listening at once, ends requests in progress, stops the expiry worker, closes the
     * archive (which first stops the background frame extraction, waiting up to 10 s for a
     * running one) and frees the port. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        expiry.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            archive.close();
        } catch (IOException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Closing the archive in " + dataFolder
                    + " failed; the next start checks it", e);
        }
    }
}
