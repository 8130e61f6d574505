// SPDX-License-Identifier: MIT
package dicomite.http;

/**
 * A position in a header value, with the lexical rules of RFC 9110 §5.6: tokens (§5.6.2),
 * optional whitespace (§5.6.3) and quoted strings with backslash escapes (§5.6.4). Used by the
 * media type and Accept parsers; errors quote the whole header value and the position.
 *
 * <p>Characters above U+007F are taken as obs-text inside quoted strings, since servers decode
 * header bytes as ISO-8859-1. Not thread-safe; one cursor per parse.
 */
final class HeaderCursor {
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final String text;
    private final String subject; // what the text is, for messages: "Media type", "Accept header"
    private int position; // index of the next character

    HeaderCursor(String text, String subject) {
        this.text = text;
        this.subject = subject;
    }

    boolean atEnd() {
        return position >= text.length();
    }

    char peek() {
        return text.charAt(position);
    }

    int position() {
        return position;
    }

    void advance() {
        position++;
    }

    /** Skips spaces and horizontal tabs (OWS, RFC 9110 §5.6.3). */
    void skipWhitespace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            position++;
        }
    }

    /**
     * Consumes {@code expected}.
     *
     * @throws InvalidMediaTypeException if another character or the end is there
     */
    void expect(char expected, String where) {
        if (atEnd()) {
            throw error("ends where a '" + expected + "' " + where + " belongs");
        }
        if (peek() != expected) {
            throw error("has '" + peek() + "' where a '" + expected + "' " + where + " belongs");
        }
        position++;
    }

    /**
     * Reads a token (RFC 9110 §5.6.2: one or more of ALPHA, DIGIT and {@code !#$%&'*+-.^_`|~}).
     *
     * @throws InvalidMediaTypeException if no token character is at the cursor
     */
    String readToken(String what) {
        return readToken(what, "");
    }

    /** As {@link #readToken(String)}, also taking the characters in {@code extra}. */
    String readToken(String what, String extra) {
        int start = position;
        while (!atEnd() && (isTokenChar(peek()) || extra.indexOf(peek()) >= 0)) {
            position++;
        }
        if (start == position) {
            throw error(atEnd() ? "ends where the " + what + " belongs"
                    : "has '" + peek() + "' where the " + what + " (a token) belongs");
        }
        return text.substring(start, position);
    }

    /**
     * Reads a quoted string (RFC 9110 §5.6.4) and returns its content with the quotes and the
     * backslashes of quoted pairs removed.
     *
     * @throws InvalidMediaTypeException if the string is not closed or holds a control character
     */
    String readQuotedString() {
        int start = position;
        expect('"', "opening the quoted string");
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && !atEnd()) {
                c = text.charAt(position++);
            }
            if (!isQuotedChar(c)) {
                throw errorAt(position - 1, String.format(
                        "has the control character 0x%02X in a quoted string", (int) c));
            }
            value.append(c);
        }
        throw errorAt(start, "has an unterminated quoted string");
    }

    /** An error about the text at the cursor. */
    InvalidMediaTypeException error(String problem) {
        return errorAt(position, problem);
    }

    /** An error about the text at {@code at}, e.g. {@code Media type 'a/b;c' has ... at 5}. */
    InvalidMediaTypeException errorAt(int at, String problem) {
        return new InvalidMediaTypeException(
                subject + " '" + text + "' " + problem + " at position " + at);
    }

    static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> isTokenChar((char) c));
    }

    /** RFC 9110 §5.6.4: HTAB, SP, VCHAR and obs-text may appear (escaped or not) in quotes. */
    private static boolean isQuotedChar(char c) {
        return c == '\t' || c >= ' ' && c != 0x7F;
    }

    /** The value as a token if it is one, else as a quoted string with '"' and '\' escaped. */
    static String quoteIfNeeded(String value) {
        if (isToken(value)) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
