// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.StoreBench.Scenario;
import dicomite.bench.StowClient.Outcome;
import dicomite.dicom.TransferSyntax;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints the store benchmark's report: how it measured, one table a scenario with each server's
 * median instances/s, MB/s, peak and idle RSS and every repetition, the Dicomite/Orthanc ratios,
 * the large-instance table, and the targets read against the figures (reported, never
 * asserted). 1 MB = 10^6 bytes throughout; a ratio above 1 favours Dicomite for rates, and
 * means Dicomite uses more memory for RSS.
 */
final class StoreReport {
    private static final String ROW = "%-34s %-9s %9s %8s %12s %12s  %s%n";
    private static final String DICOMITE = "Dicomite";
    private static final String ORTHANC = "Orthanc";

    private final PrintStream out;
    private final StoreSettings settings;

    StoreReport(PrintStream out, StoreSettings settings) {
        this.out = out;
        this.settings = settings;
    }

    /** How the figures were made. */
    void method() throws IOException {
        int fileBytes = CtInstance.encode(CtInstance.dataset(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).length;
        out.printf("STOW-RS store: synthetic 512x512 16-bit CT (12 bits stored), Explicit VR Little"
                + " Endian, %d bytes a file,%nsent as multipart/related; type=\"application/dicom\""
                + " (one part a file) to both servers.%n", fileBytes);
        out.printf("Each scenario: both servers started afresh on empty folders, %d warm-up"
                + " instances each, then%n%d timed repetitions of %d instances taking turns"
                + " between servers; each repetition a new study and series.%n",
                settings.warmupInstances(), settings.repetitions(), settings.instances());
        out.println("inst/s, MB/s: median repetition (MB = 10^6 bytes of DICOM files);"
                + " peak RSS: VmHWM of the server process");
        out.println("over the scenario (start, warm-up, repetitions); idle RSS: VmRSS just after"
                + " start.");
        servers();
        out.println();
        out.printf(ROW, "scenario", "server", "inst/s", "MB/s", "peak RSS MB", "idle RSS MB",
                "repetitions (inst/s)");
        out.flush();
    }

    /** How each server was run. */
    private void servers() {
        out.println(ServerProcess.describeDicomite(settings.jar(), settings.dicomiteJvmOptions()));
        out.println("Orthanc: " + settings.orthanc().map(p -> p + " with "
                + settings.orthancPlugin() + ";\n  its defaults (SyncStorageArea: fsync of each"
                + " file) but storage folder, port, no auth, local clients only, no DICOM port")
                .orElse("not run: " + settings.orthancSkipReason().orElse("")));
        if (settings.quick()) {
            out.println("QUICK RUN: rough figures from few instances; run without --quick to"
                    + " compare.");
        }
    }

    /** One scenario's rows and its ratio row. */
    void scenario(Scenario scenario, List<StoreResult> results) {
        String label = scenario.name();
        for (StoreResult r : results) {
            out.printf(ROW, label, r.server(), rate(r, StoreResult::instancesPerSecond),
                    rate(r, StoreResult::megabytesPerSecond), memory(r.peakRssMegabytes()),
                    memory(r.idleRssMegabytes()), r.hasFigures() ? runs(r) : r.failure().orElse(
                    "no figures"));
            label = "";
        }
        ratios(results).ifPresent(line -> out.print(line));
        out.flush();
    }

    private Optional<String> ratios(List<StoreResult> results) {
        Optional<StoreResult> d = find(results, DICOMITE);
        Optional<StoreResult> o = find(results, ORTHANC);
        if (d.isEmpty() || o.isEmpty() || !d.get().hasFigures() || !o.get().hasFigures()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, ROW, "", "D/O",
                ratio(d.get().instancesPerSecond(), o.get().instancesPerSecond()),
                ratio(d.get().megabytesPerSecond(), o.get().megabytesPerSecond()),
                ratio(d.get().peakRssMegabytes(), o.get().peakRssMegabytes()), "",
                "(Dicomite / Orthanc)"));
    }

    /** The large instance's table. */
    void large(List<StoreResult> results) {
        out.println();
        out.printf("Large instance: %d frames of 512x512x16 bits (%d bytes of pixel data, OW),"
                + " streamed from a file%non disk by the client as one part; a server each,"
                + " started afresh.%n", settings.largeFrames(),
                (long) settings.largeFrames() * 512 * 512 * 2);
        String row = "%-9s %9s %8s %12s %12s  %s%n";
        out.printf(row, "server", "seconds", "MB/s", "peak RSS MB", "idle RSS MB", "notes");
        for (StoreResult r : results) {
            Optional<Outcome> run = r.hasFigures() ? Optional.of(r.median()) : Optional.empty();
            out.printf(row, r.server(), run.map(x -> fixed(x.nanos() / 1e9, 1)).orElse("-"),
                    run.map(x -> fixed(x.megabytesPerSecond(), 1)).orElse("-"),
                    memory(r.peakRssMegabytes()), memory(r.idleRssMegabytes()),
                    r.failure().orElse(""));
        }
        out.flush();
    }

    /** The targets, read against the figures. */
    void targets(List<StoreResult> fourClients, List<StoreResult> large) {
        out.println();
        out.println("Targets (reported, not asserted):");
        Optional<StoreResult> d4 = find(fourClients, DICOMITE).filter(StoreResult::hasFigures);
        Optional<StoreResult> o4 = find(fourClients, ORTHANC).filter(StoreResult::hasFigures);
        String speed = d4.isPresent() && o4.isPresent()
                ? verdict(d4.get().instancesPerSecond() / o4.get().instancesPerSecond(), 2.0,
                        true, "x")
                : "no figures for both servers";
        out.println("  1 instance a request, 4 clients: Dicomite inst/s >= 2x Orthanc's: " + speed);
        Optional<StoreResult> dl = find(large, DICOMITE).filter(StoreResult::hasFigures);
        String memory = dl.map(r -> verdict(r.peakRssMegabytes(), 300, false, " MB"))
                .orElse("no figure");
        out.println("  large instance: Dicomite peak RSS < 300 MB: " + memory);
        out.flush();
    }

    private static String verdict(double value, double bound, boolean atLeast, String unit) {
        boolean met = atLeast ? value >= bound : value < bound;
        return fixed(value, 2) + unit + " -> " + (met ? "met" : "NOT met");
    }

    private static Optional<StoreResult> find(List<StoreResult> results, String server) {
        return results.stream().filter(r -> r.server().equals(server)).findFirst();
    }

    private static String rate(StoreResult r, java.util.function.ToDoubleFunction<StoreResult> f) {
        return r.hasFigures() ? fixed(f.applyAsDouble(r), 1) : "-";
    }

    private static String memory(double megabytes) {
        return megabytes > 0 ? fixed(megabytes, 1) : "-";
    }

    private static String ratio(double a, double b) {
        return b > 0 ? fixed(a / b, 2) + "x" : "-";
    }

    private static String runs(StoreResult r) {
        return r.repetitions().stream().map(o -> fixed(o.instancesPerSecond(), 1))
                .collect(Collectors.joining(" "));
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
