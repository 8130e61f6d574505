// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.FramesInstances.Item;
import dicomite.bench.FramesInstances.Kind;
import dicomite.bench.FramesLatency.Ask;
import dicomite.bench.FramesLatency.Sample;
import dicomite.bench.FramesLatency.Target;
import dicomite.bench.FramesReport.Measure;
import dicomite.bench.FramesReport.Result;
import dicomite.bench.FramesReport.Row;
import dicomite.bench.StoreInputs.Instance;
import dicomite.bench.StowClient.Outcome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures frame retrieval (WADO-RS frames and rendered frames, PS3.18 §10.4.1.1.3,
 * §10.4.1.1.4; spec §3.4) on Dicomite beside Orthanc with its DICOMweb plugin, in the same run,
 * both storing the same multi-frame instances ({@link FramesInstances}), uncompressed and JPEG
 * 2000 Lossless: the latency of a frame on first access (a distinct instance a request: Dicomite
 * extracts the instance's frames then), on repeated access (the same frame again and again),
 * and of the same frame rendered as JPEG and as PNG.
 *
 * <p>Both servers run as processes of their own over empty folders in {@code work/frames/},
 * deleted at the end (their logs stay). Timed requests take short turns between the servers,
 * so a slow spell of a shared machine hits both. A case a server does not answer with 200 on
 * its first request is reported as not available, with the status, and not timed. It prints a
 * report and asserts nothing; bench/run.sh records it in bench/results/frames.txt.
 *
 * <p>Usage: {@code java -cp build/classes:build/bench-classes:lib/main/*
 * dicomite.bench.FramesBench [--quick] [--jar dist/dicomite.jar] [--dicomite-jvm-option OPT]
 * [--work bench/work] [--orthanc /usr/sbin/Orthanc --orthanc-plugin PATH | --no-orthanc
 * REASON] [--orthanc-gdcm PATH] [--instances N] [--frames N] [--samples N]}
 */
public final class FramesBench {
    /** A server under test: its process and its DICOMweb root. */
    private record Server(String name, ServerProcess process, URI root) {
    }

    private static final long SEED = 20_240_116;
    private static final int FIRST_TURN = 10; // first-access requests a server makes in a turn
    private static final int TURN = 35; // repeated requests a server makes in a turn
    private static final int WARMUP = 20; // untimed repeated requests before the timed ones
    private static final int STORE_BATCH = 5; // instances encoded and stored at a time

    private final FramesSettings settings;
    private final FramesReport report;
    private final List<Server> servers = new ArrayList<>();

    private FramesBench(FramesSettings settings, FramesReport report) {
        this.settings = settings;
        this.report = report;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        FramesSettings settings = FramesSettings.parse(args);
        new FramesBench(settings, new FramesReport(System.out, settings)).run();
    }

    private void run() throws IOException, InterruptedException {
        Path root = settings.work().resolve("frames");
        StoreBench.deleteTree(root);
        Files.createDirectories(root);
        long start = System.nanoTime();
        FramesInstances inputs = FramesInstances.generate(settings.frames(), SEED);
        report.method(inputs, System.nanoTime() - start);
        try {
            startServers(root);
            List<Row> rows = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                List<Item> items = FramesInstances.newSeries(kind,
                        settings.warmupInstances() + settings.instances());
                store(inputs, items);
                rows.addAll(measure(inputs, kind, items));
            }
            report.table(rows);
            for (Server s : servers) {
                report.memory(s.name(), s.process().peakRssKiB());
            }
            report.targets(rows);
        } finally {
            for (Server s : servers) {
                s.process().close();
            }
            StoreBench.deleteTree(root.resolve("dicomite"));
            StoreBench.deleteTree(root.resolve("orthanc"));
        }
    }

    private void startServers(Path root) throws IOException, InterruptedException {
        ServerProcess dicomite = ServerProcess.startDicomite(settings.jar(),
                root.resolve("dicomite"), settings.dicomiteJvmOptions());
        servers.add(new Server("Dicomite", dicomite, dicomite.stowUri().resolve("./")));
        if (settings.orthanc().isPresent()) {
            ServerProcess orthanc = ServerProcess.startOrthanc(settings.orthanc().get(),
                    settings.orthancPlugin(), settings.orthancGdcm(), root.resolve("orthanc"));
            servers.add(new Server("Orthanc", orthanc, orthanc.stowUri().resolve("./")));
        }
    }

    /** Encodes a few instances at a time (15 MB each) and stores them into every server. */
    private void store(FramesInstances inputs, List<Item> items)
            throws IOException, InterruptedException {
        Map<Server, long[]> totals = new LinkedHashMap<>(); // bytes, nanos
        Map<Server, List<String>> problems = new LinkedHashMap<>();
        servers.forEach(s -> totals.put(s, new long[2]));
        servers.forEach(s -> problems.put(s, new ArrayList<>()));
        for (int from = 0; from < items.size(); from += STORE_BATCH) {
            List<Instance> batch = new ArrayList<>();
            for (int i = from; i < Math.min(items.size(), from + STORE_BATCH); i++) {
                batch.add(inputs.encode(items.get(i), i + 1));
            }
            for (Server s : servers) {
                Outcome o = new StowClient(s.process().stowUri()).store(batch, 1, 1);
                totals.get(s)[0] += o.payloadBytes();
                totals.get(s)[1] += o.nanos();
                problems.get(s).addAll(o.problems());
            }
        }
        for (Server s : servers) {
            report.stored(s.name(), items.get(0).kind(), items.size(), totals.get(s)[0],
                    totals.get(s)[1], problems.get(s));
        }
    }

    private List<Row> measure(FramesInstances inputs, Kind kind, List<Item> items)
            throws InterruptedException {
        int frame = settings.frame();
        int frameBytes = inputs.frameBytes(kind, frame);
        List<Item> warm = items.subList(0, settings.warmupInstances());
        List<Item> timed = items.subList(settings.warmupInstances(), items.size());
        String frames = "/frames/" + frame;
        String rendered = frames + "/rendered";
        int count = settings.samples();
        int renders = settings.renderedSamples();
        Item one = timed.get(0);
        return List.of(
                new Row(kind, Measure.FIRST, timed.size(), firstAccess(warm, timed, frameBytes)),
                new Row(kind, Measure.REPEATED, count, repeated(one, frames, Ask.FRAME,
                        frameBytes, count)),
                new Row(kind, Measure.JPEG, renders, repeated(one, rendered, Ask.JPEG, 2,
                        renders)),
                new Row(kind, Measure.PNG, renders, repeated(one, rendered, Ask.PNG, 8,
                        renders)));
    }

    /** Frame of each instance once: the warm-up ones untimed, then the others in turns. */
    private List<Result> firstAccess(List<Item> warm, List<Item> timed, int frameBytes)
            throws InterruptedException {
        String frame = "/frames/" + settings.frame();
        Map<Server, Optional<String>> unavailable = warmUp(warm, frame, Ask.FRAME, frameBytes);
        Map<Server, List<Sample>> samples = new LinkedHashMap<>();
        servers.forEach(s -> samples.put(s, new ArrayList<>()));
        for (int from = 0, turn = 0; from < timed.size(); from += FIRST_TURN, turn++) {
            List<Item> part = timed.subList(from, Math.min(timed.size(), from + FIRST_TURN));
            for (Server s : SearchBench.turnOrder(servers, turn)) {
                if (unavailable.get(s).isEmpty()) {
                    samples.get(s).addAll(new FramesLatency().run(
                            targets(s, part, frame, Ask.FRAME, frameBytes)));
                }
            }
        }
        return results(samples, unavailable);
    }

    /** The same request {@code count} times a server, after {@value #WARMUP} untimed ones. */
    private List<Result> repeated(Item item, String suffix, Ask ask, int minBytes, int count)
            throws InterruptedException {
        Map<Server, Optional<String>> unavailable = warmUp(Collections.nCopies(WARMUP, item),
                suffix, ask, minBytes);
        Map<Server, List<Sample>> samples = new LinkedHashMap<>();
        servers.forEach(s -> samples.put(s, new ArrayList<>()));
        for (int from = 0, turn = 0; from < count; from += TURN, turn++) {
            List<Item> part = Collections.nCopies(Math.min(TURN, count - from), item);
            for (Server s : SearchBench.turnOrder(servers, turn)) {
                if (unavailable.get(s).isEmpty()) {
                    samples.get(s).addAll(new FramesLatency().run(
                            targets(s, part, suffix, ask, minBytes)));
                }
            }
        }
        return results(samples, unavailable);
    }

    /**
     * Sends the untimed requests to every server; a server whose first answer is not good has
     * the case not available, with that answer's status as the reason.
     */
    private Map<Server, Optional<String>> warmUp(List<Item> items, String suffix, Ask ask,
            int minBytes) throws InterruptedException {
        Map<Server, Optional<String>> unavailable = new LinkedHashMap<>();
        for (Server s : servers) {
            List<Sample> run = new FramesLatency().run(targets(s, items, suffix, ask, minBytes));
            unavailable.put(s, run.isEmpty() || !run.get(0).failed() ? Optional.empty()
                    : Optional.of(run.get(0).problem()));
        }
        return unavailable;
    }

    private static List<Target> targets(Server s, List<Item> items, String suffix, Ask ask,
            int minBytes) {
        return items.stream().map(i -> new Target(s.root().resolve(i.path() + suffix), ask,
                minBytes)).toList();
    }

    private List<Result> results(Map<Server, List<Sample>> samples,
            Map<Server, Optional<String>> unavailable) {
        return servers.stream().map(s -> new Result(s.name(), samples.get(s),
                unavailable.get(s))).toList();
    }
}
