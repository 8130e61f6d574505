// SPDX-License-Identifier: MIT
package dicomite.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON parser (RFC 8259) producing plain Java values: objects become {@code LinkedHashMap}
 * (member order kept; a repeated name keeps its last value), arrays {@code ArrayList}, strings
 * {@code String}, numbers {@code BigDecimal} (exact), {@code true}/{@code false} {@code Boolean},
 * and {@code null} null.
 *
 * <p>As the service does on input (spec §1.7), it also tolerates {@code //} and {@code /* *\/}
 * comments, one trailing comma in an object or array, and a leading byte order mark. Everything
 * else is strict: no single quotes, no unquoted names, no {@code NaN}, no leading zeros or
 * {@code +} signs, no raw control characters in strings. Nesting is bounded by {@link #MAX_DEPTH}
 * so hostile input cannot exhaust the stack, and a number's text by {@link #MAX_NUMBER_LENGTH},
 * since {@code BigDecimal} parses digits in time quadratic in their count; its exponent may still
 * be huge ({@code 1e999999999}), so callers compare before they convert (no
 * {@code toBigInteger} or {@code toPlainString} on an unchecked number). Errors name the
 * position, e.g. {@code Unexpected character 'x' at line 3, column 7}. Single pass, no regular
 * expressions.
 */
public final class Json {
    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 256;
    /** Longest number text accepted, in characters; no real value comes near it. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private final String text;
    private final int end;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
        this.end = text.length();
    }

    /**
     * Parses one JSON value, e.g. {@code Json.parse("{\"a\":[1,2]}")} gives a map whose "a" is a
     * list of two {@code BigDecimal}s.
     *
     * @throws JsonException when the text is not one well-formed JSON value
     */
    public static Object parse(String text) throws JsonException {
        Json parser = new Json(text);
        if (parser.end > 0 && text.charAt(0) == '\uFEFF') {
            parser.pos = 1;
        }
        parser.skipBlank();
        Object value = parser.readValue();
        parser.skipBlank();
        if (parser.pos < parser.end) {
            throw parser.unexpected();
        }
        return value;
    }

    /** Writes a value of the kinds {@link #parse} returns as compact JSON text. */
    public static String toJson(Object value) {
        StringBuilder out = new StringBuilder();
        try {
            new JsonWriter(out).tree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    private Object readValue() throws JsonException {
        if (pos >= end) {
            throw error("Unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return readObject();
            case '[': return readArray();
            case '"': return readString();
            case 't': return readLiteral("true", Boolean.TRUE);
            case 'f': return readLiteral("false", Boolean.FALSE);
            case 'n': return readLiteral("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw unexpected();
        }
    }

    private Map<String, Object> readObject() throws JsonException {
        enter();
        Map<String, Object> object = new LinkedHashMap<>();
        skipBlank();
        while (!consume('}')) {
            if (pos >= end || text.charAt(pos) != '"') {
                throw pos >= end ? error("Unexpected end of input") : unexpected();
            }
            String name = readString();
            skipBlank();
            expect(':');
            skipBlank();
            object.put(name, readValue());
            skipBlank();
            if (!consume(',')) {
                expect('}');
                break;
            }
            skipBlank();
        }
        depth--;
        return object;
    }

    private List<Object> readArray() throws JsonException {
        enter();
        List<Object> array = new ArrayList<>();
        skipBlank();
        while (!consume(']')) {
            array.add(readValue());
            skipBlank();
            if (!consume(',')) {
                expect(']');
                break;
            }
            skipBlank();
        }
        depth--;
        return array;
    }

    private void enter() throws JsonException {
        if (++depth > MAX_DEPTH) {
            throw error("Nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
    }

    private String readString() throws JsonException {
        int start = ++pos;
        // Fast path: most strings have no escapes and end before any backslash.
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            pos++;
        }
        StringBuilder value = new StringBuilder(pos - start + 16);
        value.append(text, start, pos);
        return readEscapedRest(value);
    }

    private String readEscapedRest(StringBuilder value) throws JsonException {
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return value.toString();
            }
            if (c < 0x20) {
                throw error("Control character " + describe(c) + " in string");
            }
            if (c == '\\') {
                value.append(readEscape());
            } else {
                value.append(c);
                pos++;
            }
        }
        throw error("Unexpected end of input in string");
    }

    private char readEscape() throws JsonException {
        if (pos + 1 >= end) {
            pos = end;
            throw error("Unexpected end of input in string");
        }
        char c = text.charAt(pos + 1);
        pos += 2;
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u': return readUnicodeEscape();
            default:
                pos -= 2;
                throw error("Invalid escape '\\" + c + "' in string");
        }
    }

    private char readUnicodeEscape() throws JsonException {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = pos < end ? Character.digit(text.charAt(pos), 16) : -1;
            if (digit < 0) {
                throw pos >= end ? error("Unexpected end of input in string")
                        : error("Invalid \\u escape: '" + text.charAt(pos)
                                + "' is not a hex digit");
            }
            code = code * 16 + digit;
            pos++;
        }
        return (char) code;
    }

    private BigDecimal readNumber() throws JsonException {
        int start = pos;
        consume('-');
        if (!consume('0')) {
            requireDigits();
        }
        if (consume('.')) {
            requireDigits();
        }
        if (consume('e') || consume('E')) {
            if (!consume('+')) {
                consume('-');
            }
            requireDigits();
        }
        int length = pos - start;
        if (length > MAX_NUMBER_LENGTH) {
            pos = start;
            throw error("Number '" + text.substring(start, start + 40) + "…' of " + length
                    + " characters is longer than the " + MAX_NUMBER_LENGTH + " allowed");
        }
        try {
            return new BigDecimal(text.substring(start, start + length));
        } catch (NumberFormatException e) {
            pos = start; // the exponent does not fit in 32 bits
            throw error("Number '" + text.substring(start, Math.min(end, start + 40))
                    + "' is out of range");
        }
    }

    private void requireDigits() throws JsonException {
        int start = pos;
        while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw pos >= end ? error("Unexpected end of input in number") : unexpected();
        }
    }

    private Object readLiteral(String word, Object value) throws JsonException {
        for (int i = 0; i < word.length(); i++, pos++) {
            if (pos >= end) {
                throw error("Unexpected end of input");
            }
            if (text.charAt(pos) != word.charAt(i)) {
                throw unexpected();
            }
        }
        return value;
    }

    /** Skips whitespace and comments. */
    private void skipBlank() throws JsonException {
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else if (c == '/' && pos + 1 < end && text.charAt(pos + 1) == '/') {
                int newline = text.indexOf('\n', pos);
                pos = newline < 0 ? end : newline + 1;
            } else if (c == '/' && pos + 1 < end && text.charAt(pos + 1) == '*') {
                int close = text.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw error("Unterminated comment");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    private boolean consume(char c) {
        if (pos < end && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws JsonException {
        if (!consume(c)) {
            throw pos >= end ? error("Unexpected end of input") : unexpected();
        }
    }

    private JsonException unexpected() {
        return error("Unexpected character " + describe(text.charAt(pos)));
    }

    private static String describe(char c) {
        if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    /** An error at the current position; line and column are counted only now, on failure. */
    private JsonException error(String message) {
        int line = 1;
        int lineStart = 0;
        int stop = Math.min(pos, end);
        for (int i = 0; i < stop; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonException(message, line, stop - lineStart + 1);
    }
}
