// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.FramesInstances.Kind;
import dicomite.bench.FramesLatency.Sample;
import dicomite.bench.FramesLatency.Stats;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the frames benchmark's report: how it measured, the stores, one table of latencies
 * (p50 and p99, nearest rank, in milliseconds) with Dicomite and Orthanc side by side and the
 * Dicomite/Orthanc ratio of the medians (below 1 when Dicomite is faster), then the targets read
 * against the figures (reported, never asserted).
 */
final class FramesReport {
    /** What a case measures. */
    enum Measure {
        FIRST("first access"), REPEATED("repeated"), JPEG("rendered JPEG"),
        PNG("rendered PNG");

        final String label;

        Measure(String label) {
            this.label = label;
        }
    }

    /** One server's samples of a case, or why it has none. */
    record Result(String server, List<Sample> samples, Optional<String> unavailable) {
        Stats stats() {
            return Stats.of(samples);
        }

        boolean hasFigures() {
            return unavailable.isEmpty() && stats().count() > 0;
        }
    }

    /**
     * One row of the table: a kind, a measure, the timed requests a server, and each server's
     * result (Dicomite first).
     */
    record Row(Kind kind, Measure measure, int requests, List<Result> results) {
    }

    private static final String ROW = "%-44s %8s %8s | %8s %8s | %7s%n";
    private static final double FIRST_TO_REPEATED_TARGET = 2;

    private final PrintStream out;
    private final FramesSettings settings;

    FramesReport(PrintStream out, FramesSettings settings) {
        this.out = out;
        this.settings = settings;
    }

    /** How the figures were made. */
    void method(FramesInstances inputs, long encodeNanos) {
        int f = settings.frame();
        out.printf(Locale.ROOT, "Instances: Multi-frame Grayscale Word SC, %d frames of 512x512"
                + " MONOCHROME2, 16 bits (values 0-4095, a phantom);%n  uncompressed: Explicit VR"
                + " Little Endian, %,d bytes a frame;%n  JPEG 2000 Lossless: one raw codestream"
                + " (jai-imageio J2K writer) a fragment, empty offset table,%n  %,d bytes for"
                + " frame %d (encoded once in %.1f s, shared by every instance).%n",
                inputs.frames(), inputs.frameBytes(Kind.UNCOMPRESSED, f),
                inputs.frameBytes(Kind.JPEG_2000, f), f, encodeNanos / 1e9);
        out.printf(Locale.ROOT, "Each kind: %d + %d warm-up instances of one series, stored into"
                + " both servers (STOW-RS, 1 a request).%n", settings.instances(),
                settings.warmupInstances());
        out.printf(Locale.ROOT, "Requests, 1 client, frame %d: GET .../instances/{sop}/frames/%d"
                + " with Accept: %s%n  and .../frames/%d/rendered with Accept: image/jpeg, image/"
                + "png. Latency: from sending to having read the whole answer.%n", f, f,
                FramesLatency.Ask.FRAME.accept, f);
        out.printf(Locale.ROOT, "first access: frame %d of each of the %d instances once"
                + " (after %d warm-up instances), servers taking turns%n  every 10 requests;"
                + " repeated: the same frame of one instance (already fetched once), %d times"
                + " after 20 warm-up%n  requests, servers taking turns every 35; rendered: as"
                + " repeated, %d times each.%n", f, settings.instances(),
                settings.warmupInstances(), settings.samples(), settings.renderedSamples());
        servers();
        if (settings.quick()) {
            out.println("QUICK RUN: few instances and samples; run without --quick to compare.");
        }
        out.flush();
    }

    private void servers() {
        out.println(ServerProcess.describeDicomite(settings.jar(), settings.dicomiteJvmOptions()));
        out.println("Orthanc: " + settings.orthanc().map(p -> p + " with "
                + settings.orthancPlugin() + settings.orthancGdcm().map(g -> "\n  and " + g
                + " (GDCM, for JPEG 2000 only: RestrictTransferSyntaxes .4.90, .4.91)")
                .orElse("\n  and no GDCM plugin: it cannot decode JPEG 2000, so cannot render"
                + " it") + ";\n  its defaults but storage folder, port, no auth, local clients"
                + " only, no DICOM port").orElse("not run: "
                + settings.orthancSkipReason().orElse("")));
        out.println("Client and servers share the machine; other work on it is not stopped.");
    }

    /** One server's store of the instances, informative only. */
    void stored(String server, Kind kind, int instances, long bytes, long nanos,
            List<String> problems) {
        out.printf(Locale.ROOT, "  %-9s stored %d %s instances, %.0f MB, in %.1f s%s%n", server,
                instances, name(kind), bytes / 1e6,
                nanos / 1e9, problems.isEmpty() ? "" : "; FAILED: " + String.join("; ",
                problems.stream().distinct().toList()));
        out.flush();
    }

