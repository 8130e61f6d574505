// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.StoreInputs.Instance;
import dicomite.bench.StowClient.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Measures STOW-RS (PS3.18 §10.5; spec §2) on Dicomite and, in the same run, on Orthanc with its
 * DICOMweb plugin: instances per second, MB/s and the server's peak resident set size while
 * storing 512x512 16-bit CT instances one a request from 1 and from 4 clients, and 50 a request
 * from 1 client; then one large multi-frame instance streamed from disk, where the figure of
 * interest is the peak memory of the server.
 *
 * <p>Each scenario starts every server afresh over an empty folder as its own process (so its
 * VmHWM belongs to that scenario alone), stores a warm-up series on each, then runs the timed
 * repetitions taking turns between servers (so a slow spell of a shared machine hits both), each
 * repetition a new series with new UIDs. It prints a report and asserts nothing; bench/run.sh
 * records it in bench/results/store.txt.
 *
 * <p>Usage: {@code java -cp build/classes:build/bench-classes dicomite.bench.StoreBench
 * [--quick] [--jar dist/dicomite.jar] [--work bench/work] [--orthanc /usr/sbin/Orthanc
 * --orthanc-plugin /usr/share/orthanc/plugins/libOrthancDicomWeb.so | --no-orthanc REASON]
 * [--large-orthanc-timeout SECONDS] [--no-large-orthanc REASON] [--instances N]
 * [--repetitions N] [--profile]}
 */
public final class StoreBench {
    /** How a scenario sends its instances. */
    record Scenario(String name, String key, int perRequest, int clients) {
    }

    /** Starts one server over a folder; Dicomite and Orthanc each have one. */
    interface Launcher {
        ServerProcess start(Path folder) throws IOException, InterruptedException;
    }

