// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.RetrieveThroughput.Contender;
import dicomite.bench.RetrieveThroughput.Pass;
import dicomite.bench.SearchArchive.Study;
import dicomite.bench.SearchLatency.Sample;
import dicomite.bench.SearchQueries.Kind;
import dicomite.bench.SearchQueries.Query;
import dicomite.bench.SearchReport.Latencies;
import dicomite.bench.SearchReport.Load;
import dicomite.bench.StowClient.Outcome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures search and retrieval on Dicomite beside Orthanc with its DICOMweb plugin, in the same
 * run, both loaded with the same archive of small instances ({@link SearchArchive}, 100,000 by
 * default): QIDO-RS latency p50/p99 for a fixed mix of searches at the three levels
 * ({@link SearchQueries}) from 1 and 4 clients; study metadata latency; and whole-instance
 * retrieval MB/s of larger instances ({@link RetrieveSet}) against the JDK's own static file
 * server serving the same files ({@link RetrieveStaticServer}), the limit for a server that
 * sends files as they are stored.
 *
 * <p>Both servers run as processes of their own over empty folders in {@code work/search/},
 * deleted at the end (their logs stay).
 * Timed requests take short turns between the servers, so a slow spell of a shared machine
 * hits both. It prints a report and asserts nothing; bench/run.sh records it in
 * bench/results/search.txt.
 *
 * <p>Usage: {@code java -cp build/classes:build/bench-classes dicomite.bench.SearchBench
 * [--quick] [--jar dist/dicomite.jar] [--dicomite-jvm-option OPT] [--work bench/work]
 * [--orthanc /usr/sbin/Orthanc --orthanc-plugin PATH | --no-orthanc REASON]
 * [--static-java JDK18+/bin/java] [--studies N] [--orthanc-studies N]
 * [--orthanc-load-limit SECONDS] [--samples N] [--retrieve-instances N] [--passes N]}
 */
public final class SearchBench {
    /** A server under test: its process, its DICOMweb root, and the studies it holds. */
    private record Server(String name, ServerProcess process, URI root, int studies) {
        boolean isOrthanc() {
            return name.equals("Orthanc");
        }
    }

    private static final long SEED = 20_240_115;
    private static final int TURN = 35; // timed requests a server answers before the other
    private static final Duration NO_LIMIT = Duration.ofDays(1);

    private final SearchSettings settings;
    private final SearchReport report;
    private final List<ServerProcess> processes = new ArrayList<>();

    private SearchBench(SearchSettings settings, SearchReport report) {
        this.settings = settings;
        this.report = report;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        SearchSettings settings = SearchSettings.parse(args);
        new SearchBench(settings, new SearchReport(System.out, settings)).run();
    }

    private void run() throws IOException, InterruptedException {
        Path root = settings.work().resolve("search");
        StoreBench.deleteTree(root);
        Files.createDirectories(root);
        SearchArchive archive = SearchArchive.generate(settings.studies(), SEED);
        RetrieveSet retrieveSet = RetrieveSet.generate(settings.retrieveInstances(), SEED + 1);
        Study first = archive.studies().get(0);
        report.method(archive, archive.encode(first, first.series().get(0), 0).bytes().length,
                (int) retrieveSet.items().get(0).bytes());
        try {
            List<Server> servers = loadAll(archive, root);
            storeRetrieveSet(retrieveSet, servers);
            measure(archive, retrieveSet, servers, root.resolve("dicomite"));
        } finally {
            for (ServerProcess p : processes) {
                p.close();
            }
            // Over 2 GB at full size; the logs beside them stay.
            StoreBench.deleteTree(root.resolve("dicomite"));
            StoreBench.deleteTree(root.resolve("orthanc"));
        }
    }

    private List<Server> loadAll(SearchArchive archive, Path root)
            throws IOException, InterruptedException {
        List<Load> loads = new ArrayList<>();
        List<Server> servers = new ArrayList<>();
        ServerProcess dicomite = start(() -> ServerProcess.startDicomite(settings.jar(),
                root.resolve("dicomite"), settings.dicomiteJvmOptions()));
        servers.add(load("Dicomite", dicomite, archive, NO_LIMIT, loads));
        if (settings.orthanc().isPresent()) {
            ServerProcess orthanc = start(() -> ServerProcess.startOrthanc(
                    settings.orthanc().get(), settings.orthancPlugin(), root.resolve("orthanc")));
            servers.add(load("Orthanc", orthanc, archive.first(settings.orthancStudies()),
                    settings.orthancLoadLimit(), loads));
        }
        report.loads(loads);
        return servers;
    }

    /** Starts a server; see {@link StoreBench.Launcher}. */
    private ServerProcess start(Starter starter) throws IOException, InterruptedException {
        ServerProcess process = starter.start();
        processes.add(process);
        return process;
    }

    private interface Starter {
        ServerProcess start() throws IOException, InterruptedException;
    }

    private Server load(String name, ServerProcess process, SearchArchive archive,
            Duration limit, List<Load> loads) throws IOException, InterruptedException {
        Outcome outcome = new LoadArchive(process.stowUri(), name, System.err).load(
                archive.batches(SearchSettings.PER_REQUEST), archive.instanceCount(),
                SearchSettings.CLIENTS, limit);
        int studies = outcome.instances() / SearchArchive.INSTANCES_PER_STUDY;
        loads.add(new Load(name, outcome, studies, studies < archive.studies().size(),
                process.rssKiB() * 1024 / 1e6));
        return new Server(name, process, process.stowUri().resolve("./"), studies);
    }

