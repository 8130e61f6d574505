// SPDX-License-Identifier: MIT
package dicomite.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the percent-encoded parts of a request target (RFC 3986 §2.1): path segments, and
 * query strings of {@code name=value} pairs joined by {@code &} (HTML form encoding, where
 * {@code +} is a space).
 *
 * <p>Lenient like ASP.NET: a {@code %} not followed by two hex digits stays as it is, and bytes
 * that are not UTF-8 become U+FFFD. Stateless.
 */
final class PercentEncoding {
    private PercentEncoding() {
    }

    /** A path segment: "%2E" becomes "."; "+" stays "+". */
    static String decodeSegment(String raw) {
        return decode(raw, false);
    }

    /**
     * The parameters of a raw query string in the order sent; a repeated name keeps every value,
     * a name without "=" has the value "", and empty pieces ("a=1&&b=2") are skipped.
     */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int equals = piece.indexOf('=');
            String name = decode(equals < 0 ? piece : piece.substring(0, equals), true);
            String value = equals < 0 ? "" : decode(piece.substring(equals + 1), true);
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(parameters);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && isHexPair(raw, i + 1)) {
                bytes.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
                i++;
            } else {
                int end = i + 1; // copy a run of plain characters, surrogate pairs intact
                while (end < raw.length() && raw.charAt(end) != '%' && raw.charAt(end) != '+') {
                    end++;
                }
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHexPair(String text, int start) {
        return start + 1 < text.length() && hex(text.charAt(start)) >= 0
                && hex(text.charAt(start + 1)) >= 0;
    }

    /** The value of an ASCII hex digit, else -1 (Character.digit takes other scripts' digits). */
    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
