// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static dicomite.retrieve.RetrieveCalls.EXPLICIT;
import static dicomite.retrieve.RetrieveCalls.get;
import static dicomite.retrieve.RetrieveCalls.instancePath;
import static dicomite.retrieve.RetrieveCalls.parts;
import static dicomite.retrieve.RetrieveCalls.store;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import dicomite.pixel.PixelDescription;
import dicomite.store.DicomFiles;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WADO-RS frames over HTTP (spec §3.4): fixtures stored through the API with fresh UIDs, then
 * their frames compared byte for byte with frames found independently ({@link FrameOracle}):
 * native frames at plain offsets, encapsulated ones from dcmtk's fragments.
 */
class FramesApiTest {
    static final String OCTET = "application/octet-stream";
    static final String ORIGINAL_PARTS =
            "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
    private static final int NATIVE_FRAME = 64; // bytes: 8 x 8 pixels of 8 bits

    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    @TempDir
    Path temp;

    /** A fixture with fresh UIDs (and a PatientID, which store requires), stored; its bytes. */
    static byte[] storeFixture(ServerFixture server, String name) throws Exception {
        Part10 file = RetrieveCalls.renamedFixture(name, DicomFiles.uid(), DicomFiles.uid());
        byte[] bytes = RetrieveCalls.bytesOf(file);
        store(server, bytes);
        return bytes;
    }

    static String framesPath(byte[] file, String frames) throws Exception {
        return instancePath("v2", RetrieveCalls.read(file).dataset()) + "/frames/" + frames;
    }

