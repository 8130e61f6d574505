// SPDX-License-Identifier: MIT
package dicomite.search;

import static dicomite.search.SearchCalls.keys;
import static dicomite.search.SearchCalls.search;
import static dicomite.search.SearchCalls.store;
import static dicomite.search.SearchCalls.values;
import static dicomite.search.Studies.instance;
import static dicomite.search.Studies.newStudy;
import static dicomite.search.Studies.patient;
import static dicomite.search.Studies.series;
import static dicomite.search.Studies.sop;
import static dicomite.search.Studies.study;
import static dicomite.search.Studies.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import dicomite.store.DicomFiles;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What QIDO-RS answers over HTTP (spec §4.4 to §4.6, §13): the attributes returned at each
 * resource in v2 and v1, includefield, computed attributes, the representative instance,
 * newest-first order and paging at each level, and 204. Every test stores its own patients, so
 * the tests share one server.
 */
class SearchResultsApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    /** An instance with every default attribute of every version set. */
    private static Dataset full(String patientId) {
        Dataset ds = newStudy(patientId);
        ds.putString(Tag.StudyDescription, VR.LO, "Chest");
        ds.putString(Tag.AccessionNumber, VR.SH, "ACC-1");
        ds.putString(Tag.ReferringPhysicianName, VR.PN, "Who^Doctor");
        ds.putString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.putString(Tag.StudyTime, VR.TM, "101500");
        ds.putString(Tag.PatientSex, VR.CS, "F");
        ds.putString(Tag.StudyID, VR.SH, "S1");
        ds.putString(Tag.SeriesDescription, VR.LO, "Axial");
        ds.putString(Tag.SeriesNumber, VR.IS, "3");
        ds.putString(Studies.ManufacturerModelName, VR.LO, "Scanner 9");
        ds.putString(Studies.PerformedProcedureStepStartDate, VR.DA, "20240102");
        ds.putInts(Tag.Rows, VR.US, 4);
        return ds;
    }

    @Test
    void v2StudiesReturnTheReducedDefaultSet() throws Exception {
        String patient = unique("V2-");
        store(server, full(patient));

        HttpResponse<String> response = search(server, "v2/studies?PatientID=" + patient);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/dicom+json"));
        assertThat(keys(response)).containsExactly(List.of("00080020", "00080050", "00080090",
                "00081030", "00100010", "00100020", "00100030", "0020000D"));
    }

    @Test
    void v1StudiesReturnTheLargerDefaultSet() throws Exception {
        String patient = unique("V1-");
        store(server, full(patient));

        for (String version : new String[] {"v1", "v1.0-prerelease"}) {
            HttpResponse<String> response = search(server, version + "/studies?PatientID="
                    + patient);

            assertThat(keys(response)).as(version).containsExactly(List.of("00080005",
                    "00080020", "00080030", "00080050", "00080090", "00100010", "00100020",
                    "00100030", "00100040", "0020000D", "00200010"));
        }
    }

    @Test
    void eachResourceReturnsTheDefaultsOfItsLevels() throws Exception {
        String patient = unique("LV-");
        Dataset ds = full(patient);
        store(server, ds);
        String s = study(ds);
        String se = series(ds);

        assertThat(keys(search(server, "v2/series?PatientID=" + patient))).containsExactly(
                List.of("00080020", "00080050", "00080060", "00080090", "00081030", "00081090",
                        "00100010", "00100020", "00100030", "0020000D", "0020000E", "00400244"));
        assertThat(keys(search(server, "v2/instances?PatientID=" + patient))).containsExactly(
                List.of("00080018", "00080020", "00080050", "00080060", "00080090", "00081030",
                        "00081090", "00100010", "00100020", "00100030", "0020000D", "0020000E",
                        "00400244"));
        assertThat(keys(search(server, "v2/studies/" + s + "/series"))).containsExactly(
                List.of("00080060", "00081090", "0020000D", "0020000E", "00400244"));
        assertThat(keys(search(server, "v2/studies/" + s + "/instances"))).containsExactly(
                List.of("00080018", "00080060", "00081090", "0020000D", "0020000E", "00400244"));
        assertThat(keys(search(server, "v2/studies/" + s + "/series/" + se + "/instances")))
                .containsExactly(List.of("00080018", "0020000D", "0020000E"));
        assertThat(keys(search(server, "v1/studies/" + s + "/series/" + se + "/instances")))
                .containsExactly(List.of("00080005", "00080016", "00080018", "0020000D",
                        "0020000E", "00200013", "00280010"));
    }

    @Test
    void includefieldAllReplacesTheDefaults() throws Exception {
        String patient = unique("ALL-");
        Dataset ds = full(patient);
        store(server, ds);

        HttpResponse<String> response = search(server, "v2/studies/" + study(ds)
                + "/series?includefield=ALL");

        assertThat(keys(response)).containsExactly(List.of("00080005", "00080060", "0008103E",
                "0020000D", "0020000E", "00200011", "00400244"));
    }

    @Test
    void includefieldAddsAnyAttributeThatTheInstanceHas() throws Exception {
        String patient = unique("INC-");
        Dataset ds = full(patient);
        ds.putString(0x00090010, VR.LO, "ACME");
        ds.putString(0x00091001, VR.LO, "private value");
        store(server, ds);

        HttpResponse<String> response = search(server, "v2/studies?PatientID=" + patient
                + "&includefield=00280010,SeriesNumber&includefield=00091001&includefield="
                + "00281050,Modality");

        assertThat(keys(response).get(0)).contains("00091001", "00200011", "00280010",
                "00080060").doesNotContain("00281050");
        assertThat(SearchCalls.datasets(response).get(0).getString(0x00091001, ""))
                .isEqualTo("private value");
    }

    @Test
    void filterAttributesAreReturned() throws Exception {
        String patient = unique("FLT-");
        Dataset ds = full(patient);
        store(server, ds);

        HttpResponse<String> response = search(server, "v2/instances?PatientID=" + patient
                + "&SOPInstanceUID=" + sop(ds));

        assertThat(keys(response).get(0)).contains("00080018", "00100020");
        assertThat(keys(search(server, "v2/studies/" + study(ds) + "/series/" + series(ds)
                + "/instances?SOPInstanceUID=" + sop(ds)))).containsExactly(
                List.of("00080018", "0020000D", "0020000E"));
    }

    @Test
    void computedAttributesAreCountedWhenAsked() throws Exception {
        String patient = unique("CNT-");
        Dataset first = newStudy(patient);
        Dataset second = patient(instance(study(first), series(first)), patient);
        Dataset mr = patient(instance(study(first), DicomFiles.uid()), patient)
                .putString(Tag.Modality, VR.CS, "MR");
        store(server, first, second, mr);

        HttpResponse<String> studies = search(server, "v2/studies?PatientID=" + patient
                + "&includefield=ModalitiesInStudy,NumberOfStudyRelatedSeries,00201208");
        Dataset row = SearchCalls.datasets(studies).get(0);
        assertThat(row.getStrings(Studies.ModalitiesInStudy)).containsExactly("CT", "MR");
        assertThat(row.getString(Studies.NumberOfStudyRelatedSeries, "")).isEqualTo("2");
        assertThat(row.getString(Studies.NumberOfStudyRelatedInstances, "")).isEqualTo("3");
        assertThat(studies.body()).contains("\"00201208\":{\"vr\":\"IS\",\"Value\":[3]}");

        HttpResponse<String> series = search(server, "v2/studies/" + study(first)
                + "/series?includefield=NumberOfSeriesRelatedInstances");
        assertThat(values(series, Studies.NumberOfSeriesRelatedInstances))
                .containsExactly("1", "2");
        assertThat(keys(search(server, "v2/studies?PatientID=" + patient)).get(0))
                .doesNotContain("00080061", "00201206", "00201208");
        assertThat(keys(search(server, "v2/studies?PatientID=" + patient + "&includefield=all"))
                .get(0)).doesNotContain("00080061", "00201208");
    }

    @Test
    void theLatestInstanceRepresentsItsStudyAndSeries() throws Exception {
        String patient = unique("REP-");
        Dataset first = newStudy(patient).putString(Tag.StudyDescription, VR.LO, "First");
        Dataset latest = patient(instance(study(first), series(first)), patient)
                .putString(Tag.StudyDescription, VR.LO, "Latest");
        store(server, first, latest);

        assertThat(values(search(server, "v2/studies?PatientID=" + patient),
                Tag.StudyDescription)).containsExactly("Latest");
        assertThat(values(search(server, "v2/series?PatientID=" + patient + "&includefield="
                + "SOPInstanceUID"), Tag.SOPInstanceUID)).containsExactly(sop(latest));
    }

    @Test
    void studiesAreNewestFirstAndPagedByStudy() throws Exception {
        String patient = unique("PGS-");
        Dataset a = newStudy(patient);
        Dataset b = newStudy(patient);
        Dataset c = newStudy(patient);
        store(server, a, patient(instance(study(a), series(a)), patient), b,
                patient(instance(study(b), DicomFiles.uid()), patient), c);
        String query = "v2/studies?PatientID=" + patient;

        assertThat(values(search(server, query), Tag.StudyInstanceUID))
                .containsExactly(study(c), study(b), study(a));
        assertThat(values(search(server, query + "&limit=2"), Tag.StudyInstanceUID))
                .containsExactly(study(c), study(b));
        assertThat(values(search(server, query + "&offset=1&limit=1"), Tag.StudyInstanceUID))
                .containsExactly(study(b));
        assertThat(values(search(server, query + "&offset=2&limit=5"), Tag.StudyInstanceUID))
                .containsExactly(study(a));
        assertThat(search(server, query + "&offset=3").statusCode()).isEqualTo(204);
    }

    @Test
    void seriesAreNewestFirstAndPagedBySeries() throws Exception {
        String patient = unique("PGE-");
        Dataset a = newStudy(patient);
        Dataset b = patient(instance(study(a), DicomFiles.uid()), patient);
        Dataset c = patient(instance(study(a), DicomFiles.uid()), patient);
        store(server, a, b, c, patient(instance(study(a), series(a)), patient));
        String query = "v2/studies/" + study(a) + "/series";

        assertThat(values(search(server, query), Tag.SeriesInstanceUID))
                .containsExactly(series(c), series(b), series(a));
        assertThat(values(search(server, query + "?offset=1&limit=1"), Tag.SeriesInstanceUID))
                .containsExactly(series(b));
        assertThat(values(search(server, "v2/series?PatientID=" + patient + "&offset=2"),
                Tag.SeriesInstanceUID)).containsExactly(series(a));
        assertThat(search(server, query + "?offset=3").statusCode()).isEqualTo(204);
    }

    @Test
    void instancesAreNewestFirstAndPagedByInstance() throws Exception {
        String patient = unique("PGI-");
        Dataset a = newStudy(patient);
        Dataset b = patient(instance(study(a), series(a)), patient);
        Dataset c = patient(instance(study(a), DicomFiles.uid()), patient);
        store(server, a, b, c);

        assertThat(values(search(server, "v2/studies/" + study(a) + "/instances"),
                Tag.SOPInstanceUID)).containsExactly(sop(c), sop(b), sop(a));
        assertThat(values(search(server, "v2/instances?PatientID=" + patient
                + "&limit=1&offset=1"), Tag.SOPInstanceUID)).containsExactly(sop(b));
        assertThat(values(search(server, "v2/studies/" + study(a) + "/series/" + series(a)
                + "/instances?limit=200"), Tag.SOPInstanceUID)).containsExactly(sop(b), sop(a));
        assertThat(search(server, "v2/studies/" + study(a) + "/instances?offset=3")
                .statusCode()).isEqualTo(204);
    }

    @Test
    void noMatchIs204WithAnEmptyBody() throws Exception {
        HttpResponse<String> response = search(server, "v2/studies?PatientID="
                + unique("NONE-"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(search(server, "v2/studies/" + DicomFiles.uid() + "/series").statusCode())
                .isEqualTo(204);
    }

    @Test
    void defaultLimitIsOneHundred() throws Exception {
        String patient = unique("LIM-");
        Dataset first = newStudy(patient);
        Dataset[] more = new Dataset[104];
        more[0] = first;
        for (int i = 1; i < more.length; i++) {
            more[i] = patient(instance(study(first), series(first)), patient);
        }
        store(server, more);

        String query = "v2/studies/" + study(first) + "/instances";
        assertThat(SearchCalls.datasets(search(server, query))).hasSize(100);
        assertThat(SearchCalls.datasets(search(server, query + "?limit=200"))).hasSize(104);
        assertThat(values(search(server, query + "?offset=103"), Tag.SOPInstanceUID))
                .containsExactly(sop(first));
    }
}
