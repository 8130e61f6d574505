// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static dicomite.pixel.PixelFiles.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JPEG baseline and extended (sequential DCT) against dcmtk: images compressed by dcmcjpeg
 * must decode to within {@value #TOLERANCE} per sample of what dcmdjpeg makes of them, or
 * {@value #TOLERANCE_CONVERTED} after YCbCr to RGB conversion (the inverse DCTs differ in
 * rounding), with the same photometric interpretation. Restart intervals come from the JDK's
 * JPEG writer, since dcmcjpeg writes none.
 */
class JpegDctDecoderTest {
    private static final String SKIP = "dcmcjpeg/dcmdjpeg (dcmtk) are not on PATH";
    private static final int TOLERANCE = 1; // levels per sample, no colour conversion
    // YCbCr to RGB: a one-level IDCT rounding difference in Cr becomes 1.4 levels of R, and
    // adds to one in Y; measured maximum 3 (about 3.5% of samples differ at all)
    private static final int TOLERANCE_CONVERTED = 3;

    @TempDir
    Path dir;

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("8-bit grey baseline", grey(48, 64, 8, 8, 1), "+eb"),
                Arguments.of("8-bit grey odd size", grey(13, 17, 8, 8, 1), "+eb"),
                Arguments.of("8-bit grey 3 frames", grey(32, 40, 8, 8, 3), "+eb"),
                Arguments.of("12-bit grey extended", grey(48, 64, 16, 12, 1), "+ee"),
                Arguments.of("12-bit grey odd size, 2 frames", grey(13, 17, 16, 12, 2), "+ee"),
                Arguments.of("8-bit grey extended", grey(48, 64, 8, 8, 1), "+ee"),
                Arguments.of("colour 4:2:2", rgb(48, 64, 8, 1), "+eb"),
                Arguments.of("colour 4:2:2 odd size, 2 frames", rgb(13, 17, 8, 2), "+eb"),
                Arguments.of("colour 4:4:4", rgb(48, 64, 8, 1), "+eb +s4"),
                Arguments.of("colour 4:2:2 YBR_FULL", rgb(21, 35, 8, 1), "+eb +n2"),
                Arguments.of("colour 4:1:1", rgb(24, 40, 8, 1), "+eb +n1"),
                Arguments.of("colour kept RGB", rgb(48, 64, 8, 1), "+eb +cr"),
                Arguments.of("standard Huffman tables", rgb(48, 64, 8, 1), "+eb -ho"));
    }

    private static PixelDescription grey(int rows, int columns, int allocated, int stored,
            int frames) {
        return PixelFiles.grey(rows, columns, allocated, stored, false, frames);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void decodesCloseToDcmdjpeg(String name, PixelDescription d, String options)
            throws Exception {
        assumeTrue(JpegOracle.available(), SKIP);
        JpegOracle.Compressed c = JpegOracle.compress(dir, d, JpegOracle.pixels(d, name.hashCode()),
                options.split(" "));
        assertFramesClose(c);
    }

    @Test
    void decodesBaselineFixturesCloseToDcmdjpeg() throws Exception {
        assumeTrue(JpegOracle.available(), SKIP);
        for (String fixture : new String[] {"jpeg-baseline.dcm",
                "multiframe-jpeg-baseline-offset-table.dcm", "img2dcm-jpeg.dcm"}) {
            Path copy = dir.resolve(fixture);
            java.nio.file.Files.copy(Path.of("fixtures/valid", fixture), copy);
            assertFramesClose(JpegOracle.decompress(dir, copy));
        }
    }

    @ParameterizedTest(name = "restart every {0} MCUs")
    @MethodSource("intervals")
    void decodesRestartIntervalsCloseToDcmdjpeg(int interval) throws Exception {
        assumeTrue(JpegOracle.available(), SKIP);
        PixelDescription d = grey(37, 45, 8, 8, 1);
        byte[] pixels = JpegOracle.pixels(d, interval);
        BufferedImage image = new BufferedImage(45, 37, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, 45, 37, pixels);
        byte[] jpeg = writeWithRestarts(image, interval);
        assertThat(jpeg).containsSequence((byte) 0xFF, (byte) 0xDD);
        JpegOracle.Compressed c = JpegOracle.wrap(dir, d, jpeg,
                dicomite.dicom.TransferSyntax.JPEG_BASELINE);
        assertFramesClose(c);
    }

    @Test
    void aSequentialScanWithWrongSpectralValuesIsReadAsTheWholeBlock() throws Exception {
        PixelDescription d = grey(16, 24, 8, 8, 1);
        BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, 24, 16, JpegOracle.pixels(d, 5));
        byte[] jpeg = writeWithRestarts(image, 2);
        byte[] wrong = jpeg.clone();
        int sos = indexOfMarker(wrong, 0xDA);
        int ns = wrong[sos + 4] & 0xFF;
        int ss = sos + 5 + 2 * ns; // Ss, Se, Ah/Al follow the component selectors
        wrong[ss] = 0;
        wrong[ss + 1] = 0; // Se 0, as some writers put it (T.81 asks 63)

        FrameDecoder decoder = new JpegDctDecoder();
        assertThat(decoder.decode(wrong, d).pixels())
                .isEqualTo(decoder.decode(jpeg, d).pixels());
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker FF" + Integer.toHexString(marker));
    }

    static Stream<Integer> intervals() {
        return Stream.of(1, 3, 6);
    }

    /** The JDK's JPEG writer with a DRI segment added to its default metadata. */
    private static byte[] writeWithRestarts(BufferedImage image, int interval)
            throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    new ImageTypeSpecifier(image), null);
            String format = metadata.getNativeMetadataFormatName();
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(interval));
            IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName(
                    "markerSequence").item(0);
            markers.insertBefore(dri, markers.getFirstChild());
            metadata.setFromTree(format, root);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(new IIOImage(image, null, metadata));
            }
            return out.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    private static void assertFramesClose(JpegOracle.Compressed c) throws PixelDataException {
        FrameDecoder decoder = new JpegDctDecoder();
        int bytes = c.stored().bitsAllocated() / 8;
        assertThat(c.frames()).hasSize(c.stored().numberOfFrames());
        for (int f = 0; f < c.frames().size(); f++) {
            DecodedFrame frame = decoder.decode(c.frames().get(f), c.stored());
            assertThat(frame.pixels()).hasSize((int) c.stored().frameLength());
            int tolerance = c.stored().photometricInterpretation().startsWith("YBR")
                    ? TOLERANCE_CONVERTED : TOLERANCE;
            assertThat(JpegOracle.maxDifference(frame.pixels(), c.referenceFrame(f), bytes))
                    .as("frame %d, %s", f, c.stored()).isLessThanOrEqualTo(tolerance);
            assertThat(frame.description().photometricInterpretation())
                    .isEqualTo(c.referencePhotometric());
            assertThat(frame.description().planarConfiguration()).isZero();
        }
    }
}
