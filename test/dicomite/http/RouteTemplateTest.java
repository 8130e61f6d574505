// SPDX-License-Identifier: MIT
package dicomite.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {
    private static final RouteTemplate SERIES =
            RouteTemplate.parse("/v{version}/studies/{study}/series/{series}");

    @Test
    void bindsEveryParameterOfAMatchingPath() {
        assertThat(SERIES.match(List.of("v2", "studies", "1.2", "series", "3.4")))
                .contains(Map.of("version", "2", "study", "1.2", "series", "3.4"));
    }

    @Test
    void refusesPathsOfOtherLengthOrLiterals() {
        assertThat(SERIES.match(List.of("v2", "studies", "1.2", "series"))).isEmpty();
        assertThat(SERIES.match(List.of("v2", "studies", "1.2", "instances", "3"))).isEmpty();
        assertThat(SERIES.match(List.of("v2", "studies", "", "series", "3"))).isEmpty();
        assertThat(SERIES.match(List.of("v2", "studiesx", "1", "series", "3"))).isEmpty();
    }

    @Test
    void comparesLiteralsIgnoringCase() {
        assertThat(SERIES.match(List.of("V2.0", "Studies", "1", "SERIES", "2")))
                .contains(Map.of("version", "2.0", "study", "1", "series", "2"));
    }

    @Test
    void versionParameterTakesOnlyVersionShapedText() {
        RouteTemplate template = RouteTemplate.parse("/v{version}/changefeed");

        assertThat(template.match(List.of("v3", "changefeed"))).isPresent();
        assertThat(template.match(List.of("v1.0-prerelease", "changefeed"))).isPresent();
        assertThat(template.match(List.of("vnext", "changefeed"))).isEmpty();
        assertThat(template.match(List.of("v", "changefeed"))).isEmpty();
        assertThat(template.isVersioned()).isTrue();
        assertThat(RouteTemplate.parse("/health/check").isVersioned()).isFalse();
    }

    @Test
    void literalSegmentIsMoreSpecificThanAParameter() {
        RouteTemplate bulk = RouteTemplate.parse("/v{version}/studies/$bulkUpdate");
        RouteTemplate study = RouteTemplate.parse("/v{version}/studies/{study}");

        assertThat(bulk.comparePrecedence(study)).isPositive();
        assertThat(study.comparePrecedence(bulk)).isNegative();
        assertThat(study.comparePrecedence(study)).isZero();
    }

    @Test
    void shapeErasesParameterNamesAndCase() {
        assertThat(RouteTemplate.parse("/v{v}/Studies/{uid}").shape())
                .isEqualTo(RouteTemplate.parse("/v{version}/studies/{study}").shape())
                .isEqualTo("/v{}/studies/{}");
    }

    @Test
    void refusesMalformedTemplates() {
        for (String bad : new String[] {"studies", "/", "/a//b", "/{a}x", "/{a}/{a}", "/{1a}",
                "/a{b}{c}"}) {
            assertThatThrownBy(() -> RouteTemplate.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
