// SPDX-License-Identifier: MIT
package dicomite.storage;

import static dicomite.storage.Instances.PARTITION;
import static dicomite.storage.Instances.bytes;
import static dicomite.storage.Instances.dataset;
import static dicomite.storage.Instances.facts;
import static dicomite.storage.Instances.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.dicom.Dataset;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class InstanceFactsTest {
    private final InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");

    @Test
    void describesTheKeyTransferSyntaxSizeAndSearchAttributes() throws IOException {
        Dataset ds = dataset(key, "Doe^John");
        ds.putString(Tag.InstanceNumber, VR.IS, "0007");
        ds.putString(Tag.AccessionNumber, VR.SH, "");
        byte[] file = bytes(ds);

        InstanceFacts facts = facts(PARTITION, file);

        assertThat(facts.key()).isEqualTo(key);
        assertThat(facts.sopClassUID()).isEqualTo(Instances.CT_IMAGE);
        assertThat(facts.transferSyntaxUID()).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(facts.size()).isEqualTo(file.length);
        assertThat(facts.attributes()).containsEntry("PatientName", "Doe^John")
                .containsEntry("PatientID", "PID-1").containsEntry("Modality", "CT")
                .containsEntry("StudyDate", "20240102").containsEntry("InstanceNumber", "0007")
                .doesNotContainKey("AccessionNumber");
    }

    @Test
    void framesComeFromNumberOfFramesAndDefaultToOneWithPixelDataAndZeroWithout()
            throws IOException {
        assertThat(facts(PARTITION, bytes(key, "A^B")).frames()).isEqualTo(1);

        Dataset multiFrame = dataset(key, "A^B");
        multiFrame.putString(Tag.NumberOfFrames, VR.IS, "3");
        assertThat(facts(PARTITION, bytes(multiFrame)).frames()).isEqualTo(3);

        Dataset noPixels = dataset(key, "A^B");
        noPixels.remove(Tag.PixelData);
        noPixels.putString(Tag.NumberOfFrames, VR.IS, "3");
        assertThat(facts(PARTITION, bytes(noPixels)).frames()).isZero();
    }

    @Test
    void metadataLeavesOutInvalidTopLevelAttributesAndBulkDataWhichAreNotIndexed()
            throws IOException {
        Dataset ds = dataset(key, "A^B");
        ds.putString(Tag.StudyDate, VR.DA, "NotAValidDate");

        InstanceFacts facts = facts(PARTITION, bytes(ds));

        assertThat(facts.metadataJson()).doesNotContain("00080020").doesNotContain("7FE00010")
                .doesNotContain("00020010")
                .contains("\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]}");
        assertThat(facts.attributes()).doesNotContainKey("StudyDate");
    }

    @Test
    void refusesAFileWithoutAValidRequiredUID() {
        Dataset ds = dataset(key, "A^B");
        ds.putString(Tag.SeriesInstanceUID, VR.UI, "abc.123");

        assertThatThrownBy(() -> facts(PARTITION, bytes(ds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SeriesInstanceUID (0020,000E) 'abc.123'");

        ds.remove(Tag.SOPClassUID);
        assertThatThrownBy(() -> facts(PARTITION, bytes(ds)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paddedUIDsGiveTheTrimmedKey() throws IOException {
        Dataset ds = dataset(key, "A^B");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5\0");

        assertThat(facts(PARTITION, bytes(ds)).key()).isEqualTo(key);
    }
}