    private void storeRetrieveSet(RetrieveSet set, List<Server> servers)
            throws InterruptedException {
        for (Server s : servers) {
            report.retrieveLoad(s.name(), set.storeInto(s.process()));
        }
        set.dropFiles();
    }

    private void measure(SearchArchive archive, RetrieveSet retrieveSet, List<Server> servers,
            Path dicomiteData) throws IOException, InterruptedException {
        int common = servers.stream().mapToInt(Server::studies).min().orElse(0);
        report.commonStudies(common, archive.studies().size());
        SearchQueries queries = new SearchQueries(archive.studies().subList(0, common), SEED);
        Map<Integer, List<Latencies>> qido = new TreeMap<>();
        for (int clients : List.of(1, SearchSettings.CLIENTS)) {
            qido.put(clients, latencies(queries, SearchQueries.SEARCHES, clients, servers));
            report.latencies("QIDO-RS latency", SearchQueries.SEARCHES, clients,
                    qido.get(clients));
        }
        for (int clients : List.of(1, SearchSettings.CLIENTS)) {
            report.latencies("Study metadata latency (10 instances a study)",
                    List.of(Kind.METADATA), clients,
                    latencies(queries, List.of(Kind.METADATA), clients, servers));
        }
        Map<Contender, Map<Integer, List<Pass>>> retrieval = retrieval(retrieveSet, servers,
                dicomiteData);
        report.retrieval(retrieval, retrieveSet.totalBytes());
        report.targets(qido, servers.get(0).studies() * SearchArchive.INSTANCES_PER_STUDY
                + retrieveSet.items().size(), retrieval);
    }

    /**
     * A warm-up on each server, then the timed requests in short turns of {@value #TURN}
     * requests, servers taking turns (and the first one changing), so that neither waits long
     * for the other: on a machine that reclaims memory left idle for a minute (this one does),
     * a server idle through a long turn of the other pays page faults on its next requests.
     */
    private List<Latencies> latencies(SearchQueries queries, List<Kind> kinds, int clients,
            List<Server> servers) throws InterruptedException {
        List<Query> warmUp = queries.mix(kinds, Math.max(10, settings.samples() / 5));
        List<Query> timed = queries.mix(kinds, settings.samples());
        Map<Server, List<Sample>> samples = new LinkedHashMap<>();
        Map<Server, Long> wall = new LinkedHashMap<>();
        for (Server s : servers) {
            client(s).run(warmUp, clients);
            samples.put(s, new ArrayList<>());
            wall.put(s, 0L);
        }
        for (int from = 0, turn = 0; from < timed.size(); from += TURN, turn++) {
            List<Query> part = timed.subList(from, Math.min(timed.size(), from + TURN));
            for (Server s : turnOrder(servers, turn)) {
                SearchLatency.Run run = client(s).run(part, clients);
                samples.get(s).addAll(run.samples());
                wall.merge(s, run.wallNanos(), Long::sum);
            }
        }
        return servers.stream().map(s -> new Latencies(s.name(), samples.get(s), wall.get(s)))
                .toList();
    }

    private static SearchLatency client(Server s) {
        return new SearchLatency(s.root(), s.isOrthanc());
    }

    static <T> List<T> turnOrder(List<T> items, int round) {
        List<T> order = new ArrayList<>(items);
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    private Map<Contender, Map<Integer, List<Pass>>> retrieval(RetrieveSet set,
            List<Server> servers, Path dicomiteData) throws IOException, InterruptedException {
        List<Contender> contenders = new ArrayList<>(set.dicomite(servers.get(0).root()));
        if (servers.size() > 1) {
            contenders.addAll(set.orthanc(servers.get(1).root()));
        }
        RetrieveStaticServer files = startStatic(dicomiteData);
        try {
            if (files != null) {
                contenders.add(set.staticFiles(files.root(), dicomiteData, files.description()));
            }
            return passes(contenders);
        } finally {
            if (files != null) {
                files.close();
            }
        }
    }

    private RetrieveStaticServer startStatic(Path dicomiteData)
            throws IOException, InterruptedException {
        if (settings.staticJava().isEmpty()) {
            report.note("Static file server: not run: no JDK 18 or later given"
                    + " (--static-java).");
            return null;
        }
        return RetrieveStaticServer.start(settings.staticJava().get(), dicomiteData,
                dicomiteData.resolveSibling("static-files.log"));
    }

    private Map<Contender, Map<Integer, List<Pass>>> passes(List<Contender> contenders)
            throws InterruptedException {
        RetrieveThroughput client = new RetrieveThroughput();
        Map<Contender, Map<Integer, List<Pass>>> results = new LinkedHashMap<>();
        contenders.forEach(c -> results.put(c, new TreeMap<>()));
        for (int clients : List.of(1, SearchSettings.CLIENTS)) {
            for (Contender c : contenders) {
                client.fetchAll(c.targets(), clients);
                results.get(c).put(clients, new ArrayList<>());
            }
            for (int pass = 0; pass < settings.passes(); pass++) {
                for (Contender c : turnOrder(contenders, pass)) {
                    results.get(c).get(clients).add(client.fetchAll(c.targets(), clients));
                }
            }
        }
        return results;
    }
}
