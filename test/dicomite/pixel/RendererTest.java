// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static dicomite.pixel.RenderFixtures.grey;
import static dicomite.pixel.RenderFixtures.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.VR;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The renderer's own rules (PS3.3 §C.11, §C.7.6.3.1, §C.7.6.16): functional groups per frame,
 * the window functions, the JPEG and PNG outputs, and the errors for what cannot be rendered.
 */
class RendererTest {
    private static byte[] ramp(int count, int step) {
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            v[i] = i * step;
        }
        return words(v);
    }

    private static int[] rendered(byte[] pixels, PixelDescription d, Dataset ds, int frame)
            throws Exception {
        return RenderFixtures.samples(Renderer.image(new DecodedFrame(pixels, d), ds, frame));
    }

    @Test
    void mediaTypesAreThoseOfPs318() {
        assertThat(RenderedFormat.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(RenderedFormat.PNG.mediaType()).isEqualTo("image/png");
    }

    @Test
    void linearWindowFollowsPs33FormulaWithCenterLessHalf() {
        VoiWindow w = new VoiWindow(100, 11, VoiWindow.Function.LINEAR);
        assertThat(w.apply(94.5)).isZero(); // c - 0.5 - (w-1)/2
        assertThat(w.apply(99.5)).isEqualTo(128); // (0 / 10 + 0.5) * 255 = 127.5
        assertThat(w.apply(104.6)).isEqualTo(255);
        assertThat(w.apply(102)).isEqualTo((int) Math.round((2.5 / 10 + 0.5) * 255));
    }

    @Test
    void linearExactAndSigmoidWindowsFollowPs33() {
        VoiWindow exact = new VoiWindow(100, 10, VoiWindow.Function.LINEAR_EXACT);
        assertThat(exact.apply(95)).isZero();
        assertThat(exact.apply(100)).isEqualTo(128);
        assertThat(exact.apply(105)).isEqualTo(255);
        VoiWindow sigmoid = new VoiWindow(100, 10, VoiWindow.Function.SIGMOID);
        assertThat(sigmoid.apply(100)).isEqualTo(128);
        assertThat(sigmoid.apply(105)).isEqualTo((int) Math.round(255 / (1 + Math.exp(-2))));
    }

    @Test
    void windowWithWidthBelowOneIsIgnoredAndTheRangeShown() throws Exception {
        PixelDescription d = grey(1, 4, 16, 16, false);
        Dataset ds = PixelFiles.dataset(d, ramp(4, 100));
        ds.putString(VoiWindow.WindowCenter, VR.DS, "150");
        ds.putString(VoiWindow.WindowWidth, VR.DS, "0");
        assertThat(rendered(ramp(4, 100), d, ds, 1)).containsExactly(0, 85, 170, 255);
    }

    @Test
    void perFrameFunctionalGroupsOverrideSharedOnes() throws Exception {
        PixelDescription d = new PixelDescription(1, 4, 1, 16, 16, 15, false, "MONOCHROME2", 0,
                2);
        Dataset ds = PixelFiles.dataset(d, ramp(8, 100));
        ds.put(Element.sequence(RenderAttributes.SharedFunctionalGroupsSequence,
                List.of(group(transform("2", "0"), voi("300", "601")))));
        ds.put(Element.sequence(RenderAttributes.PerFrameFunctionalGroupsSequence, List.of(
                new Dataset(), group(transform("1", "-100"), voi("100", "201")))));
        // frame 1: values 0..600 by 200, window 0..600 (c - 0.5 -+ 300)
        assertThat(rendered(ramp(4, 100), d, ds, 1)).containsExactly(0, 85, 170, 255);
        // frame 2: values -100..200 by 100, window -0.5..199.5; 0 is (0.5 / 200) * 255 = 0.64
        assertThat(rendered(ramp(4, 100), d, ds, 2)).containsExactly(0, 1, 128, 255);
    }

    private static Dataset group(Dataset transform, Dataset voi) {
        Dataset g = new Dataset();
        g.put(Element.sequence(ModalityLut.PixelValueTransformationSequence, List.of(transform)));
        g.put(Element.sequence(VoiWindow.FrameVOILUTSequence, List.of(voi)));
        return g;
    }

    private static Dataset transform(String slope, String intercept) {
        return new Dataset().putString(ModalityLut.RescaleSlope, VR.DS, slope)
                .putString(ModalityLut.RescaleIntercept, VR.DS, intercept);
    }

    private static Dataset voi(String center, String width) {
        return new Dataset().putString(VoiWindow.WindowCenter, VR.DS, center)
                .putString(VoiWindow.WindowWidth, VR.DS, width);
    }

    private static Dataset withLut(int sequence, VR vr, int count, int first, int bits,
            byte[] data) {
        Dataset item = new Dataset().putInts(LookupTable.LUTDescriptor, vr, count, first, bits);
        item.put(Element.of(LookupTable.LUTData, VR.OW, data));
        return new Dataset().put(Element.sequence(sequence, List.of(item)));
    }

    @Test
    void modalityLutTableClampsInputsOutsideItsEntries() throws Exception {
        PixelDescription d = grey(1, 4, 16, 16, false);
        // entries 10, 20, 30 for stored values 100..102; 0 and 300 take the end entries
        Dataset ds = withLut(ModalityLut.ModalityLUTSequence, VR.US, 3, 100, 16,
                words(new int[] {10, 20, 30}));
        byte[] pixels = words(new int[] {0, 101, 102, 300});
        assertThat(rendered(pixels, d, ds, 1)).containsExactly(0, 128, 255, 255);
    }

    @Test
    void voiLutEntriesAreScaledFromTheirBitsAndPacked8BitEntriesRead() throws Exception {
        PixelDescription d = grey(1, 4, 16, 16, false);
        // four 8-bit entries packed two a word, for values 0..3
        Dataset ds = withLut(VoiLut.VOILUTSequence, VR.US, 4, 0, 8,
                new byte[] {0, 51, (byte) 204, (byte) 255});
        assertThat(rendered(words(new int[] {0, 1, 2, 3}), d, ds, 1))
                .containsExactly(0, 51, 204, 255);
    }

    @Test
    void voiLutEntriesAboveTheDescriptorsBitsWidenTheScale() throws Exception {
        PixelDescription d = grey(1, 3, 16, 16, false);
        // the descriptor says 8 bits, the entries reach 1023: scaled as 10 bits
        Dataset ds = withLut(VoiLut.VOILUTSequence, VR.US, 3, 0, 8,
                words(new int[] {0, 511, 1023}));
        assertThat(rendered(words(new int[] {0, 1, 2}), d, ds, 1)).containsExactly(0, 127, 255);
    }

    @Test
    void voiLutFirstValueIsSignedWhenTheRescaleCanGiveNegativeValues() throws Exception {
        PixelDescription d = grey(1, 3, 16, 12, false);
        Dataset ds = withLut(VoiLut.VOILUTSequence, VR.US, 3, -1, 16,
                words(new int[] {0, 32768, 65535}));
        ds.putString(ModalityLut.RescaleIntercept, VR.DS, "-1025"); // stored 1024 is -1
        assertThat(rendered(words(new int[] {1024, 1025, 1026}), d, ds, 1))
                .containsExactly(0, 128, 255);
    }

    @Test
    void aVoiLutWithoutDataIsIgnoredAndTheRangeShown() throws Exception {
        PixelDescription d = grey(1, 4, 16, 16, false);
        Dataset item = new Dataset().putInts(LookupTable.LUTDescriptor, VR.US, 2, 0, 16);
        Dataset ds = new Dataset().put(Element.sequence(VoiLut.VOILUTSequence, List.of(item)));
        assertThat(rendered(ramp(4, 100), d, ds, 1)).containsExactly(0, 85, 170, 255);
    }

    @Test
    void rejectsModalityLutWithoutDataNamingIt() {
        PixelDescription d = grey(1, 2, 16, 16, false);
        Dataset item = new Dataset().putInts(LookupTable.LUTDescriptor, VR.US, 2, 0, 16);
        Dataset ds = new Dataset().put(
                Element.sequence(ModalityLut.ModalityLUTSequence, List.of(item)));
        assertThatThrownBy(() -> rendered(words(new int[] {0, 1}), d, ds, 1))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("ModalityLUTSequence (0028,3000)")
                .hasMessageContaining("LUTData (0028,3006)");
    }

    @Test
    void unsigned32BitValuesKeepTheirOrder() throws Exception {
        PixelDescription d = grey(1, 3, 32, 32, false);
        byte[] pixels = {0, 0, 0, 0, 0, 0, 0, (byte) 0x80, -1, -1, -1, -1};
        Dataset ds = PixelFiles.dataset(d, pixels);
        assertThat(rendered(pixels, d, ds, 1)).containsExactly(0, 128, 255);
    }

    @Test
    void monochrome1WithoutWindowShowsItsMinimumWhite() throws Exception {
        PixelDescription d = grey(1, 4, 16, 16, false).withColourModel("MONOCHROME1", 0);
        Dataset ds = PixelFiles.dataset(d, ramp(4, 100));
        assertThat(rendered(ramp(4, 100), d, ds, 1)).containsExactly(255, 170, 85, 0);
    }

    @Test
    void jpegDecodesBackToNearlyTheSameImageAndQualityChangesItsSize() throws Exception {
        PixelDescription d = grey(64, 64, 16, 12, false);
        byte[] pixels = words(RenderFixtures.values(64 * 64, 0, 4095, 3));
        Dataset ds = PixelFiles.dataset(d, pixels);
        DecodedFrame frame = new DecodedFrame(pixels, d);
        byte[] best = Renderer.render(frame, ds, 1, RenderedFormat.JPEG, 100);
        byte[] worst = Renderer.render(frame, ds, 1, RenderedFormat.JPEG, 5);
        int[] decoded = RenderFixtures.samples(ImageIO.read(new ByteArrayInputStream(best)));
        int[] expected = RenderFixtures.samples(Renderer.image(frame, ds, 1));
        assertThat(meanDifference(decoded, expected)).isLessThan(2.0);
        assertThat(worst.length).isLessThan(best.length / 2);
    }

    @Test
    void colourJpegDecodesBackToNearlyTheSameImage() throws Exception {
        PixelDescription d = RenderFixtures.colour(32, 48, "RGB", 0);
        byte[] pixels = new byte[32 * 48 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i / 3 % 48) * 5 + (i % 3) * 20); // smooth, per channel
        }
        Dataset ds = PixelFiles.dataset(d, pixels);
        DecodedFrame frame = new DecodedFrame(pixels, d);
        byte[] jpeg = Renderer.render(frame, ds, 1, RenderedFormat.JPEG, 95);
        int[] decoded = RenderFixtures.samples(ImageIO.read(new ByteArrayInputStream(jpeg)));
        int[] expected = RenderFixtures.samples(Renderer.image(frame, ds, 1));
        assertThat(decoded).hasSameSizeAs(expected);
        assertThat(meanDifference(decoded, expected)).isLessThan(4.0);
    }

    private static double meanDifference(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return (double) sum / a.length;
    }

    @Test
    void pngIsLossless() throws Exception {
        PixelDescription d = grey(13, 17, 8, 8, false);
        byte[] pixels = new byte[13 * 17];
        new Random(1).nextBytes(pixels);
        Dataset ds = PixelFiles.dataset(d, pixels);
        assertThat(RenderFixtures.renderPng(pixels, d, ds, 1))
                .containsExactly(rendered(pixels, d, ds, 1));
    }

    @Test
    void rejectsPhotometricThatNativeDataCannotHold() {
        PixelDescription d = RenderFixtures.colour(2, 2, "YBR_ICT", 0);
        assertThatThrownBy(() -> render(new byte[12], d, PixelFiles.dataset(d, new byte[12])))
                .isInstanceOf(PixelDataException.class).hasMessageContaining("'YBR_ICT'");
    }

    @Test
    void rejectsSegmentedPaletteNamingIt() {
        PixelDescription d = grey(2, 2, 8, 8, false).withColourModel("PALETTE COLOR", 0);
        Dataset ds = PixelFiles.dataset(d, new byte[4]);
        ds.put(Element.of(PaletteLut.SegmentedRedData, VR.OW, new byte[8]));
        assertThatThrownBy(() -> render(new byte[4], d, ds))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("SegmentedRedPaletteColorLookupTableData (0028,1221)");
    }

    @Test
    void rejectsPaletteDescriptorWithTwelveBitEntries() {
        PixelDescription d = grey(2, 2, 8, 8, false).withColourModel("PALETTE COLOR", 0);
        Dataset ds = PixelFiles.dataset(d, new byte[4]);
        for (int c = 0; c < 3; c++) {
            ds.putInts(PaletteLut.RedDescriptor + c, VR.US, 256, 0, 12);
            ds.put(Element.of(PaletteLut.RedData + c, VR.OW, new byte[512]));
        }
        assertThatThrownBy(() -> render(new byte[4], d, ds))
                .isInstanceOf(PixelDataException.class).hasMessageContaining("bits per entry 12");
    }

    @Test
    void rejectsFrameShorterThanItsSamples() {
        PixelDescription d = grey(4, 4, 16, 16, false);
        assertThatThrownBy(() -> render(new byte[20], d, PixelFiles.dataset(d, new byte[20])))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("has 20 bytes").hasMessageContaining("need 32");
    }

    @Test
    void aNonNumericWindowCenterRendersTheFramesOwnRange() throws PixelDataException {
        PixelDescription d = grey(1, 4, 16, 16, false);
        Dataset windowed = PixelFiles.dataset(d, ramp(4, 1));
        windowed.putString(VoiWindow.WindowCenter, VR.DS, "abc");
        windowed.putString(VoiWindow.WindowWidth, VR.DS, "10");
        Dataset plain = PixelFiles.dataset(d, ramp(4, 1));

        assertThat(render(ramp(4, 1), d, windowed)).isEqualTo(render(ramp(4, 1), d, plain));
    }

    private static byte[] render(byte[] pixels, PixelDescription d, Dataset ds)
            throws PixelDataException {
        return Renderer.render(new DecodedFrame(pixels, d), ds, 1, RenderedFormat.PNG, 100);
    }
}