    /** The table, then a line for each result without figures or with failures. */
    void table(List<Row> rows) {
        out.println();
        out.println("Frame latency, ms (p50, p99: nearest rank); D/O: ratio of the p50s");
        out.printf(ROW, "case", "D p50", "D p99", "O p50", "O p99", "D/O p50");
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(label(row)));
            for (int i = 0; i < 2; i++) {
                Optional<Result> r = i < row.results().size() ? Optional.of(row.results().get(i))
                        : Optional.empty();
                cells.add(r.filter(Result::hasFigures).map(x -> fixed(x.stats().p50()))
                        .orElse("-"));
                cells.add(r.filter(Result::hasFigures).map(x -> fixed(x.stats().p99()))
                        .orElse("-"));
            }
            cells.add(ratio(row));
            out.printf(ROW, cells.toArray());
        }
        rows.forEach(this::notes);
        out.flush();
    }

    private static String label(Row row) {
        return name(row.kind()) + ", " + row.measure().label + " (" + row.requests() + ")";
    }

    private static String ratio(Row row) {
        if (row.results().size() < 2 || !row.results().get(0).hasFigures()
                || !row.results().get(1).hasFigures()) {
            return "-";
        }
        return fixed(row.results().get(0).stats().p50() / row.results().get(1).stats().p50())
                + "x";
    }

    private void notes(Row row) {
        String what = row.measure() == Measure.JPEG || row.measure() == Measure.PNG ? "rendered"
                : "frames";
        for (Result r : row.results()) {
            String where = "  " + r.server() + ", " + label(row) + ": ";
            r.unavailable().ifPresent(why -> out.println(where + what + ": not available ("
                    + why + ")"));
            int failures = r.stats().failures();
            if (r.unavailable().isEmpty() && failures > 0) {
                out.println(where + failures + " FAILED, e.g. " + r.samples().stream()
                        .filter(Sample::failed).findFirst().map(Sample::problem).orElse(""));
            }
        }
    }

    /** Peak resident set size of each server over the run, informative only. */
    void memory(String server, long peakKiB) {
        out.printf(Locale.ROOT, "  %-9s peak RSS over the run (VmHWM): %.0f MB%n", server,
                peakKiB * 1024 / 1e6);
    }

    /**
     * The targets: Dicomite's repeated frame p50 at most Orthanc's, for each kind; Dicomite's
     * first-access p50 at most twice its repeated p50 for uncompressed data (JPEG 2000 shown,
     * no target).
     */
    void targets(List<Row> rows) {
        out.println();
        out.println("Targets (reported, not asserted):");
        for (Kind kind : Kind.values()) {
            find(rows, kind, Measure.REPEATED).ifPresent(r -> out.println("  " + name(kind)
                    + ": repeated frame p50, Dicomite <= Orthanc: " + versusOrthanc(r)));
        }
        for (Kind kind : Kind.values()) {
            Optional<Row> first = find(rows, kind, Measure.FIRST);
            Optional<Row> repeated = find(rows, kind, Measure.REPEATED);
            if (first.isPresent() && repeated.isPresent()) {
                out.println("  " + name(kind) + (kind == Kind.UNCOMPRESSED ? ":"
                        : " (no target):") + " Dicomite first-access p50 <= 2x its repeated"
                        + " p50: " + firstVersusRepeated(first.get(), repeated.get(),
                        kind == Kind.UNCOMPRESSED));
            }
        }
        out.flush();
    }

    private static String name(Kind kind) {
        return kind == Kind.UNCOMPRESSED ? "uncompressed" : "JPEG 2000";
    }

    private static Optional<Row> find(List<Row> rows, Kind kind, Measure measure) {
        return rows.stream().filter(r -> r.kind() == kind && r.measure() == measure).findFirst();
    }

    private static String versusOrthanc(Row row) {
        if (!row.results().get(0).hasFigures()) {
            return "no Dicomite figures";
        }
        if (row.results().size() < 2 || !row.results().get(1).hasFigures()) {
            return "no Orthanc figures";
        }
        double d = row.results().get(0).stats().p50();
        double o = row.results().get(1).stats().p50();
        return SearchReport.fixed(d, 3) + " vs " + SearchReport.fixed(o, 3) + " ms = "
                + fixed(d / o) + "x -> " + (d <= o ? "met" : "NOT met");
    }

    private static String firstVersusRepeated(Row first, Row repeated, boolean isTarget) {
        Result f = first.results().get(0);
        Result r = repeated.results().get(0);
        if (!f.hasFigures() || !r.hasFigures()) {
            return "no Dicomite figures";
        }
        double ratio = f.stats().p50() / r.stats().p50();
        String verdict = ratio <= FIRST_TO_REPEATED_TARGET ? "met" : "NOT met";
        return fixed(f.stats().p50()) + " vs " + fixed(r.stats().p50()) + " ms = "
                + fixed(ratio) + "x" + (isTarget ? " -> " + verdict : " (" + verdict + ")");
    }

    private static String fixed(double value) {
        return SearchReport.fixed(value, 2);
    }
}
