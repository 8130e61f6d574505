// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the frame cache's extractions in the background, each once the foreground has been
 * quiet for a while: the cache marks each request ({@link #touch}), and a task waits until
 * nothing was marked for the quiet period, or until it has waited its longest, so that it
 * cannot starve. Copying an instance's frames then does not compete with the requests being
 * answered meanwhile (they read the stored file directly). Thread-safe.
 */
final class FrameWorker implements Executor {
    private static final long THREAD_IDLE = 30; // seconds before the idle thread ends
    private static final long CLOSE_WAIT = 10; // seconds close() waits for a running task
    private static final System.Logger LOG = System.getLogger(FrameWorker.class.getName());

    private final Executor executor;
    private final long quietNanos; // nanoseconds
    private final long longestWaitNanos; // nanoseconds
    private volatile long lastUse = System.nanoTime(); // System.nanoTime

    private FrameWorker(Executor executor, Duration quiet, Duration longestWait) {
        this.executor = executor;
        this.quietNanos = quiet.toNanos();
        this.longestWaitNanos = longestWait.toNanos();
    }

    /**
     * One daemon thread, "frame-extraction", ended after {@value #THREAD_IDLE} s without work,
     * that starts each task once nothing was marked for {@code quiet}, or after
     * {@code longestWait}.
     */
    static FrameWorker afterQuiet(Duration quiet, Duration longestWait) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, THREAD_IDLE, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "frame-extraction");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return new FrameWorker(pool, quiet, longestWait);
    }

    /** Tasks run by {@code executor} at once (tests drive it). */
    static FrameWorker on(Executor executor) {
        return new FrameWorker(executor, Duration.ZERO, Duration.ZERO);
    }

    /** Marks a request of the foreground. */
    void touch() {
        lastUse = System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(() -> {
            if (awaitQuiet()) {
                task.run();
            }
        });
    }

    /**
     * Drops the waiting tasks, interrupts a running one (an extraction reads the stored file
     * through an interruptible channel, so it stops at its next read) and waits for it to end,
     * so that nothing writes to the data folder afterwards.
     * Tasks given to it later are refused. Does nothing for an executor that tests drive.
     */
    void close() {
        if (!(executor instanceof ExecutorService pool)) {
            return;
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(CLOSE_WAIT, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "A frame extraction was still running "
                        + CLOSE_WAIT + " s after the server was asked to close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close} was called. */
    boolean isClosed() {
        return executor instanceof ExecutorService pool && pool.isShutdown();
    }

    // False when interrupted (the worker is closing): the task is then dropped.
    private boolean awaitQuiet() {
        long start = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long quietFor = now - lastUse;
            if (quietFor >= quietNanos || now - start >= longestWaitNanos) {
                return true;
            }
            long wait = Math.min(quietNanos - quietFor, longestWaitNanos - (now - start));
            try {
                Thread.sleep(Math.max(1, wait / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
