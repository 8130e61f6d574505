// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.RetrieveThroughput.Contender;
import dicomite.bench.RetrieveThroughput.Pass;
import dicomite.bench.SearchLatency.Sample;
import dicomite.bench.SearchLatency.Stats;
import dicomite.bench.SearchQueries.Kind;
import dicomite.bench.StowClient.Outcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints the search benchmark's report: how it measured, the loads, one latency table for each
 * request mix and client count (Dicomite and Orthanc side by side with the Orthanc/Dicomite
 * ratios, above 1 when Dicomite is faster), the retrieval table, and the targets read against
 * the figures (reported, never asserted). 1 MB = 10^6 bytes; latencies in milliseconds.
 */
final class SearchReport {
    /** What one server's load did. */
    record Load(String server, Outcome outcome, int studies, boolean cut, double rssMegabytes) {
    }

    /** The timed samples of one server for one mix and client count, and their wall time. */
    record Latencies(String server, List<Sample> samples, long wallNanos) {
    }

    private static final String LATENCY_ROW = "%-50s %8s %8s %6s | %8s %8s %6s | %6s %6s%n";
    private static final double QIDO_P99_TARGET = 20; // ms
    private static final double SPEED_TARGET = 3; // times Orthanc's speed
    private static final double STATIC_SHARE_TARGET = 0.8;

    private final PrintStream out;
    private final SearchSettings settings;

    SearchReport(PrintStream out, SearchSettings settings) {
        this.out = out;
        this.settings = settings;
    }

    /** How the figures were made. */
    void method(SearchArchive archive, int fileBytes, int retrieveBytes) {
        out.printf(Locale.ROOT, "Archive: %,d studies x %d series x %d instances = %,d synthetic"
                + " CT-like instances (64x64x16 bits,%n%,d bytes a file), patients, names (some"
                + " accented, ISO_IR 100 and 192), dates, modalities, accession numbers%nand"
                + " referring physicians varied; loaded with STOW-RS, %d instances a request from"
                + " %d clients.%n", archive.studies().size(), SearchArchive.SERIES_PER_STUDY,
                SearchArchive.INSTANCES_PER_SERIES, archive.instanceCount(), fileBytes,
                SearchSettings.PER_REQUEST, SearchSettings.CLIENTS);
        out.printf(Locale.ROOT, "Retrieval set: %d instances of %,d bytes (512x512x16 bits),"
                + " 50 a study, stored after the archive.%n", settings.retrieveInstances(),
                retrieveBytes);
        servers();
        out.println("Both run as processes beside this client on the same machine; every"
                + " request has Accept: application/dicom+json");
        out.println("but the retrievals. Latency: from sending a request to having read the"
                + " whole answer (p50, p99:");
        out.println("nearest rank). After a warm-up on each, servers take turns every 35"
                + " timed requests: a server left");
        out.println("idle for long may find its memory reclaimed (here: DAMON pageout after 60"
                + " s) and pay page faults.");
        if (settings.quick()) {
            out.println("QUICK RUN: a small archive and few samples; run without --quick to"
                    + " compare.");
        }
        out.flush();
    }

    /** How each server was run. */
    private void servers() {
        out.println(ServerProcess.describeDicomite(settings.jar(), settings.dicomiteJvmOptions()));
        out.println("Orthanc: " + settings.orthanc().map(p -> p + " with "
                + settings.orthancPlugin() + ";\n  its defaults but storage folder, port, no"
                + " auth, local clients only, no DICOM port").orElse("not run: "
                + settings.orthancSkipReason().orElse("")));
    }

    /** The loads, informative only. */
    void loads(List<Load> loads) {
        out.println();
        out.println("Load (informative; not a target):");
        for (Load l : loads) {
            Outcome o = l.outcome();
            out.printf(Locale.ROOT, "  %-9s %,7d instances (%,d studies) in %6.1f s: %6.0f"
                    + " inst/s, %5.1f MB/s; RSS after load %.0f MB%s%n", l.server(),
                    o.instances(), l.studies(), o.nanos() / 1e9, o.instancesPerSecond(),
                    o.megabytesPerSecond(), l.rssMegabytes(), l.cut() ? "; STOPPED at the"
                    + " time limit of " + settings.orthancLoadLimit().toSeconds() + " s" : "");
            o.problems().forEach(p -> out.println("    problem: " + p));
        }
        out.flush();
    }

