// SPDX-License-Identifier: MIT
package dicomite.delete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Tag;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.storage.InstanceKey;
import dicomite.store.DicomFiles;
import dicomite.store.StoreCalls;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delete over HTTP (spec §5): the three levels, 204, 404, 400 for bad UIDs, every version. */
class DeleteApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    /** Two series of two instances in one study, stored; returns the four data sets. */
    private static List<Dataset> storeStudy() throws Exception {
        String study = DicomFiles.uid();
        String seriesA = DicomFiles.uid();
        String seriesB = DicomFiles.uid();
        List<Dataset> instances = List.of(
                DicomFiles.instance(study, seriesA, DicomFiles.uid()),
                DicomFiles.instance(study, seriesA, DicomFiles.uid()),
                DicomFiles.instance(study, seriesB, DicomFiles.uid()),
                DicomFiles.instance(study, seriesB, DicomFiles.uid()));
        byte[][] files = instances.stream().map(DicomFiles::bytes).toArray(byte[][]::new);
        assertThat(StoreCalls.store(server, "v2/studies", files).statusCode()).isEqualTo(200);
        return instances;
    }

    private static HttpResponse<String> delete(String path) throws Exception {
        return server.send(server.request(path).DELETE().build());
    }

    private static String study(Dataset ds) {
        return ds.getString(Tag.StudyInstanceUID, "");
    }

    private static String series(Dataset ds) {
        return ds.getString(Tag.SeriesInstanceUID, "");
    }

    private static String sop(Dataset ds) {
        return ds.getString(Tag.SOPInstanceUID, "");
    }

    private static String instancePath(String version, Dataset ds) {
        return version + "/studies/" + study(ds) + "/series/" + series(ds) + "/instances/"
                + sop(ds);
    }

    private static InstanceKey keyOf(Dataset ds) {
        return InstanceKey.of(InstanceKey.DEFAULT_PARTITION, study(ds), series(ds), sop(ds));
    }

    private static List<InstanceKey> stored(Dataset ds) throws Exception {
        return server.dicomite().archive().findInstances(InstanceKey.DEFAULT_PARTITION,
                study(ds), null, null);
    }

    private static void assertError(HttpResponse<String> response, ApiError expected) {
        assertThat(response.statusCode()).isEqualTo(expected.status());
        assertThat(response.body()).isEqualTo(expected.body());
    }

    @Test
    void deletingAStudyRemovesEveryInstanceAndItsFiles() throws Exception {
        List<Dataset> instances = storeStudy();

        HttpResponse<String> response = delete("v2/studies/" + study(instances.get(0)));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(stored(instances.get(0))).isEmpty();
        assertThatThrownBy(() -> server.dicomite().archive().storage()
                .open(keyOf(instances.get(3)))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deletingASeriesKeepsTheOtherSeries() throws Exception {
        List<Dataset> instances = storeStudy();
        Dataset first = instances.get(0);

        HttpResponse<String> response =
                delete("v1/studies/" + study(first) + "/series/" + series(first));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(stored(first)).containsExactlyInAnyOrder(keyOf(instances.get(2)),
                keyOf(instances.get(3)));
    }

    @Test
    void deletingAnInstanceKeepsItsSiblings() throws Exception {
        List<Dataset> instances = storeStudy();

        HttpResponse<String> response = delete(instancePath("v1.0-prerelease", instances.get(1)));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(stored(instances.get(0))).hasSize(3).doesNotContain(keyOf(instances.get(1)));
    }

    @Test
    void secondIdenticalDeleteIs404ForEachLevel() throws Exception {
        List<Dataset> instances = storeStudy();
        Dataset ds = instances.get(0);
        String instance = instancePath("v2", ds);
        String series = "v2/studies/" + study(ds) + "/series/" + series(ds);
        String study = "v2/studies/" + study(ds);

        assertThat(delete(instance).statusCode()).isEqualTo(204);
        assertError(delete(instance), Errors.instanceNotFound());
        assertThat(delete(series).statusCode()).isEqualTo(204);
        assertError(delete(series), Errors.seriesNotFound());
        assertThat(delete(study).statusCode()).isEqualTo(204);
        assertError(delete(study), Errors.studyNotFound());
    }

    @Test
    void notFoundMessagesAreTheServices() throws Exception {
        String unknown = DicomFiles.uid();

        HttpResponse<String> study = delete("v2/studies/" + unknown);
        HttpResponse<String> series = delete("v2/studies/" + unknown + "/series/1.2");
        HttpResponse<String> instance =
                delete("v1/studies/" + unknown + "/series/1.2/instances/1.2.3");

        assertThat(study.statusCode()).isEqualTo(404);
        assertThat(study.body()).isEqualTo("The specified study cannot be found.");
        assertThat(series.body()).isEqualTo("The specified series cannot be found.");
        assertThat(instance.statusCode()).isEqualTo(404);
        assertThat(instance.body()).isEqualTo("The specified instance cannot be found.");
    }

    @Test
    void invalidUidsAre400NamingTheFirstBadOne() throws Exception {
        String rule = "' failed validation for VR 'UI': DICOM Identifier is invalid. Value length"
                + " should not exceed the maximum length of 64 characters. Value should contain"
                + " characters in '0'-'9' and '.'. Each component must start with non-zero"
                + " number.";

        HttpResponse<String> study = delete("v2/studies/notAStudyInstanceUid/series/x");
        HttpResponse<String> series = delete("v2/studies/1.2/series/1.2a");
        HttpResponse<String> instance = delete("v2/studies/1.2/series/1.3/instances/"
                + "1".repeat(65));

        assertError(study, Errors.invalidUID("StudyInstanceUid"));
        assertThat(study.body()).isEqualTo("Dicom element 'StudyInstanceUid" + rule);
        assertThat(series.body()).isEqualTo("Dicom element 'SeriesInstanceUid" + rule);
        assertThat(instance.statusCode()).isEqualTo(400);
        assertThat(instance.body()).isEqualTo("Dicom element 'SopInstanceUid" + rule);
    }

    @Test
    void deleteNeedsNoAcceptAndIgnoresABody() throws Exception {
        Dataset ds = storeStudy().get(0);
        HttpRequest request = server.request(instancePath("v2", ds))
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"ignored\":true}"))
                .build();

        assertThat(server.send(request).statusCode()).isEqualTo(204);
    }

    @Test
    void deletedInstanceCanBeStoredAgainAndTheFeedSaysSo() throws Exception {
        Dataset ds = storeStudy().get(0);
        assertThat(delete(instancePath("v2", ds)).statusCode()).isEqualTo(204);

        HttpResponse<String> again =
                StoreCalls.store(server, "v2/studies", DicomFiles.bytes(ds));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(server.dicomite().archive().changeFeed(0, 100_000).stream()
                .filter(entry -> entry.key().equals(keyOf(ds)))
                .map(entry -> entry.action() + "/" + entry.state()))
                .containsExactly("Create/Replaced", "Delete/Replaced", "Create/Current");
    }

    @Test
    void unknownVersionIsRefused() throws Exception {
        assertThat(delete("v3/studies/1.2").statusCode()).isEqualTo(400);
    }
}
