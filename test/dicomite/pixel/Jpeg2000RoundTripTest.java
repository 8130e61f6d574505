// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * JPEG 2000 lossless (PS3.5 §8.2.4): what {@link Jpeg2000Encoder} writes,
 * {@link Jpeg2000Decoder} reads back bit for bit, for the sample layouts DICOM uses.
 */
class Jpeg2000RoundTripTest {
    private static DecodedFrame randomFrame(PixelDescription d, long seed) {
        byte[] pixels = new byte[(int) d.frameLength()];
        new Random(seed).nextBytes(pixels);
        return new DecodedFrame(pixels, d);
    }

    private static PixelDescription grey(int rows, int columns, int bits, boolean signed) {
        return new PixelDescription(rows, columns, 1, bits, bits, bits - 1, signed,
                "MONOCHROME2", 0, 1);
    }

    private static void assertRoundTrip(DecodedFrame frame) throws PixelDataException {
        byte[] codestream = Jpeg2000Encoder.encodeLossless(frame);
        // A raw codestream starts with SOC (FF4F) and SIZ (FF51), no JP2 signature box.
        assertThat(Arrays.copyOf(codestream, 4)).containsExactly(0xFF, 0x4F, 0xFF, 0x51);
        DecodedFrame decoded = new Jpeg2000Decoder().decode(codestream, frame.description());
        assertThat(decoded.pixels()).isEqualTo(frame.pixels());
        assertThat(decoded.description()).isEqualTo(frame.description());
    }

    @Test
    void unsignedSixteenBitGreyComesBackBitForBit() throws PixelDataException {
        assertRoundTrip(randomFrame(grey(37, 53, 16, false), 1));
    }

    @Test
    void signedSixteenBitGreyComesBackBitForBit() throws PixelDataException {
        assertRoundTrip(randomFrame(grey(16, 17, 16, true), 2));
    }

    @Test
    void eightBitGreyOfOddSizeComesBackBitForBit() throws PixelDataException {
        assertRoundTrip(randomFrame(grey(13, 17, 8, false), 3));
    }

    @Test
    void eightBitRgbComesBackBitForBitAndStaysRgb() throws PixelDataException {
        PixelDescription rgb = new PixelDescription(20, 30, 3, 8, 8, 7, false, "RGB", 0, 1);
        assertRoundTrip(randomFrame(rgb, 4));
    }

    @Test
    void planarRgbIsEncodedAndComesBackInterleaved() throws PixelDataException {
        PixelDescription planar = new PixelDescription(2, 2, 3, 8, 8, 7, false, "RGB", 1, 1);
        byte[] byPlane = {1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24};
        byte[] codestream = Jpeg2000Encoder.encodeLossless(new DecodedFrame(byPlane, planar));
        DecodedFrame decoded = new Jpeg2000Decoder().decode(codestream, planar);
        assertThat(decoded.pixels()).containsExactly(1, 11, 21, 2, 12, 22, 3, 13, 23, 4, 14, 24);
        assertThat(decoded.description().planarConfiguration()).isZero();
    }

    @Test
    void codestreamOfOtherSizeIsRefusedNamingBothSizes() throws PixelDataException {
        byte[] codestream = Jpeg2000Encoder.encodeLossless(randomFrame(grey(8, 8, 8, false), 5));
        assertThatThrownBy(() -> new Jpeg2000Decoder().decode(codestream, grey(8, 9, 8, false)))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("8x8").hasMessageContaining("9x8");
    }

    @Test
    void truncatedCodestreamIsAPixelDataException() throws PixelDataException {
        byte[] codestream = Jpeg2000Encoder.encodeLossless(randomFrame(grey(8, 8, 8, false), 6));
        byte[] cut = Arrays.copyOf(codestream, 20);
        assertThatThrownBy(() -> new Jpeg2000Decoder().decode(cut, grey(8, 8, 8, false)))
                .isInstanceOf(PixelDataException.class);
    }

    @Test
    void oneBitPixelsAreNotEncoded() {
        PixelDescription bits = new PixelDescription(8, 8, 1, 1, 1, 0, false, "MONOCHROME2", 0,
                1);
        assertThatThrownBy(() -> Jpeg2000Encoder.encodeLossless(randomFrame(bits, 7)))
                .isInstanceOf(PixelDataException.class).hasMessageContaining("BitsAllocated 1");
    }

    private static PixelDescription twelveOfSixteen(boolean signed) {
        return new PixelDescription(9, 11, 1, 16, 12, 11, signed, "MONOCHROME2", 0, 1);
    }

    // SIZ (ISO 15444-1 §A.5.1): Ssiz of the first component is byte 42 of the codestream.
    private static int precision(byte[] codestream) {
        return (codestream[42] & 0x7F) + 1;
    }

    private static DecodedFrame frameOfValues(PixelDescription d, int... values) {
        byte[] pixels = new byte[(int) d.frameLength()];
        for (int i = 0; i < d.pixelCount(); i++) {
            int v = values[i % values.length];
            pixels[2 * i] = (byte) v;
            pixels[2 * i + 1] = (byte) (v >> 8);
        }
        return new DecodedFrame(pixels, d);
    }

    @Test
    void twelveBitsStoredAreEncodedAtTwelveBitPrecision() throws PixelDataException {
        DecodedFrame frame = frameOfValues(twelveOfSixteen(false), 0, 1, 4095, 2048, 17);
        byte[] codestream = Jpeg2000Encoder.encodeLossless(frame);

        assertThat(precision(codestream)).isEqualTo(12);
        assertThat(codestream[42] & 0x80).as("signed").isZero();
        assertRoundTrip(frame);
    }

    @Test
    void signedTwelveBitsStoredComeBackSignedAndBitForBit() throws PixelDataException {
        // jai-imageio takes the precision of signed samples from their 16-bit type.
        DecodedFrame frame = frameOfValues(twelveOfSixteen(true), -2048, -1, 0, 2047, 5);
        byte[] codestream = Jpeg2000Encoder.encodeLossless(frame);

        assertThat(codestream[42] & 0x80).as("signed").isNotZero();
        assertRoundTrip(frame);
    }

    @Test
    void bitsSetAboveBitsStoredKeepSixteenBitPrecisionAndComeBack() throws PixelDataException {
        DecodedFrame frame = frameOfValues(twelveOfSixteen(false), 0x0FFF, 0xF001, 7);

        assertThat(precision(Jpeg2000Encoder.encodeLossless(frame))).isEqualTo(16);
        assertRoundTrip(frame);
    }

    @Test
    void smoothSixteenBitDataThatTheEncoderOnceGotWrongComesBackBitForBit()
            throws PixelDataException {
        // At 16-bit precision and five wavelet levels jai-imageio coded this a few levels off.
        int[] values = new int[7];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1000 + (int) (200 * Math.sin(i));
        }
        PixelDescription d = new PixelDescription(19, 34, 1, 16, 16, 15, false, "MONOCHROME2",
                0, 1);
        assertRoundTrip(frameOfValues(d, values));
    }

    @Test
    void noisySixteenBitFramesComeBackBitForBit() throws PixelDataException {
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            PixelDescription d = grey(5 + random.nextInt(60), 5 + random.nextInt(60), 16, false);
            int[] pattern = random.ints(1 + random.nextInt(50), 0, 65536).toArray();
            assertRoundTrip(frameOfValues(d, pattern));
        }
    }
}
