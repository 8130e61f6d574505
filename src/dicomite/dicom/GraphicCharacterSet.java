// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The graphic character sets that DICOM text may designate with ISO 2022 escape sequences
 * (PS3.3 C.12.1.1.2, Tables C.12-3 and C.12-4; PS3.5 §6.1.2.5).
 *
 * <p>Each set is invoked either in G0 (bytes 0x21-0x7E, "GL") or in G1 (bytes 0xA0-0xFF, "GR"),
 * one or two bytes per character. ASCII and the two halves of JIS X 0201 are mapped by hand;
 * the others are decoded with the JDK charset named here: the ISO 8859 parts take their GR bytes
 * as they are, and the 94x94 sets take their byte pairs in EUC form (high bit set, JIS X 0212
 * after the 0x8F single shift), which is how EUC-JP, EUC-KR and GB2312 lay out the same tables.
 */
enum GraphicCharacterSet {
    ASCII(CodeElement.G0, "(B", 1, "US-ASCII"),
    JIS_X0201_ROMAN(CodeElement.G0, "(J", 1, "JIS_X0201"),
    JIS_X0201_KATAKANA(CodeElement.G1, ")I", 1, "JIS_X0201"),
    LATIN_1(CodeElement.G1, "-A", 1, "ISO-8859-1"),
    LATIN_2(CodeElement.G1, "-B", 1, "ISO-8859-2"),
    LATIN_3(CodeElement.G1, "-C", 1, "ISO-8859-3"),
    LATIN_4(CodeElement.G1, "-D", 1, "ISO-8859-4"),
    CYRILLIC(CodeElement.G1, "-L", 1, "ISO-8859-5"),
    ARABIC(CodeElement.G1, "-G", 1, "ISO-8859-6"),
    GREEK(CodeElement.G1, "-F", 1, "ISO-8859-7"),
    HEBREW(CodeElement.G1, "-H", 1, "ISO-8859-8"),
    LATIN_5(CodeElement.G1, "-M", 1, "ISO-8859-9"),
    // TIS 620-2533 plus NBSP at 0xA0, which is what ISO_IR 166 designates
    THAI(CodeElement.G1, "-T", 1, "x-iso-8859-11"),
    JIS_X0208(CodeElement.G0, "$B", 2, "EUC-JP"),
    JIS_X0212(CodeElement.G0, "$(D", 2, "EUC-JP"),
    KS_X1001(CodeElement.G1, "$)C", 2, "EUC-KR"),
    GB2312(CodeElement.G1, "$)A", 2, "GB2312");

    /** The ISO 2022 code element a set is designated to. */
    enum CodeElement { G0, G1 }

    static final int ESC = 0x1B;
    /** EUC single shift 3: the prefix of a JIS X 0212 character in EUC-JP. */
    static final int SS3 = 0x8F;

    private final CodeElement element;
    private final byte[] escape; // the whole escape sequence, ESC included
    private final int bytesPerChar; // 1 or 2
    private final Charset charset;

    GraphicCharacterSet(CodeElement element, String escape, int bytesPerChar, String charset) {
        this.element = element;
        this.escape = ("\u001B" + escape).getBytes(StandardCharsets.US_ASCII);
        this.bytesPerChar = bytesPerChar;
        this.charset = Charset.forName(charset);
    }

    /** The set whose escape sequence starts at {@code at} (an ESC byte), if it is one we know. */
    static Optional<GraphicCharacterSet> findByEscape(byte[] bytes, int at) {
        for (GraphicCharacterSet set : values()) {
            if (set.escapeStartsAt(bytes, at)) {
                return Optional.of(set);
            }
        }
        return Optional.empty();
    }

    private boolean escapeStartsAt(byte[] bytes, int at) {
        if (bytes.length - at < escape.length) {
            return false;
        }
        for (int i = 0; i < escape.length; i++) {
            if (bytes[at + i] != escape[i]) {
                return false;
            }
        }
        return true;
    }

    boolean isG0() {
        return element == CodeElement.G0;
    }

    boolean isMultiByte() {
        return bytesPerChar == 2;
    }

    /** True for ASCII and JIS X 0201, which are decoded byte by byte without a JDK charset. */
    boolean isMappedDirectly() {
        return this == ASCII || this == JIS_X0201_ROMAN || this == JIS_X0201_KATAKANA;
    }

    Charset charset() {
        return charset;
    }

    int escapeLength() {
        return escape.length;
    }

    byte[] escape() {
        return escape.clone();
    }
}
