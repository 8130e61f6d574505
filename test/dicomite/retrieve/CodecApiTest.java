// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static dicomite.retrieve.RetrieveCalls.bytesOf;
import static dicomite.retrieve.RetrieveCalls.get;
import static dicomite.retrieve.RetrieveCalls.instancePath;
import static dicomite.retrieve.RetrieveCalls.parts;
import static dicomite.retrieve.RetrieveCalls.read;
import static dicomite.retrieve.RetrieveCalls.renamedFixture;
import static dicomite.retrieve.RetrieveCalls.store;
import static dicomite.retrieve.RetrieveCalls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.http.Errors;
import dicomite.store.DicomFiles;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conversions that need a codec, over HTTP (spec §3.3, §3.4): compressed frames and instances
 * to Explicit VR Little Endian, checked bit for bit against dcmtk's decompressors, and native
 * or compressed pixel data to JPEG 2000 lossless, checked by decoding the codestreams with
 * OpenJPEG's opj_decompress. Each check is skipped, saying why, when its tool is absent.
 */
class CodecApiTest {
    static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String JPEG_2000 = TransferSyntax.JPEG_2000_LOSSLESS.uid();
    static final String OCTET = "application/octet-stream";
    static final String JP2_PARTS = "multipart/related; type=\"image/jp2\"";

    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    @TempDir
    Path folder;

    private static void assumeTool(String tool) {
        assumeTrue(CodecOracle.has(tool), tool + " is not installed; the check needs it");
    }

    private static Part10 storeFixture(String name) throws Exception {
        Part10 file = renamedFixture(name, DicomFiles.uid(), DicomFiles.uid());
        store(server, bytesOf(file));
        return file;
    }

    private static String framePath(Part10 file, int frame) {
        return instancePath("v2", file.dataset()) + "/frames/" + frame;
    }

    private static int frameCount(Dataset ds) {
        return ds.findInt(Tag.NumberOfFrames).orElse(1);
    }

    @ParameterizedTest
    @CsvSource({"rle-lossless.dcm, dcmdrle", "multiframe-rle-offset-table.dcm, dcmdrle",
        "jpeg-lossless-sv1.dcm, dcmdjpeg", "jpeg-lossless-fragments-no-offset-table.dcm, dcmdjpeg",
        "jpeg-ls-lossless.dcm, dcmdjpls", "multiframe-jpeg-ls-no-offset-table.dcm, dcmdjpls"})
    void losslessFramesAreDecodedAsDcmtkDecodesThem(String fixture, String tool)
            throws Exception {
        assumeTool(tool);
        Part10 stored = storeFixture(fixture);
        Dataset oracle = CodecOracle.decompress(tool, bytesOf(stored), folder).dataset();

        for (int n : List.of(1, frameCount(oracle))) {
            HttpResponse<byte[]> response = get(server, framePath(stored, n), "Accept", OCTET);

            assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue(OCTET + "; transfer-syntax=" + EXPLICIT);
            assertThat(response.body()).as("frame " + n).isEqualTo(CodecOracle.frame(oracle, n));
        }
    }

