// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static dicomite.retrieve.RetrieveCalls.DICOM_ORIGINAL;
import static dicomite.retrieve.RetrieveCalls.EXPLICIT;
import static dicomite.retrieve.RetrieveCalls.get;
import static dicomite.retrieve.RetrieveCalls.instancePath;
import static dicomite.retrieve.RetrieveCalls.parts;
import static dicomite.retrieve.RetrieveCalls.seriesPath;
import static dicomite.retrieve.RetrieveCalls.store;
import static dicomite.retrieve.RetrieveCalls.storeInstances;
import static dicomite.retrieve.RetrieveCalls.studyPath;
import static dicomite.retrieve.RetrieveCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.http.MultipartReader;
import dicomite.store.DicomFiles;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WADO-RS study, series and instance retrieval over HTTP (spec §3.1 to §3.3): instances stored
 * through the API first, then retrieved as stored, single part and multipart, with the errors
 * of each step in the order of spec §1.3.
 */
class RetrieveApiTest {
    private static final String TYPE = "Content-Type";
    private static final String EXPLICIT_PART = "application/dicom; transfer-syntax=" + EXPLICIT;

    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    private static void assertError(HttpResponse<byte[]> response, ApiError expected) {
        assertThat(response.statusCode()).isEqualTo(expected.status());
        assertThat(text(response)).isEqualTo(expected.body());
    }

    private static List<byte[]> bodies(List<RetrieveCalls.Part> parts) {
        return parts.stream().map(RetrieveCalls.Part::body).toList();
    }

    @Test
    void studyWithTheOriginalSyntaxIsEveryInstanceAsStoredInStorageOrder() throws Exception {
        String study = DicomFiles.uid();
        List<Dataset> a = storeInstances(server, study, DicomFiles.uid(), 2);
        List<Dataset> b = storeInstances(server, study, DicomFiles.uid(), 1);

        HttpResponse<byte[]> response = get(server, studyPath("v2", a.get(0)), "Accept",
                DICOM_ORIGINAL);

        assertThat(response.statusCode()).isEqualTo(200);
        List<RetrieveCalls.Part> parts = parts(response);
        assertThat(bodies(parts)).containsExactly(DicomFiles.bytes(a.get(0)),
                DicomFiles.bytes(a.get(1)), DicomFiles.bytes(b.get(0)));
        for (RetrieveCalls.Part part : parts) {
            assertThat(part.headers()).containsExactly(
                    new MultipartReader.Header("Content-Type", EXPLICIT_PART));
        }
    }

    @Test
    void multipartFramingIsTheServicesWithAContentLength() throws Exception {
        List<Dataset> stored = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 2);

        HttpResponse<byte[]> response = get(server, seriesPath("v2", stored.get(0)), "Accept",
                DICOM_ORIGINAL);

