// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static dicomite.pixel.PixelFiles.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomite.dicom.TransferSyntax;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JPEG Lossless (process 14) against dcmtk: images compressed by dcmcjpeg must decode to
 * exactly what dcmdjpeg makes of them, for every predictor, 8 and 16 bits, signed, colour,
 * odd sizes, point transforms and several frames; plus the fixtures.
 */
class JpegLosslessDecoderTest {
    private static final String SKIP = "dcmcjpeg/dcmdjpeg (dcmtk) are not on PATH";

    @TempDir
    Path dir;

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("8-bit grey SV1", grey(48, 64, 8, 8, false), "+e1"),
                Arguments.of("12 of 16 bits SV1", grey(48, 64, 16, 12, false), "+e1"),
                Arguments.of("16 of 16 bits", grey(48, 64, 16, 16, false), "+el"),
                Arguments.of("signed 16 bits", grey(48, 64, 16, 16, true), "+el"),
                Arguments.of("signed 12 of 16 bits", grey(13, 17, 16, 12, true), "+el"),
                Arguments.of("odd size 8-bit", grey(13, 17, 8, 8, false), "+el"),
                Arguments.of("odd size 16-bit", grey(13, 17, 16, 16, false), "+el"),
                Arguments.of("RGB 8-bit", rgb(48, 64, 8, 1), "+el"),
                Arguments.of("RGB odd size, 3 frames", rgb(13, 17, 8, 3), "+el"),
                Arguments.of("point transform 2", grey(48, 64, 16, 12, false), "+el +pt 2"),
                Arguments.of("3 frames 16-bit", JpegOracle.description(32, 24, 1, 16, 12, false,
                        "MONOCHROME2", 3), "+el"));
    }

    private static PixelDescription grey(int rows, int columns, int allocated, int stored,
            boolean signed) {
        return PixelFiles.grey(rows, columns, allocated, stored, signed, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void decodesExactlyAsDcmdjpeg(String name, PixelDescription d, String options)
            throws Exception {
        assumeTrue(JpegOracle.available(), SKIP);
        byte[] pixels = JpegOracle.pixels(d, name.hashCode());
        JpegOracle.Compressed c = JpegOracle.compress(dir, d, pixels, options.split(" "));
        assertFramesMatch(c);
        if (!options.contains("+pt")) { // a point transform drops the low bits
            assertThat(Arrays.copyOf(c.reference(), pixels.length)).isEqualTo(pixels);
        }
    }

    @ParameterizedTest(name = "predictor {0}")
    @MethodSource("predictors")
    void decodesEveryPredictor(int predictor) throws Exception {
        assumeTrue(JpegOracle.available(), SKIP);
        PixelDescription d = grey(31, 45, 16, 16, false);
        byte[] pixels = JpegOracle.pixels(d, predictor);
        JpegOracle.Compressed c = JpegOracle.compress(dir, d, pixels, "+el", "+sv",
                Integer.toString(predictor));
        assertFramesMatch(c);
    }

    static Stream<Integer> predictors() {
        return Stream.of(1, 2, 3, 4, 5, 6, 7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesFixtureAsDcmdjpeg(String fixture) throws Exception {
        assumeTrue(JpegOracle.available(), SKIP);
        JpegOracle.Compressed c = JpegOracle.decompress(dir,
                Path.of("fixtures/valid").resolve(fixture));
        assertThat(c.frames()).hasSize(c.stored().numberOfFrames());
        assertFramesMatch(c);
    }

    static Stream<String> fixtures() {
        return Stream.of("jpeg-lossless-sv1.dcm", "jpeg-lossless-fragments-no-offset-table.dcm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restarts")
    void decodesRestartIntervalsAsDcmdjpeg(String name, int components, int precision,
            int predictor, int interval) throws Exception {
        assumeTrue(JpegOracle.available(), SKIP);
        int rows = 13;
        int columns = 17;
        int allocated = precision > 8 ? 16 : 8;
        PixelDescription d = JpegOracle.description(rows, columns, components, allocated,
                precision, false, components == 3 ? "RGB" : "MONOCHROME2", 1);
        byte[] pixels = JpegOracle.pixels(d, name.hashCode());
        int[] samples = new int[rows * columns * components];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = allocated == 8 ? pixels[i] & 0xFF
                    : (pixels[2 * i] & 0xFF) | (pixels[2 * i + 1] & 0xFF) << 8;
        }
        byte[] jpeg = JpegLosslessEncoder.encode(samples, rows, columns, components, precision,
                predictor, interval);
        JpegOracle.Compressed c = JpegOracle.wrap(dir, d, jpeg, TransferSyntax.JPEG_LOSSLESS);
        assertFramesMatch(c);
        assertThat(Arrays.copyOf(c.reference(), pixels.length)).isEqualTo(pixels);
    }

    static Stream<Arguments> restarts() {
        return Stream.of(
                Arguments.of("8-bit grey, every line", 1, 8, 1, 17),
                Arguments.of("16-bit grey, every 2 lines, predictor 7", 1, 16, 7, 34),
                Arguments.of("12-bit grey, every line, predictor 4", 1, 12, 4, 17),
                Arguments.of("RGB, every line, predictor 6", 3, 8, 6, 17),
                Arguments.of("RGB, every 3 lines, predictor 5", 3, 8, 5, 51));
    }

    @Test
    void keepsPhotometricAndSaysPlanarZero() throws Exception {
        assumeTrue(JpegOracle.available(), SKIP);
        PixelDescription d = rgb(8, 8, 8, 1);
        JpegOracle.Compressed c = JpegOracle.compress(dir, d, JpegOracle.pixels(d, 1), "+el");
        DecodedFrame frame = new JpegLosslessDecoder().decode(c.frames().get(0), c.stored());
        assertThat(frame.description().photometricInterpretation()).isEqualTo("RGB");
        assertThat(frame.description().planarConfiguration()).isZero();
    }

    private static void assertFramesMatch(JpegOracle.Compressed c) throws PixelDataException {
        FrameDecoder decoder = new JpegLosslessDecoder();
        for (int f = 0; f < c.frames().size(); f++) {
            DecodedFrame frame = decoder.decode(c.frames().get(f), c.stored());
            assertThat(frame.pixels()).as("frame %d", f).isEqualTo(c.referenceFrame(f));
            assertThat(frame.description().photometricInterpretation())
                    .isEqualTo(c.referencePhotometric());
        }
    }
}
