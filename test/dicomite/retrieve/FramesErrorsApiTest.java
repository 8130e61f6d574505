// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static dicomite.retrieve.FramesApiTest.OCTET;
import static dicomite.retrieve.FramesApiTest.ORIGINAL_PARTS;
import static dicomite.retrieve.RetrieveCalls.get;
import static dicomite.retrieve.RetrieveCalls.store;
import static dicomite.retrieve.RetrieveCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.store.DicomFiles;
import dicomite.store.MultipartBody;
import dicomite.store.StoreCalls;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error of the frames route over HTTP (spec §3.2, §3.4, §15), in the order of checks of
 * spec §1.3, and what deleting or replacing an instance does to its frames.
 */
class FramesErrorsApiTest {
    private static final String MISSING = "v2/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5";
    private static final String SINGLE_ORIGINAL = OCTET + "; transfer-syntax=*";

    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    private static void assertError(HttpResponse<byte[]> response, ApiError expected) {
        assertThat(response.statusCode()).isEqualTo(expected.status());
        assertThat(text(response)).isEqualTo(expected.body());
    }

    /** A 2 x 2, 8-bit instance of {@code frames} frames: frame n is four bytes of value n. */
    private static byte[] instanceOf(String sop, int frames, int storedFrames) {
        Dataset ds = DicomFiles.instance(DicomFiles.uid(), DicomFiles.uid(), sop);
        byte[] pixels = new byte[4 * storedFrames];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i / 4 + 1);
        }
        ds.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        ds.putInts(Tag.Rows, VR.US, 2);
        ds.putInts(Tag.Columns, VR.US, 2);
        ds.putInts(Tag.BitsAllocated, VR.US, 8);
        ds.put(Element.of(Tag.PixelData, VR.OB, pixels));
        return DicomFiles.bytes(ds);
    }

    private static byte[] stored(int frames) throws Exception {
        byte[] file = instanceOf(DicomFiles.uid(), frames, frames);
        store(server, file);
        return file;
    }

    private static String path(byte[] file, String frames) throws Exception {
        return FramesApiTest.framesPath(file, frames);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1,x", "2147483648", "1.5"})
    void aFrameThatIsNotAnInt32Is400(String frames) throws Exception {
        String bad = frames.contains(",") ? "x" : frames;

        assertError(get(server, MISSING + "/frames/" + frames, "Accept", SINGLE_ORIGINAL),
                Errors.unparsableFrame(bad));
        assertThat(Errors.unparsableFrame("abc").body()).isEqualTo("The query parameter"
                + " 'frames' is invalid. Unable to parse value 'abc' as Int32.");
    }

    @Test
    void anUnparsableFrameBeatsAnInvalidUID() throws Exception {
        assertError(get(server, "v2/studies/a/series/b/instances/c/frames/z", "Accept",
                SINGLE_ORIGINAL), Errors.unparsableFrame("z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1,0", "%2C"})
    void aFrameBelowOneIs400EvenForAMissingInstance(String frames) throws Exception {
        assertError(get(server, MISSING + "/frames/" + frames, "Accept", SINGLE_ORIGINAL),
                Errors.invalidFrames());
        assertThat(Errors.invalidFrames().body()).isEqualTo("The specified frames value is not"
                + " valid. At least one frame must be present, and all requested frames must"
                + " have value greater than 0.");
    }

    @Test
    void anInvalidUIDIs400BeforeTheAcceptCheck() throws Exception {
        assertError(get(server, "v2/studies/1.2.3/series/x/instances/1.2.3.4.5/frames/1"),
                Errors.invalidUID("SeriesInstanceUid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application/dicom", "image/jp2",
            "application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.50",
            "multipart/related; type=application/octet-stream; transfer-syntax=1.2.840.10008.1.2",
            "multipart/related; type=\"image/jp2\"; transfer-syntax=*"})
    void anUnacceptableAcceptIs406EvenForAMissingInstance(String accept) throws Exception {
        HttpResponse<byte[]> response = accept.isEmpty() ? get(server, MISSING + "/frames/1")
                : get(server, MISSING + "/frames/1", "Accept", accept);

        assertError(response, Errors.notAcceptableHeaders());
    }

    @Test
    void singlePartAcceptForTwoFramesIs400() throws Exception {
        assertError(get(server, MISSING + "/frames/1,2", "Accept", SINGLE_ORIGINAL),
                Errors.singlePartForManyFrames());
        assertThat(Errors.singlePartForManyFrames().body()).isEqualTo("The accept header is"
                + " supported for single frame retrieval, use multi-part accept header instead.");
    }

    @Test
    void aMissingInstanceIs404() throws Exception {
        assertError(get(server, MISSING + "/frames/1", "Accept", SINGLE_ORIGINAL),
                Errors.instanceNotFound());
    }

    @Test
    void aFrameBeyondNumberOfFramesIs404BeforeAnyByte() throws Exception {
        byte[] file = stored(3);

        assertError(get(server, path(file, "1,4"), "Accept", ORIGINAL_PARTS),
                Errors.frameNotFound());
        assertThat(Errors.frameNotFound().body()).isEqualTo("The specified frame cannot be"
                + " found.");
    }

    @Test
    void anInstanceWithoutPixelDataHasNoFrame() throws Exception {
        Dataset ds = DicomFiles.instance();
        byte[] file = DicomFiles.bytes(ds);
        store(server, file);

        assertError(get(server, path(file, "1"), "Accept", SINGLE_ORIGINAL),
                Errors.frameNotFound());
    }

    @ParameterizedTest
    @ValueSource(strings = {OCTET, "multipart/related; type=\"image/jp2\""})
    void encapsulatedFramesOfASyntaxWithoutADecoderAre406(String accept) throws Exception {
        Part10 file = RetrieveCalls.renamedFixture("multiframe-jpeg-ls-no-offset-table.dcm",
                DicomFiles.uid(), DicomFiles.uid());
        TransferSyntax mpeg2 = TransferSyntax.forUID("1.2.840.10008.1.2.4.100");
        byte[] bytes = RetrieveCalls.bytesOf(new Part10(file.fileMeta(), file.dataset(), mpeg2,
                true, -1));
        store(server, bytes);

        assertError(get(server, path(bytes, "1"), "Accept", accept),
                Errors.transcodingNotSupported());
    }

    @Test
    void brokenPixelDataAnswersTheSameServerErrorAgain() throws Exception {
        byte[] file = instanceOf(DicomFiles.uid(), 5, 2); // 5 frames said, 2 stored
        store(server, file);

        HttpResponse<byte[]> first = get(server, path(file, "1"), "Accept", SINGLE_ORIGINAL);
        HttpResponse<byte[]> second = get(server, path(file, "1"), "Accept", SINGLE_ORIGINAL);

        assertError(first, Errors.internal());
        assertError(second, Errors.internal());
    }

    @Test
    void aDeletedInstanceHasNoFrames() throws Exception {
        byte[] file = stored(2);
        assertThat(get(server, path(file, "2"), "Accept", SINGLE_ORIGINAL).body())
                .containsExactly(2, 2, 2, 2);
        String instance = path(file, "2").replaceFirst("/frames/2$", "");

        assertThat(StoreCalls.send(server, "DELETE", instance, null, new byte[0])
                .statusCode()).isEqualTo(204);

        assertError(get(server, path(file, "2"), "Accept", SINGLE_ORIGINAL),
                Errors.instanceNotFound());
    }

    @Test
    void aReplacedInstanceServesItsNewFrames() throws Exception {
        String sop = DicomFiles.uid();
        byte[] first = instanceOf(sop, 2, 2);
        store(server, first);
        assertThat(get(server, path(first, "2"), "Accept", SINGLE_ORIGINAL).statusCode())
                .isEqualTo(200);
        Dataset ds = RetrieveCalls.read(first).dataset();
        byte[] second = instanceOf(sop, 3, 3);
        Dataset replacement = RetrieveCalls.read(second).dataset();
        replacement.putString(Tag.StudyInstanceUID, VR.UI, ds.getString(Tag.StudyInstanceUID,
                ""));
        replacement.putString(Tag.SeriesInstanceUID, VR.UI,
                ds.getString(Tag.SeriesInstanceUID, ""));
        byte[] replacementFile = DicomFiles.bytes(replacement);

        HttpResponse<String> put = StoreCalls.send(server, "PUT", "v2/studies",
                StoreCalls.MULTIPART, MultipartBody.of(replacementFile), "Accept",
                StoreCalls.DICOM_JSON);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(get(server, path(first, "3"), "Accept", SINGLE_ORIGINAL).body())
                .containsExactly(3, 3, 3, 3);
    }
}
