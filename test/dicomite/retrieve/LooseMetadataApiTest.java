// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static dicomite.retrieve.RetrieveCalls.get;
import static dicomite.retrieve.RetrieveCalls.instancePath;
import static dicomite.retrieve.RetrieveCalls.storeInstances;
import static dicomite.retrieve.RetrieveCalls.studyPath;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.http.Errors;
import dicomite.store.DicomFiles;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --loose} (spec §0): metadata takes a missing Accept as {@code application/dicom+json};
 * an Accept that was sent is still filtered, and the file routes keep their 406.
 */
class LooseMetadataApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture(config -> config.withLoose(true));

    @Test
    void aMissingAcceptIsTakenAsDicomJson() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = get(server, studyPath("v2", ds) + "/metadata");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void aSentAcceptIsStillFiltered() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = get(server, studyPath("v2", ds) + "/metadata",
                "Accept", "application/dicom");

        assertThat(response.statusCode()).isEqualTo(406);
    }

    @Test
    void fileRoutesKeepTheir406WithoutAccept() throws Exception {
        Dataset ds = storeInstances(server, DicomFiles.uid(), DicomFiles.uid(), 1).get(0);

        HttpResponse<byte[]> response = get(server, instancePath("v2", ds));

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(RetrieveCalls.text(response)).isEqualTo(Errors.notAcceptableHeaders().body());
    }
}
