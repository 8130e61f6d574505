// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static dicomite.retrieve.RetrieveCalls.bytesOf;
import static dicomite.retrieve.RetrieveCalls.get;
import static dicomite.retrieve.RetrieveCalls.instancePath;
import static dicomite.retrieve.RetrieveCalls.renamedFixture;
import static dicomite.retrieve.RetrieveCalls.store;
import static dicomite.retrieve.RetrieveCalls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomite.ServerFixture;
import dicomite.dicom.Part10;
import dicomite.dicom.Tag;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.store.DicomFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered routes over HTTP (spec §3.5, §15): the images, compared with dcmtk's dcmj2pnm
 * within one grey level (rounding of the window function), and every error in the order of
 * checks of spec §1.3.
 */
class RenderedApiTest {
    private static final String MISSING = "v2/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5";
    private static final int TOLERANCE = 1; // grey levels

    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    @TempDir
    Path folder;

    private static Part10 storeFixture(String name) throws Exception {
        Part10 file = renamedFixture(name, DicomFiles.uid(), DicomFiles.uid());
        store(server, bytesOf(file));
        return file;
    }

    private static String rendered(Part10 file) {
        return instancePath("v2", file.dataset()) + "/rendered";
    }

    private static String renderedFrame(Part10 file, String frame) {
        return instancePath("v2", file.dataset()) + "/frames/" + frame + "/rendered";
    }

    private static void assertError(HttpResponse<byte[]> response, ApiError expected) {
        assertThat(response.statusCode()).isEqualTo(expected.status());
        assertThat(text(response)).isEqualTo(expected.body());
    }

