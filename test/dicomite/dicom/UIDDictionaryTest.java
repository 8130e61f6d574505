// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UIDDictionaryTest {

    @Test
    void namesCtImageStorage() {
        assertThat(UIDDictionary.nameOf("1.2.840.10008.5.1.4.1.1.2")).hasValue("CT Image Storage");
    }

    @Test
    void namesTransferSyntaxes() {
        assertThat(UIDDictionary.nameOf("1.2.840.10008.1.2.1"))
                .hasValue("Explicit VR Little Endian");
        assertThat(UIDDictionary.nameOf("1.2.840.10008.1.2"))
                .hasValue("Implicit VR Little Endian");
        assertThat(UIDDictionary.nameOf("1.2.840.10008.1.2.4.50"))
                .hasValue("JPEG Baseline (Process 1)");
        assertThat(UIDDictionary.nameOf("1.2.840.10008.1.2.5")).hasValue("RLE Lossless");
    }

    @Test
    void unknownUidsHaveNoName() {
        assertThat(UIDDictionary.nameOf("2.25.1234")).isEmpty();
        assertThat(UIDDictionary.nameOf("1.2.840.10008.5.1.4.1.1.2 ")).isEmpty();
        assertThat(UIDDictionary.nameOf("")).isEmpty();
    }
}
