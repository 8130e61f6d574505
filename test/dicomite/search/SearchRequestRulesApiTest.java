// SPDX-License-Identifier: MIT
package dicomite.search;

import static dicomite.search.SearchCalls.search;
import static dicomite.search.SearchCalls.searchWith;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.store.DicomFiles;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request rules of QIDO-RS over HTTP: every query parameter and its exact error message
 * (spec §4.2, §4.3, §15), the Accept filter (spec §1.4) and the order in which the checks run
 * (spec §1.3). The searches match nothing, so the tests share one server.
 */
class SearchRequestRulesApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    private static void assertError(HttpResponse<String> response, ApiError expected) {
        assertThat(response.statusCode()).as(response.uri().toString())
                .isEqualTo(expected.status());
        assertThat(response.body()).as(response.uri().toString()).isEqualTo(expected.body());
        if (!expected.body().isEmpty()) {
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; charset=utf-8");
        }
    }

    @Test
    void limitMustBeAnIntegerFromOneTo200() throws Exception {
        assertError(search(server, "v2/studies?limit=abc"),
                Errors.invalidQueryParameterValue("Limit", "abc"));
        assertError(search(server, "v2/studies?limit=1.5"),
                Errors.invalidQueryParameterValue("Limit", "1.5"));
        assertError(search(server, "v2/studies?limit=99999999999"),
                Errors.invalidQueryParameterValue("Limit", "99999999999"));
        assertError(search(server, "v2/studies?limit=0"), Errors.queryParameterOutOfRange(
                "Limit", 1, 200));
        assertError(search(server, "v2/studies?LIMIT=201"), Errors.queryParameterOutOfRange(
                "Limit", 1, 200));
        assertError(search(server, "v2/studies?limit="),
                Errors.missingQueryParameterValue("Limit", ""));
        assertThat(search(server, "v2/studies?limit=200&PatientID=none").statusCode())
                .isEqualTo(204);
        assertThat(search(server, "v2/studies?limit=%2B7&PatientID=none").statusCode())
                .isEqualTo(204);
    }

    @Test
    void offsetMustBeAnIntegerOfZeroOrMore() throws Exception {
        assertError(search(server, "v2/series?offset=-1"), Errors.queryParameterOutOfRange(
                "Offset", 0, Integer.MAX_VALUE));
        assertError(search(server, "v2/series?Offset=ten"),
                Errors.invalidQueryParameterValue("Offset", "ten"));
        assertThat(search(server, "v2/series?offset=2147483647").statusCode()).isEqualTo(204);
    }

    @Test
    void fuzzymatchingMustBeTrueOrFalse() throws Exception {
        assertError(search(server, "v2/studies?fuzzymatching=yes"),
                Errors.invalidQueryParameterValue("FuzzyMatching", "yes"));
        assertError(search(server, "v2/studies?fuzzymatching="),
                Errors.missingQueryParameterValue("FuzzyMatching", ""));
        assertThat(search(server, "v2/studies?FUZZYMATCHING=False&PatientID=none").statusCode())
                .isEqualTo(204);
    }

    @Test
    void modelBoundErrorsAreReportedFuzzyMatchingThenOffsetThenLimit() throws Exception {
        assertError(search(server, "v2/studies?limit=abc&offset=-1&fuzzymatching=x"),
                Errors.invalidQueryParameterValue("FuzzyMatching", "x"));
        assertError(search(server, "v2/studies?limit=abc&offset=-1"),
                Errors.queryParameterOutOfRange("Offset", 0, Integer.MAX_VALUE));
        assertError(search(server, "v2/studies?limit=abc&limit=5"),
                Errors.invalidQueryParameterValue("Limit", "abc,5"));
    }

    @Test
    void aKeyGivenTwiceIsRefused() throws Exception {
        assertError(search(server, "v2/studies?PatientID=a&PatientID=b"),
                Errors.duplicateQueryAttribute("PatientID"));
        assertError(search(server, "v2/studies?PatientID=a&patientid=b"),
                Errors.duplicateQueryAttribute("PatientID"));
        assertError(search(server, "v2/studies?PatientID=a&00100020=b"),
                Errors.attributeGivenInTwoFormats("00100020"));
    }

    @Test
    void keysMustNameAnAttributeWithTheKeywordsCasing() throws Exception {
        assertError(search(server, "v2/studies?patientname=x"),
                Errors.unknownQueryParameter("patientname"));
        assertError(search(server, "v2/studies?00100011=x"),
                Errors.unknownQueryParameter("00100011"));
        assertError(search(server, "v2/studies?foo=x"), Errors.unknownQueryParameter("foo"));
        assertError(search(server, "v2/studies?ReferencedStudySequence.StudyInstanceUID=1"),
                Errors.sequenceAttributeNotSupported(
                        "ReferencedStudySequence.StudyInstanceUID"));
        assertThat(search(server, "v2/studies?%20PatientID%20=%20none%20").statusCode())
                .isEqualTo(204);
        assertThat(search(server, "v2/studies?0010002f=none").statusCode()).isEqualTo(400);
        assertThat(search(server, "v2/studies?0020000d=1.2.3").statusCode()).isEqualTo(204);
    }

    @Test
    void attributesMustBeQueryableAtTheResource() throws Exception {
        String study = DicomFiles.uid();
        assertError(search(server, "v2/studies?Modality=CT"),
                Errors.attributeNotQueryable("Modality"));
        assertError(search(server, "v2/studies/" + study + "/series?PatientName=x"),
                Errors.attributeNotQueryable("PatientName"));
        assertError(search(server, "v2/studies/" + study + "/series?StudyInstanceUID=1.2"),
                Errors.attributeNotQueryable("StudyInstanceUID"));
        assertError(search(server, "v2/instances?Modality=CT&00280011=512"),
                Errors.attributeNotQueryable("00280011"));
        assertError(search(server, "v2/series?SOPInstanceUID=1.2"),
                Errors.attributeNotQueryable("SOPInstanceUID"));
        assertError(search(server, "v2/studies?00091001=x"),
                Errors.attributeNotQueryable("00091001"));
        assertError(search(server, "v2/studies/" + study + "/series/1.2/instances?"
                + "SeriesInstanceUID=1.2"), Errors.attributeNotQueryable("SeriesInstanceUID"));
        assertThat(search(server, "v2/studies/" + study + "/instances?Modality=CT"
                + "&SeriesInstanceUID=1.2&SOPInstanceUID=1.3").statusCode()).isEqualTo(204);
    }

    @Test
    void filtersNeedAValue() throws Exception {
        assertError(search(server, "v2/studies?PatientName="),
                Errors.emptyAttributeValue("PatientName"));
        assertError(search(server, "v2/studies?PatientName=%20%20"),
                Errors.emptyAttributeValue("PatientName"));
        assertError(search(server, "v2/studies?PatientName"),
                Errors.emptyAttributeValue("PatientName"));
    }

    @Test
    void filtersAreCheckedInTheOrderGiven() throws Exception {
        assertError(search(server, "v2/studies?Modality=CT&foo=1"),
                Errors.attributeNotQueryable("Modality"));
        assertError(search(server, "v2/studies?foo=1&Modality=CT"),
                Errors.unknownQueryParameter("foo"));
        assertError(search(server, "v2/studies?foo=1&PatientID=a&PatientID=b"),
                Errors.duplicateQueryAttribute("PatientID"));
        assertError(search(server, "v2/studies?includefield=Foo&StudyDate=x"),
                Errors.invalidDate("x", "StudyDate"));
    }

    @Test
    void includefieldNamesAttributesOrAll() throws Exception {
        assertError(search(server, "v2/studies?includefield=all,PatientID"),
                Errors.includeAllWithOtherFields());
        assertError(search(server, "v2/studies?includefield=all&includefield=all"),
                Errors.includeAllWithOtherFields());
        assertError(search(server, "v2/studies?includefield=Foo"),
                Errors.unknownIncludeField("Foo"));
        assertError(search(server, "v2/studies?includefield=PatientID,"),
                Errors.unknownIncludeField(""));
        assertError(search(server, "v2/studies?includefield=00081111.00081150"),
                Errors.sequenceAttributeNotSupported("00081111.00081150"));
        assertThat(search(server, "v2/studies?IncludeField=All&PatientID=none").statusCode())
                .isEqualTo(204);
        assertThat(search(server, "v2/studies?includefield=%2000091001%20,%20Rows&PatientID=x")
                .statusCode()).isEqualTo(204);
    }

    @Test
    void datesMustBeValidYyyyMmDdOrRanges() throws Exception {
        assertError(search(server, "v2/studies?StudyDate=-"), Errors.emptyDateRange());
        assertError(search(server, "v2/studies?StudyDate=%20-%20"), Errors.emptyDateRange());
        assertError(search(server, "v2/studies?StudyDate=2024013"),
                Errors.invalidDate("2024013", "StudyDate"));
        assertError(search(server, "v2/studies?StudyDate=20240230"),
                Errors.invalidDate("20240230", "StudyDate"));
        assertError(search(server, "v2/studies?StudyDate=2024-01-02"),
                Errors.invalidDate("2024-01-02", "StudyDate"));
        assertError(search(server, "v2/studies?00100030=00000101-"),
                Errors.invalidDate("00000101", "PatientBirthDate"));
        assertError(search(server, "v2/studies?StudyDate=20240105-2024010x"),
                Errors.invalidDate("2024010x", "StudyDate"));
        assertError(search(server, "v2/studies?StudyDate=20240105-20240101"),
                Errors.reversedDateRange("20240105-20240101", "20240105", "20240101"));
        assertError(search(server, "v2/series?PerformedProcedureStepStartDate=1"),
                Errors.invalidDate("1", "PerformedProcedureStepStartDate"));
    }

    @Test
    void fuzzyMatchingRefusesDoubleQuotes() throws Exception {
        assertError(search(server, "v2/studies?fuzzymatching=true&PatientName=a%22b"),
                Errors.fuzzyMatchingUnsupportedCharacter("PatientName", "a\"b"));
        assertError(search(server, "v2/studies?fuzzymatching=true&00080090=%22"),
                Errors.fuzzyMatchingUnsupportedCharacter("ReferringPhysicianName", "\""));
        assertThat(search(server, "v2/studies?PatientName=a%22b").statusCode()).isEqualTo(204);
    }

    @Test
    void routeUidsMustBeValid() throws Exception {
        assertError(search(server, "v2/studies/abc/series"), Errors.invalidUID("StudyInstanceUid"));
        assertError(search(server, "v2/studies/1.2.3/series/1.2.x/instances"),
                Errors.invalidUID("SeriesInstanceUid"));
        assertError(search(server, "v2/studies/1.2.x/series/1.2.x/instances"),
                Errors.invalidUID("StudyInstanceUid"));
        assertError(search(server, "v2/studies/abc/instances?PatientID=a&PatientID=b"),
                Errors.duplicateQueryAttribute("PatientID"));
        assertError(search(server, "v2/studies/abc/instances?foo=1"),
                Errors.invalidUID("StudyInstanceUid"));
    }

    @Test
    void acceptMustAdmitDicomJson() throws Exception {
        for (String accept : new String[] {"application/dicom+json", "application/json",
            "application/*", "*/*", "APPLICATION/DICOM+JSON; charset=utf-8",
            "application/xml, application/dicom+json;q=0.1"}) {
            assertThat(searchWith(server, "v2/studies?PatientID=none", "Accept", accept)
                    .statusCode()).as(accept).isEqualTo(204);
        }
        for (String accept : new String[] {"application/dicom", "application/xml",
            "application/dicom+json+something", "text/*", "not a media type"}) {
            HttpResponse<String> response = searchWith(server, "v2/studies", "Accept", accept);
            assertThat(response.statusCode()).as(accept).isEqualTo(406);
            assertThat(response.body()).as(accept).isEmpty();
        }
    }

    @Test
    void aMissingAcceptIs406InStrictMode() throws Exception {
        HttpResponse<String> response = searchWith(server, "v2/studies");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body()).isEmpty();
    }

    // Spec §1.3: model-bound errors beat the Accept check; attribute errors come after it.
    @Test
    void modelBoundErrorsComeBeforeAcceptAndAttributeErrorsAfter() throws Exception {
        assertError(searchWith(server, "v2/studies?limit=500"),
                Errors.queryParameterOutOfRange("Limit", 1, 200));
        assertError(searchWith(server, "v2/studies?offset=x", "Accept", "application/xml"),
                Errors.invalidQueryParameterValue("Offset", "x"));
        for (String query : new String[] {"Modality=CT", "foo=1", "StudyDate=x",
            "PatientID=a&PatientID=b", "includefield=Foo"}) {
            assertThat(searchWith(server, "v2/studies?" + query, "Accept", "application/dicom")
                    .statusCode()).as(query).isEqualTo(406);
        }
        assertThat(searchWith(server, "v2/studies/abc/series").statusCode()).isEqualTo(406);
    }

    @Test
    void everyVersionAppliesTheSameRules() throws Exception {
        for (String version : new String[] {"v1", "v1.0-prerelease", "v2.0"}) {
            assertError(search(server, version + "/instances?Modality=CT&limit=0"),
                    Errors.queryParameterOutOfRange("Limit", 1, 200));
            assertError(search(server, version + "/studies?Modality=CT"),
                    Errors.attributeNotQueryable("Modality"));
            HttpResponse<String> none = search(server, version + "/series?PatientID=none");
            assertThat(none.statusCode()).as(version).isEqualTo(204);
            assertThat(none.headers().firstValue("api-supported-versions"))
                    .hasValue("1.0-prerelease, 1, 2");
        }
        assertThat(search(server, "v3/studies").statusCode()).isEqualTo(400);
    }

    @Test
    void aLessThanSignInTheQueryIsRefusedFirst() throws Exception {
        assertError(searchWith(server, "v2/studies?limit=0&PatientName=%3Cb%3E"),
                Errors.invalidQueryCharacters());
    }
}
