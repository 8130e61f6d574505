// SPDX-License-Identifier: MIT
package dicomite.store;

import static dicomite.store.StoreCalls.DICOM_JSON;
import static dicomite.store.StoreCalls.MULTIPART;
import static dicomite.store.StoreCalls.parse;
import static dicomite.store.StoreCalls.referenced;
import static dicomite.store.StoreCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STOW-RS request rules over HTTP (spec §2.1, §1.3, §1.4): content types, multipart framing and
 * part types, the Accept header, the study UID of the route, and which error wins.
 */
class StoreRequestRulesApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    private static byte[] file() {
        return DicomFiles.bytes(DicomFiles.instance());
    }

    private static void assertError(HttpResponse<String> response, ApiError expected) {
        assertThat(response.statusCode()).isEqualTo(expected.status());
        assertThat(response.body()).isEqualTo(expected.body());
    }

    @Test
    void noContentTypeIs415WithAnEmptyTypeInTheMessage() throws Exception {
        HttpResponse<String> response =
                send(server, "POST", "v2/studies", null, file(), "Accept", DICOM_JSON);

        assertError(response, Errors.unsupportedContentType(""));
        assertThat(response.body()).isEqualTo("The specified content type '' is not supported.");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void singlePartTypeWithAParameterIs415() throws Exception {
        String type = "application/dicom; transfer-syntax=1.2.840.10008.1.2.1";

        HttpResponse<String> response =
                send(server, "POST", "v2/studies", type, file(), "Accept", DICOM_JSON);

        assertError(response, Errors.unsupportedContentType(type));
        assertThat(response.body()).isEqualTo("The specified content type 'application/dicom;"
                + " transfer-syntax=1.2.840.10008.1.2.1' is not supported.");
    }

    @Test
    void typesTheRouteDoesNotConsumeAre415WithAnEmptyBody() throws Exception {
        for (String type : new String[] {"multipart/form-data; boundary=x", "application/json",
                "application/dicom+json", "text/plain", "not a type"}) {
            HttpResponse<String> response =
                    send(server, "POST", "v2/studies", type, file(), "Accept", DICOM_JSON);

            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(response.body()).as(type).isEmpty();
            assertThat(Errors.contentTypeNotConsumed(type).body()).isEmpty();
        }
    }

    @Test
    void multipartWithoutBoundaryIs415() throws Exception {
        String type = "multipart/related; type=\"application/dicom\"";

        HttpResponse<String> response = send(server, "POST", "v2/studies", type,
                MultipartBody.of(file()), "Accept", DICOM_JSON);

        assertError(response, Errors.missingMultipartBoundary(type));
        assertThat(response.body()).isEqualTo("The content type 'multipart/related;"
                + " type=\"application/dicom\"' is either not multipart or is missing boundary.");
    }

    @Test
    void startParameterIs400() throws Exception {
        HttpResponse<String> response = send(server, "POST", "v2/studies",
                MULTIPART + "; start=\"<part1>\"", MultipartBody.of(file()), "Accept", DICOM_JSON);

        assertError(response, Errors.multipartStartParameter());
        assertThat(response.body())
                .isEqualTo("The start parameter in multipart/related request is not supported.");
    }

    @Test
    void quotedAndUnquotedBoundaryAndTypeAreAccepted() throws Exception {
        String[] types = {"multipart/related; type=\"application/dicom\"; boundary=\"b-1\"",
            "multipart/related; type=application/dicom; boundary=b-1",
            "Multipart/Related; boundary=b-1"};
        for (String type : types) {
            byte[] body = new MultipartBody("b-1").part("application/dicom", file()).build();

            HttpResponse<String> response =
                    send(server, "POST", "v2/studies", type, body, "Accept", DICOM_JSON);

            assertThat(response.statusCode()).as(type).isEqualTo(200);
        }
    }

    @Test
    void firstPartWithoutTypeTakesTheTypeParameter() throws Exception {
        byte[] body = new MultipartBody("dicomite").part(null, file())
                .part("APPLICATION/DICOM", file()).build();

        HttpResponse<String> response =
                send(server, "POST", "v2/studies", MULTIPART, body, "Accept", DICOM_JSON);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(referenced(parse(response))).hasSize(2);
    }

    @Test
    void firstPartWithoutTypeAndNoTypeParameterIs415() throws Exception {
        byte[] body = new MultipartBody("dicomite").part(null, file()).build();

        HttpResponse<String> response = send(server, "POST", "v2/studies",
                "multipart/related; boundary=dicomite", body, "Accept", DICOM_JSON);

        assertError(response, Errors.unsupportedContentType(""));
    }

    @Test
    void laterPartWithoutTypeIs415AndNothingIsStored() throws Exception {
        byte[] first = file();
        byte[] body = new MultipartBody("dicomite").part("application/dicom", first)
                .part(null, file()).build();

        HttpResponse<String> response =
                send(server, "POST", "v2/studies", MULTIPART, body, "Accept", DICOM_JSON);

        assertError(response, Errors.unsupportedContentType(""));
        assertThat(StoreCalls.store(server, "v2/studies", first).statusCode())
                .as("the first part was not stored").isEqualTo(200);
    }

    @Test
    void partTypeWithAParameterIs415NamingThePartType() throws Exception {
        String partType = "application/dicom; transfer-syntax=*";
        byte[] body = new MultipartBody("dicomite").part("application/dicom", file())
                .part(partType, file()).build();

        HttpResponse<String> response =
                send(server, "POST", "v2/studies", MULTIPART, body, "Accept", DICOM_JSON);

        assertError(response, Errors.unsupportedContentType(partType));
    }

    @Test
    void multipartWithoutPartsIs204() throws Exception {
        byte[] closeOnly = "--dicomite--\r\n".getBytes(StandardCharsets.US_ASCII);
        for (byte[] body : new byte[][] {closeOnly, new byte[0]}) {
            HttpResponse<String> response =
                    send(server, "POST", "v2/studies", MULTIPART, body, "Accept", DICOM_JSON);

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void truncatedMultipartBodyIs400() throws Exception {
        byte[] whole = MultipartBody.of(file());
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 20);

        HttpResponse<String> response =
                send(server, "POST", "v2/studies", MULTIPART, truncated, "Accept", DICOM_JSON);

        assertError(response, Errors.invalidMultipartBody(
                "Multipart body ends before the closing boundary '--dicomite--'"));
        assertThat(response.body()).isEqualTo("The multipart request body is invalid. Multipart"
                + " body ends before the closing boundary '--dicomite--'.");
    }

    @Test
    void missingOrIncompatibleAcceptIs406WithAnEmptyBody() throws Exception {
        String[][] headers = {{}, {"Accept", "application/dicom"}, {"Accept", "application/xml"},
            {"Accept", "application/dicom+json+something"}, {"Accept", "nonsense///"}};
        for (String[] accept : headers) {
            HttpResponse<String> response =
                    send(server, "POST", "v2/studies", MULTIPART, MultipartBody.of(file()), accept);

            assertThat(response.statusCode()).as(String.join(" ", accept)).isEqualTo(406);
            assertThat(response.body()).isEmpty();
            assertThat(Errors.notAcceptable("").status()).isEqualTo(406);
            assertThat(Errors.notAcceptable("").body()).isEmpty();
        }
    }

    @Test
    void compatibleAcceptValuesAreTaken() throws Exception {
        for (String accept : new String[] {"application/json", "*/*", "application/*",
                "APPLICATION/DICOM+JSON; q=0.5", "image/png, application/dicom+json"}) {
            HttpResponse<String> response = send(server, "POST", "v2/studies", MULTIPART,
                    MultipartBody.of(file()), "Accept", accept);

            assertThat(response.statusCode()).as(accept).isEqualTo(200);
        }
    }

    @Test
    void unsupportedMediaTypeBeatsNotAcceptable() throws Exception {
        HttpResponse<String> response =
                send(server, "POST", "v2/studies", "application/json", file());

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void notAcceptableBeatsAnInvalidStudyUid() throws Exception {
        HttpResponse<String> response =
                send(server, "POST", "v2/studies/abc", MULTIPART, MultipartBody.of(file()));

        assertThat(response.statusCode()).isEqualTo(406);
    }

    @Test
    void invalidStudyUidIs400BeforeTheContentTypeIsRead() throws Exception {
        HttpResponse<String> response =
                send(server, "POST", "v2/studies/abc.123", null, file(), "Accept", DICOM_JSON);

        assertError(response, Errors.invalidUID("StudyInstanceUid"));
        assertThat(response.body()).isEqualTo("Dicom element 'StudyInstanceUid' failed"
                + " validation for VR 'UI': DICOM Identifier is invalid. Value length should not"
                + " exceed the maximum length of 64 characters. Value should contain characters"
                + " in '0'-'9' and '.'. Each component must start with non-zero number.");
    }

    @Test
    void longStudyUidIs400() throws Exception {
        HttpResponse<String> response = send(server, "POST", "v2/studies/" + "1.".repeat(32)
                + "1", MULTIPART, MultipartBody.of(file()), "Accept", DICOM_JSON);

        assertError(response, Errors.invalidUID("StudyInstanceUid"));
    }

    @Test
    void putTakesTheSameRequestRules() throws Exception {
        assertThat(send(server, "PUT", "v2/studies", null, file(), "Accept", DICOM_JSON)
                .statusCode()).isEqualTo(415);
        assertThat(send(server, "PUT", "v2/studies", MULTIPART, MultipartBody.of(file()))
                .statusCode()).isEqualTo(406);
        Dataset ds = DicomFiles.instance();
        assertThat(send(server, "PUT", "v1/studies", MULTIPART,
                MultipartBody.of(DicomFiles.bytes(ds)), "Accept", DICOM_JSON).statusCode())
                .isEqualTo(200);
    }
}
