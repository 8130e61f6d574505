// SPDX-License-Identifier: MIT
package dicomite.search;

import static dicomite.search.SearchCalls.search;
import static dicomite.search.SearchCalls.searchWith;
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
import dicomite.http.Errors;
import dicomite.store.DicomFiles;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * QIDO-RS with {@code --loose} (spec §0): a missing Accept is taken as application/dicom+json,
 * and PS3.18 §8.3.4 matching is added: '*' and '?' wildcards on text attributes and UID lists.
 * The strict behaviour of the same requests is tested in {@link SearchMatchingApiTest} and
 * {@link SearchRequestRulesApiTest}.
 */
class LooseSearchApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture(config -> config.withLoose(true));

    @Test
    void aMissingAcceptIsAnsweredAsDicomJson() throws Exception {
        String patient = unique("ACC-");
        store(server, newStudy(patient));

        HttpResponse<String> response = searchWith(server, "v2/studies?PatientID=" + patient);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/dicom+json"));
        assertThat(searchWith(server, "v2/studies", "Accept", "application/dicom").statusCode())
                .isEqualTo(406);
    }

    @Test
    void wildcardsMatchAnyRunOrOneCharacterOfText() throws Exception {
        String patient = unique("WC-");
        Dataset ds = newStudy(patient).putString(Tag.PatientName, VR.PN, "Doe^Jane")
                .putString(Tag.StudyDescription, VR.LO, "Crâne Scan");
        store(server, ds);
        String query = "v2/studies?PatientID=" + patient;

        for (String filter : new String[] {"PatientName=Do*", "PatientName=d?e^j*",
            "PatientName=*JANE", "PatientName=*", "StudyDescription=*RÂNE*",
            "StudyDescription=cr?ne%20s*", "ModalitiesInStudy=C?"}) {
            assertThat(values(search(server, query + "&" + filter), Tag.StudyInstanceUID))
                    .as(filter).containsExactly(study(ds));
        }
        for (String filter : new String[] {"PatientName=Do?", "PatientName=x*",
            "StudyDescription=*rane*", "ModalitiesInStudy=M*"}) {
            assertThat(search(server, query + "&" + filter).statusCode()).as(filter)
                    .isEqualTo(204);
        }
        assertThat(values(search(server, "v2/series?PatientID=" + patient + "&Modality=?T"),
                Tag.SeriesInstanceUID)).containsExactly(series(ds));
    }

    @Test
    void universalMatchingStillReturnsTheAttribute() throws Exception {
        String patient = unique("UNI-");
        Dataset ds = newStudy(patient).putString(Tag.SeriesDescription, VR.LO, "Axial");
        store(server, ds);

        HttpResponse<String> response = search(server, "v2/series?PatientID=" + patient
                + "&ManufacturerModelName=**");

        assertThat(values(response, Tag.SeriesInstanceUID)).containsExactly(series(ds));
    }

    @Test
    void sqlPatternCharactersAreLiteral() throws Exception {
        String patient = unique("LK-");
        Dataset underscore = newStudy(patient).putString(Tag.AccessionNumber, VR.SH, "A_1%");
        Dataset letter = newStudy(patient).putString(Tag.AccessionNumber, VR.SH, "AB1x");
        store(server, underscore, letter);

        assertThat(values(search(server, "v2/studies?PatientID=" + patient
                + "&AccessionNumber=A_*%25"), Tag.StudyInstanceUID))
                .containsExactly(study(underscore));
    }

    @Test
    void uidListsMatchAnyOfTheirUids() throws Exception {
        String patient = unique("UL-");
        Dataset a = newStudy(patient);
        Dataset b = newStudy(patient);
        Dataset c = newStudy(patient);
        Dataset a2 = patient(instance(study(a), DicomFiles.uid()), patient);
        store(server, a, b, c, a2);

        assertThat(values(search(server, "v2/studies?StudyInstanceUID=" + study(a) + ","
                + study(c)), Tag.StudyInstanceUID)).containsExactly(study(c), study(a));
        assertThat(values(search(server, "v2/studies?StudyInstanceUID=" + study(b) + "%5C"
                + study(a) + "%5C"), Tag.StudyInstanceUID)).containsExactly(study(b), study(a));
        assertThat(values(search(server, "v2/instances?SOPInstanceUID=" + sop(a) + ","
                + sop(b)), Tag.SOPInstanceUID)).containsExactly(sop(b), sop(a));
        assertThat(values(search(server, "v2/studies/" + study(a) + "/instances?"
                + "SeriesInstanceUID=" + series(a2) + ",1.2.3"), Tag.SOPInstanceUID))
                .containsExactly(sop(a2));
    }

    @Test
    void wildcardsDoNotApplyToUidsOrDates() throws Exception {
        String patient = unique("ND-");
        Dataset ds = newStudy(patient);
        store(server, ds);

        assertThat(search(server, "v2/studies?StudyInstanceUID=" + study(ds).substring(0, 8)
                + "*").statusCode()).isEqualTo(204);
        HttpResponse<String> date = search(server, "v2/studies?StudyDate=2024*");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(date.body()).isEqualTo(Errors.invalidDate("2024*", "StudyDate").body());
    }

    @Test
    void fuzzyMatchingWinsOverWildcardsOnPersonNames() throws Exception {
        String patient = unique("FW-");
        Dataset ds = newStudy(patient).putString(Tag.PatientName, VR.PN, "John^Doe");
        store(server, ds);

        assertThat(values(search(server, "v2/studies?PatientID=" + patient
                + "&fuzzymatching=true&PatientName=jo%20do"), Tag.StudyInstanceUID))
                .containsExactly(study(ds));
        assertThat(search(server, "v2/studies?PatientID=" + patient
                + "&fuzzymatching=true&PatientName=j*n").statusCode()).isEqualTo(204);
    }
}