        String type = response.headers().firstValue(TYPE).orElseThrow();
        assertThat(type).matches("multipart/related; boundary=[0-9a-f-]{36}");
        String boundary = type.substring(type.indexOf('=') + 1);
        String head = "\r\nContent-Type: " + EXPLICIT_PART + "\r\n\r\n";
        byte[] first = DicomFiles.bytes(stored.get(0));
        byte[] second = DicomFiles.bytes(stored.get(1));
        byte[] expected = concat(ascii("--" + boundary + head), first,
                ascii("\r\n--" + boundary + head), second, ascii("\r\n--" + boundary + "--\r\n"));
        assertThat(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(expected.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] array : arrays) {
            out.writeBytes(array);
        }
        return out.toByteArray();
    }

    @Test
    void seriesHoldsOnlyItsOwnInstances() throws Exception {
        String study = DicomFiles.uid();
        List<Dataset> a = storeInstances(server, study, DicomFiles.uid(), 2);
        storeInstances(server, study, DicomFiles.uid(), 1);

        HttpResponse<byte[]> response = get(server, seriesPath("v2", a.get(0)), "Accept",
                DICOM_ORIGINAL);

        assertThat(bodies(parts(response))).containsExactly(DicomFiles.bytes(a.get(0)),
                DicomFiles.bytes(a.get(1)));
    }

    @Test
    void instanceSinglePartIsTheStoredFile() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = get(server, instancePath("v2", ds), "Accept",
                "application/dicom; transfer-syntax=*");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(TYPE)).hasValue(EXPLICIT_PART);
        assertThat(response.body()).isEqualTo(DicomFiles.bytes(ds));
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(DicomFiles.bytes(ds).length);
    }

    @Test
    void instanceInItsOwnSyntaxIsTheStoredFileWithoutConversion() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> single = get(server, instancePath("v2", ds), "Accept",
                "application/dicom");
        HttpResponse<byte[]> multipart = get(server, instancePath("v2", ds), "Accept",
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + EXPLICIT);

        assertThat(single.headers().firstValue(TYPE)).hasValue(EXPLICIT_PART);
        assertThat(single.body()).isEqualTo(DicomFiles.bytes(ds));
        assertThat(bodies(parts(multipart))).containsExactly(DicomFiles.bytes(ds));
    }

    @Test
    void instanceWithABareAnyIsOnePartInTheStoredSyntax() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = get(server, instancePath("v2", ds), "Accept", "*/*");

        assertThat(response.statusCode()).isEqualTo(200);
        List<RetrieveCalls.Part> parts = parts(response);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).contentType()).isEqualTo(EXPLICIT_PART);
        assertThat(parts.get(0).body()).isEqualTo(DicomFiles.bytes(ds));
    }

    @Test
    void studyOfOneInstanceAnswersTheDefaultSyntax() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = get(server, studyPath("v2", ds), "Accept",
                "multipart/related; type=\"application/dicom\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bodies(parts(response))).containsExactly(DicomFiles.bytes(ds));
    }

    @Test
    void studyOfSeveralInstancesInTheDefaultSyntaxIs406() throws Exception {
        // Spec §3.3, §14.6: the default syntax counts as asked for
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 2).get(0);

        assertError(get(server, studyPath("v2", ds), "Accept",
                "multipart/related; type=\"application/dicom\""),
                Errors.multipleInstancesTranscoding(EXPLICIT));
        assertError(get(server, seriesPath("v2", ds), "Accept",
                "multipart/related; type=\"application/dicom\"; transfer-syntax="
                + "1.2.840.10008.1.2.4.90"),
                Errors.multipleInstancesTranscoding("1.2.840.10008.1.2.4.90"));
        assertThat(Errors.multipleInstancesTranscoding(EXPLICIT).body()).isEqualTo("Accept"
                + " transfer syntax '1.2.840.10008.1.2.1' is not supported when multiple"
                + " instances are matched. Matching instances can be retrieved with their"
                + " original transfer syntax by specifying 'transfer-syntax=*' in the Accept"
                + " header.");
    }

    @Test
    void noAcceptHeaderIs406AtEveryLevel() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        for (String path : List.of(studyPath("v2", ds), seriesPath("v2", ds),
                instancePath("v2", ds))) {
            HttpResponse<byte[]> response = get(server, path);
            assertError(response, Errors.notAcceptableHeaders());
            assertThat(response.headers().firstValue(TYPE)).hasValue("text/plain; charset=utf-8");
        }
    }

    @Test
    void aBareAnyOnAStudyOrSeriesIs406() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        assertError(get(server, studyPath("v2", ds), "Accept", "*/*"),
                Errors.notAcceptableHeaders());
        assertError(get(server, seriesPath("v2", ds), "Accept", "*/*"),
                Errors.notAcceptableHeaders());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.4.50",
        "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.100"})
    void anUnsupportedSyntaxIs406EvenForAnInstanceThatDoesNotExist(String syntax)
            throws Exception {
        String path = "v2/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5";

        assertError(get(server, path, "Accept", "application/dicom; transfer-syntax=" + syntax),
                Errors.notAcceptableHeaders());
        assertError(get(server, path, "Accept", "application/dicom; transfer-syntax=*"),
                Errors.instanceNotFound());
    }

    @Test
    void eachLevelAnswersItsOwn404() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);
        String unknown = DicomFiles.uid();

        assertError(get(server, "v2/studies/" + unknown, "Accept", DICOM_ORIGINAL),
                Errors.studyNotFound());
        assertError(get(server, studyPath("v2", ds) + "/series/" + unknown, "Accept",
                DICOM_ORIGINAL), Errors.seriesNotFound());
        assertError(get(server, "v2/studies/" + unknown + "/series/" + unknown, "Accept",
                DICOM_ORIGINAL), Errors.seriesNotFound());
        assertError(get(server, seriesPath("v2", ds) + "/instances/" + unknown, "Accept",
                DICOM_ORIGINAL), Errors.instanceNotFound());
        assertThat(Errors.studyNotFound().body())
                .isEqualTo("The specified study cannot be found.");
    }

    @Test
    void badPathUIDsAre400BeforeTheAcceptCheckInPathOrder() throws Exception {
        String good = DicomFiles.uid();

        assertError(get(server, "v2/studies/1.2.abc"), Errors.invalidUID("StudyInstanceUid"));
        assertError(get(server, "v2/studies/1.2.abc/series/x.1"),
                Errors.invalidUID("StudyInstanceUid"));
        assertError(get(server, "v2/studies/" + good + "/series/1.2.", "Accept", "*/*"),
                Errors.invalidUID("SeriesInstanceUid"));
        assertError(get(server, "v2/studies/" + good + "/series/" + good + "/instances/"
                + "1.2.3." + "1".repeat(64)), Errors.invalidUID("SopInstanceUid"));
    }

    @Test
    void paddedPathUIDsFindTheInstance() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = get(server, instancePath("v2", ds) + "%20", "Accept",
                "application/dicom; transfer-syntax=*");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(DicomFiles.bytes(ds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v1.0-prerelease", "v2"})
    void everyVersionRetrievesTheSameBytes(String version) throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> instance = get(server, instancePath(version, ds), "Accept",
                "application/dicom; transfer-syntax=*");
        HttpResponse<byte[]> study = get(server, studyPath(version, ds), "Accept",
                DICOM_ORIGINAL);

        assertThat(instance.body()).isEqualTo(DicomFiles.bytes(ds));
        assertThat(bodies(parts(study))).containsExactly(DicomFiles.bytes(ds));
        assertThat(instance.headers().firstValue("api-supported-versions")).isPresent();
    }

    @Test
    void requestingTheOriginalVersionGivesTheOnlyVersion() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = get(server, instancePath("v2", ds), "Accept",
                "application/dicom; transfer-syntax=*", "msdicom-request-original", "TRUE");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(DicomFiles.bytes(ds));
    }

    @Test
    void aDeletedInstanceIsNoLongerRetrieved() throws Exception {
        List<Dataset> stored = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 2);
        HttpResponse<String> deleted = server.send(server.request(instancePath("v2",
                stored.get(0))).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);

        assertError(get(server, instancePath("v2", stored.get(0)), "Accept", DICOM_ORIGINAL),
                Errors.instanceNotFound());
        assertThat(bodies(parts(get(server, studyPath("v2", stored.get(0)), "Accept",
                DICOM_ORIGINAL)))).containsExactly(DicomFiles.bytes(stored.get(1)));
    }

    @Test
    void aLargeInstanceStreamsWhole() throws Exception {
        Dataset ds = DicomFiles.withPixelData(DicomFiles.instance(), 3 * 1024 * 1024 + 6);
        byte[] bytes = DicomFiles.bytes(ds);
        store(server, bytes);

        HttpResponse<byte[]> response = get(server, instancePath("v2", ds), "Accept",
                "application/dicom; transfer-syntax=*");

        assertThat(response.body()).isEqualTo(bytes);
    }
}