    /** The retrieval set's store into one server. */
    void retrieveLoad(String server, Outcome o) {
        out.printf(Locale.ROOT, "  %-9s retrieval set stored in %.1f s%s%n", server,
                o.nanos() / 1e9, o.isClean() ? "" : ": " + String.join("; ", o.problems()));
        out.flush();
    }

    /** A line of its own. */
    void note(String line) {
        out.println(line);
        out.flush();
    }

    /** The studies the queries draw from, when a server holds fewer than the archive. */
    void commonStudies(int studies, int archiveStudies) {
        if (studies < archiveStudies) {
            out.printf(Locale.ROOT, "Queries draw from the first %,d studies, which both"
                    + " servers hold; Dicomite holds %,d.%n", studies, archiveStudies);
        }
    }

    /** One mix at one client count: a row a kind, then all kinds. */
    void latencies(String title, List<Kind> kinds, int clients, List<Latencies> servers) {
        out.println();
        out.printf(Locale.ROOT, "%s, %d client%s, %d requests of each kind a server (ms; rows:"
                + " mean datasets an answer)%n", title, clients, clients == 1 ? "" : "s",
                settings.samples());
        out.printf(LATENCY_ROW, "request", "D p50", "D p99", "rows", "O p50", "O p99", "rows",
                "O/D50", "O/D99");
        for (Kind kind : kinds) {
            row(kind.label, servers, s -> s.kind() == kind);
        }
        if (kinds.size() > 1) {
            row("all of the above", servers, s -> true);
        }
        for (Latencies l : servers) {
            long failed = l.samples().stream().filter(Sample::failed).count();
            out.printf(Locale.ROOT, "  %s: %.0f requests/s over the timed requests%s%n",
                    l.server(), l.samples().size() * 1e9 / l.wallNanos(), failed == 0 ? ""
                    : "; " + failed + " FAILED, e.g. " + l.samples().stream()
                    .filter(Sample::failed).findFirst().map(Sample::problem).orElse(""));
        }
        out.flush();
    }

