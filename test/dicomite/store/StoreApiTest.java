// SPDX-License-Identifier: MIT
package dicomite.store;

import static dicomite.store.StoreCalls.DICOM_JSON;
import static dicomite.store.StoreCalls.comments;
import static dicomite.store.StoreCalls.failed;
import static dicomite.store.StoreCalls.failureReason;
import static dicomite.store.StoreCalls.parse;
import static dicomite.store.StoreCalls.referenced;
import static dicomite.store.StoreCalls.store;
import static dicomite.store.StoreCalls.warningReason;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STOW-RS over HTTP: the response data set, the status and the per-instance checks of spec §2.2
 * and §2.3, in v2 and v1 (§13).
 */
class StoreApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    @Test
    void storesOneInstanceWith200AndAnExactResponseDataset() throws Exception {
        Dataset ds = DicomFiles.instance();

        HttpResponse<String> response = store(server, "v2/studies", DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(DICOM_JSON));
        assertThat(response.body()).isEqualTo("{\"00081199\":{\"vr\":\"SQ\",\"Value\":[{"
                + "\"00081150\":{\"vr\":\"UI\",\"Value\":[\"" + DicomFiles.CT_IMAGE + "\"]},"
                + "\"00081155\":{\"vr\":\"UI\",\"Value\":[\"" + sop(ds) + "\"]},"
                + "\"00081190\":{\"vr\":\"UR\",\"Value\":[\"" + instanceUrl("v2", ds) + "\"]},"
                + "\"00741048\":{\"vr\":\"SQ\"}}]}}");
        assertThat(response.headers().firstValue("Warning")).isEmpty();
        assertThat(response.headers().firstValue("api-supported-versions"))
                .hasValue("1.0-prerelease, 1, 2");
    }

    @Test
    void aRequiredUidWrittenAsUNIsReadWithItsDictionaryVR() throws Exception {
        Dataset ds = DicomFiles.instance();
        ds.put(Element.of(Tag.SOPClassUID, VR.UN, ds.get(Tag.SOPClassUID).bytes()));

        HttpResponse<String> response = store(server, "v2/studies", DicomFiles.bytes(ds));
        HttpResponse<String> metadata = server.get(instanceUrl("v2", ds).substring(
                server.baseUri().toString().length()) + "/metadata", "Accept",
                "application/dicom+json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"00080016\":{\"vr\":\"UI\",\"Value\":[\""
                + DicomFiles.CT_IMAGE + "\"]}");
    }

    @Test
    void v1SuccessItemsHaveNoFailedAttributesSequence() throws Exception {
        Dataset ds = DicomFiles.instance();

        HttpResponse<String> response = store(server, "v1/studies", DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"00081199\":{\"vr\":\"SQ\",\"Value\":[{"
                + "\"00081150\":{\"vr\":\"UI\",\"Value\":[\"" + DicomFiles.CT_IMAGE + "\"]},"
                + "\"00081155\":{\"vr\":\"UI\",\"Value\":[\"" + sop(ds) + "\"]},"
                + "\"00081190\":{\"vr\":\"UR\",\"Value\":[\"" + instanceUrl("v1", ds)
                + "\"]}}]}}");
    }

    @Test
    void retrieveUrlsKeepTheVersionSegmentAsSent() throws Exception {
        for (String version : new String[] {"v1.0-prerelease", "v1", "v1.0", "v2", "v2.0"}) {
            Dataset ds = DicomFiles.instance();

            HttpResponse<String> response =
                    store(server, version + "/studies", DicomFiles.bytes(ds));

            assertThat(response.statusCode()).as(version).isEqualTo(200);
            assertThat(referenced(parse(response)).get(0).getString(StoreCalls.RetrieveURL, ""))
                    .isEqualTo(instanceUrl(version, ds));
        }
    }

    @Test
    void unknownVersionIsRefusedByTheRouter() throws Exception {
        HttpResponse<String> response =
                store(server, "v3/studies", DicomFiles.bytes(DicomFiles.instance()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UnsupportedApiVersion");
    }

    @Test
    void storeIntoAStudyAddsTheStudyRetrieveUrl() throws Exception {
        Dataset ds = DicomFiles.instance();
        String study = ds.getString(Tag.StudyInstanceUID, "");

        HttpResponse<String> response =
                store(server, "v2/studies/" + study, DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(parse(response).getString(StoreCalls.RetrieveURL, ""))
                .isEqualTo(server.baseUri() + "v2/studies/" + study);
    }

    @Test
    void foreignStudyFailsWith43264AndNoStudyRetrieveUrl() throws Exception {
        Dataset ds = DicomFiles.instance();

        HttpResponse<String> response =
                store(server, "v2/studies/1.2.3.999", DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(409);
        Dataset body = parse(response);
        assertThat(body.contains(StoreCalls.RetrieveURL)).isFalse();
        assertThat(referenced(body)).isEmpty();
        Dataset item = failed(body).get(0);
        assertThat(failureReason(item)).isEqualTo(43264);
        assertThat(item.getString(StoreCalls.ReferencedSOPClassUID, ""))
                .isEqualTo(DicomFiles.CT_IMAGE);
        assertThat(item.getString(StoreCalls.ReferencedSOPInstanceUID, "")).isEqualTo(sop(ds));
        assertThat(comments(item)).containsExactly("DICOM100: (0020,000d) - The StudyInstanceUid"
                + " in the payload does not match the specified StudyInstanceUid.");
    }

    @Test
    void studyMatchIgnoresCaseAndPadding() throws Exception {
        String study = DicomFiles.uid();
        Dataset ds = DicomFiles.instance(study + "\0", DicomFiles.uid(), DicomFiles.uid());

        HttpResponse<String> response =
                store(server, "v2/studies/" + study, DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void mixedMatchAndMismatchAnswers202WithBothSequences() throws Exception {
        Dataset match = DicomFiles.instance();
        String study = match.getString(Tag.StudyInstanceUID, "");
        Dataset foreign = DicomFiles.instance();

        HttpResponse<String> response = store(server, "v2/studies/" + study,
                DicomFiles.bytes(foreign), DicomFiles.bytes(match));

        assertThat(response.statusCode()).isEqualTo(202);
        Dataset body = parse(response);
        assertThat(body.getString(StoreCalls.RetrieveURL, ""))
                .isEqualTo(server.baseUri() + "v2/studies/" + study);
        assertThat(failed(body)).hasSize(1);
        assertThat(referenced(body)).hasSize(1);
        assertThat(referenced(body).get(0).getString(StoreCalls.ReferencedSOPInstanceUID, ""))
                .isEqualTo(sop(match));
    }

    @Test
    void unreadableFileFailsWith43264WithoutUidsOrComments() throws Exception {
        HttpResponse<String> response = store(server, "v2/studies", "not DICOM".getBytes());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body())
                .isEqualTo("{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081197\":"
                        + "{\"vr\":\"US\",\"Value\":[43264]}}]}}");
    }

    @Test
    void emptySinglePartBodyFailsWith409And43264() throws Exception {
        HttpResponse<String> response = StoreCalls.send(server, "POST", "v2/studies",
                "application/dicom", new byte[0], "Accept", DICOM_JSON);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(failureReason(failed(parse(response)).get(0))).isEqualTo(43264);
    }

    @Test
    void singlePartBodyIsStored() throws Exception {
        Dataset ds = DicomFiles.instance();

        HttpResponse<String> response = StoreCalls.send(server, "POST", "v2/studies",
                "Application/DICOM", DicomFiles.bytes(ds), "Accept", DICOM_JSON);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(referenced(parse(response))).hasSize(1);
    }

    @Test
    void missingRequiredUidReportsOnlyTheFirstMissing() throws Exception {
        Dataset ds = DicomFiles.instance();
        ds.remove(Tag.SOPClassUID);
        ds.remove(Tag.SOPInstanceUID);

        Dataset item = failed(parse(store(server, "v2/studies", DicomFiles.bytes(ds)))).get(0);

        assertThat(failureReason(item)).isEqualTo(43264);
        assertThat(comments(item)).containsExactly(
                "DICOM100: (0008,0016) - The required tag '(0008,0016)' is missing.");
        assertThat(item.contains(StoreCalls.ReferencedSOPClassUID)).isFalse();
        assertThat(item.contains(StoreCalls.ReferencedSOPInstanceUID)).isFalse();
    }

    @Test
    void missingSopInstanceUidIsReportedWithItsTag() throws Exception {
        Dataset ds = DicomFiles.instance();
        ds.remove(Tag.SOPInstanceUID);

        Dataset item = failed(parse(store(server, "v2/studies", DicomFiles.bytes(ds)))).get(0);

        assertThat(comments(item)).containsExactly(
                "DICOM100: (0008,0018) - The required tag '(0008,0018)' is missing.");
        assertThat(item.getString(StoreCalls.ReferencedSOPClassUID, ""))
                .isEqualTo(DicomFiles.CT_IMAGE);
    }

    @Test
    void missingPatientIdFailsInBothVersions() throws Exception {
        for (String version : new String[] {"v1", "v2"}) {
            Dataset ds = DicomFiles.instance();
            ds.remove(Tag.PatientID);

            HttpResponse<String> response =
                    store(server, version + "/studies", DicomFiles.bytes(ds));

            assertThat(response.statusCode()).as(version).isEqualTo(409);
            assertThat(comments(failed(parse(response)).get(0))).containsExactly(
                    "DICOM100: (0010,0020) - The required tag '(0010,0020)' is missing.");
        }
    }

    @Test
    void emptyPatientIdIsAWarningInV2AndAFailureInV1() throws Exception {
        Dataset v2 = DicomFiles.instance();
        v2.putString(Tag.PatientID, VR.LO, "");
        Dataset v1 = DicomFiles.instance();
        v1.putString(Tag.PatientID, VR.LO, "");

        HttpResponse<String> stored = store(server, "v2/studies", DicomFiles.bytes(v2));
        HttpResponse<String> refused = store(server, "v1/studies", DicomFiles.bytes(v1));

        assertThat(stored.statusCode()).isEqualTo(202);
        Dataset item = referenced(parse(stored)).get(0);
        assertThat(warningReason(item)).hasValue(1);
        assertThat(comments(item)).containsExactly(
                "DICOM100: (0010,0020) - The required tag '(0010,0020)' is missing.");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(comments(failed(parse(refused)).get(0))).containsExactly(
                "DICOM100: (0010,0020) - The required tag '(0010,0020)' is missing.");
        HttpResponse<String> metadata = server.get(instanceUrl("v2", v2).substring(
                server.baseUri().toString().length()) + "/metadata", "Accept",
                "application/dicom+json");
        // a required attribute: kept in the metadata, empty, unlike invalid optional ones
        assertThat(metadata.body()).contains("\"00100020\":{\"vr\":\"LO\"}");
    }

    @Test
    void invalidPatientIdCharacterFailsWith43264() throws Exception {
        Dataset ds = DicomFiles.instance();
        ds.putString(Tag.PatientID, VR.LO, "P\u00011");

        HttpResponse<String> response = store(server, "v2/studies", DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(comments(failed(parse(response)).get(0))).containsExactly(
                "DICOM100: (0010,0020) - Dicom element 'PatientID' failed validation for VR"
                        + " 'LO': Value contains invalid character.");
    }

    @Test
    void invalidRequiredUidFailsAndEveryInvalidOneIsReported() throws Exception {
        Dataset ds = DicomFiles.instance("abc.123", DicomFiles.uid(), DicomFiles.uid());
        ds.putString(Tag.SeriesInstanceUID, VR.UI, "11|");

        HttpResponse<String> response = store(server, "v2/studies", DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(409);
        String rule = "' failed validation for VR 'UI': DICOM Identifier is invalid. Value length"
                + " should not exceed the maximum length of 64 characters. Value should contain"
                + " characters in '0'-'9' and '.'. Each component must start with non-zero"
                + " number.";
        assertThat(comments(failed(parse(response)).get(0))).startsWith(
                "DICOM100: (0020,000d) - Dicom element 'StudyInstanceUID" + rule,
                "DICOM100: (0020,000e) - Dicom element 'SeriesInstanceUID" + rule);
    }

    @Test
    void invalidOptionalAttributeIsAWarningInV2() throws Exception {
        Dataset ds = DicomFiles.instance();
        ds.putString(Tag.StudyDate, VR.DA, "NotAValidDate");

        HttpResponse<String> response = store(server, "v2/studies", DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(202);
        Dataset item = referenced(parse(response)).get(0);
        assertThat(warningReason(item)).hasValue(1);
        assertThat(comments(item)).containsExactly("DICOM100: (0008,0020) - Content"
                + " \"NotAValidDate\" does not validate VR DA: one of the date values does not"
                + " match the pattern YYYYMMDD");
    }

    @Test
    void invalidIndexedAttributeFailsInV1() throws Exception {
        Dataset ds = DicomFiles.instance();
        ds.putString(Tag.StudyDate, VR.DA, "NotAValidDate");

        HttpResponse<String> response = store(server, "v1/studies", DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(409);
        Dataset item = failed(parse(response)).get(0);
        assertThat(failureReason(item)).isEqualTo(43264);
        assertThat(comments(item)).containsExactly("DICOM100: (0008,0020) - Content"
                + " \"NotAValidDate\" does not validate VR DA: one of the date values does not"
                + " match the pattern YYYYMMDD");
    }

    @Test
    void invalidAttributeThatIsNotIndexedPassesV1Silently() throws Exception {
        Dataset ds = DicomFiles.instance();
        ds.putString(Tag.StudyTime, VR.TM, "NotATime");

        HttpResponse<String> response = store(server, "v1/studies", DicomFiles.bytes(ds));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(referenced(parse(response)).get(0).contains(StoreCalls.WarningReason))
                .isFalse();
    }

    @Test
    void implicitVrIsWarning45063Giving202InV2And200InV1() throws Exception {
        Dataset v2 = DicomFiles.instance();
        Dataset v1 = DicomFiles.instance();
        v2.putString(Tag.StudyDate, VR.DA, "NotAValidDate"); // 45063 wins over 1

        HttpResponse<String> inV2 = store(server, "v2/studies",
                DicomFiles.bytes(v2, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        HttpResponse<String> inV1 = store(server, "v1/studies",
                DicomFiles.bytes(v1, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));

        assertThat(inV2.statusCode()).isEqualTo(202);
        assertThat(warningReason(referenced(parse(inV2)).get(0))).hasValue(45063);
        assertThat(comments(referenced(parse(inV2)).get(0))).hasSize(1);
        assertThat(inV1.statusCode()).isEqualTo(200);
        assertThat(warningReason(referenced(parse(inV1)).get(0))).hasValue(45063);
    }

    @Test
    void multipleValuesInAnIndexedAttributeAddTheWarningHeader() throws Exception {
        Dataset v2 = DicomFiles.instance();
        v2.putString(Tag.PatientName, VR.PN, "Doe^Jane", "Roe^Rick");
        Dataset v1 = DicomFiles.instance();
        v1.putString(Tag.PatientName, VR.PN, "Doe^Jane", "Roe^Rick");

        HttpResponse<String> inV2 = store(server, "v2/studies", DicomFiles.bytes(v2));
        HttpResponse<String> inV1 = store(server, "v1/studies", DicomFiles.bytes(v1));

        String warning = "299 " + server.baseUri().getHost() + ": \"One or more indexed Dicom"
                + " tag(s) have multiple values, only first value is indexed.\"";
        assertThat(inV2.headers().allValues("Warning")).containsExactly(warning);
        assertThat(inV1.headers().allValues("Warning")).containsExactly(warning);
        // v2 also checks the count against PS3.6 (PatientName is VM 1): a warning item
        assertThat(inV2.statusCode()).isEqualTo(202);
        assertThat(comments(referenced(parse(inV2)).get(0))).containsExactly("DICOM100:"
                + " (0010,0010) - Content \"(0010,0010) PN Patient's Name\" does not validate"
                + " VR PN: Number of items 2 does not match ValueMultiplicity 1");
        assertThat(inV1.statusCode()).isEqualTo(200);
    }

    @Test
    void failuresAndSuccessesKeepRequestOrder() throws Exception {
        Dataset first = DicomFiles.instance();
        Dataset second = DicomFiles.instance();
        Dataset third = DicomFiles.instance();

        Dataset body = parse(store(server, "v2/studies", DicomFiles.bytes(first),
                "garbage".getBytes(), DicomFiles.bytes(second), DicomFiles.bytes(third)));

        assertThat(referenced(body)).extracting(
                item -> item.getString(StoreCalls.ReferencedSOPInstanceUID, ""))
                .containsExactly(sop(first), sop(second), sop(third));
        assertThat(failed(body)).hasSize(1);
    }

    static String sop(Dataset ds) {
        return ds.getString(Tag.SOPInstanceUID, "");
    }

    private static String instanceUrl(String version, Dataset ds) {
        return server.baseUri() + version + "/studies/" + ds.getString(Tag.StudyInstanceUID, "")
                + "/series/" + ds.getString(Tag.SeriesInstanceUID, "") + "/instances/" + sop(ds);
    }
}
