// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static dicomite.retrieve.RetrieveCalls.DICOM_JSON;
import static dicomite.retrieve.RetrieveCalls.get;
import static dicomite.retrieve.RetrieveCalls.instancePath;
import static dicomite.retrieve.RetrieveCalls.seriesPath;
import static dicomite.retrieve.RetrieveCalls.storeInstances;
import static dicomite.retrieve.RetrieveCalls.studyPath;
import static dicomite.retrieve.RetrieveCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.DicomJson;
import dicomite.dicom.Tag;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.storage.InstanceKey;
import dicomite.storage.InstanceMetadata;
import dicomite.store.DicomFiles;
import dicomite.store.MultipartBody;
import dicomite.store.StoreCalls;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WADO-RS metadata over HTTP (spec §3.6): arrays of the stored metadata at each level, the
 * Accept filter of spec §1.4 and its place before the UID checks (§1.3), ETags and
 * If-None-Match, and the default Accept of {@code --loose}.
 */
class MetadataApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    private static HttpResponse<byte[]> metadata(String path, String... headers)
            throws Exception {
        return get(server, path + "/metadata", headers);
    }

    private static List<String> sops(HttpResponse<byte[]> response) throws Exception {
        return DicomJson.readArray(text(response)).stream()
                .map(ds -> ds.getString(Tag.SOPInstanceUID, "")).toList();
    }

    private static List<String> sops(List<Dataset> instances) {
        return instances.stream().map(ds -> ds.getString(Tag.SOPInstanceUID, "")).toList();
    }

    private static String etag(HttpResponse<byte[]> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static void assertError(HttpResponse<byte[]> response, ApiError expected) {
        assertThat(response.statusCode()).isEqualTo(expected.status());
        assertThat(text(response)).isEqualTo(expected.body());
    }

    @Test
    void studyMetadataIsTheStoredJsonOfEveryInstanceJoinedInAnArray() throws Exception {
        String study = DicomFiles.uid();
        List<Dataset> a = storeInstances(server, study, DicomFiles.uid(), 2);
        List<Dataset> b = storeInstances(server, study, DicomFiles.uid(), 1);

        HttpResponse<byte[]> response = metadata(studyPath("v2", a.get(0)), "Accept",
                DICOM_JSON);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/dicom+json; charset=utf-8");
        assertThat(sops(response)).containsExactly(sops(a).get(0), sops(a).get(1),
                sops(b).get(0));
        List<InstanceMetadata> stored = server.dicomite().archive().index().findMetadataOf(
                InstanceKey.DEFAULT_PARTITION, study, null, null);
        assertThat(text(response)).isEqualTo(stored.stream().map(InstanceMetadata::json)
                .collect(Collectors.joining(",", "[", "]")));
    }

    @Test
    void seriesAndInstanceMetadataHoldTheirInstancesOnly() throws Exception {
        String study = DicomFiles.uid();
        List<Dataset> a = storeInstances(server, study, DicomFiles.uid(), 2);
        storeInstances(server, study, DicomFiles.uid(), 1);

        assertThat(sops(metadata(seriesPath("v2", a.get(0)), "Accept", DICOM_JSON)))
                .isEqualTo(sops(a));
        assertThat(sops(metadata(instancePath("v1", a.get(1)), "Accept", DICOM_JSON)))
                .containsExactly(sops(a).get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/dicom+json", "APPLICATION/DICOM+JSON; charset=utf-8",
        "application/json", "application/*", "*/*", "application/xml, application/json",
        "application/dicom; q=0.9, application/dicom+json"})
    void jsonCompatibleAcceptsAreServed(String accept) throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        assertThat(metadata(instancePath("v2", ds), "Accept", accept).statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/dicom", "application/xml",
        "application/dicom+json+something", "multipart/related; type=\"application/dicom\"",
        "application/"})
    void otherAcceptsAre406WithAnEmptyBody(String accept) throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = metadata(studyPath("v2", ds), "Accept", accept);

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aMissingAcceptIs406WhenStrict() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = metadata(seriesPath("v2", ds));

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aWrongAcceptBeatsABadUID() throws Exception {
        HttpResponse<byte[]> wrongAccept = metadata("v2/studies/1.2.abc", "Accept",
                "application/dicom");
        assertThat(wrongAccept.statusCode()).isEqualTo(406);

        assertError(metadata("v2/studies/1.2.abc", "Accept", DICOM_JSON),
                Errors.invalidUID("StudyInstanceUid"));
        assertError(metadata("v2/studies/1.2/series/1.x", "Accept", DICOM_JSON),
                Errors.invalidUID("SeriesInstanceUid"));
        assertError(metadata("v2/studies/1.2/series/1.2/instances/a", "Accept", DICOM_JSON),
                Errors.invalidUID("SopInstanceUid"));
    }

    @Test
    void eachLevelAnswersItsOwn404() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);
        String unknown = DicomFiles.uid();

        assertError(metadata("v2/studies/" + unknown, "Accept", DICOM_JSON),
                Errors.studyNotFound());
        assertError(metadata(studyPath("v2", ds) + "/series/" + unknown, "Accept", DICOM_JSON),
                Errors.seriesNotFound());
        assertError(metadata(seriesPath("v2", ds) + "/instances/" + unknown, "Accept",
                DICOM_JSON), Errors.instanceNotFound());
    }

    @Test
    void etagsAreUnquotedNewestVersionAndCount() throws Exception {
        List<Dataset> stored = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 2);
        List<InstanceMetadata> rows = server.dicomite().archive().index().findMetadataOf(
                InstanceKey.DEFAULT_PARTITION, stored.get(0).getString(Tag.StudyInstanceUID,
                        ""), null, null);
        long newest = Math.max(rows.get(0).version(), rows.get(1).version());

        assertThat(etag(metadata(studyPath("v2", stored.get(0)), "Accept", DICOM_JSON)))
                .isEqualTo(newest + "-2");
        assertThat(etag(metadata(seriesPath("v2", stored.get(0)), "Accept", DICOM_JSON)))
                .isEqualTo(newest + "-2");
        assertThat(etag(metadata(instancePath("v2", stored.get(0)), "Accept", DICOM_JSON)))
                .isEqualTo(Long.toString(rows.get(0).version()));
    }

    @Test
    void theEtagChangesWhenAnInstanceIsAddedReplacedOrDeleted() throws Exception {
        String study = DicomFiles.uid();
        String series = DicomFiles.uid();
        List<Dataset> stored = storeInstances(server, study, series, 2);
        String path = studyPath("v2", stored.get(0));
        String first = etag(metadata(path, "Accept", DICOM_JSON));

        storeInstances(server, study, DicomFiles.uid(), 1);
        String added = etag(metadata(path, "Accept", DICOM_JSON));
        byte[] replacement = DicomFiles.bytes(stored.get(1));
        assertThat(StoreCalls.send(server, "PUT", "v2/studies", StoreCalls.MULTIPART,
                MultipartBody.of(replacement), "Accept", DICOM_JSON)
                .statusCode()).isEqualTo(200);
        String replaced = etag(metadata(path, "Accept", DICOM_JSON));
        server.send(server.request(instancePath("v2", stored.get(0))).DELETE().build());
        String deleted = etag(metadata(path, "Accept", DICOM_JSON));

        assertThat(added).endsWith("-3").isNotEqualTo(first);
        assertThat(replaced).endsWith("-3").isNotEqualTo(added);
        assertThat(deleted).isEqualTo(replaced.replace("-3", "-2"));
    }

    @Test
    void aMatchingIfNoneMatchIs304WithoutBodyOrEtag() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 2).get(0);
        String etag = etag(metadata(studyPath("v2", ds), "Accept", DICOM_JSON));

        HttpResponse<byte[]> response = metadata(studyPath("v2", ds), "Accept", DICOM_JSON,
                "If-None-Match", etag);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void anIfNoneMatchThatDiffersGetsTheMetadataAndTheNewEtag() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);
        String etag = etag(metadata(instancePath("v2", ds), "Accept", DICOM_JSON));

        for (String other : List.of("\"" + etag + "\"", "*", etag + "0", "W/" + etag)) {
            HttpResponse<byte[]> response = metadata(instancePath("v2", ds), "Accept",
                    DICOM_JSON, "If-None-Match", other);
            assertThat(response.statusCode()).as(other).isEqualTo(200);
            assertThat(etag(response)).isEqualTo(etag);
        }
    }

    @Test
    void anIfNoneMatchOfAMissingInstanceIsStill404() throws Exception {
        assertError(metadata("v2/studies/" + DicomFiles.uid(), "Accept", DICOM_JSON,
                "If-None-Match", "1-1"), Errors.studyNotFound());
    }

    @Test
    void requestingTheOriginalVersionGivesTheOnlyVersion() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = metadata(instancePath("v2", ds), "Accept", DICOM_JSON,
                "msdicom-request-original", "true");

        assertThat(sops(response)).isEqualTo(sops(List.of(ds)));
    }
}
