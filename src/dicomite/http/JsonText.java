// SPDX-License-Identifier: MIT
package dicomite.http;

/**
 * Writes JSON string literals (RFC 8259 §7) for the few fixed JSON bodies of this package: the
 * health report and the API-version error. Stateless.
 */
final class JsonText {
    private JsonText() {
    }

    /** The text as a quoted JSON string, with quotes, backslashes and controls escaped. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
