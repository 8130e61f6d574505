// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static dicomite.pixel.RenderFixtures.colour;
import static dicomite.pixel.RenderFixtures.grey;
import static dicomite.pixel.RenderFixtures.values;
import static dicomite.pixel.RenderFixtures.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our rendering (PS3.3 §C.11, §C.7.6.3.1) against dcmtk's {@code dcmj2pnm +op}, written as PNG
 * and read back: every sample must be within {@value #TOLERANCE} grey level of dcmtk's, which
 * leaves room for the two programs rounding a window's values differently. Windows are dcmtk's
 * {@code +Wi 1} (the first window) or {@code +Wm} (the range of modality values) when there is
 * none; colour needs no option. YBR images may differ by {@value #YBR_TOLERANCE} (see there).
 * Images are small and of odd sizes. Skipped when dcmtk is not installed.
 */
class RenderOracleTest {
    private static final int TOLERANCE = 1; // grey levels, each channel
    // dcmtk converts YBR with chroma centred on 127.5 (0.7010 * 255 for 1.402 * 128) and
    // truncates; we keep PS3.3 §C.7.6.3.1.2's 128 and round, which moves a level by up to 2.
    private static final int YBR_TOLERANCE = 2; // levels, each channel
    private static final int ROWS = 13;
    private static final int COLUMNS = 17;

    @TempDir
    Path dir;

    @BeforeEach
    void needsDcmtk() {
        assumeTrue(RenderFixtures.hasDcmj2pnm(), "dcmj2pnm (dcmtk) is not on PATH");
    }

    private int difference(PixelDescription d, Dataset ds, byte[] frame, int frameNumber,
            String... options) throws Exception {
        Path file = PixelFiles.write(dir.resolve("image.dcm"), ds,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        int[] expected = RenderFixtures.dcmj2pnm(file, options);
        int[] actual = RenderFixtures.renderPng(frame, d, ds, frameNumber);
        assertThat(actual).hasSameSizeAs(expected);
        return RenderFixtures.maxDifference(actual, expected);
    }

    private static Dataset ct(PixelDescription d, byte[] pixels) {
        Dataset ds = PixelFiles.dataset(d, pixels);
        ds.putString(ModalityLut.RescaleSlope, VR.DS, "1.5");
        ds.putString(ModalityLut.RescaleIntercept, VR.DS, "-100");
        ds.putString(VoiWindow.WindowCenter, VR.DS, "40", "300");
        ds.putString(VoiWindow.WindowWidth, VR.DS, "400", "1500");
        return ds;
    }

    @Test
    void signedCtWithRescaleAndWindowMatchesDcmtk() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 16, true);
        byte[] pixels = words(values(ROWS * COLUMNS, -1000, 1000, 1));
        assertThat(difference(d, ct(d, pixels), pixels, 1, "+Wi", "1"))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void frameWithoutWindowShowsItsRangeAsDcmtkMinMax() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 16, true);
        byte[] pixels = words(values(ROWS * COLUMNS, -1000, 3000, 2));
        Dataset ds = ct(d, pixels);
        ds.remove(VoiWindow.WindowCenter);
        ds.remove(VoiWindow.WindowWidth);
        assertThat(difference(d, ds, pixels, 1, "+Wm")).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void monochrome1IsInvertedAsDcmtkDoes() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 16, true)
                .withColourModel("MONOCHROME1", 0);
        byte[] pixels = words(values(ROWS * COLUMNS, -1000, 1000, 3));
        assertThat(difference(d, ct(d, pixels), pixels, 1, "+Wi", "1"))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void bitsStored12In16IgnoresTheHighBitsAsDcmtkDoes() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 12, false);
        int[] v = values(ROWS * COLUMNS, 0, 4095, 4);
        Random random = new Random(4);
        for (int i = 0; i < v.length; i++) {
            v[i] |= random.nextInt(16) << 12; // bits above HighBit 11 carry no value
        }
        byte[] pixels = words(v);
        assertThat(difference(d, PixelFiles.dataset(d, pixels), pixels, 1, "+Wm"))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void signedBitsStored12WithWindowMatchesDcmtk() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 12, true);
        int[] v = values(ROWS * COLUMNS, -2048, 2047, 5);
        byte[] pixels = words(Arrays.stream(v).map(x -> x & 0xFFF).toArray());
        assertThat(difference(d, ct(d, pixels), pixels, 1, "+Wi", "1"))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void eightBitGreyMatchesDcmtk() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 8, 8, false);
        byte[] pixels = bytes(values(ROWS * COLUMNS, 20, 200, 6));
        assertThat(difference(d, PixelFiles.dataset(d, pixels), pixels, 1, "+Wm"))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void oneBitGreyMatchesDcmtk() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 1, 1, false);
        byte[] pixels = new byte[(ROWS * COLUMNS + 7) / 8];
        new Random(7).nextBytes(pixels);
        assertThat(difference(d, PixelFiles.dataset(d, pixels), pixels, 1, "+Wm"))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void thirdFrameOfAMultiFrameImageMatchesDcmtk() throws Exception {
        int frameSamples = ROWS * COLUMNS;
        PixelDescription d = new PixelDescription(ROWS, COLUMNS, 1, 16, 12, 11, false,
                "MONOCHROME2", 0, 4);
        int[] all = new int[frameSamples * 4];
        for (int f = 0; f < 4; f++) {
            System.arraycopy(values(frameSamples, 100 * f, 1000 + 500 * f, 10 + f), 0, all,
                    f * frameSamples, frameSamples);
        }
        byte[] pixels = words(all);
        Dataset ds = PixelFiles.dataset(d, pixels);
        ds.putString(VoiWindow.WindowCenter, VR.DS, "1200");
        ds.putString(VoiWindow.WindowWidth, VR.DS, "1000");
        byte[] third = Arrays.copyOfRange(pixels, 2 * frameSamples * 2, 3 * frameSamples * 2);
        assertThat(difference(d, ds, third, 3, "+F", "3", "+Wi", "1"))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void sigmoidWindowMatchesDcmtk() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 16, true);
        byte[] pixels = words(values(ROWS * COLUMNS, -1000, 1000, 8));
        Dataset ds = ct(d, pixels);
        ds.putString(VoiWindow.VOILUTFunction, VR.CS, "SIGMOID");
        assertThat(difference(d, ds, pixels, 1, "+Wi", "1")).isLessThanOrEqualTo(TOLERANCE);
    }

    /** A sequence of one item holding a LUT Descriptor of {@code vr} and 16-bit LUT Data. */
    private static Element lut(int sequence, VR vr, int count, int first, int bits,
            int[] entries) {
        Dataset item = new Dataset().putInts(LookupTable.LUTDescriptor, vr, count, first, bits);
        item.put(Element.of(LookupTable.LUTData, VR.OW, words(entries)));
        return Element.sequence(sequence, List.of(item));
    }

    @Test
    void modalityLutSequenceTableMatchesDcmtkMinMax() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 12, false);
        byte[] pixels = words(values(ROWS * COLUMNS, 0, 4095, 13));
        Dataset ds = PixelFiles.dataset(d, pixels);
        // 3000 entries from stored value 500: values below and above it take the end entries
        ds.put(lut(ModalityLut.ModalityLUTSequence, VR.US, 3000, 500, 16,
                values(3000, 0, 65535, 14)));
        assertThat(difference(d, ds, pixels, 1, "+Wm")).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void voiLutSequenceTableMatchesDcmtk() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 16, true);
        byte[] pixels = words(values(ROWS * COLUMNS, -1000, 1000, 15));
        Dataset ds = ct(d, pixels); // rescaled values from -1600 to 1400
        ds.remove(VoiWindow.WindowCenter);
        ds.remove(VoiWindow.WindowWidth);
        int[] ramp = new int[2000]; // from modality value -800: a 12-bit ramp
        Arrays.setAll(ramp, i -> i * 4095 / 1999);
        ds.put(lut(VoiLut.VOILUTSequence, VR.SS, 2000, -800, 12, ramp));
        assertThat(difference(d, ds, pixels, 1, "+Wl", "1")).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void windowComesBeforeTheVoiLutSequenceAsDcmtkFirstWindow() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 16, true);
        byte[] pixels = words(values(ROWS * COLUMNS, -1000, 1000, 16));
        Dataset ds = ct(d, pixels);
        ds.put(lut(VoiLut.VOILUTSequence, VR.SS, 10, -5, 8, new int[10]));
        assertThat(difference(d, ds, pixels, 1, "+Wi", "1")).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void rgbByPixelMatchesDcmtk() throws Exception {
        assertColourMatches(colour(ROWS, COLUMNS, "RGB", 0), ROWS * COLUMNS * 3);
    }

    @Test
    void rgbByPlaneMatchesDcmtk() throws Exception {
        assertColourMatches(colour(ROWS, COLUMNS, "RGB", 1), ROWS * COLUMNS * 3);
    }

    @Test
    void ybrFullMatchesDcmtk() throws Exception {
        assertColourMatches(colour(ROWS, COLUMNS, "YBR_FULL", 0), ROWS * COLUMNS * 3);
    }

    @Test
    void ybrFullByPlaneMatchesDcmtk() throws Exception {
        assertColourMatches(colour(ROWS, COLUMNS, "YBR_FULL", 1), ROWS * COLUMNS * 3);
    }

    @Test
    void nativeSubsampledYbrFull422MatchesDcmtk() throws Exception {
        assertColourMatches(colour(ROWS, 18, "YBR_FULL_422", 0), ROWS * 18 * 2);
    }

    @Test
    void sixteenBitRgbIsScaledToEightBitsAsDcmtkDoes() throws Exception {
        PixelDescription d = new PixelDescription(ROWS, COLUMNS, 3, 16, 16, 15, false, "RGB", 0,
                1);
        byte[] pixels = words(values(ROWS * COLUMNS * 3, 0, 65535, 9));
        assertThat(difference(d, PixelFiles.dataset(d, pixels), pixels, 1))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    private void assertColourMatches(PixelDescription d, int length) throws Exception {
        byte[] pixels = new byte[length];
        new Random(length).nextBytes(pixels);
        int tolerance = d.photometricInterpretation().startsWith("YBR") ? YBR_TOLERANCE
                : TOLERANCE;
        assertThat(difference(d, PixelFiles.dataset(d, pixels), pixels, 1))
                .isLessThanOrEqualTo(tolerance);
    }

    @Test
    void paletteWith8BitEntriesMatchesDcmtk() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 8, 8, false).withColourModel("PALETTE COLOR",
                0);
        byte[] pixels = bytes(values(ROWS * COLUMNS, 0, 255, 11));
        Dataset ds = PixelFiles.dataset(d, pixels);
        Random random = new Random(11);
        for (int c = 0; c < 3; c++) {
            byte[] data = new byte[200];
            random.nextBytes(data);
            ds.putInts(PaletteLut.RedDescriptor + c, VR.US, 200, 10, 8);
            ds.put(dicomite.dicom.Element.of(PaletteLut.RedData + c, VR.OW, data));
        }
        assertThat(difference(d, ds, pixels, 1)).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void paletteWith16BitEntriesAnd65536OfThemMatchesDcmtk() throws Exception {
        PixelDescription d = grey(ROWS, COLUMNS, 16, 16, false)
                .withColourModel("PALETTE COLOR", 0);
        byte[] pixels = words(values(ROWS * COLUMNS, 0, 65535, 12));
        Dataset ds = PixelFiles.dataset(d, pixels);
        Random random = new Random(12);
        for (int c = 0; c < 3; c++) {
            byte[] data = new byte[65536 * 2];
            random.nextBytes(data);
            ds.putInts(PaletteLut.RedDescriptor + c, VR.US, 0, 0, 16);
            ds.put(dicomite.dicom.Element.of(PaletteLut.RedData + c, VR.OW, data));
        }
        assertThat(difference(d, ds, pixels, 1)).isLessThanOrEqualTo(TOLERANCE);
    }

    private static byte[] bytes(int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
