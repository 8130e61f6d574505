// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.dicom.Dataset;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.TransferSyntax;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures {@link Part10Reader} on a 512x512 16-bit CT ({@link CtInstance}): the header alone
 * (stopping before pixel data, what indexing a stored instance needs) and the whole file, in
 * explicit VR little endian, implicit VR little endian and explicit VR big endian, from memory
 * and from a file in bench/work/. Every case is warmed up first (all cases in turn, so the JIT
 * sees the mix a server sees), then timed call by call with System.nanoTime; it prints the
 * median, 90th percentile and mean in microseconds and the throughput. It measures only and
 * asserts nothing; bench/run.sh records the output in bench/results/.
 *
 * <p>Usage: {@code java -cp build/classes:build/bench-classes dicomite.bench.HeaderParseBench
 * [--quick] [work-dir]}
 */
public final class HeaderParseBench {
    /** The goal the figures are read against: a warm header parse of this CT. */
    private static final double TARGET_MICROS = 50;
    private static volatile long sink; // keeps results alive so no parse is optimised away

    /** A way to parse one input, measured as one case. */
    private interface Parse {
        Part10 run() throws IOException;
    }

    private record Case(String name, long bytes, Parse parse) {
    }

    private record Result(Case benchCase, long[] nanos) {
        double percentileMicros(double p) {
            return nanos[(int) Math.min(nanos.length - 1, Math.floor(p * nanos.length))] / 1e3;
        }

        double meanMicros() {
            return Arrays.stream(nanos).average().orElse(0) / 1e3;
        }

        double megabytesPerSecond() {
            return benchCase.bytes() / percentileMicros(0.5); // bytes per µs = MB/s
        }
    }

    private HeaderParseBench() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = Arrays.asList(args).contains("--quick");
        Path work = Path.of(Arrays.stream(args).filter(a -> !a.startsWith("--"))
                .findFirst().orElse("bench/work"));
        long warmupMillis = quick ? 300 : 3000;
        long measureMillis = quick ? 200 : 2000;
        Dataset ct = CtInstance.dataset();
        List<Case> cases = cases(ct, work);
        warmUp(cases, warmupMillis);
        List<Result> results = new ArrayList<>();
        for (Case c : cases) {
            results.add(measure(c, measureMillis));
        }
        print(ct, results, quick);
    }

    private static List<Case> cases(Dataset ct, Path work) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<TransferSyntax> syntaxes = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        for (TransferSyntax ts : syntaxes) {
            byte[] file = CtInstance.encode(ct, ts);
            long header = fromMemory(file, true).pixelDataOffset();
            cases.add(new Case("header, " + ts.name() + ", memory", header,
                    () -> fromMemory(file, true)));
            cases.add(new Case("whole file, " + ts.name() + ", memory", file.length,
                    () -> fromMemory(file, false)));
        }
        Files.createDirectories(work);
        Path path = work.resolve("ct-512x512-explicit-le.dcm");
        byte[] file = CtInstance.encode(ct, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Files.write(path, file);
        long header = fromMemory(file, true).pixelDataOffset();
        cases.add(new Case("header, Explicit VR Little Endian, file", header,
                () -> headerFromFile(path)));
        cases.add(new Case("whole file, Explicit VR Little Endian, file", file.length,
                () -> Part10Reader.read(path)));
        return cases;
    }

    private static Part10 fromMemory(byte[] file, boolean headerOnly) throws IOException {
        return new Part10Reader(new ByteArrayInputStream(file))
                .withStopBeforePixelData(headerOnly).read();
    }

    private static Part10 headerFromFile(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 65536)) {
            return new Part10Reader(in).withStopBeforePixelData(true).read();
        }
    }

    // All cases in turn until the time is up, so that compiled code serves every one.
    private static void warmUp(List<Case> cases, long millis) throws IOException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            for (Case c : cases) {
                for (int i = 0; i < 50; i++) {
                    timeOne(c);
                }
            }
        }
    }

    // Warm-up and measurement both call this, so both run the same compiled code.
    private static long timeOne(Case c) throws IOException {
        long start = System.nanoTime();
        Part10 parsed = c.parse().run();
        long elapsed = System.nanoTime() - start;
        sink += parsed.dataset().size();
        return elapsed;
    }

    private static Result measure(Case c, long millis) throws IOException {
        long[] nanos = new long[1 << 20];
        int n = 0;
        long end = System.nanoTime() + millis * 1_000_000;
        while (n < nanos.length && (n < 100 || System.nanoTime() < end)) {
            nanos[n++] = timeOne(c);
        }
        long[] taken = Arrays.copyOf(nanos, n);
        Arrays.sort(taken);
        return new Result(c, taken);
    }

    private static void print(Dataset ct, List<Result> results, boolean quick) {
        System.out.printf(Locale.ROOT, "Part10Reader on a synthetic %dx%d 16-bit CT: %d elements"
                + " (items included), %d pixel bytes%s%n", CtInstance.ROWS, CtInstance.COLUMNS,
                CtInstance.elementCount(ct), CtInstance.ROWS * CtInstance.COLUMNS * 2,
                quick ? " (quick run: short timings, rough figures)" : "");
        System.out.println("bytes: header bytes (up to the pixel data tag) or whole file;"
                + " MB/s = bytes / median; 1 MB = 10^6 bytes");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-46s %9s %9s %9s %8s %9s %9s%n", "case", "median µs",
                "p90 µs", "mean µs", "samples", "bytes", "MB/s");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-46s %9.1f %9.1f %9.1f %8d %9d %9.1f%n",
                    r.benchCase().name(), r.percentileMicros(0.5), r.percentileMicros(0.9),
                    r.meanMicros(), r.nanos().length, r.benchCase().bytes(),
                    r.megabytesPerSecond());
        }
        Result header = results.get(0);
        System.out.println();
        System.out.printf(Locale.ROOT, "target: header of a 512x512 16-bit CT under %.0f µs warm;"
                + " %s: median %.1f µs, p90 %.1f µs -> %s%n", TARGET_MICROS,
                header.benchCase().name(), header.percentileMicros(0.5),
                header.percentileMicros(0.9),
                header.percentileMicros(0.5) < TARGET_MICROS ? "met" : "NOT met");
    }
}
