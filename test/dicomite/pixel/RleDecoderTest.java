// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static dicomite.pixel.PixelFiles.grey;
import static dicomite.pixel.PixelFiles.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.pixel.JpegLsDecoderTest.Dcmtk;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RleDecoder} against dcmtk (images compressed with dcmcrle must decode to what dcmdrle
 * gives, byte for byte), on the fixtures, and on hand-made frames that break PS3.5 Annex G.
 */
class RleDecoderTest {
    private static final PixelDescription GREY_2X2 =
            new PixelDescription(2, 2, 1, 8, 8, 7, false, "MONOCHROME2", 0, 1);

    @TempDir
    Path temp;

    static Stream<PixelDescription> images() {
        return Stream.of(
                grey(48, 64, 8, 8, false, 1),
                grey(48, 64, 16, 16, false, 1),
                grey(48, 64, 16, 12, false, 1),
                grey(33, 20, 16, 16, true, 1),
                grey(33, 20, 16, 12, true, 1),
                grey(13, 17, 8, 8, false, 1),
                grey(13, 17, 32, 24, false, 1),
                grey(16, 12, 16, 10, false, 12),
                rgb(13, 17, 8, 1),
                rgb(13, 17, 16, 1),
                rgb(16, 12, 8, 11));
    }

    @ParameterizedTest
    @MethodSource("images")
    void decodesEveryFrameAsDcmdrleDoes(PixelDescription image) throws Exception {
        Dcmtk.assumeInstalled("dcmcrle", "dcmdrle");
        Path source = PixelFiles.writeNative(temp.resolve("native.dcm"), image,
                Dcmtk.pixels(image, image.hashCode()));
        Path compressed = temp.resolve("rle.dcm");
        Dcmtk.run("dcmcrle", source.toString(), compressed.toString());
        assertDecodesLike(compressed, image.numberOfFrames());
    }

    @Test
    void decodesTheSingleFrameFixture() throws Exception {
        Dcmtk.assumeInstalled("dcmdrle");
        assertDecodesLike(Path.of("fixtures/valid/rle-lossless.dcm"), 1);
    }

    @Test
    void decodesTheMultiFrameFixtureWithOffsetTable() throws Exception {
        Dcmtk.assumeInstalled("dcmdrle");
        assertDecodesLike(Path.of("fixtures/valid/multiframe-rle-offset-table.dcm"), 12);
    }

    private void assertDecodesLike(Path compressed, int frames) throws Exception {
        Dcmtk.Frames reference = Dcmtk.decompress(compressed, "dcmdrle", temp);
        PixelFiles.assertDecodesEveryFrame(new RleDecoder(), compressed, frames,
                reference::frame);
    }

    @Test
    void interleavesColourPlanesAndKeepsThePhotometricInterpretation() throws Exception {
        PixelDescription ybr = new PixelDescription(1, 2, 3, 8, 8, 7, false, "YBR_FULL", 1, 1);
        byte[] frame = frame(new byte[] {1, 10, 11}, new byte[] {1, 20, 21},
                new byte[] {1, 30, 31});
        DecodedFrame decoded = new RleDecoder().decode(frame, ybr);
        assertThat(decoded.pixels()).containsExactly(10, 20, 30, 11, 21, 31);
        assertThat(decoded.description().photometricInterpretation()).isEqualTo("YBR_FULL");
        assertThat(decoded.description().planarConfiguration()).isZero();
    }

    @Test
    void putsTheMostSignificantSegmentInTheHighByte() throws Exception {
        PixelDescription d = new PixelDescription(1, 2, 1, 16, 16, 15, false, "MONOCHROME2", 0, 1);
        byte[] frame = frame(new byte[] {1, 0x12, 0x34}, new byte[] {1, 0x56, 0x78});
        assertThat(new RleDecoder().decode(frame, d).pixels())
                .containsExactly(0x56, 0x12, 0x78, 0x34);
    }

    @Test
    void decodesReplicateRunsAndSkipsNoOperations() throws Exception {
        byte[] frame = frame(new byte[] {(byte) -128, (byte) -2, 7, 0, 9});
        assertThat(new RleDecoder().decode(frame, GREY_2X2).pixels()).containsExactly(7, 7, 7, 9);
    }

    @Test
    void acceptsARunOneBytePastTheSegmentAsDcmtkDoes() throws Exception {
        byte[] frame = frame(new byte[] {(byte) -4, 7});
        assertThat(new RleDecoder().decode(frame, GREY_2X2).pixels()).containsExactly(7, 7, 7, 7);
        byte[] padded = frame(new byte[] {(byte) -3, 7, 0});
        assertThat(new RleDecoder().decode(padded, GREY_2X2).pixels())
                .containsExactly(7, 7, 7, 7);
    }

    @Test
    void rejectsASegmentCountThatDisagreesWithTheDescription() {
        byte[] frame = frame(new byte[] {(byte) -3, 7}, new byte[] {(byte) -3, 7});
        assertThatThrownBy(() -> new RleDecoder().decode(frame, GREY_2X2))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("gives 2 segments").hasMessageContaining("needs 1");
    }

    @Test
    void rejectsAnOffsetOutsideTheFrame() {
        byte[] frame = frame(new byte[] {(byte) -3, 7});
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0x100);
        assertThatThrownBy(() -> new RleDecoder().decode(frame, GREY_2X2))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("segment 1 of 1 starts at offset 0x100");
    }

    @Test
    void rejectsShortAndLongSegmentsNamingThem() {
        byte[] shortSegment = frame(new byte[] {(byte) -2, 7});
        assertThatThrownBy(() -> new RleDecoder().decode(shortSegment, GREY_2X2))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("RLE segment 1 of 1 at offset 0x40")
                .hasMessageContaining("after 3 of its 4 bytes");
        byte[] longSegment = frame(new byte[] {(byte) -5, 7});
        assertThatThrownBy(() -> new RleDecoder().decode(longSegment, GREY_2X2))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("RLE segment 1 of 1 at offset 0x40 decodes more than");
        byte[] trailing = frame(new byte[] {(byte) -3, 7, 2, 1, 2, 3});
        assertThatThrownBy(() -> new RleDecoder().decode(trailing, GREY_2X2))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("decodes more than its 4 bytes");
    }

    @Test
    void survivesTruncatedAndFlippedFrames() throws Exception {
        Path file = Path.of("fixtures/valid/multiframe-rle-offset-table.dcm");
        byte[] valid = Dcmtk.fragment(file, 1);
        PixelDescription stored = Dcmtk.description(file);
        Random random = new Random(11);
        for (int round = 0; round < 3000; round++) {
            byte[] broken = JpegLsRobustnessTest.damage(valid, random);
            try {
                assertThat(new RleDecoder().decode(broken, stored).pixels())
                        .hasSize((int) stored.frameLength());
            } catch (PixelDataException expected) {
                assertThat(expected.getMessage()).startsWith("RLE Lossless");
            }
        }
    }

    /** A frame of the given PackBits segments after a 64-byte header. */
    private static byte[] frame(byte[]... segments) {
        int length = 64;
        for (byte[] s : segments) {
            length += s.length;
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(segments.length);
        int offset = 64;
        for (byte[] s : segments) {
            b.putInt(offset);
            offset += s.length;
        }
        b.position(64);
        for (byte[] s : segments) {
            b.put(s);
        }
        return b.array();
    }
}