    @ParameterizedTest
    @CsvSource({"multiframe-rle-offset-table.dcm, dcmdrle", "jpeg-lossless-sv1.dcm, dcmdjpeg",
        "multiframe-jpeg-ls-no-offset-table.dcm, dcmdjpls"})
    void losslessInstancesAreConvertedToExplicitLittleEndianAsDcmtkDoes(String fixture,
            String tool) throws Exception {
        assumeTool(tool);
        Part10 stored = storeFixture(fixture);
        Dataset oracle = CodecOracle.decompress(tool, bytesOf(stored), folder).dataset();

        HttpResponse<byte[]> response = get(server, instancePath("v2", stored.dataset()),
                "Accept", "application/dicom");

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        Part10 converted = read(response.body());
        assertThat(converted.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(converted.fileMeta().getString(Tag.TransferSyntaxUID, "")).isEqualTo(EXPLICIT);
        for (int n = 1; n <= frameCount(oracle); n++) {
            assertThat(CodecOracle.frame(converted.dataset(), n)).as("frame " + n)
                    .isEqualTo(CodecOracle.frame(oracle, n));
        }
        assertThat(converted.dataset().getString(Tag.SOPInstanceUID, ""))
                .isEqualTo(stored.dataset().getString(Tag.SOPInstanceUID, "x"));
    }

    @Test
    void nativeFramesGoOutAsJpeg2000ThatOpenJpegDecodesBitForBit() throws Exception {
        assumeTool("opj_decompress");
        Part10 stored = storeFixture("explicit-vr-le.dcm"); // 8 x 8, 16 bits
        byte[] nativeFrame = stored.dataset().get(Tag.PixelData).value();

        HttpResponse<byte[]> response = get(server, framePath(stored, 1), "Accept", JP2_PARTS);

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        List<RetrieveCalls.Part> parts = parts(response);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).contentType())
                .isEqualTo("image/jp2; transfer-syntax=" + JPEG_2000);
        assertThat(CodecOracle.decodeJpeg2000(parts.get(0).body(), 64, 1, 2, folder))
                .isEqualTo(nativeFrame);
    }

    @Test
    void aMultiFrameInstanceGoesOutAsJpeg2000WithOneFragmentPerFrame() throws Exception {
        assumeTool("opj_decompress");
        Part10 stored = storeFixture("multiframe-native.dcm"); // 12 frames of 8 x 8, 8 bits
        byte[] pixels = stored.dataset().get(Tag.PixelData).value();

        HttpResponse<byte[]> response = get(server, instancePath("v2", stored.dataset()),
                "Accept", "application/dicom; transfer-syntax=" + JPEG_2000);

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        Part10 converted = read(response.body());
        assertThat(converted.transferSyntax().uid()).isEqualTo(JPEG_2000);
        List<byte[]> fragments = converted.dataset().get(Tag.PixelData).fragments();
        assertThat(fragments).hasSize(13);
        assertThat(fragments.get(0)).isEmpty(); // an empty basic offset table
        for (int n = 1; n <= 12; n++) {
            byte[] expected = java.util.Arrays.copyOfRange(pixels, (n - 1) * 64, n * 64);
            assertThat(CodecOracle.decodeJpeg2000(fragments.get(n), 64, 1, 1, folder))
                    .as("frame " + n).isEqualTo(expected);
        }
    }

    @Test
    void compressedFramesGoOutAsJpeg2000OfTheDecodedPixels() throws Exception {
        assumeTool("opj_decompress");
        assumeTool("dcmdrle");
        Part10 stored = storeFixture("multiframe-rle-offset-table.dcm");
        Dataset oracle = CodecOracle.decompress("dcmdrle", bytesOf(stored), folder).dataset();
        int pixels = oracle.findInt(Tag.Rows).orElseThrow()
                * oracle.findInt(Tag.Columns).orElseThrow();
        int bytes = oracle.findInt(Tag.BitsAllocated).orElseThrow() / 8;

        HttpResponse<byte[]> response = get(server, framePath(stored, 10), "Accept", JP2_PARTS);

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        byte[] codestream = parts(response).get(0).body();
        assertThat(CodecOracle.decodeJpeg2000(codestream, pixels, 1, bytes, folder))
                .isEqualTo(CodecOracle.frame(oracle, 10));
    }

    @Test
    void anInstanceConvertedToJpeg2000AndStoredAgainComesBackAsTheSamePixels()
            throws Exception {
        Part10 stored = storeFixture("explicit-vr-le.dcm");
        HttpResponse<byte[]> asJpeg2000 = get(server, instancePath("v2", stored.dataset()),
                "Accept", "application/dicom; transfer-syntax=" + JPEG_2000);
        Part10 converted = read(asJpeg2000.body());
        String sop = DicomFiles.uid();
        converted.dataset().putString(Tag.SOPInstanceUID, dicomite.dicom.VR.UI, sop);
        converted.fileMeta().putString(Tag.MediaStorageSOPInstanceUID, dicomite.dicom.VR.UI,
                sop);
        store(server, bytesOf(converted));

        HttpResponse<byte[]> back = get(server, instancePath("v2", converted.dataset()),
                "Accept", "application/dicom");

        assertThat(back.statusCode()).as(text(back)).isEqualTo(200);
        Part10 explicit = read(back.body());
        assertThat(explicit.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(explicit.dataset().get(Tag.PixelData).value())
                .isEqualTo(stored.dataset().get(Tag.PixelData).value());
    }

    @Test
    void aFrameThatDoesNotDecodeIs406AndSoIsItsInstance() throws Exception {
        Part10 file = renamedFixture("multiframe-rle-offset-table.dcm", DicomFiles.uid(),
                DicomFiles.uid());
        List<byte[]> fragments = new ArrayList<>(file.dataset().get(Tag.PixelData).fragments());
        byte[] broken = fragments.get(2).clone(); // frame 2, the same length (the offset table)
        broken[4] = (byte) 0xF0; // PS3.5 §G.5: its one segment now starts past its end
        broken[5] = 0x7F;
        fragments.set(2, broken);
        file.dataset().put(Element.encapsulated(Tag.PixelData, dicomite.dicom.VR.OB, fragments));
        store(server, bytesOf(file));

        HttpResponse<byte[]> frame = get(server, framePath(file, 2), "Accept", OCTET);
        HttpResponse<byte[]> instance = get(server, instancePath("v2", file.dataset()),
                "Accept", "application/dicom");
        HttpResponse<byte[]> otherFrame = get(server, framePath(file, 3), "Accept", OCTET);

        assertThat(frame.statusCode()).isEqualTo(406);
        assertThat(text(frame)).isEqualTo(Errors.transcodingNotSupported().body());
        assertThat(instance.statusCode()).isEqualTo(406);
        assertThat(text(instance)).isEqualTo(Errors.transcodingNotSupported().body());
        assertThat(otherFrame.statusCode()).isEqualTo(200);
    }

    @Test
    void aSyntaxWithoutADecoderIs406() throws Exception {
        Part10 file = renamedFixture("rle-lossless.dcm", DicomFiles.uid(), DicomFiles.uid());
        TransferSyntax mpeg2 = TransferSyntax.forUID("1.2.840.10008.1.2.4.100");
        store(server, bytesOf(new Part10(file.fileMeta(), file.dataset(), mpeg2, true, -1)));

        HttpResponse<byte[]> frame = get(server, framePath(file, 1), "Accept", OCTET);
        HttpResponse<byte[]> jp2 = get(server, framePath(file, 1), "Accept", JP2_PARTS);
        HttpResponse<byte[]> asStored = get(server, framePath(file, 1), "Accept",
                OCTET + "; transfer-syntax=*");

        assertThat(frame.statusCode()).isEqualTo(406);
        assertThat(text(frame)).isEqualTo(Errors.transcodingNotSupported().body());
        assertThat(jp2.statusCode()).isEqualTo(406);
        assertThat(asStored.statusCode()).isEqualTo(200);
    }

    @Test
    void eightBitOwPixelDataStoredBigEndianGoesOutAsTheLittleEndianBytes() throws Exception {
        Part10 file = renamedFixture("img2dcm-bmp.dcm", DicomFiles.uid(), DicomFiles.uid());
        byte[] littleEndian = file.dataset().get(Tag.PixelData).value(); // 8-bit RGB in OW
        store(server, bytesOf(new Part10(file.fileMeta(), file.dataset(),
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, true, -1)));

        HttpResponse<byte[]> response = get(server, framePath(file, 1), "Accept", OCTET);

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(response.body()).isEqualTo(littleEndian); // PS3.5 §A.3: OW swapped by word
    }

    @Test
    void planarRgbGoesOutAsJpeg2000WithPlanarConfigurationZero() throws Exception {
        Part10 file = renamedFixture("img2dcm-bmp.dcm", DicomFiles.uid(), DicomFiles.uid());
        file.dataset().putInts(Tag.PlanarConfiguration, dicomite.dicom.VR.US, 1);
        store(server, bytesOf(file));

        HttpResponse<byte[]> response = get(server, instancePath("v2", file.dataset()),
                "Accept", "application/dicom; transfer-syntax=" + JPEG_2000);

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        Dataset converted = read(response.body()).dataset();
        assertThat(converted.findInt(Tag.PlanarConfiguration)).hasValue(0);
        assertThat(converted.getString(Tag.PhotometricInterpretation, "")).isEqualTo("RGB");
    }

    @Test
    void aHeaderClaimingAHugeFrameIs406WithoutDecoding() throws Exception {
        Part10 file = renamedFixture("rle-lossless.dcm", DicomFiles.uid(), DicomFiles.uid());
        file.dataset().putInts(Tag.Rows, dicomite.dicom.VR.US, 65535);
        file.dataset().putInts(Tag.Columns, dicomite.dicom.VR.US, 65535);
        store(server, bytesOf(file));

        HttpResponse<byte[]> frame = get(server, framePath(file, 1), "Accept", OCTET);
        HttpResponse<byte[]> rendered = get(server, instancePath("v2", file.dataset())
                + "/rendered");

        assertThat(frame.statusCode()).isEqualTo(406);
        assertThat(text(frame)).isEqualTo(Errors.transcodingNotSupported().body());
        assertThat(rendered.statusCode()).isEqualTo(406);
        assertThat(text(rendered)).isEqualTo(Errors.renderingFailed().body());
    }
}
