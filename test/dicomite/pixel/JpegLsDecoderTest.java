// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomite.dicom.Dataset;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JpegLsDecoder} against dcmtk: images made here are compressed with dcmcjpls
 * (lossless, near-lossless, every interleave mode), decoded with ours and with dcmdjpls, and
 * the pixels must be equal byte for byte. Also the fixtures, and header checks. Tests needing
 * dcmtk are skipped when it is not installed.
 */
class JpegLsDecoderTest {
    @TempDir
    Path temp;

    /** An image to generate: size, layout and the dcmcjpls options to compress it with. */
    record Image(String name, int rows, int columns, int samples, int bitsAllocated,
            int bitsStored, boolean signed, int frames, List<String> options) {
        PixelDescription description() {
            return new PixelDescription(rows, columns, samples, bitsAllocated, bitsStored,
                    bitsStored - 1, signed, samples == 3 ? "RGB" : "MONOCHROME2", 0, frames);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Image> images() {
        return Stream.of(
                new Image("8-bit grey", 48, 64, 1, 8, 8, false, 1, List.of("+el")),
                new Image("16-bit grey", 48, 64, 1, 16, 16, false, 1, List.of("+el")),
                new Image("12-bit stored", 48, 64, 1, 16, 12, false, 1, List.of("+el")),
                new Image("signed 16-bit", 48, 64, 1, 16, 16, true, 1, List.of("+el")),
                new Image("signed 12-bit", 33, 20, 1, 16, 12, true, 1, List.of("+el")),
                new Image("odd 17x13", 13, 17, 1, 8, 8, false, 1, List.of("+el")),
                new Image("rgb line", 13, 17, 3, 8, 8, false, 1, List.of("+el", "+il")),
                new Image("rgb sample", 13, 17, 3, 8, 8, false, 1, List.of("+el", "+is")),
                new Image("rgb none", 13, 17, 3, 8, 8, false, 1, List.of("+el", "+in")),
                new Image("rgb default", 40, 30, 3, 8, 8, false, 1, List.of("+el", "+iv")),
                new Image("near 8-bit", 48, 64, 1, 8, 8, false, 1, List.of("+en")),
                new Image("near 16-bit deviation 5", 48, 64, 1, 16, 16, false, 1,
                        List.of("+en", "+md", "5")),
                new Image("near 12-bit", 31, 29, 1, 16, 12, false, 1, List.of("+en", "+md", "3")),
                new Image("near rgb line", 13, 17, 3, 8, 8, false, 1, List.of("+en", "+il")),
                new Image("near rgb sample", 13, 17, 3, 8, 8, false, 1, List.of("+en", "+is")),
                new Image("near rgb none", 13, 17, 3, 8, 8, false, 1, List.of("+en", "+in")),
                new Image("thresholds given", 48, 64, 1, 8, 8, false, 1,
                        List.of("+el", "+t1", "5", "+t2", "9", "+t3", "30", "+rs", "32")),
                new Image("cooked 16-bit", 48, 64, 1, 16, 16, false, 1, List.of("+el", "+pc")),
                new Image("zero padding", 13, 17, 1, 8, 8, false, 1, List.of("+el", "+pz")),
                new Image("multi-frame", 16, 12, 1, 16, 10, false, 12, List.of("+el", "-ot")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void decodesEveryFrameAsDcmdjplsDoes(Image image) throws Exception {
        Dcmtk.assumeInstalled("dcmcjpls", "dcmdjpls");
        Path source = PixelFiles.writeNative(temp.resolve("native.dcm"), image.description(),
                Dcmtk.pixels(image.description(), image.name().hashCode()));
        Path compressed = temp.resolve("jls.dcm");
        List<String> command = new ArrayList<>(List.of("dcmcjpls"));
        command.addAll(image.options());
        command.addAll(List.of(source.toString(), compressed.toString()));
        Dcmtk.run(command.toArray(String[]::new));
        assertDecodesLike(compressed, "dcmdjpls", image.frames());
    }

    @Test
    void decodesTheSingleFrameFixture() throws Exception {
        Dcmtk.assumeInstalled("dcmdjpls");
        assertDecodesLike(Path.of("fixtures/valid/jpeg-ls-lossless.dcm"), "dcmdjpls", 1);
    }

    @Test
    void decodesTheMultiFrameFixtureWithoutOffsetTable() throws Exception {
        Dcmtk.assumeInstalled("dcmdjpls");
        assertDecodesLike(Path.of("fixtures/valid/multiframe-jpeg-ls-no-offset-table.dcm"),
                "dcmdjpls", 12);
    }

    private void assertDecodesLike(Path compressed, String decompressor, int frames)
            throws Exception {
        Dcmtk.Frames reference = Dcmtk.decompress(compressed, decompressor, temp);
        PixelFiles.assertDecodesEveryFrame(new JpegLsDecoder(), compressed, frames,
                reference::frame);
    }

    @Test
    void rejectsAFrameHeaderThatDisagreesWithThePixelDescription() throws Exception {
        byte[] frame = Dcmtk.fragment(Path.of("fixtures/valid/jpeg-ls-lossless.dcm"), 1);
        PixelDescription stored = Dcmtk.description(Path.of("fixtures/valid/jpeg-ls-lossless.dcm"));
        PixelDescription taller = new PixelDescription(stored.rows() + 1, stored.columns(), 1,
                stored.bitsAllocated(), stored.bitsStored(), stored.highBit(), false,
                "MONOCHROME2", 0, 1);
        assertThatThrownBy(() -> new JpegLsDecoder().decode(frame, taller))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("SOF55 gives " + stored.rows() + " rows")
                .hasMessageContaining("Rows " + (stored.rows() + 1));
        PixelDescription colour = new PixelDescription(stored.rows(), stored.columns(), 3,
                stored.bitsAllocated(), stored.bitsStored(), stored.highBit(), false, "RGB", 0, 1);
        assertThatThrownBy(() -> new JpegLsDecoder().decode(frame, colour))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("1 components").hasMessageContaining("SamplesPerPixel 3");
    }

    @Test
    void rejectsAPrecisionAboveBitsAllocated() throws Exception {
        Path file = Path.of("fixtures/valid/jpeg-ls-lossless.dcm");
        PixelDescription stored = Dcmtk.description(file);
        byte[] frame = Dcmtk.fragment(file, 1);
        int precision = frame[indexOf(frame, (byte) 0xFF, (byte) 0xF7) + 4];
        assertThat(precision).isGreaterThan(8);
        PixelDescription eightBit = new PixelDescription(stored.rows(), stored.columns(), 1,
                8, 8, 7, false, "MONOCHROME2", 0, 1);
        assertThatThrownBy(() -> new JpegLsDecoder().decode(frame, eightBit))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("precision " + precision)
                .hasMessageContaining("BitsAllocated 8");
    }

    @Test
    void computesTheDefaultThresholdsDcmcjplsWritesInItsPresetSegment() throws Exception {
        Path file = Path.of("fixtures/valid/jpeg-ls-lossless.dcm");
        PixelDescription stored = Dcmtk.description(file);
        byte[] frame = Dcmtk.fragment(file, 1);
        int lse = indexOf(frame, (byte) 0xFF, (byte) 0xF8);
        int length = (frame[lse + 2] & 0xFF) << 8 | frame[lse + 3] & 0xFF;
        byte[] withoutPreset = new byte[frame.length - length - 2];
        System.arraycopy(frame, 0, withoutPreset, 0, lse);
        System.arraycopy(frame, lse + length + 2, withoutPreset, lse,
                frame.length - lse - length - 2);
        assertThat(new JpegLsDecoder().decode(withoutPreset, stored).pixels())
                .isEqualTo(new JpegLsDecoder().decode(frame, stored).pixels());
    }

    @Test
    void rejectsTheHpColourTransform() throws Exception {
        Path file = Path.of("fixtures/valid/jpeg-ls-lossless.dcm");
        byte[] frame = Dcmtk.fragment(file, 1);
        byte[] app8 = {(byte) 0xFF, (byte) 0xE8, 0, 7, 'm', 'r', 'f', 'x', 1};
        byte[] withTransform = new byte[frame.length + app8.length];
        System.arraycopy(frame, 0, withTransform, 0, 2);
        System.arraycopy(app8, 0, withTransform, 2, app8.length);
        System.arraycopy(frame, 2, withTransform, 2 + app8.length, frame.length - 2);
        assertThatThrownBy(() -> new JpegLsDecoder().decode(withTransform,
                Dcmtk.description(file)))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("HP colour transform 1");
    }

    @Test
    void rejectsAFrameThatIsNotJpegLs() {
        PixelDescription d = new PixelDescription(2, 2, 1, 8, 8, 7, false, "MONOCHROME2", 0, 1);
        assertThatThrownBy(() -> new JpegLsDecoder().decode(new byte[] {1, 2, 3}, d))
                .isInstanceOf(PixelDataException.class).hasMessageContaining("SOI");
        byte[] baseline = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 2};
        assertThatThrownBy(() -> new JpegLsDecoder().decode(baseline, d))
                .isInstanceOf(PixelDataException.class).hasMessageContaining("FF C0");
    }

    static int indexOf(byte[] data, byte first, byte second) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == first && data[i + 1] == second) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    /**
     * The dcmtk side of the pixel tests: makes native pixels (written with {@link PixelFiles}),
     * runs the dcmtk tools and reads their output back as frames in planar configuration 0.
     * Shared by the RLE and JPEG-LS tests; stateless.
     */
    static final class Dcmtk {
        private static final long TIMEOUT_SECONDS = 60;

        /** The native frames of a decompressed file, planar configuration 0. */
        record Frames(byte[] pixels, int frameLength) {
            byte[] frame(int i) {
                return java.util.Arrays.copyOfRange(pixels, i * frameLength,
                        (i + 1) * frameLength);
            }
        }

        private Dcmtk() {
        }

        static void assumeInstalled(String... tools) {
            for (String tool : tools) {
                assumeTrue(onPath(tool), tool + " (dcmtk) is not on PATH; test skipped");
            }
        }

        private static boolean onPath(String tool) {
            String path = System.getenv().getOrDefault("PATH", "");
            return Stream.of(path.split(java.io.File.pathSeparator))
                    .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
        }

        /** Runs a tool and fails the test when it fails. */
        static void run(String... command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
        }

        /**
         * Deterministic pixels for a description: smooth ramps, flat areas (for run mode),
         * noise and edges, within BitsStored, sign-extended when signed.
         */
        static byte[] pixels(PixelDescription d, long seed) {
            Random random = new Random(seed);
            int bytes = d.bitsAllocated() / 8;
            int count = Math.toIntExact(d.pixelCount() * d.samplesPerPixel() * d.numberOfFrames());
            byte[] out = new byte[count * bytes];
            int mask = (1 << d.bitsStored()) - 1;
            for (int i = 0; i < count; i++) {
                int pixel = i / d.samplesPerPixel() % (d.rows() * d.columns());
                int x = pixel % d.columns();
                int y = pixel / d.columns();
                int frame = i / (d.samplesPerPixel() * d.rows() * d.columns());
                int v = sample(x, y, i % d.samplesPerPixel(), random, mask) + frame * 37;
                v &= mask;
                if (d.signed() && (v & (1 << (d.bitsStored() - 1))) != 0) {
                    v |= ~mask;
                }
                for (int b = 0; b < bytes; b++) {
                    out[i * bytes + b] = (byte) (v >> (8 * b));
                }
            }
            return out;
        }

        private static int sample(int x, int y, int s, Random random, int mask) {
            if (y < 4 || (x > 8 && x < 14)) {
                return 5 + s; // flat: run mode
            }
            if (x < 20) {
                return x * 13 + y * 7 + s * 50 + random.nextInt(3);
            }
            return random.nextInt(mask + 1);
        }

        /** Decompresses a file with a dcmtk tool and returns its frames, planar 0. */
        static Frames decompress(Path compressed, String tool, Path folder) throws Exception {
            Path out = Files.createTempFile(folder, "native", ".dcm");
            run(tool, compressed.toString(), out.toString());
            Dataset ds = Part10Reader.read(out).dataset();
            PixelDescription d = PixelDescription.of(ds);
            int frameLength = Math.toIntExact(d.frameLength());
            byte[] pixels = ds.get(Tag.PixelData).value();
            if (d.planarConfiguration() == 1) {
                pixels = interleave(pixels, d, frameLength);
            }
            return new Frames(pixels, frameLength);
        }

        private static byte[] interleave(byte[] planar, PixelDescription d, int frameLength) {
            byte[] out = new byte[planar.length];
            int bytes = d.bitsAllocated() / 8;
            int pixels = Math.toIntExact(d.pixelCount());
            int samples = d.samplesPerPixel();
            for (int f = 0; f + frameLength <= planar.length; f += frameLength) {
                for (int s = 0; s < samples; s++) {
                    for (int p = 0; p < pixels; p++) {
                        System.arraycopy(planar, f + (s * pixels + p) * bytes, out,
                                f + (p * samples + s) * bytes, bytes);
                    }
                }
            }
            return out;
        }

        /** Fragment {@code n} (1 = the first after the basic offset table) of a file. */
        static byte[] fragment(Path file, int n) throws IOException {
            return Part10Reader.read(file).dataset().get(Tag.PixelData).fragments().get(n);
        }

        static PixelDescription description(Path file) throws Exception {
            return PixelDescription.of(Part10Reader.read(file).dataset());
        }
    }
}
