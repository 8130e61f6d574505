// SPDX-License-Identifier: MIT
package dicomite.search;

import static dicomite.search.SearchCalls.search;
import static dicomite.search.SearchCalls.store;
import static dicomite.search.SearchCalls.values;
import static dicomite.search.Studies.newStudy;
import static dicomite.search.Studies.study;
import static dicomite.search.Studies.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import dicomite.store.DicomFiles;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * QIDO-RS matching over HTTP (spec §4.3, §4.8): exact matching, person names ignoring case and
 * accents, other text ignoring case only, padding, date ranges, fuzzy matching, and the study
 * and series values search matches on. Every test stores its own patients, so the tests share
 * one server.
 */
class SearchMatchingApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    /** The Study Instance UIDs of a /v2/studies search of this patient and more filters. */
    private static HttpResponse<String> studies(String patientId, String filters)
            throws Exception {
        return search(server, "v2/studies?PatientID=" + patientId + filters);
    }

    @Test
    void patientNameMatchesIgnoringCaseAndAccents() throws Exception {
        String patient = unique("PN-");
        Dataset ds = newStudy(patient).putString(Tag.PatientName, VR.PN, "Hall^X^Tá");
        store(server, ds);

        for (String name : new String[] {"Hall^X^Tá", "hall^x^ta", "HALL^X^TA", "Häll^x^tà"}) {
            assertThat(values(studies(patient, "&PatientName=" + name), Tag.StudyInstanceUID))
                    .as(name).containsExactly(study(ds));
        }
        assertThat(studies(patient, "&PatientName=Hall^X").statusCode()).isEqualTo(204);
    }

    @Test
    void otherTextMatchesIgnoringCaseButNotAccents() throws Exception {
        String patient = unique("Pid-");
        Dataset ds = newStudy(patient).putString(Tag.StudyDescription, VR.LO, "Crâne Scan");
        store(server, ds);

        assertThat(values(search(server, "v2/studies?PatientID=" + patient.toUpperCase()
                + "&StudyDescription=CRÂNE%20SCAN"), Tag.StudyInstanceUID))
                .containsExactly(study(ds));
        assertThat(studies(patient, "&StudyDescription=Crane%20Scan").statusCode())
                .isEqualTo(204);
        assertThat(studies(patient, "&StudyDescription=Crâne").statusCode()).isEqualTo(204);
    }

    @Test
    void trailingNulPaddingMatchesWithOrWithoutTheNul() throws Exception {
        String patient = unique("NUL-");
        Dataset ds = newStudy(patient);
        ds.put(Element.of(Tag.Modality, VR.CS, "X\0".getBytes(StandardCharsets.US_ASCII)));
        ds.put(Element.of(Tag.AccessionNumber, VR.SH,
                "A7\0\0".getBytes(StandardCharsets.US_ASCII)));
        store(server, ds);

        for (String filter : new String[] {"&Modality=X", "&Modality=X%00", "&Modality=x%20"}) {
            assertThat(values(search(server, "v2/series?PatientID=" + patient + filter),
                    Tag.StudyInstanceUID)).as(filter).containsExactly(study(ds));
        }
        assertThat(values(studies(patient, "&AccessionNumber=A7%00"), Tag.StudyInstanceUID))
                .containsExactly(study(ds));
    }

    @Test
    void datesMatchExactlyAndInInclusiveRangesOpenOnEitherSide() throws Exception {
        String patient = unique("DA-");
        Dataset ds = newStudy(patient).putString(Tag.PatientBirthDate, VR.DA, "19800615");
        store(server, ds); // StudyDate 20240102

        for (String match : new String[] {"StudyDate=20240102", "StudyDate=20240101-20240103",
            "StudyDate=20240102-20240102", "StudyDate=20240102-", "StudyDate=-20240102",
            "StudyDate=%2020240101%20-%2020240102", "PatientBirthDate=19800101-19801231",
            "00100030=19800615"}) {
            assertThat(values(studies(patient, "&" + match), Tag.StudyInstanceUID)).as(match)
                    .containsExactly(study(ds));
        }
        for (String miss : new String[] {"StudyDate=20240103", "StudyDate=20240103-",
            "StudyDate=-20240101", "PatientBirthDate=19800614"}) {
            assertThat(studies(patient, "&" + miss).statusCode()).as(miss).isEqualTo(204);
        }
    }

    @Test
    void seriesDatesMatchInRanges() throws Exception {
        String patient = unique("PPS-");
        Dataset ds = newStudy(patient).putString(Studies.PerformedProcedureStepStartDate,
                VR.DA, "20230405");
        store(server, ds);

        assertThat(values(search(server, "v2/series?PatientID=" + patient
                + "&PerformedProcedureStepStartDate=20230401-20230430"), Tag.SeriesInstanceUID))
                .containsExactly(Studies.series(ds));
        assertThat(search(server, "v2/series?PatientID=" + patient
                + "&PerformedProcedureStepStartDate=20230406-").statusCode()).isEqualTo(204);
    }

    @Test
    void fuzzyMatchingMatchesWordPrefixesInOrderIgnoringCaseAndAccents() throws Exception {
        String patient = unique("FZ-");
        Dataset ds = newStudy(patient).putString(Tag.PatientName, VR.PN, "John^Doe");
        store(server, ds);

        for (String name : new String[] {"joh", "do", "jo%20do", "Doe", "John%20Doe", "JOHN^DOE",
            "jöh"}) {
            assertThat(values(studies(patient, "&fuzzymatching=true&PatientName=" + name),
                    Tag.StudyInstanceUID)).as(name).containsExactly(study(ds));
        }
        for (String name : new String[] {"ohn", "doe%20john", "john%20x", "johnny"}) {
            assertThat(studies(patient, "&fuzzymatching=true&PatientName=" + name)
                    .statusCode()).as(name).isEqualTo(204);
        }
        assertThat(studies(patient, "&fuzzymatching=false&PatientName=joh").statusCode())
                .isEqualTo(204);
    }

    @Test
    void fuzzyMatchingAppliesToEveryPersonNameAttribute() throws Exception {
        String patient = unique("FR-");
        Dataset ds = newStudy(patient).putString(Tag.ReferringPhysicianName, VR.PN,
                "Müller^Anna=ミュラー^アンナ");
        store(server, ds);

        assertThat(values(studies(patient, "&FuzzyMatching=TRUE&ReferringPhysicianName=mull%20an"),
                Tag.StudyInstanceUID)).containsExactly(study(ds));
        assertThat(values(studies(patient, "&fuzzymatching=true&ReferringPhysicianName=ミュ"),
                Tag.StudyInstanceUID)).containsExactly(study(ds));
        assertThat(studies(patient, "&ReferringPhysicianName=mull").statusCode())
                .isEqualTo(204);
    }

    @Test
    void modalitiesInStudyMatchesAStudyWithAnySeriesOfThatModality() throws Exception {
        String patient = unique("MIS-");
        Dataset ct = newStudy(patient);
        Dataset mr = Studies.patient(Studies.instance(study(ct), DicomFiles.uid()), patient)
                .putString(Tag.Modality, VR.CS, "MR");
        store(server, ct, mr);

        for (String path : new String[] {"v2/studies", "v2/series", "v2/instances"}) {
            HttpResponse<String> response = search(server, path + "?PatientID=" + patient
                    + "&ModalitiesInStudy=MR");
            assertThat(values(response, Tag.StudyInstanceUID)).as(path).isNotEmpty()
                    .allMatch(study(ct)::equals);
        }
        assertThat(values(studies(patient, "&ModalitiesInStudy=MR"), Studies.ModalitiesInStudy))
                .containsExactly("CT");
        assertThat(SearchCalls.datasets(studies(patient, "&ModalitiesInStudy=MR")).get(0)
                .getStrings(Studies.ModalitiesInStudy)).containsExactly("CT", "MR");
        assertThat(studies(patient, "&ModalitiesInStudy=US").statusCode()).isEqualTo(204);
    }

    @Test
    void studyValuesAreTheLastNonEmptyValueStored() throws Exception {
        String patient = unique("LW-");
        Dataset first = newStudy(patient).putString(Tag.AccessionNumber, VR.SH, "OLD")
                .putString(Tag.StudyDescription, VR.LO, "Kept");
        Dataset second = Studies.patient(Studies.instance(study(first), Studies.series(first)),
                patient).putString(Tag.AccessionNumber, VR.SH, "NEW");
        store(server, first, second);

        assertThat(values(studies(patient, "&AccessionNumber=NEW"), Tag.StudyInstanceUID))
                .containsExactly(study(first));
        assertThat(studies(patient, "&AccessionNumber=OLD").statusCode()).isEqualTo(204);
        assertThat(values(studies(patient, "&StudyDescription=kept"), Tag.StudyInstanceUID))
                .containsExactly(study(first));
    }

    // Spec §4.8: an attribute that failed validation at store time is not indexed.
    @Test
    void attributesThatFailedValidationAreNotIndexed() throws Exception {
        String patient = unique("INV-");
        String tooLong = "ACCESSION-NUMBER-TOO-LONG";
        Dataset ds = newStudy(patient).putString(Tag.AccessionNumber, VR.SH, tooLong);
        store(server, ds);

        assertThat(studies(patient, "&AccessionNumber=" + tooLong).statusCode()).isEqualTo(204);
        assertThat(values(studies(patient, ""), Tag.StudyInstanceUID)).containsExactly(study(ds));
    }

    @Test
    void wildcardsAndUidListsAreLiteralInStrictMode() throws Exception {
        String patient = unique("LIT-");
        Dataset ds = newStudy(patient).putString(Tag.PatientName, VR.PN, "Do*");
        Dataset other = newStudy(patient);
        store(server, ds, other);

        assertThat(values(studies(patient, "&PatientName=Do*"), Tag.StudyInstanceUID))
                .containsExactly(study(ds));
        assertThat(studies(patient, "&PatientName=D?*").statusCode()).isEqualTo(204);
        assertThat(studies(patient, "&StudyInstanceUID=" + study(ds) + "," + study(other))
                .statusCode()).isEqualTo(204);
        assertThat(studies(patient, "&StudyInstanceUID=" + study(ds) + "%5C" + study(other))
                .statusCode()).isEqualTo(204);
    }

    @Test
    void uidsMatchIgnoringTrailingPadding() throws Exception {
        String patient = unique("UID-");
        Dataset ds = newStudy(patient);
        store(server, ds);

        assertThat(values(search(server, "v2/studies?StudyInstanceUID=" + study(ds) + "%00"),
                Tag.PatientID)).containsExactly(patient);
        assertThat(values(search(server, "v2/instances?SOPInstanceUID=" + Studies.sop(ds)),
                Tag.PatientID)).containsExactly(patient);
        assertThat(values(search(server, "v2/studies/" + study(ds) + "%20/series"),
                Tag.SeriesInstanceUID)).containsExactly(Studies.series(ds));
    }

    @Test
    void deletedInstancesAreNoLongerFound() throws Exception {
        String patient = unique("DEL-");
        Dataset ds = newStudy(patient);
        store(server, ds);
        assertThat(studies(patient, "").statusCode()).isEqualTo(200);

        server.send(server.request("v2/studies/" + study(ds)).DELETE().build());

        assertThat(studies(patient, "").statusCode()).isEqualTo(204);
        assertThat(search(server, "v2/instances?PatientID=" + patient).statusCode())
                .isEqualTo(204);
    }
}
