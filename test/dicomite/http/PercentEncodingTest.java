// SPDX-License-Identifier: MIT
package dicomite.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentEncodingTest {
    @Test
    void decodesEscapesOfPathSegmentsAsUtf8ButKeepsPlus() {
        assertThat(PercentEncoding.decodeSegment("1.2%2E3")).isEqualTo("1.2.3");
        assertThat(PercentEncoding.decodeSegment("a+b%20c")).isEqualTo("a+b c");
        assertThat(PercentEncoding.decodeSegment("%C3%A9t%C3%A9")).isEqualTo("été");
        assertThat(PercentEncoding.decodeSegment("plain")).isEqualTo("plain");
    }

    @Test
    void keepsMalformedEscapesAsSent() {
        assertThat(PercentEncoding.decodeSegment("100%")).isEqualTo("100%");
        assertThat(PercentEncoding.decodeSegment("%zz%4")).isEqualTo("%zz%4");
        assertThat(PercentEncoding.decodeSegment("%\u0661\u0662")).isEqualTo("%\u0661\u0662");
        assertThat(PercentEncoding.decodeSegment("%FF")).isEqualTo("\uFFFD");
    }

    @Test
    void keepsCharactersOutsideTheBasicPlaneIntact() {
        assertThat(PercentEncoding.decodeSegment("\uD83D\uDE00%20x")).isEqualTo("\uD83D\uDE00 x");
    }

    @Test
    void parsesQueryPairsInOrderKeepingRepeatedNames() {
        Map<String, List<String>> query =
                PercentEncoding.parseQuery("includefield=a&includefield=b&PatientName=Doe%5EJ*");

        assertThat(query).containsExactly(
                Map.entry("includefield", List.of("a", "b")),
                Map.entry("PatientName", List.of("Doe^J*")));
    }

    @Test
    void queryNamesWithoutValuesAndEmptyPiecesAndPlusSigns() {
        assertThat(PercentEncoding.parseQuery("fuzzymatching&&a=&b=x+y&c=1=2"))
                .containsExactly(Map.entry("fuzzymatching", List.of("")),
                        Map.entry("a", List.of("")), Map.entry("b", List.of("x y")),
                        Map.entry("c", List.of("1=2")));
        assertThat(PercentEncoding.parseQuery(null)).isEmpty();
        assertThat(PercentEncoding.parseQuery("")).isEmpty();
    }
}
