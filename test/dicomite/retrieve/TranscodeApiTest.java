// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static dicomite.retrieve.RetrieveCalls.DICOM_ORIGINAL;
import static dicomite.retrieve.RetrieveCalls.EXPLICIT;
import static dicomite.retrieve.RetrieveCalls.bytesOf;
import static dicomite.retrieve.RetrieveCalls.get;
import static dicomite.retrieve.RetrieveCalls.instancePath;
import static dicomite.retrieve.RetrieveCalls.parts;
import static dicomite.retrieve.RetrieveCalls.read;
import static dicomite.retrieve.RetrieveCalls.renamedFixture;
import static dicomite.retrieve.RetrieveCalls.store;
import static dicomite.retrieve.RetrieveCalls.studyPath;
import static dicomite.retrieve.RetrieveCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.DicomJson;
import dicomite.dicom.Part10;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.store.DicomFiles;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conversion of retrieved instances to Explicit VR Little Endian (spec §3.3): from the native
 * syntaxes it is made, checked by reading the answer back and comparing data sets; from a
 * syntax without a decoder it is the 406 of a codec failure; the stored syntax itself is never
 * converted. Conversions that need a codec: {@link CodecApiTest}.
 */
class TranscodeApiTest {
    private static final String EXPLICIT_PART = "application/dicom; transfer-syntax=" + EXPLICIT;

    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    private static Part10 storeFixture(String name) throws Exception {
        Part10 file = renamedFixture(name, DicomFiles.uid(), DicomFiles.uid());
        store(server, bytesOf(file));
        return file;
    }

    private static String json(Dataset ds) {
        return DicomJson.toJson(ds, DicomJson.Options.INLINE);
    }

    private static void assertError(HttpResponse<byte[]> response, ApiError expected) {
        assertThat(response.statusCode()).isEqualTo(expected.status());
        assertThat(text(response)).isEqualTo(expected.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"implicit-vr-le.dcm", "explicit-vr-be.dcm", "deflated.dcm"})
    void nativeInstancesAreConvertedToExplicitLittleEndian(String fixture) throws Exception {
        Part10 stored = storeFixture(fixture);

        HttpResponse<byte[]> response = get(server, instancePath("v2", stored.dataset()),
                "Accept", "application/dicom");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(EXPLICIT_PART);
        Part10 converted = read(response.body());
        assertThat(converted.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(converted.hasPreamble()).isTrue();
        assertThat(converted.fileMeta().getString(Tag.TransferSyntaxUID, "")).isEqualTo(EXPLICIT);
        assertThat(json(converted.dataset())).isEqualTo(json(stored.dataset()));
        assertThat(converted.fileMeta().getString(Tag.MediaStorageSOPInstanceUID, ""))
                .isEqualTo(stored.fileMeta().getString(Tag.MediaStorageSOPInstanceUID, "x"));
    }

    @Test
    void aStudyOfOneConvertibleInstanceIsConvertedInItsPart() throws Exception {
        Part10 stored = storeFixture("implicit-vr-le.dcm");

        HttpResponse<byte[]> response = get(server, studyPath("v2", stored.dataset()), "Accept",
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + EXPLICIT);

        List<RetrieveCalls.Part> parts = parts(response);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).contentType()).isEqualTo(EXPLICIT_PART);
        Part10 converted = read(parts.get(0).body());
        assertThat(converted.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(json(converted.dataset())).isEqualTo(json(stored.dataset()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"implicit-vr-le.dcm", "explicit-vr-be.dcm", "deflated.dcm",
        "rle-lossless.dcm"})
    void theOriginalSyntaxIsTheStoredBytesInTheirOwnSyntax(String fixture) throws Exception {
        Part10 stored = storeFixture(fixture);

        HttpResponse<byte[]> response = get(server, instancePath("v2", stored.dataset()),
                "Accept", DICOM_ORIGINAL);

        List<RetrieveCalls.Part> parts = parts(response);
        assertThat(parts.get(0).contentType()).isEqualTo("application/dicom; transfer-syntax="
                + stored.transferSyntax().uid());
        assertThat(parts.get(0).body()).isEqualTo(bytesOf(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {EXPLICIT, "1.2.840.10008.1.2.4.90"})
    void anInstanceOfASyntaxWithoutADecoderIsNotConverted(String target) throws Exception {
        Part10 file = renamedFixture("rle-lossless.dcm", DicomFiles.uid(), DicomFiles.uid());
        TransferSyntax mpeg2 = TransferSyntax.forUID("1.2.840.10008.1.2.4.100");
        store(server, bytesOf(new Part10(file.fileMeta(), file.dataset(), mpeg2, true, -1)));

        assertError(get(server, instancePath("v2", file.dataset()), "Accept",
                "application/dicom; transfer-syntax=" + target),
                Errors.transcodingNotSupported());
        assertThat(Errors.transcodingNotSupported().body())
                .isEqualTo("The specified transcoding is not supported.");
    }

    @Test
    void anInstanceStoredAsJpeg2000IsSentAsStoredWhenAskedForJpeg2000() throws Exception {
        Part10 stored = renamedFixture("rle-lossless.dcm", DicomFiles.uid(), DicomFiles.uid());
        Part10 relabelled = new Part10(stored.fileMeta(), stored.dataset(),
                TransferSyntax.JPEG_2000_LOSSLESS, true, -1);
        byte[] bytes = bytesOf(relabelled);
        store(server, bytes);

        HttpResponse<byte[]> response = get(server, instancePath("v2", stored.dataset()),
                "Accept", "application/dicom; transfer-syntax=1.2.840.10008.1.2.4.90");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/dicom; transfer-syntax=1.2.840.10008.1.2.4.90");
        assertThat(response.body()).isEqualTo(bytes);
    }
}