    private static void assertFrames(HttpResponse<byte[]> response, String partType,
            List<byte[]> expected) throws Exception {
        assertThat(response.statusCode()).as(RetrieveCalls.text(response)).isEqualTo(200);
        List<RetrieveCalls.Part> parts = parts(response);
        assertThat(parts).hasSameSizeAs(expected);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).contentType()).isEqualTo(partType);
            assertThat(parts.get(i).body()).as("part %d", i + 1).isEqualTo(expected.get(i));
        }
    }

    @Test
    void singleNativeFrameIsItsSliceOfThePixelData() throws Exception {
        byte[] file = storeFixture(server, "multiframe-native.dcm");

        HttpResponse<byte[]> response = get(server, framesPath(file, "10"), "Accept",
                OCTET + "; transfer-syntax=*");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(OCTET
                + "; transfer-syntax=" + EXPLICIT);
        assertThat(response.body()).isEqualTo(FrameOracle.nativeFrame(file, 10, NATIVE_FRAME));
    }

    @Test
    void multipartNativeFramesComeInRequestOrder() throws Exception {
        byte[] file = storeFixture(server, "multiframe-native.dcm");

        HttpResponse<byte[]> response = get(server, framesPath(file, "12,%201%20%2C3,1"),
                "Accept", ORIGINAL_PARTS);

        assertFrames(response, OCTET + "; transfer-syntax=" + EXPLICIT, List.of(
                FrameOracle.nativeFrame(file, 12, NATIVE_FRAME),
                FrameOracle.nativeFrame(file, 1, NATIVE_FRAME),
                FrameOracle.nativeFrame(file, 3, NATIVE_FRAME),
                FrameOracle.nativeFrame(file, 1, NATIVE_FRAME)));
    }

    @ParameterizedTest
    @ValueSource(strings = {OCTET, OCTET + "; transfer-syntax=1.2.840.10008.1.2.1"})
    void explicitLittleEndianStoredIsSentAsStoredForTheDefaultSyntax(String accept)
            throws Exception {
        byte[] file = storeFixture(server, "multiframe-native.dcm");

        HttpResponse<byte[]> response = get(server, framesPath(file, "2"), "Accept", accept);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(OCTET
                + "; transfer-syntax=" + EXPLICIT);
        assertThat(response.body()).isEqualTo(FrameOracle.nativeFrame(file, 2, NATIVE_FRAME));
    }

    @Test
    void bareAnyMediaTypeAnswersMultipartInTheStoredSyntax() throws Exception {
        byte[] file = storeFixture(server, "multiframe-native.dcm");

        HttpResponse<byte[]> response = get(server, framesPath(file, "5"), "Accept", "*/*");

        assertFrames(response, OCTET + "; transfer-syntax=" + EXPLICIT,
                List.of(FrameOracle.nativeFrame(file, 5, NATIVE_FRAME)));
    }

    @Test
    void bigEndianFramesAreStoredBytesOrSwappedWordsForExplicitLittleEndian()
            throws Exception {
        byte[] file = storeFixture(server, "explicit-vr-be.dcm");
        byte[] stored = FrameOracle.nativeFrame(file, 1, 128); // 8 x 8 pixels of 16 bits

        HttpResponse<byte[]> original = get(server, framesPath(file, "1"), "Accept",
                OCTET + "; transfer-syntax=*");
        HttpResponse<byte[]> explicit = get(server, framesPath(file, "1"), "Accept", OCTET);

        assertThat(original.headers().firstValue("Content-Type")).hasValue(OCTET
                + "; transfer-syntax=1.2.840.10008.1.2.2");
        assertThat(original.body()).isEqualTo(stored);
        assertThat(explicit.headers().firstValue("Content-Type")).hasValue(OCTET
                + "; transfer-syntax=" + EXPLICIT);
        assertThat(explicit.body()).isEqualTo(FrameOracle.swapped(stored));
    }

    @Test
    void oneBitFramesStartingInsideAByteArePackedFromBitZero() throws Exception {
        byte[] value = {(byte) 0xA5, 0x3C, (byte) 0xF0, 0x0F, 0x69, (byte) 0x96};
        byte[] file = storeNative(new PixelDescription(3, 3, 1, 1, 1, 0, false, "MONOCHROME2",
                0, 5), value);

        HttpResponse<byte[]> response = get(server, framesPath(file, "1,2,5"), "Accept",
                ORIGINAL_PARTS);

        assertFrames(response, OCTET + "; transfer-syntax=" + EXPLICIT, List.of(
                FrameOracle.bits(value, 0, 9), FrameOracle.bits(value, 9, 9),
                FrameOracle.bits(value, 36, 9)));
    }

    /** Stores an unsigned native instance of this layout whose Pixel Data is {@code value}. */
    private static byte[] storeNative(PixelDescription d, byte[] value) throws Exception {
        Dataset ds = DicomFiles.instance(DicomFiles.uid(), DicomFiles.uid(), DicomFiles.uid());
        ds.putInts(Tag.SamplesPerPixel, VR.US, d.samplesPerPixel());
        ds.putString(Tag.PhotometricInterpretation, VR.CS, d.photometricInterpretation());
        if (d.samplesPerPixel() > 1) {
            ds.putInts(Tag.PlanarConfiguration, VR.US, d.planarConfiguration());
        }
        ds.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(d.numberOfFrames()));
        ds.putInts(Tag.Rows, VR.US, d.rows());
        ds.putInts(Tag.Columns, VR.US, d.columns());
        ds.putInts(Tag.BitsAllocated, VR.US, d.bitsAllocated());
        ds.putInts(Tag.BitsStored, VR.US, d.bitsStored());
        ds.putInts(Tag.HighBit, VR.US, d.highBit());
        ds.putInts(Tag.PixelRepresentation, VR.US, 0);
        ds.put(Element.of(Tag.PixelData, VR.OB, value));
        byte[] file = DicomFiles.bytes(ds);
        store(server, file);
        return file;
    }

    /** A 2 x 4 YBR_FULL_422 instance of these frames, each of frameLength bytes. */
    private static byte[] ybrFull422(int frames, int frameLength) throws Exception {
        byte[] value = new byte[frames * frameLength];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 7);
        }
        return storeNative(new PixelDescription(2, 4, 3, 8, 8, 7, false, "YBR_FULL_422", 0,
                frames), value);
    }

    @Test
    void nativeYbrFull422FramesHoldTwoSamplesAPixel() throws Exception {
        byte[] file = ybrFull422(3, 16); // Y Y Cb Cr for each pair: 16 bytes a frame

        HttpResponse<byte[]> frames = get(server, framesPath(file, "3,1"), "Accept",
                ORIGINAL_PARTS);
        HttpResponse<byte[]> past = get(server, framesPath(file, "4"), "Accept", ORIGINAL_PARTS);
        HttpResponse<byte[]> rendered = get(server, framesPath(file, "2") + "/rendered",
                "Accept", "image/png");

        assertFrames(frames, OCTET + "; transfer-syntax=" + EXPLICIT, List.of(
                FrameOracle.nativeFrame(file, 3, 16), FrameOracle.nativeFrame(file, 1, 16)));
        assertThat(past.statusCode()).isEqualTo(404);
        assertThat(rendered.statusCode()).as(RetrieveCalls.text(rendered)).isEqualTo(200);
    }

    @Test
    void ybrFull422StoredWithThreeSamplesAPixelIsCutAtThree() throws Exception {
        byte[] file = ybrFull422(2, 24); // as some writers store it: 2 x 4 x 3 bytes a frame

        HttpResponse<byte[]> frames = get(server, framesPath(file, "2,1"), "Accept",
                ORIGINAL_PARTS);

        assertFrames(frames, OCTET + "; transfer-syntax=" + EXPLICIT, List.of(
                FrameOracle.nativeFrame(file, 2, 24), FrameOracle.nativeFrame(file, 1, 24)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiframe-rle-offset-table.dcm",
            "multiframe-jpeg-ls-no-offset-table.dcm", "multiframe-jpeg-baseline-offset-table.dcm"})
    void encapsulatedFramesAreTheirFragments(String fixture) throws Exception {
        Assumptions.assumeTrue(FrameOracle.hasDcmdump(), "dcmdump (dcmtk) is not installed");
        byte[] file = storeFixture(server, fixture);
        List<byte[]> fragments = FrameOracle.fragments(file, temp);
        String syntax = RetrieveCalls.read(file).transferSyntax().uid();

        HttpResponse<byte[]> response = get(server, framesPath(file,
                "1,2,3,4,5,6,7,8,9,10,11,12"), "Accept", ORIGINAL_PARTS);

        assertThat(fragments).hasSize(12);
        assertFrames(response, OCTET + "; transfer-syntax=" + syntax, fragments);
    }

    @Test
    void aFrameOfManyFragmentsIsTheirConcatenation() throws Exception {
        Assumptions.assumeTrue(FrameOracle.hasDcmdump(), "dcmdump (dcmtk) is not installed");
        byte[] file = storeFixture(server, "jpeg-lossless-fragments-no-offset-table.dcm");
        List<byte[]> fragments = FrameOracle.fragments(file, temp);

        HttpResponse<byte[]> response = get(server, framesPath(file, "1"), "Accept",
                OCTET + "; transfer-syntax=*");

        assertThat(fragments).hasSize(9);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FrameOracle.joined(fragments));
    }

    @Test
    void tenthFrameOfFifteenIsTheTenth() throws Exception {
        Dataset ds = DicomFiles.instance(DicomFiles.uid(), DicomFiles.uid(), DicomFiles.uid());
        byte[] pixels = new byte[15 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i / 4 + 1);
        }
        ds.putString(Tag.NumberOfFrames, VR.IS, "15");
        ds.putInts(Tag.Rows, VR.US, 1);
        ds.putInts(Tag.Columns, VR.US, 2);
        ds.putInts(Tag.BitsAllocated, VR.US, 16);
        ds.put(Element.of(Tag.PixelData, VR.OW, pixels));
        byte[] file = DicomFiles.bytes(ds);
        store(server, file);

        HttpResponse<byte[]> response = get(server, framesPath(file, "10"), "Accept",
                OCTET + "; transfer-syntax=*");

        assertThat(response.body()).containsExactly(10, 10, 10, 10);
    }
}
