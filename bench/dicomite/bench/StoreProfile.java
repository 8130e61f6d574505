// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A poor man's profile of Dicomite while it stores: an extra, untimed run of the 4-client
 * scenario during which {@code jcmd <pid> Thread.print} is taken again and again; the
 * request threads ({@code dicomite-*}) that are doing something (not idle in the pool's queue)
 * are counted by their top frame and the nearest Dicomite frame below it. The most frequent
 * pairs point at where request time goes: a disk flush, socket reads, parsing, SQL.
 *
 * <p>Each jcmd starts a JVM, which takes CPU from the server, so this run is never timed.
 */
final class StoreProfile {
    private static final long INTERVAL_MILLIS = 200; // between dumps; a dump takes longer
    private static final int SHOWN = 12;
    private static final int MIN_DUMPS = 40;
    private static final long MAX_SECONDS = 60; // of sampling, at most

    private final StoreSettings settings;
    private final StoreInputs inputs;
    private final Map<String, Integer> counts = new HashMap<>();
    private final AtomicInteger dumps = new AtomicInteger();
    private int busy;

    StoreProfile(StoreSettings settings, StoreInputs inputs) {
        this.settings = settings;
        this.inputs = inputs;
    }

    /**
     * Runs the sampled store into a new folder under {@code root} and prints the hot spots.
     *
     * @throws IOException when Dicomite does not start or its inputs cannot be made
     */
    void run(Path root) throws IOException, InterruptedException {
        Path folder = root.resolve("dicomite-profile");
        ServerProcess server = ServerProcess.startDicomite(settings.jar(), folder,
                settings.dicomiteJvmOptions());
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> sample(server.pid(), done), "sampler");
        try {
            StowClient client = new StowClient(server.stowUri());
            client.store(inputs.newSeries(settings.warmupInstances()), 1, 4);
            sampler.start();
            StowClient.Outcome outcome = storeUntilSampled(client);
            done.set(true);
            sampler.join();
            print(outcome);
        } finally {
            done.set(true);
            server.close();
            StoreBench.deleteTree(folder);
        }
    }

    /** Stores series after series until enough dumps are taken or the time is up. */
    private StowClient.Outcome storeUntilSampled(StowClient client)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + MAX_SECONDS * 1_000_000_000L;
        StowClient.Outcome outcome;
        do {
            outcome = client.store(inputs.newSeries(settings.instances()), 1, 4);
        } while (outcome.isClean() && dumps.get() < MIN_DUMPS && System.nanoTime() < deadline);
        return outcome;
    }

    private void sample(long pid, AtomicBoolean done) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        while (!done.get()) {
            try {
                Process p = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print")
                        .redirectErrorStream(true).start();
                String dump = new String(p.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8);
                p.waitFor(10, TimeUnit.SECONDS);
                count(dump);
                Thread.sleep(INTERVAL_MILLIS);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void count(String dump) {
        dumps.incrementAndGet();
        for (String block : dump.split("\n\\s*\n")) {
            if (!block.startsWith("\"dicomite-") || block.contains("ThreadPoolExecutor.getTask")) {
                continue;
            }
            List<String> frames = block.lines().map(String::strip)
                    .filter(l -> l.startsWith("at ")).map(l -> l.substring(3)).toList();
            String state = block.lines().map(String::strip)
                    .filter(l -> l.startsWith("java.lang.Thread.State: ")).findFirst()
                    .map(l -> l.substring(24)).orElse("?");
            busy++;
            counts.merge(key(state, frames), 1, Integer::sum);
        }
    }

    private static String key(String state, List<String> frames) {
        String top = frames.isEmpty() ? "(no frames)" : method(frames.get(0));
        String own = frames.stream().filter(f -> f.startsWith("dicomite.")).findFirst()
                .map(StoreProfile::method).orElse("-");
        return state.split(" ")[0] + " " + top + "  <-  " + own;
    }

    /** "a.b.C.m(File.java:12)" without the source position, which varies within a method. */
    private static String method(String frame) {
        int paren = frame.indexOf('(');
        return paren < 0 ? frame : frame.substring(0, paren);
    }

    private synchronized void print(StowClient.Outcome outcome) {
        System.out.println();
        System.out.printf("Profile hint (untimed run, series of %d instances from 4 clients, last"
                + " %s): %d thread dumps,%n%d busy request-thread samples; share by top frame <-"
                + " nearest Dicomite frame:%n", outcome.instances(), outcome.isClean() ? "clean"
                : "with problems", dumps.get(), busy);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(SHOWN)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / busy,
                        e.getKey()));
        System.out.flush();
    }
}