    private record Contender(String name, Launcher launcher) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("1 instance a request, 1 client", "single-1", 1, 1),
            new Scenario("1 instance a request, 4 clients", "single-4", 1, 4),
            new Scenario("50 instances a request, 1 client", "batch50-1", 50, 1));

    private final StoreSettings settings;
    private final StoreReport report;
    private final StoreInputs inputs = new StoreInputs();
    private final List<Contender> contenders;

    private StoreBench(StoreSettings settings, StoreReport report) {
        this.settings = settings;
        this.report = report;
        this.contenders = contenders(settings);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        StoreSettings settings = StoreSettings.parse(args);
        StoreReport report = new StoreReport(System.out, settings);
        new StoreBench(settings, report).run();
    }

    private void run() throws IOException, InterruptedException {
        Path root = settings.work().resolve("store");
        deleteTree(root);
        Files.createDirectories(root);
        report.method();
        List<List<StoreResult>> all = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            List<StoreResult> results = runScenario(scenario, root);
            report.scenario(scenario, results);
            all.add(results);
        }
        List<StoreResult> large = runLarge(root);
        report.large(large);
        report.targets(all.get(1), large);
        if (settings.profile()) {
            new StoreProfile(settings, inputs).run(root);
        }
    }

    private List<Contender> contenders(StoreSettings s) {
        List<Contender> list = new ArrayList<>();
        list.add(new Contender("Dicomite", folder ->
                ServerProcess.startDicomite(s.jar(), folder, s.dicomiteJvmOptions())));
        if (s.orthanc().isPresent()) {
            list.add(new Contender("Orthanc", folder ->
                    ServerProcess.startOrthanc(s.orthanc().get(), s.orthancPlugin(), folder)));
        }
        return list;
    }

    private List<StoreResult> runScenario(Scenario scenario, Path root)
            throws IOException, InterruptedException {
        List<Side> sides = new ArrayList<>();
        try {
            for (Contender c : contenders) {
                String folder = c.name().toLowerCase(Locale.ROOT) + "-" + scenario.key();
                sides.add(Side.start(c, root.resolve(folder)));
            }
            for (Side side : sides) {
                side.warmUp(inputs, settings.warmupInstances(), scenario);
            }
            for (int rep = 0; rep < settings.repetitions(); rep++) {
                for (Side side : turnOrder(sides, rep)) {
                    side.repeat(inputs, settings.instances(), scenario);
                }
            }
            return sides.stream().map(Side::finish).toList();
        } finally {
            for (Side side : sides) {
                side.close();
            }
        }
    }

    /** Alternates who goes first, so neither server always follows the other's disk flushes. */
    private static List<Side> turnOrder(List<Side> sides, int rep) {
        List<Side> order = new ArrayList<>(sides);
        if (rep % 2 == 1) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    private List<StoreResult> runLarge(Path root) throws IOException, InterruptedException {
        Path file = root.resolve("large.dcm");
        String sop = inputs.writeMultiFrame(file, settings.largeFrames());
        try {
            List<StoreResult> results = new ArrayList<>();
            for (Contender c : contenders) {
                Path folder = root.resolve(c.name().toLowerCase(Locale.ROOT) + "-large");
                results.add(runLarge(c, folder, file, sop));
            }
            return results;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private StoreResult runLarge(Contender contender, Path folder, Path file, String sop)
            throws IOException, InterruptedException {
        Optional<String> skip = contender.name().equals("Orthanc")
                ? settings.largeOrthancSkipReason() : Optional.empty();
        if (skip.isPresent()) {
            return StoreResult.failed(contender.name(), "not run: " + skip.get());
        }
        Duration timeout = contender.name().equals("Orthanc")
                ? settings.largeOrthancTimeout() : Duration.ofMinutes(10);
        Side side = Side.start(contender, folder);
        try {
            side.storeFile(file, sop, timeout);
            return side.finish();
        } finally {
            side.close();
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One server during one scenario: its process, timed runs, and failure if any. */
    private static final class Side {
        private final String name;
        private final Path folder;
        private ServerProcess process;
        private final List<Outcome> repetitions = new ArrayList<>();
        private long idleRssKiB;
        private long peakRssKiB;
        private String failure;

        private Side(String name, Path folder) {
            this.name = name;
            this.folder = folder;
        }

        static Side start(Contender contender, Path folder) throws InterruptedException {
            Side side = new Side(contender.name(), folder);
            try {
                side.process = contender.launcher().start(folder);
                side.idleRssKiB = side.process.rssKiB();
            } catch (IOException e) {
                side.failure = "did not start: " + e.getMessage();
            }
            return side;
        }

        void warmUp(StoreInputs inputs, int count, Scenario scenario)
                throws IOException, InterruptedException {
            if (failure == null && count > 0) {
                record(inputs.newSeries(count), scenario, "warm-up");
            }
        }

        void repeat(StoreInputs inputs, int count, Scenario scenario)
                throws IOException, InterruptedException {
            if (failure == null) {
                record(inputs.newSeries(count), scenario, "timed run")
                        .ifPresent(repetitions::add);
            }
        }

        private Optional<Outcome> record(List<Instance> series, Scenario scenario, String what)
                throws InterruptedException {
            Outcome outcome = new StowClient(process.stowUri())
                    .store(series, scenario.perRequest(), scenario.clients());
            return check(outcome, what);
        }

        void storeFile(Path file, String sop, Duration timeout)
                throws IOException, InterruptedException {
            if (failure == null) {
                check(new StowClient(process.stowUri()).storeFile(file, sop, timeout), "store")
                        .ifPresent(repetitions::add);
            }
        }

        private Optional<Outcome> check(Outcome outcome, String what) {
            if (!outcome.isClean()) {
                failure = what + " failed after " + Math.round(outcome.nanos() / 1e9) + " s: "
                        + String.join("; ", outcome.problems())
                        + (process.isAlive() ? "" : " (server exited: " + process.logTail() + ")");
                return Optional.empty();
            }
            return Optional.of(outcome);
        }

        StoreResult finish() {
            readPeak();
            return new StoreResult(name, List.copyOf(repetitions), idleRssKiB, peakRssKiB,
                    Optional.ofNullable(failure));
        }

        private void readPeak() {
            try {
                if (process != null) {
                    peakRssKiB = process.peakRssKiB();
                }
            } catch (IOException e) {
                failure = failure != null ? failure : "no VmHWM: " + e.getMessage();
            }
        }

        void close() throws IOException {
            if (process != null) {
                process.close();
                process = null;
            }
            deleteTree(folder);
        }
    }
}
