// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dicomite.dicom.TransferSyntax;
import dicomite.http.MultipartWriter;
import dicomite.storage.InstanceKey;
import dicomite.storage.StoredInstance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Content-Length of a multipart answer (spec §3.3) is computed before the parts are written;
 * it must be exactly what {@link MultipartWriter} then writes.
 */
class RetrieveResponseTest {
    private static final String DICOM = RetrieveAccept.APPLICATION_DICOM;

    private static Rendition stored(long size, String transferSyntax) {
        StoredInstance instance = new StoredInstance(InstanceKey.of(
                InstanceKey.DEFAULT_PARTITION, "1.2", "1.2.3", "1.2.3." + size), transferSyntax,
                size, 1);
        return new Rendition.AsStored(null, instance, transferSyntax);
    }

    private static long written(List<Rendition> renditions, String boundary)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartWriter writer = new MultipartWriter(out, boundary);
        for (Rendition rendition : renditions) {
            writer.beginPart(RetrieveResponse.partType(DICOM, rendition))
                    .write(new byte[(int) rendition.length()]);
        }
        writer.finish();
        return out.size();
    }

    @Test
    void theComputedLengthIsTheWrittenLength() throws IOException {
        String boundary = MultipartWriter.newBoundary();
        List<Rendition> renditions = new ArrayList<>();
        for (long size : new long[] {0, 1, 1000, 65_537}) {
            renditions.add(stored(size, size % 2 == 0 ? "1.2.840.10008.1.2.1"
                    : "1.2.840.10008.1.2.4.50"));
            assertThat(RetrieveResponse.lengthOf(DICOM, renditions, boundary))
                    .isEqualTo(written(renditions, boundary));
        }
        assertThat(RetrieveResponse.lengthOf(DICOM, List.of(), "b")).isEqualTo(written(
                List.of(), "b"));
    }

    @Test
    void aConvertedPartMakesTheLengthUnknown() {
        Rendition converted = new Rendition.Converted(null,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(RetrieveResponse.lengthOf(DICOM, List.of(stored(10, "1.2.840.10008.1.2.1"),
                converted), "b")).isEqualTo(-1);
    }

    @Test
    void eachPartNamesItsMediaTypeAndSyntax() {
        assertThat(RetrieveResponse.partType(DICOM, stored(3, "1.2.840.10008.1.2.2")))
                .isEqualTo("application/dicom; transfer-syntax=1.2.840.10008.1.2.2");
    }
}
