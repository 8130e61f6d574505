// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * dcmtk's dcmcjpeg and dcmdjpeg as the oracle of the JPEG decoder tests: writes native test
 * images as Explicit VR Little Endian files, compresses them with dcmcjpeg, and reads back the
 * compressed frames and dcmdjpeg's decompression of them. Tests skip when dcmtk is absent.
 */
final class JpegOracle {
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * A compressed image: its frames as stored, the description of the compressed data set,
     * and dcmdjpeg's native frames (planar configuration 0) with their photometric.
     */
    record Compressed(List<byte[]> frames, PixelDescription stored, byte[] reference,
            String referencePhotometric) {
        byte[] referenceFrame(int index) {
            int length = Math.toIntExact(stored.frameLength());
            byte[] frame = new byte[length];
            System.arraycopy(reference, index * length, frame, 0, length);
            return frame;
        }
    }

    private JpegOracle() {
    }

    /** Whether dcmcjpeg and dcmdjpeg are on PATH. */
    static boolean available() {
        return onPath("dcmcjpeg") && onPath("dcmdjpeg");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    /** Deterministic test pixels: smooth gradients plus noise, within the stored bits. */
    static byte[] pixels(PixelDescription d, long seed) {
        Random random = new Random(seed);
        int bytes = d.bitsAllocated() / 8;
        int max = (1 << d.bitsStored()) - 1;
        byte[] out = new byte[Math.toIntExact(d.frameLength() * d.numberOfFrames())];
        int i = 0;
        for (int f = 0; f < d.numberOfFrames(); f++) {
            for (int y = 0; y < d.rows(); y++) {
                for (int x = 0; x < d.columns(); x++) {
                    for (int s = 0; s < d.samplesPerPixel(); s++, i += bytes) {
                        int v = (x * 7 + y * 5 * (s + 1) + f * 31) * (max + 1) / 512
                                + random.nextInt(Math.max(2, (max + 1) / 16));
                        v = Math.min(max, Math.max(0, v % (max + 1)));
                        out[i] = (byte) v;
                        if (bytes == 2) {
                            out[i + 1] = (byte) (v >> 8);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Writes the native image, compresses it with {@code dcmcjpeg options} and decompresses
     * that with dcmdjpeg.
     *
     * @throws IOException when a tool fails
     */
    static Compressed compress(Path dir, PixelDescription d, byte[] pixels, String... options)
            throws IOException, InterruptedException {
        Path in = dir.resolve("native.dcm");
        PixelFiles.writeNative(in, d, pixels);
        Path jpeg = dir.resolve("jpeg.dcm");
        List<String> command = new ArrayList<>(List.of("dcmcjpeg"));
        command.addAll(List.of(options));
        command.addAll(List.of(in.toString(), jpeg.toString()));
        run(command.toArray(String[]::new));
        return decompress(dir, jpeg);
    }

    /**
     * Reads the frames of a compressed file (one fragment a frame, or all fragments for one
     * frame) and dcmdjpeg's decompression of it.
     *
     * @throws IOException when dcmdjpeg fails
     */
    static Compressed decompress(Path dir, Path jpeg) throws IOException, InterruptedException {
        Path out = dir.resolve("decompressed.dcm");
        run("dcmdjpeg", jpeg.toString(), out.toString());
        Dataset compressed = Part10Reader.read(jpeg).dataset();
        PixelDescription stored = describe(compressed);
        List<byte[]> fragments = compressed.get(Tag.PixelData).fragments();
        List<byte[]> frames = new ArrayList<>(fragments.subList(1, fragments.size()));
        if (stored.numberOfFrames() == 1 && frames.size() > 1) {
            frames = List.of(concatenate(frames));
        }
        Dataset plain = Part10Reader.read(out).dataset();
        PixelDescription native1 = describe(plain);
        byte[] reference = plain.get(Tag.PixelData).value();
        if (native1.planarConfiguration() == 1) {
            reference = interleave(reference, native1);
        }
        return new Compressed(frames, stored, reference, native1.photometricInterpretation());
    }

    private static PixelDescription describe(Dataset ds) {
        try {
            return PixelDescription.of(ds);
        } catch (PixelDataException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concatenate(List<byte[]> parts) {
        int length = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static byte[] interleave(byte[] planar, PixelDescription d) {
        int bytes = d.bitsAllocated() / 8;
        int pixels = Math.toIntExact(d.pixelCount());
        int frame = Math.toIntExact(d.frameLength());
        byte[] out = new byte[planar.length];
        for (int f = 0; f * frame < planar.length; f++) {
            for (int s = 0; s < 3; s++) {
                for (int p = 0; p < pixels; p++) {
                    for (int b = 0; b < bytes; b++) {
                        out[f * frame + (p * 3 + s) * bytes + b] =
                                planar[f * frame + (s * pixels + p) * bytes + b];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Wraps one encoded frame in a file of transfer syntax {@code ts} and decompresses it with
     * dcmdjpeg.
     *
     * @throws IOException when dcmdjpeg fails
     */
    static Compressed wrap(Path dir, PixelDescription d, byte[] frame, TransferSyntax ts)
            throws IOException, InterruptedException {
        byte[] even = java.util.Arrays.copyOf(frame, frame.length + (frame.length & 1));
        Dataset ds = PixelFiles.dataset(d);
        ds.put(Element.encapsulated(Tag.PixelData, VR.OB, List.of(new byte[0], even)));
        return decompress(dir, PixelFiles.write(dir.resolve("wrapped.dcm"), ds, ts));
    }

    /** A description of a test image; planar 0, high bit = stored - 1. */
    static PixelDescription description(int rows, int columns, int samples, int allocated,
            int stored, boolean signed, String photometric, int frames) {
        return new PixelDescription(rows, columns, samples, allocated, stored, stored - 1, signed,
                photometric, 0, frames);
    }

    /** The largest absolute difference between samples of two native frames. */
    static int maxDifference(byte[] a, byte[] b, int bytesPerSample) {
        int max = 0;
        for (int i = 0; i < a.length; i += bytesPerSample) {
            int x = a[i] & 0xFF;
            int y = b[i] & 0xFF;
            if (bytesPerSample == 2) {
                x |= (a[i + 1] & 0xFF) << 8;
                y |= (b[i + 1] & 0xFF) << 8;
            }
            max = Math.max(max, Math.abs(x - y));
        }
        return max;
    }

    /**
     * Runs a command and waits for it.
     *
     * @throws IOException when it fails or outlives the timeout
     */
    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(
                () -> readAll(process.getInputStream()));
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.join());
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