    private static void assertClose(int[] actual, int[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("sample " + i + " of "
                    + Arrays.toString(actual) + " against " + Arrays.toString(expected))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static BufferedImage image(HttpResponse<byte[]> response) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    @Test
    void anInstanceRendersItsFirstWindowAsDcmtkDoes() throws Exception {
        assumeTrue(CodecOracle.has("dcmj2pnm"), "dcmj2pnm is not installed; the check needs it");
        Part10 stored = storeFixture("explicit-vr-le.dcm"); // CT, WindowCenter 40\400

        HttpResponse<byte[]> response = get(server, rendered(stored), "Accept", "image/png");

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertClose(CodecOracle.samples(response.body()),
                CodecOracle.render(bytesOf(stored), folder, "+Wi", "1"));
    }

    @Test
    void frameTenOfACompressedInstanceRendersItsOwnRangeAsDcmtkDoes() throws Exception {
        assumeTrue(CodecOracle.has("dcmj2pnm"), "dcmj2pnm is not installed; the check needs it");
        Part10 stored = storeFixture("multiframe-rle-offset-table.dcm"); // no window

        HttpResponse<byte[]> response = get(server, renderedFrame(stored, "10"), "Accept",
                "IMAGE/PNG");

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertClose(CodecOracle.samples(response.body()),
                CodecOracle.render(bytesOf(stored), folder, "+Wm", "+F", "10"));
    }

    @Test
    void withoutAcceptTheImageIsAJpegOfTheInstanceSize() throws Exception {
        Part10 stored = storeFixture("jpeg-baseline.dcm");

        HttpResponse<byte[]> response = get(server, rendered(stored));

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage image = image(response);
        assertThat(image.getWidth()).isEqualTo(stored.dataset().findInt(Tag.Columns).orElseThrow());
        assertThat(image.getHeight()).isEqualTo(stored.dataset().findInt(Tag.Rows).orElseThrow());
    }

    @Test
    void aLowerQualityGivesASmallerJpeg() throws Exception {
        Part10 stored = storeFixture("multiframe-native.dcm");

        HttpResponse<byte[]> best = get(server, renderedFrame(stored, "2"), "Accept",
                "image/jpeg");
        HttpResponse<byte[]> worst = get(server, renderedFrame(stored, "2") + "?quality=1",
                "Accept", "image/jpeg");

        assertThat(best.statusCode()).isEqualTo(200);
        assertThat(worst.statusCode()).isEqualTo(200);
        assertThat(worst.body().length).isLessThan(best.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "2147483648"})
    void aFrameThatIsNotAnIntegerIs400(String frame) throws Exception {
        assertError(get(server, MISSING + "/frames/" + frame + "/rendered", "Accept",
                "image/gif"), Errors.invalidQueryParameterValue("frame", frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", ""})
    void aQualityThatIsNotAnIntegerIs400(String quality) throws Exception {
        ApiError expected = quality.isEmpty()
                ? Errors.missingQueryParameterValue("quality", quality)
                : Errors.invalidQueryParameterValue("quality", quality);

        assertError(get(server, MISSING + "/rendered?quality=" + quality), expected);
    }

    @Test
    void anInvalidUIDBeatsABadFrameQualityAndAccept() throws Exception {
        HttpResponse<byte[]> response = get(server, "v2/studies/1.2.3/series/1.2.3.4/instances/"
                + "1.2.x/frames/0/rendered?quality=0", "Accept", "image/gif");

        assertError(response, Errors.invalidUID("SopInstanceUid"));
    }

    @Test
    void frameZeroIs400BeforeQualityAndAccept() throws Exception {
        assertError(get(server, MISSING + "/frames/0/rendered?quality=0", "Accept",
                "image/gif"), Errors.invalidFrames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-5"})
    void aQualityOutsideOneToAHundredIs400BeforeAccept(String quality) throws Exception {
        assertError(get(server, MISSING + "/rendered?quality=" + quality, "Accept", "image/gif"),
                Errors.imageQualityOutOfRange());
        assertThat(Errors.imageQualityOutOfRange().body())
                .isEqualTo("Image quality must be between 1 and 100 inclusive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/gif", "*/*", "application/octet-stream", "image/jp2",
        "text/html"})
    void anAcceptOtherThanJpegOrPngIs406EvenForAMissingInstance(String accept)
            throws Exception {
        assertError(get(server, MISSING + "/rendered", "Accept", accept),
                Errors.notAcceptableHeaders());
    }

    @Test
    void moreThanOneAcceptValueIs406() throws Exception {
        assertError(get(server, MISSING + "/rendered", "Accept", "image/jpeg, image/png"),
                Errors.multipleAcceptHeaders());
        assertError(get(server, MISSING + "/rendered", "Accept", "image/png", "Accept",
                "image/png"), Errors.multipleAcceptHeaders());
        assertThat(Errors.multipleAcceptHeaders().body()).isEqualTo("The request contains"
                + " multiple accept headers, which is not supported.");
    }

    @Test
    void aMissingInstanceIs404() throws Exception {
        assertError(get(server, MISSING + "/rendered", "Accept", "image/png"),
                Errors.instanceNotFound());
    }

    @Test
    void aFrameBeyondTheLastOrWithoutPixelDataIs404() throws Exception {
        Part10 stored = storeFixture("multiframe-native.dcm"); // 12 frames
        Part10 noPixels = renamedFixture("private-tags-explicit.dcm", DicomFiles.uid(),
                DicomFiles.uid());
        store(server, bytesOf(noPixels));

        assertError(get(server, renderedFrame(stored, "13")), Errors.frameNotFound());
        assertError(get(server, rendered(noPixels)), Errors.frameNotFound());
        assertThat(Errors.frameNotFound().body()).isEqualTo("The specified frame cannot be found.");
    }

    @Test
    void pixelsThatDoNotDecodeAre406() throws Exception {
        Part10 file = renamedFixture("rle-lossless.dcm", DicomFiles.uid(), DicomFiles.uid());
        java.util.List<byte[]> fragments = new java.util.ArrayList<>(
                file.dataset().get(Tag.PixelData).fragments());
        byte[] broken = fragments.get(1).clone();
        broken[4] = (byte) 0xF0; // PS3.5 §G.5: the first segment starts past the frame's end
        broken[5] = 0x7F;
        fragments.set(1, broken);
        file.dataset().put(dicomite.dicom.Element.encapsulated(Tag.PixelData,
                dicomite.dicom.VR.OB, fragments));
        store(server, bytesOf(file));

        assertError(get(server, rendered(file)), Errors.renderingFailed());
        assertThat(Errors.renderingFailed().body()).isEqualTo("An error was encountered when"
                + " attempting to convert the dicom file into an image");
    }

    @Test
    void aColourJpegKeepsEveryChromaSample() throws Exception {
        Part10 stored = storeFixture("img2dcm-bmp.dcm"); // RGB

        HttpResponse<byte[]> response = get(server, rendered(stored), "Accept", "image/jpeg");

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        byte[] jpeg = response.body();
        int sof = 2;
        while (!((jpeg[sof] & 0xFF) == 0xFF && (jpeg[sof + 1] & 0xFF) == 0xC0)) {
            sof += 2 + ((jpeg[sof + 2] & 0xFF) << 8 | (jpeg[sof + 3] & 0xFF)); // next marker
        }
        // T.81 §B.2.2: after the precision, size and count, three bytes a component; the
        // second is the sampling factors, 0x11 for no subsampling.
        assertThat(jpeg[sof + 9] & 0xFF).as("components").isEqualTo(3);
        for (int c = 0; c < 3; c++) {
            assertThat(jpeg[sof + 11 + 3 * c] & 0xFF).as("component " + c).isEqualTo(0x11);
        }
    }
}
