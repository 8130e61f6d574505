// SPDX-License-Identifier: MIT
package dicomite.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesObjectsArraysStringsNumbersBooleansAndNull() throws Exception {
        Object parsed = Json.parse("{\"a\":[1,\"two\",true,false,null],\"b\":{}}");

        assertThat(parsed).isEqualTo(Map.of(
                "a", Arrays.asList(new BigDecimal("1"), "two", true, false, null),
                "b", Map.of()));
    }

    @Test
    void keepsMemberOrder() throws Exception {
        Map<?, ?> parsed = (Map<?, ?>) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");

        assertThat(new ArrayList<Object>(parsed.keySet())).containsExactly("z", "a", "m");
    }

    @Test
    void repeatedNameKeepsTheLastValue() throws Exception {
        assertThat(Json.parse("{\"a\":1,\"a\":2}")).isEqualTo(Map.of("a", new BigDecimal("2")));
    }

    @Test
    void parsesNumbersExactlyWhateverTheirSize() throws Exception {
        List<Object> parsed = new ArrayList<>((List<?>) Json.parse(
                "[18446744073709551615, -0.5e-3, 1E400, 0, -0, 1.50]"));

        assertThat(parsed).containsExactly(new BigDecimal("18446744073709551615"),
                new BigDecimal("-0.0005"), new BigDecimal("1E400"), BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("1.50"));
        assertThat(parsed.get(5).toString()).isEqualTo("1.50");
    }

    @Test
    void decodesEscapesAndSurrogatePairs() throws Exception {
        Object parsed = Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 山\"");

        assertThat(parsed).isEqualTo("q\" b\\ s/ \b\f\n\r\t é \uD83D\uDE00 山");
    }

    @Test
    void toleratesCommentsTrailingCommasAndAByteOrderMark() throws Exception {
        String text = "\uFEFF// leading\n{ /* block\n comment */ \"a\": [1, 2,], // end\n"
                + " \"b\": {\"c\": 3,}, }";

        assertThat(Json.parse(text)).isEqualTo(Map.of(
                "a", List.of(new BigDecimal("1"), new BigDecimal("2")),
                "b", Map.of("c", new BigDecimal("3"))));
    }

    @Test
    void reportsTheLineAndColumnOfAnUnexpectedCharacter() {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\n  \"b\": x\n}"))
                .isInstanceOf(JsonException.class)
                .hasMessage("Unexpected character 'x' at line 3, column 8")
                .satisfies(e -> {
                    assertThat(((JsonException) e).line()).isEqualTo(3);
                    assertThat(((JsonException) e).column()).isEqualTo(8);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "+1", ".5", "1.", "1e", "-", "1.e3", "NaN", "Infinity", "-x"})
    void rejectsNumbersOutsideTheGrammar(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class)
                .hasMessageContaining("at line 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,,]", "[,]", "{,}", "{\"a\" 1}", "{'a':1}", "{a:1}", "[1 2]",
            "tru", "nul", "[1]]", "1 2", "{\"a\":1,,}"})
    void rejectsMalformedStructure(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class);
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> Json.parse("  "))
                .hasMessage("Unexpected end of input at line 1, column 3");
    }

    @Test
    void rejectsUnterminatedStringsAndComments() {
        assertThatThrownBy(() -> Json.parse("[\"abc"))
                .hasMessage("Unexpected end of input in string at line 1, column 6");
        assertThatThrownBy(() -> Json.parse("[1 /* no end"))
                .hasMessage("Unterminated comment at line 1, column 4");
    }

    @Test
    void rejectsRawControlCharactersAndBadEscapesInStrings() {
        assertThatThrownBy(() -> Json.parse("\"a\nb\""))
                .hasMessage("Control character U+000A in string at line 1, column 3");
        assertThatThrownBy(() -> Json.parse("\"a\\xb\""))
                .hasMessage("Invalid escape '\\x' in string at line 1, column 3");
        assertThatThrownBy(() -> Json.parse("\"\\u12G4\""))
                .hasMessage("Invalid \\u escape: 'G' is not a hex digit at line 1, column 6");
    }

    @Test
    void boundsTheNestingDepth() throws Exception {
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);

        assertThat(Json.parse(deepest)).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse(tooDeep))
                .hasMessage("Nesting deeper than 256 levels at line 1, column 257");
    }

    @Test
    void rejectsANumberLongerThanTheLimitBeforeConvertingIt() throws Exception {
        String longest = "1".repeat(Json.MAX_NUMBER_LENGTH);
        String tooLong = "9".repeat(Json.MAX_NUMBER_LENGTH - 2) + ".5";

        assertThat(Json.parse("[" + longest + "]")).isEqualTo(List.of(new BigDecimal(longest)));
        // a million digits would take BigDecimal minutes; the length is checked first
        assertThatThrownBy(() -> Json.parse("{\"a\":\n [0, " + tooLong + "1]}"))
                .isInstanceOf(JsonException.class)
                .hasMessage("Number '" + "9".repeat(40) + "…' of 1001 characters is longer than"
                        + " the 1000 allowed at line 2, column 6");
    }

    @Test
    void keepsAHugeExponentUnexpanded() throws Exception {
        BigDecimal huge = (BigDecimal) Json.parse("1e999999999");

        assertThat(huge.scale()).isEqualTo(-999999999);
        assertThat(huge.toString()).isEqualTo("1E+999999999");
        assertThatThrownBy(() -> Json.parse("1e9999999999"))
                .hasMessage("Number '1e9999999999' is out of range at line 1, column 1");
    }

    @Test
    void writesParsedValuesBackAsTheSameText() throws Exception {
        String text = "{\"a\":[1,-2.50,1E+3,\"x\\\"y\",true,null],\"b\":{\"c\":false}}";

        assertThat(Json.toJson(Json.parse(text))).isEqualTo(text);
    }
}
