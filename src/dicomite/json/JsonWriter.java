// SPDX-License-Identifier: MIT
package dicomite.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes compact JSON (RFC 8259) to an {@link Appendable} as it goes, so a large document never
 * sits in memory. Strings are escaped as RFC 8259 §7 requires: {@code "} and {@code \},
 * {@code \b \f \n \r \t} in their short forms, other control characters as {@code \}{@code
 * u00XX}; surrogate pairs pass through, a lone surrogate is escaped as {@code \}{@code uD8XX} so
 * no character is lost. Nothing else is escaped: the output is meant to be sent as UTF-8.
 *
 * <p>The writer checks the call order (a name before each value in an object, one top-level
 * value) and throws {@link IllegalStateException} on misuse, which is a programming error. Not
 * thread-safe. Example:
 * <pre>{@code
 * new JsonWriter(out).beginObject().name("overallStatus").value("Healthy").endObject();
 * }</pre>
 * Every method throws {@link IOException} when the {@code Appendable} does.
 */
public final class JsonWriter {
    private static final byte DOCUMENT = 0; // nothing written yet
    private static final byte DONE = 1; // the one top-level value is written
    private static final byte FIRST_IN_OBJECT = 2;
    private static final byte IN_OBJECT = 3; // at least one member written
    private static final byte AFTER_NAME = 4;
    private static final byte FIRST_IN_ARRAY = 5;
    private static final byte IN_ARRAY = 6; // at least one element written
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Appendable out;
    private byte[] stack = new byte[32];
    private int size = 1;

    public JsonWriter(Appendable out) {
        this.out = out;
        stack[0] = DOCUMENT;
    }

    public JsonWriter beginObject() throws IOException {
        beforeValue();
        out.append('{');
        push(FIRST_IN_OBJECT);
        return this;
    }

    public JsonWriter endObject() throws IOException {
        return close(FIRST_IN_OBJECT, IN_OBJECT, '}');
    }

    public JsonWriter beginArray() throws IOException {
        beforeValue();
        out.append('[');
        push(FIRST_IN_ARRAY);
        return this;
    }

    public JsonWriter endArray() throws IOException {
        return close(FIRST_IN_ARRAY, IN_ARRAY, ']');
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) throws IOException {
        byte state = stack[size - 1];
        if (state != FIRST_IN_OBJECT && state != IN_OBJECT) {
            throw new IllegalStateException("name(\"" + name + "\") outside an object");
        }
        if (state == IN_OBJECT) {
            out.append(',');
        }
        string(name);
        out.append(':');
        stack[size - 1] = AFTER_NAME;
        return this;
    }

    /** A string, or {@code null} when the argument is null. */
    public JsonWriter value(String value) throws IOException {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    public JsonWriter value(long value) throws IOException {
        beforeValue();
        out.append(Long.toString(value));
        return this;
    }

    /** A number written as {@link BigDecimal#toString()}, or {@code null} for null. */
    public JsonWriter value(BigDecimal value) throws IOException {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        out.append(value.toString());
        return this;
    }

    public JsonWriter value(boolean value) throws IOException {
        beforeValue();
        out.append(value ? "true" : "false");
        return this;
    }

    public JsonWriter nullValue() throws IOException {
        beforeValue();
        out.append("null");
        return this;
    }

    /**
     * A number given as its JSON text, e.g. {@code "18446744073709551615"} or {@code "1.50"},
     * written as is.
     *
     * @throws IllegalArgumentException when the text is not a JSON number (RFC 8259 §6)
     */
    public JsonWriter numberValue(String text) throws IOException {
        if (!isNumber(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a JSON number");
        }
        beforeValue();
        out.append(text);
        return this;
    }

    /** JSON text made elsewhere (for example stored metadata), inserted as the next value. */
    public JsonWriter rawValue(CharSequence json) throws IOException {
        beforeValue();
        out.append(json);
        return this;
    }

    /**
     * A value of the kinds {@link Json#parse} returns ({@code Map} with string keys, {@code List},
     * {@code String}, {@code Number}, {@code Boolean}, null), written recursively.
     *
     * @throws IllegalArgumentException for other types and non-finite floating-point numbers
     */
    public JsonWriter tree(Object value) throws IOException {
        if (value == null) {
            return nullValue();
        } else if (value instanceof String) {
            return value((String) value);
        } else if (value instanceof Boolean) {
            return value(((Boolean) value).booleanValue());
        } else if (value instanceof Map) {
            return object((Map<?, ?>) value);
        } else if (value instanceof List) {
            beginArray();
            for (Object element : (List<?>) value) {
                tree(element);
            }
            return endArray();
        } else if (value instanceof Number) {
            return number((Number) value);
        }
        throw new IllegalArgumentException("Cannot write a " + value.getClass().getName()
                + " as JSON");
    }

    private JsonWriter object(Map<?, ?> map) throws IOException {
        beginObject();
        for (Map.Entry<?, ?> member : map.entrySet()) {
            name(String.valueOf(member.getKey()));
            tree(member.getValue());
        }
        return endObject();
    }

    private JsonWriter number(Number number) throws IOException {
        if (number instanceof BigDecimal) {
            return value((BigDecimal) number);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(d + " has no JSON number form");
            }
            return numberValue(number.toString());
        }
        if (number instanceof BigInteger) {
            return numberValue(number.toString());
        }
        return value(number.longValue());
    }

    private void beforeValue() throws IOException {
        byte state = stack[size - 1];
        switch (state) {
            case DOCUMENT: stack[size - 1] = DONE; return;
            case AFTER_NAME: stack[size - 1] = IN_OBJECT; return;
            case FIRST_IN_ARRAY: stack[size - 1] = IN_ARRAY; return;
            case IN_ARRAY: out.append(','); return;
            case DONE: throw new IllegalStateException("JSON text holds one top-level value");
            default: throw new IllegalStateException("A value in an object needs a name first");
        }
    }

    private void push(byte state) {
        if (size == stack.length) {
            stack = Arrays.copyOf(stack, size * 2);
        }
        stack[size++] = state;
    }

    private JsonWriter close(byte empty, byte nonEmpty, char bracket) throws IOException {
        byte state = stack[size - 1];
        if (size == 1 || (state != empty && state != nonEmpty)) {
            throw new IllegalStateException("'" + bracket + "' does not close the open "
                    + (state == AFTER_NAME ? "member" : "value"));
        }
        size--;
        out.append(bracket);
        return this;
    }

    private void string(String s) throws IOException {
        out.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && (c < 0xD800 || c > 0xDFFF)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            out.append(s, start, i);
            escape(c);
            start = i + 1;
        }
        out.append(s, start, n);
        out.append('"');
    }

    private void escape(char c) throws IOException {
        switch (c) {
            case '"': out.append("\\\""); return;
            case '\\': out.append("\\\\"); return;
            case '\b': out.append("\\b"); return;
            case '\f': out.append("\\f"); return;
            case '\n': out.append("\\n"); return;
            case '\r': out.append("\\r"); return;
            case '\t': out.append("\\t"); return;
            default:
                out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                        .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
        }
    }

    /**
     * True when the text matches RFC 8259's number grammar. One method over 30 lines so that it
     * reads in the grammar's order: sign, integer part, fraction, exponent.
     */
    static boolean isNumber(CharSequence s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i < n && s.charAt(i) == '0') {
            i++;
        } else {
            int start = i;
            i = skipDigits(s, i);
            if (i == start) {
                return false;
            }
        }
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            i = skipDigits(s, i);
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = skipDigits(s, i);
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static int skipDigits(CharSequence s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