    private void row(String label, List<Latencies> servers,
            java.util.function.Predicate<Sample> filter) {
        List<String> cells = new ArrayList<>(List.of(label));
        List<Stats> stats = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Optional<Stats> s = i < servers.size() ? Optional.of(Stats.of(servers.get(i)
                    .samples().stream().filter(filter).toList())) : Optional.empty();
            s.ifPresent(stats::add);
            cells.add(s.map(x -> fixed(x.p50(), 2)).orElse("-"));
            cells.add(s.map(x -> fixed(x.p99(), 2)).orElse("-"));
            cells.add(s.map(x -> fixed(x.meanRows(), 1)).orElse("-"));
        }
        cells.add(stats.size() == 2 ? ratio(stats.get(1).p50(), stats.get(0).p50()) : "-");
        cells.add(stats.size() == 2 ? ratio(stats.get(1).p99(), stats.get(0).p99()) : "-");
        out.printf(LATENCY_ROW, cells.toArray());
    }

    /** The retrieval table: MB/s of the median pass for 1 and for 4 clients. */
    void retrieval(Map<Contender, Map<Integer, List<Pass>>> results, long bytes) {
        out.println();
        out.printf(Locale.ROOT, "Whole-instance retrieval: %d instances, %.1f MB a pass, every"
                + " answer read to its end;%nMB/s of the median of %d passes (after one warm-up"
                + " pass), DICOM file bytes only.%n", settings.retrieveInstances(), bytes / 1e6,
                settings.passes());
        String format = "%-13s %-46s %9s %9s  %s%n";
        out.printf(format, "server", "route", "1 client", "4 clients", "passes (MB/s, 1 | 4)");
        results.forEach((c, byClients) -> out.printf(format, c.name(), c.how(),
                rate(byClients.get(1)), rate(byClients.get(SearchSettings.CLIENTS)),
                passes(byClients.get(1)) + " | " + passes(byClients.get(SearchSettings.CLIENTS))
                + problems(byClients)));
        out.flush();
    }

    private static String rate(List<Pass> passes) {
        return passes == null || passes.isEmpty() ? "-"
                : fixed(RetrieveThroughput.median(passes).megabytesPerSecond(), 1);
    }

    private static String passes(List<Pass> passes) {
        return passes == null ? "" : passes.stream().map(p -> fixed(p.megabytesPerSecond(), 0))
                .collect(Collectors.joining(" "));
    }

    private static String problems(Map<Integer, List<Pass>> byClients) {
        return byClients.values().stream().flatMap(List::stream)
                .flatMap(p -> p.problems().stream()).findFirst()
                .map(p -> "  FAILED: " + p).orElse("");
    }

    /**
     * The targets: Dicomite's QIDO p99 under 20 ms for every kind; QIDO at least 3 times as
     * fast as Orthanc (the ratio of median latencies, kind by kind); retrieval at 80 % or more
     * of the static file server's MB/s.
     */
    void targets(Map<Integer, List<Latencies>> qido, int dicomiteInstances,
            Map<Contender, Map<Integer, List<Pass>>> retrieval) {
        out.println();
        out.println("Targets (reported, not asserted):");
        qido.forEach((clients, servers) -> {
            out.printf(Locale.ROOT, "  QIDO p99 < %.0f ms at %,d instances, %d client%s: %s%n",
                    QIDO_P99_TARGET, dicomiteInstances, clients, clients == 1 ? "" : "s",
                    worstP99(servers.get(0)));
            out.printf(Locale.ROOT, "  QIDO >= %.0fx as fast as Orthanc, %d client%s: %s%n",
                    SPEED_TARGET, clients, clients == 1 ? "" : "s", speed(servers));
        });
        for (int clients : List.of(1, SearchSettings.CLIENTS)) {
            out.printf(Locale.ROOT, "  instance retrieval >= %.0f %% of static files, %d"
                    + " client%s: %s%n", STATIC_SHARE_TARGET * 100, clients,
                    clients == 1 ? "" : "s", staticShare(retrieval, clients));
        }
        out.flush();
    }

    private static String worstP99(Latencies dicomite) {
        Map<Kind, Stats> byKind = Stats.byKind(dicomite.samples());
        Map.Entry<Kind, Stats> worst = byKind.entrySet().stream()
                .max(Map.Entry.comparingByValue(java.util.Comparator.comparingDouble(Stats::p99)))
                .orElseThrow();
        return "worst p99 " + fixed(worst.getValue().p99(), 2) + " ms (" + worst.getKey().label
                + ") -> " + (worst.getValue().p99() < QIDO_P99_TARGET ? "met" : "NOT met");
    }

    private static String speed(List<Latencies> servers) {
        if (servers.size() < 2) {
            return "no Orthanc figures";
        }
        Map<Kind, Stats> d = Stats.byKind(servers.get(0).samples());
        Map<Kind, Stats> o = Stats.byKind(servers.get(1).samples());
        Kind slowest = d.keySet().stream().min(java.util.Comparator.comparingDouble(
                k -> o.get(k).p50() / d.get(k).p50())).orElseThrow();
        double lowest = o.get(slowest).p50() / d.get(slowest).p50();
        double mean = Stats.of(servers.get(1).samples()).mean()
                / Stats.of(servers.get(0).samples()).mean();
        return "lowest ratio of medians " + fixed(lowest, 2) + "x (" + slowest.label
                + "); ratio of mean latencies over the mix " + fixed(mean, 2) + "x -> "
                + (lowest >= SPEED_TARGET ? "met" : mean >= SPEED_TARGET
                ? "met over the mix, NOT met for every kind" : "NOT met");
    }

    private static String staticShare(Map<Contender, Map<Integer, List<Pass>>> retrieval,
            int clients) {
        Optional<Double> dicomite = rateOf(retrieval, "Dicomite", "single part", clients);
        Optional<Double> files = rateOf(retrieval, "static files", "", clients);
        if (dicomite.isEmpty() || files.isEmpty()) {
            return "no figures for both";
        }
        double share = dicomite.get() / files.get();
        return fixed(dicomite.get(), 1) + " of " + fixed(files.get(), 1) + " MB/s = "
                + fixed(share * 100, 0) + " % -> " + (share >= STATIC_SHARE_TARGET ? "met"
                : "NOT met");
    }

    private static Optional<Double> rateOf(Map<Contender, Map<Integer, List<Pass>>> retrieval,
            String name, String how, int clients) {
        return retrieval.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().how().contains(how))
                .map(e -> e.getValue().get(clients)).filter(p -> p != null && !p.isEmpty()
                        && p.stream().allMatch(x -> x.problems().isEmpty()))
                .map(p -> RetrieveThroughput.median(p).megabytesPerSecond()).findFirst();
    }

    private static String ratio(double a, double b) {
        return b > 0 ? fixed(a / b, 1) + "x" : "-";
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
