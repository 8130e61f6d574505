// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UIDRulesTest {
    private static final String UID_64 = "1." + "2".repeat(62);

    @Test
    void acceptsDigitsAndDotsEndingWithDigit() {
        assertThat(UIDRules.isValid("1.2.840.10008.5.1.4.1.1.2")).isTrue();
        assertThat(UIDRules.isValid("7")).isTrue();
    }

    @Test
    void ignoresTrailingSpacesAndNuls() {
        assertThat(UIDRules.isValid("1.2.3 ")).isTrue();
        assertThat(UIDRules.isValid("1.2.3\0")).isTrue();
        assertThat(UIDRules.isValid("1.2.3 \0")).isTrue();
    }

    @Test
    void toleratesLeadingZerosAndEmptyComponentsAsTheServiceDoes() {
        assertThat(UIDRules.isValid("01.002.3")).isTrue();
        assertThat(UIDRules.isValid("1..2")).isTrue();
        assertThat(UIDRules.isValid(".1")).isTrue();
    }

    @Test
    void rejectsTheSpecExamples() {
        assertThat(UIDRules.isValid("abc.123")).isFalse();
        assertThat(UIDRules.isValid("11|")).isFalse();
        assertThat(UIDRules.isValid(UID_64 + "2")).isFalse();
    }

    @Test
    void acceptsSixtyFourCharactersButNotSixtyFive() {
        assertThat(UID_64).hasSize(64);
        assertThat(UIDRules.isValid(UID_64)).isTrue();
        assertThat(UIDRules.isValid(UID_64 + "\0")).isTrue();
        assertThat(UIDRules.isValid(UID_64 + "1")).isFalse();
    }

    @Test
    void rejectsEmptyBlankNullAndTrailingDot() {
        assertThat(UIDRules.isValid("")).isFalse();
        assertThat(UIDRules.isValid("  \0")).isFalse();
        assertThat(UIDRules.isValid(null)).isFalse();
        assertThat(UIDRules.isValid("1.2.")).isFalse();
        assertThat(UIDRules.isValid(" 1.2")).isFalse();
        assertThat(UIDRules.isValid("1.2\n")).isFalse();
    }

    @Test
    void makesUidFromUuidAsUnsignedDecimalLikePs35AnnexB() {
        UUID example = UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");

        assertThat(UIDRules.newUID(() -> example))
                .isEqualTo("2.25.329800735698586629295641978511506172918");
    }

    @Test
    void readsUuidBitsAsUnsigned() {
        assertThat(UIDRules.newUID(() -> new UUID(0, 0))).isEqualTo("2.25.0");
        assertThat(UIDRules.newUID(() -> new UUID(-1, -1)))
                .isEqualTo("2.25.340282366920938463463374607431768211455");
    }

    @Test
    void newUidIsValidAndDiffersEachTime() {
        String first = UIDRules.newUID();
        String second = UIDRules.newUID();

        assertThat(first).startsWith("2.25.").hasSizeLessThanOrEqualTo(44);
        assertThat(UIDRules.isValid(first)).isTrue();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void newUidRejectsNullUuid() {
        assertThatThrownBy(() -> UIDRules.newUID(() -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("uuid");
    }

    @Test
    void invalidMessageIsTheServiceText() {
        assertThat(UIDRules.invalidMessage("StudyInstanceUid")).isEqualTo(
                "Dicom element 'StudyInstanceUid' failed validation for VR 'UI': DICOM Identifier"
                + " is invalid. Value length should not exceed the maximum length of 64"
                + " characters. Value should contain characters in '0'-'9' and '.'. Each component"
                + " must start with non-zero number.");
    }
}
