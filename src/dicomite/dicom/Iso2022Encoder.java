// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes one text value with ISO 2022 code extensions (PS3.5 §6.1.2.5, PS3.3 C.12.1.1.2), the
 * reverse of {@link Iso2022Decoder}.
 *
 * <p>Each character goes to the first set that has it, trying the sets now in G0 and G1 before
 * the declared ones in term order, so escape sequences appear only where the set changes. Before
 * every control character, 05/12, '^' and '=' the designation returns to the initial one, and G0
 * returns to it at the end (PS3.5 §6.1.2.5.3); doing so for '^' and '=' in any VR keeps the bytes
 * valid for PN and costs other VRs at most a repeated escape sequence. This reproduces the
 * examples of PS3.5 Annexes H, I and J byte for byte. A character no declared set has becomes
 * '?'. One instance per call; not thread-safe.
 */
final class Iso2022Encoder {
    private static final byte[] NONE = new byte[0];

    private final CodeExtensions extensions;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<Charset, CharsetEncoder> encoders = new HashMap<>();
    private GraphicCharacterSet g0;
    private GraphicCharacterSet g1; // null while no G1 set is designated

    private Iso2022Encoder(CodeExtensions extensions) {
        this.extensions = extensions;
        this.g0 = extensions.initialG0();
        this.g1 = extensions.initialG1();
    }

    static byte[] encode(String text, CodeExtensions extensions) {
        Iso2022Encoder encoder = new Iso2022Encoder(extensions);
        text.codePoints().forEach(encoder::append);
        encoder.returnToInitialG0();
        return encoder.out.toByteArray();
    }

    private void append(int codePoint) {
        if (codePoint < 0x20 || codePoint == '\\' || codePoint == '^' || codePoint == '=') {
            returnToInitialG0(); // PS3.5 §6.1.2.5.3
            g1 = extensions.initialG1();
            out.write(codePoint);
            return;
        }
        if (appendWith(g0, codePoint) || g1 != null && appendWith(g1, codePoint)) {
            return;
        }
        for (GraphicCharacterSet set : extensions.declared()) {
            if (appendWith(set, codePoint)) {
                return;
            }
        }
        append('?');
    }

    /** Writes the character with {@code set}, designating it first; false if it has none. */
    private boolean appendWith(GraphicCharacterSet set, int codePoint) {
        byte[] code = codeOf(set, codePoint);
        if (code.length == 0) {
            return false;
        }
        designate(set);
        out.writeBytes(code);
        return true;
    }

    private void designate(GraphicCharacterSet set) {
        if (set.isG0() && set != g0) {
            g0 = set;
            out.writeBytes(set.escape());
        } else if (!set.isG0() && set != g1) {
            g1 = set;
            out.writeBytes(set.escape());
        }
    }

    private void returnToInitialG0() {
        designate(extensions.initialG0());
    }

    /** The bytes of the character in {@code set} (GL for G0 sets, GR for G1), or none. */
    private byte[] codeOf(GraphicCharacterSet set, int codePoint) {
        switch (set) {
            case ASCII:
                return codePoint < 0x80 ? new byte[] {(byte) codePoint} : NONE;
            case JIS_X0201_ROMAN:
                return romanCodeOf(codePoint);
            case JIS_X0201_KATAKANA:
                return codePoint >= 0xFF61 && codePoint <= 0xFF9F
                        ? new byte[] {(byte) (codePoint - 0xFF61 + 0xA1)} : NONE;
            default:
                return set.isMultiByte() ? pairOf(set, codePoint) : rightHalfOf(set, codePoint);
        }
    }

    /** JIS X 0201 Romaji: ASCII except that 05/12 is the yen sign and 07/14 the overline. */
    private static byte[] romanCodeOf(int codePoint) {
        if (codePoint == '\u00A5' || codePoint == '\u203E') {
            return new byte[] {(byte) (codePoint == '\u00A5' ? 0x5C : 0x7E)};
        }
        boolean same = codePoint < 0x80 && codePoint != '\\' && codePoint != '~';
        return same ? new byte[] {(byte) codePoint} : NONE;
    }

    private byte[] rightHalfOf(GraphicCharacterSet set, int codePoint) {
        byte[] code = encodeWith(set.charset(), codePoint);
        return code.length == 1 && (code[0] & 0xFF) >= 0xA0 ? code : NONE;
    }

    /** A 94x94 character, taken from its EUC form (see {@link GraphicCharacterSet}). */
    private byte[] pairOf(GraphicCharacterSet set, int codePoint) {
        byte[] euc = encodeWith(set.charset(), codePoint);
        int offset = set == GraphicCharacterSet.JIS_X0212 ? 1 : 0;
        if (euc.length != 2 + offset || offset == 1 && (euc[0] & 0xFF) != GraphicCharacterSet.SS3
                || (euc[offset] & 0xFF) < 0xA1 || (euc[offset + 1] & 0xFF) < 0xA1) {
            return NONE;
        }
        int mask = set.isG0() ? 0x7F : 0xFF; // G0 sets are written in GL
        return new byte[] {(byte) (euc[offset] & mask), (byte) (euc[offset + 1] & mask)};
    }

    private byte[] encodeWith(Charset charset, int codePoint) {
        CharsetEncoder encoder = encoders.computeIfAbsent(charset, Charset::newEncoder);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(Character.toChars(codePoint)));
            byte[] code = new byte[encoded.remaining()];
            encoded.get(code);
            return code;
        } catch (CharacterCodingException unmappable) {
            return NONE;
        }
    }
}
