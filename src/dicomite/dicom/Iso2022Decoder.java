// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes one text value written with ISO 2022 code extensions (PS3.5 §6.1.2.5, PS3.3
 * C.12.1.1.2): escape sequences designate sets to G0 and G1, and the designation returns to the
 * initial one at every control character (CR, LF, FF, TAB...), at the value delimiter 05/12 and,
 * in PN values, at the component delimiters '^' and '=' (PS3.5 §6.1.2.5.3).
 *
 * <p>Only a single byte 05/12, 05/14 or 03/13 is a delimiter (PS3.5 §6.1.2.3): while a two-byte
 * set is in G0 such bytes are read as halves of a character. Lenient by design: escape sequences
 * of sets the terms do not declare are still obeyed, unknown escape sequences and malformed bytes
 * become U+FFFD, and nothing throws. One instance per call; not thread-safe.
 */
final class Iso2022Decoder {
    private static final char REPLACEMENT = '\uFFFD';
    private static final char YEN_SIGN = '\u00A5';
    private static final char OVERLINE = '\u203E';

    private final CodeExtensions extensions;
    private final SpecificCharacterSet.Delimiters delimiters;
    private final StringBuilder out;
    // bytes in EUC form waiting to be decoded together with pendingCharset
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Charset pendingCharset;
    private GraphicCharacterSet g0;
    private GraphicCharacterSet g1; // null while no G1 set is designated

    private Iso2022Decoder(CodeExtensions extensions, SpecificCharacterSet.Delimiters delimiters,
            int length) {
        this.extensions = extensions;
        this.delimiters = delimiters;
        this.out = new StringBuilder(length);
        resetDesignation();
    }

    /** Decodes {@code bytes}; never throws (see the class comment for what leniency means). */
    static String decode(byte[] bytes, CodeExtensions extensions,
            SpecificCharacterSet.Delimiters delimiters) {
        if (extensions.initialG0() == GraphicCharacterSet.ASCII && isPlainAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        Iso2022Decoder decoder = new Iso2022Decoder(extensions, delimiters, bytes.length);
        int i = 0;
        while (i < bytes.length) {
            i = decoder.step(bytes, i);
        }
        decoder.flush();
        return decoder.out.toString();
    }

    private static boolean isPlainAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0 || b == GraphicCharacterSet.ESC) {
                return false;
            }
        }
        return true;
    }

    /** Decodes what starts at {@code i} and returns the index of the next unread byte. */
    private int step(byte[] bytes, int i) {
        int c = bytes[i] & 0xFF;
        if (c == GraphicCharacterSet.ESC) {
            return designate(bytes, i);
        }
        if (c >= 0x80) {
            return decodeRightHalf(bytes, i);
        }
        if (g0.isMultiByte() && c > 0x20 && c < 0x7F) {
            return decodePair(g0, bytes, i, 0x21);
        }
        if (c < 0x20 || delimiters.resetsAt(c)) {
            resetDesignation(); // PS3.5 §6.1.2.5.3
        }
        appendLeftHalf(c);
        return i + 1;
    }

    private void resetDesignation() {
        g0 = extensions.initialG0();
        g1 = extensions.initialG1();
    }

    /** Obeys the escape sequence at {@code i}; an unknown one is skipped and leaves U+FFFD. */
    private int designate(byte[] bytes, int i) {
        Optional<GraphicCharacterSet> found = GraphicCharacterSet.findByEscape(bytes, i);
        if (found.isEmpty()) {
            appendChar(REPLACEMENT);
            return skipUnknownEscape(bytes, i);
        }
        GraphicCharacterSet set = found.get();
        if (set.isG0()) {
            g0 = set;
        } else {
            g1 = set;
        }
        return i + set.escapeLength();
    }

    /** ISO 2022 escape syntax: ESC, intermediate bytes 02/00-02/15, one final byte 03/00-07/14. */
    private static int skipUnknownEscape(byte[] bytes, int i) {
        int j = i + 1;
        while (j < bytes.length && bytes[j] >= 0x20 && bytes[j] <= 0x2F) {
            j++;
        }
        return j < bytes.length && bytes[j] >= 0x30 && bytes[j] <= 0x7E ? j + 1 : j;
    }

    private int decodeRightHalf(byte[] bytes, int i) {
        GraphicCharacterSet set = g1 != null ? g1 : extensions.fallbackG1();
        int c = bytes[i] & 0xFF;
        if (set.isMultiByte()) {
            return decodePair(set, bytes, i, 0xA1);
        }
        if (set == GraphicCharacterSet.JIS_X0201_KATAKANA) {
            // JIS X 0201 katakana 0xA1-0xDF are the half-width forms U+FF61-U+FF9F
            appendChar(c >= 0xA1 && c <= 0xDF ? (char) (0xFF61 + c - 0xA1) : REPLACEMENT);
        } else {
            appendPending(set.charset(), c);
        }
        return i + 1;
    }

    /**
     * Decodes the two-byte character at {@code i}, both bytes in {@code low}..{@code low + 0x5D}
     * (GL 0x21-0x7E or GR 0xA1-0xFE); a byte without its partner becomes U+FFFD.
     */
    private int decodePair(GraphicCharacterSet set, byte[] bytes, int i, int low) {
        int first = bytes[i] & 0xFF;
        int second = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : -1;
        if (first < low || first > low + 0x5D || second < low || second > low + 0x5D) {
            appendChar(REPLACEMENT);
            return i + 1;
        }
        if (set == GraphicCharacterSet.JIS_X0212) {
            appendPending(set.charset(), GraphicCharacterSet.SS3);
        }
        appendPending(set.charset(), first | 0x80);
        appendPending(set.charset(), second | 0x80);
        return i + 2;
    }

    /** A byte 0x00-0x7F read through a single-byte G0 set (or a control or space in any). */
    private void appendLeftHalf(int c) {
        if (g0 == GraphicCharacterSet.JIS_X0201_ROMAN && c == 0x5C) {
            // PS3.5 §6.1.2.3: 05/12 separates values whatever its glyph (YEN SIGN in JIS X 0201),
            // so it stays a backslash where it delimits values and is the yen sign in ST, LT, UT.
            appendChar(delimiters == SpecificCharacterSet.Delimiters.NONE ? YEN_SIGN : '\\');
        } else if (g0 == GraphicCharacterSet.JIS_X0201_ROMAN && c == 0x7E) {
            appendChar(OVERLINE);
        } else {
            appendChar((char) c);
        }
    }

    private void appendChar(char c) {
        flush();
        out.append(c);
    }

    private void appendPending(Charset charset, int b) {
        if (charset != pendingCharset) {
            flush();
            pendingCharset = charset;
        }
        pending.write(b);
    }

    private void flush() {
        if (pending.size() > 0) {
            out.append(pending.toString(pendingCharset)); // malformed input becomes U+FFFD
            pending.reset();
        }
    }
}
