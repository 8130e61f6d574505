// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Test images for the renderer: descriptions and sample values, files (made with
 * {@link PixelFiles}) rendered by dcmtk's {@code dcmj2pnm} to raw PGM/PPM (the oracle), and our
 * own PNG output read back as 8-bit samples. Stateless.
 */
final class RenderFixtures {
    private RenderFixtures() {
    }

    /** A grey description: rows, columns, bits allocated and stored, signedness. */
    static PixelDescription grey(int rows, int columns, int allocated, int stored,
            boolean signed) {
        return PixelFiles.grey(rows, columns, allocated, stored, signed, 1);
    }

    /** An 8-bit colour description. */
    static PixelDescription colour(int rows, int columns, String photometric, int planar) {
        return new PixelDescription(rows, columns, 3, 8, 8, 7, false, photometric, planar, 1);
    }

    /** Little-endian 16-bit words of the values. */
    static byte[] words(int[] values) {
        byte[] b = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            b[2 * i] = (byte) values[i];
            b[2 * i + 1] = (byte) (values[i] >> 8);
        }
        return b;
    }

    /** A repeatable mix of a gradient and noise, values from {@code low} to {@code high}. */
    static int[] values(int count, int low, int high, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            long gradient = (long) (high - low) * i / Math.max(1, count - 1);
            int noise = random.nextInt(Math.max(1, (high - low) / 8));
            v[i] = (int) Math.min(high, low + gradient + noise);
        }
        return v;
    }

    /** Whether dcmj2pnm is on PATH. */
    static boolean hasDcmj2pnm() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).filter(p -> !p.isEmpty())
                .anyMatch(p -> Files.isExecutable(Path.of(p, "dcmj2pnm")));
    }

    /**
     * dcmtk's 8-bit rendering of a file, as raw PGM or PPM samples.
     *
     * @param options dcmj2pnm options, e.g. {@code +Wi 1}
     */
    static int[] dcmj2pnm(Path file, String... options) throws IOException,
            InterruptedException {
        Path out = file.resolveSibling(file.getFileName() + ".pnm");
        List<String> command = new ArrayList<>(List.of("dcmj2pnm", "+op"));
        command.addAll(List.of(options));
        command.addAll(List.of(file.toString(), out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("dcmj2pnm failed on " + file + ": " + log);
        }
        return readPnm(Files.readAllBytes(out));
    }

    // Netpbm: raw PNM is "P5" or "P6", width, height and maxval separated by white space (and
    // comments), one more white space byte, then the samples.
    static int[] readPnm(byte[] pnm) {
        int[] pos = {2};
        int width = token(pnm, pos);
        int height = token(pnm, pos);
        token(pnm, pos);
        int channels = pnm[1] == '6' ? 3 : 1;
        int[] samples = new int[width * height * channels];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = pnm[pos[0] + 1 + i] & 0xFF;
        }
        return samples;
    }

    private static int token(byte[] b, int[] pos) {
        int p = pos[0];
        while (Character.isWhitespace(b[p]) || b[p] == '#') {
            if (b[p] == '#') {
                while (b[p] != '\n') {
                    p++;
                }
            }
            p++;
        }
        int value = 0;
        for (; Character.isDigit(b[p]); p++) {
            value = value * 10 + (b[p] - '0');
        }
        pos[0] = p;
        return value;
    }

    /** Our rendering of a frame as PNG, read back as 8-bit samples (R G B interleaved). */
    static int[] renderPng(byte[] pixels, PixelDescription d, Dataset ds, int frame)
            throws IOException, PixelDataException {
        byte[] png = Renderer.render(new DecodedFrame(pixels, d), ds, frame,
                RenderedFormat.PNG, 100);
        return samples(ImageIO.read(new ByteArrayInputStream(png)));
    }

    /** The samples of an image, bands interleaved. */
    static int[] samples(BufferedImage image) {
        Raster r = image.getRaster();
        return r.getPixels(0, 0, r.getWidth(), r.getHeight(), (int[]) null);
    }

    /** The largest absolute difference between two sample arrays of equal length. */
    static int maxDifference(int[] a, int[] b) {
        assert a.length == b.length;
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
