// SPDX-License-Identifier: MIT
package dicomite.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private final StringBuilder out = new StringBuilder();
    private final JsonWriter writer = new JsonWriter(out);

    @Test
    void writesNestedObjectsAndArraysCompactly() throws Exception {
        writer.beginObject().name("a").beginArray().value(1).value("x").value(true).nullValue()
                .beginObject().endObject().beginArray().endArray().endArray()
                .name("b").value(false).endObject();

        assertThat(out).hasToString("{\"a\":[1,\"x\",true,null,{},[]],\"b\":false}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() throws Exception {
        writer.value("q\" b\\ \b\f\n\r\t \u0001\u001F \u007F é /");

        assertThat(out).hasToString("\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001F \u007F é /\"");
    }

    @Test
    void keepsSurrogatePairsAndEscapesLoneSurrogates() throws Exception {
        writer.beginArray().value("\uD83D\uDE00").value("a\uD83Db").value("\uDE00").endArray();

        assertThat(out).hasToString("[\"\uD83D\uDE00\",\"a\\uD83Db\",\"\\uDE00\"]");
    }

    @Test
    void writesNumbersAsGiven() throws Exception {
        writer.beginArray().value(Long.MIN_VALUE).value(new BigDecimal("1.50"))
                .numberValue("18446744073709551615").numberValue("-2.5E-10").endArray();

        assertThat(out).hasToString("[-9223372036854775808,1.50,18446744073709551615,-2.5E-10]");
    }

    @Test
    void rejectsNumberTextThatIsNotAJsonNumber() throws Exception {
        writer.beginArray();
        for (String bad : new String[] {"+1", ".5", "1.", "01", "NaN", "1e", ""}) {
            assertThatThrownBy(() -> writer.numberValue(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not a JSON number");
        }
    }

    @Test
    void writesNullForNullStringsAndNumbers() throws Exception {
        writer.beginArray().value((String) null).value((BigDecimal) null).endArray();

        assertThat(out).hasToString("[null,null]");
    }

    @Test
    void insertsRawJsonAsOneValue() throws Exception {
        writer.beginArray().rawValue("{\"a\":1}").rawValue("[2]").endArray();

        assertThat(out).hasToString("[{\"a\":1},[2]]");
    }

    @Test
    void writesTreesOfMapsListsAndNumbers() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("list", Arrays.asList(1, 2L, 2.5, new BigInteger("123"), null));
        tree.put("flag", true);

        writer.tree(tree);

        assertThat(out).hasToString("{\"list\":[1,2,2.5,123,null],\"flag\":true}");
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).tree(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).tree(new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsCallsOutOfOrder() throws Exception {
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginObject().value(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A value in an object needs a name first");
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).name("a"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).value(1).value(2))
                .hasMessage("JSON text holds one top-level value");
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginArray().endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginObject().name("a")
                .endObject()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writesWhatTheParserReadsBack() throws Exception {
        String text = "a\"\\\u0000\u2028\uD83D\uDE00\n";
        writer.value(text);

        assertThat(Json.parse(out.toString())).isEqualTo(text);
    }
}
