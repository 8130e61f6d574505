// SPDX-License-Identifier: MIT
package dicomite.store;

import static dicomite.store.StoreCalls.MULTIPART;
import static dicomite.store.StoreCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STOW-RS under {@code --loose} (spec §0): a missing Accept is taken as application/dicom+json;
 * a wrong one is still a 406. The strict side is in {@link StoreRequestRulesApiTest}.
 */
class LooseStoreApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture(config -> config.withLoose(true));

    @Test
    void missingAcceptIsTakenAsDicomJson() throws Exception {
        server.dicomite();
        HttpResponse<String> response = send(server, "POST", "v2/studies", MULTIPART,
                MultipartBody.of(DicomFiles.bytes(DicomFiles.instance())));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/dicom+json"));
    }

    @Test
    void wrongAcceptIsStill406() throws Exception {
        server.dicomite();
        HttpResponse<String> response = send(server, "POST", "v2/studies", MULTIPART,
                MultipartBody.of(DicomFiles.bytes(DicomFiles.instance())), "Accept",
                "application/dicom");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body()).isEmpty();
    }
}
