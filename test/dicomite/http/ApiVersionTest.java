// SPDX-License-Identifier: MIT
package dicomite.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiVersionTest {
    @Test
    void findsEverySpellingOfSpecSection1_1() {
        assertThat(ApiVersion.find("1.0-prerelease")).contains(ApiVersion.V1_0_PRERELEASE);
        assertThat(ApiVersion.find("1.0-PRERELEASE")).contains(ApiVersion.V1_0_PRERELEASE);
        assertThat(ApiVersion.find("1")).contains(ApiVersion.V1);
        assertThat(ApiVersion.find("1.0")).contains(ApiVersion.V1);
        assertThat(ApiVersion.find("2")).contains(ApiVersion.V2);
        assertThat(ApiVersion.find("2.0")).contains(ApiVersion.V2);
        assertThat(ApiVersion.find("3")).isEmpty();
        assertThat(ApiVersion.find("2.1")).isEmpty();
    }

    @Test
    void preReleaseBehavesAsMajorVersionOne() {
        assertThat(ApiVersion.V1_0_PRERELEASE.major()).isEqualTo(1);
        assertThat(ApiVersion.V1.major()).isEqualTo(1);
        assertThat(ApiVersion.V2.major()).isEqualTo(2);
    }

    @Test
    void wellFormedVersionsHaveMajorMinorAndStatus() {
        assertThat(ApiVersion.isWellFormed("3")).isTrue();
        assertThat(ApiVersion.isWellFormed("2.1")).isTrue();
        assertThat(ApiVersion.isWellFormed("1.0-beta2")).isTrue();
        assertThat(ApiVersion.isWellFormed("abc")).isFalse();
        assertThat(ApiVersion.isWellFormed("2.")).isFalse();
        assertThat(ApiVersion.isWellFormed("1.0.0")).isFalse();
        assertThat(ApiVersion.isWellFormed("")).isFalse();
    }

    @Test
    void headerListsVersionsInDeclarationOrder() {
        assertThat(ApiVersion.headerValue(EnumSet.allOf(ApiVersion.class)))
                .isEqualTo("1.0-prerelease, 1, 2");
        assertThat(ApiVersion.headerValue(Set.of(ApiVersion.V2, ApiVersion.V1)))
                .isEqualTo("1, 2");
    }
}
