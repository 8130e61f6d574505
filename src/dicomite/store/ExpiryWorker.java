// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.storage.Archive;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background thread that deletes studies whose expiry time has passed (spec §2.1, expiry
 * headers): every interval it asks the {@link Archive} to delete them, which judges the time by
 * the server's {@link java.time.Clock}. Expiry times live in the index, so a study whose time
 * passed while the server was down goes at the first run after start.
 *
 * <pre>{@code
 * try (ExpiryWorker worker =
 *         ExpiryWorker.start(archive, ExpiryWorker.DEFAULT_INTERVAL, "expiry")) {
 *     ...
 * }
 * }</pre>
 *
 * A failed run is logged and the next one tries again. Thread-safe.
 */
public final class ExpiryWorker implements AutoCloseable {
    /** How often expired studies are looked for. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private static final System.Logger LOGGER = System.getLogger(ExpiryWorker.class.getName());

    private final Archive archive;
    private final ScheduledExecutorService executor;

    private ExpiryWorker(Archive archive, ScheduledExecutorService executor) {
        this.archive = archive;
        this.executor = executor;
    }

    /**
     * Starts a worker on a daemon thread with this name; the first run is at once.
     *
     * @throws IllegalArgumentException when the interval is not positive
     */
    public static ExpiryWorker start(Archive archive, Duration interval, String threadName) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("Expiry interval " + interval
                    + " must be positive.");
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        ExpiryWorker worker = new ExpiryWorker(archive, executor);
        executor.scheduleWithFixedDelay(worker::runLogged, 0, interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return worker;
    }

    /**
     * Deletes the studies whose time has passed, now, on the calling thread.
     *
     * @return the number of studies deleted
     * @throws IOException when the archive fails
     */
    public int runOnce() throws IOException {
        return archive.deleteExpired();
    }

    private void runLogged() {
        try {
            int deleted = runOnce();
            if (deleted > 0) {
                LOGGER.log(Level.INFO, () -> "Deleted " + deleted + " expired studies");
            }
        } catch (IOException | RuntimeException e) {
            // a thrown exception would end the schedule: log it and try again next time
            LOGGER.log(Level.WARNING, "Deleting expired studies failed", e);
        }
    }

    /**
     * Stops the worker, waiting up to five seconds for a run in progress, which is not
     * interrupted: an interrupt could close the archive's files in the middle of a delete.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
