// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.util.Arrays;
import java.util.List;

/**
 * Text values as the emulated service sees them before it validates (fo-dicom 5's string
 * elements): decoded, only the trailing padding removed (NULs for UI, spaces for the rest), and
 * split at '\' except for the single-valued LT, ST, UT and UR (PS3.5 §6.2, §6.4). Leading spaces
 * and NULs elsewhere stay, since the rules judge them. Stateless.
 */
final class TextValues {
    private TextValues() {
    }

    /**
     * The element's value as one string, padding removed. VRs that use the Specific Character
     * Set (PS3.5 §6.1.2.3) decode with the owner's, unless none is given: then, as for the other
     * VRs, bytes are ASCII (the service's default repertoire) and others read as '?'.
     */
    static String decode(Element e, Dataset owner) {
        VR vr = e.vr();
        byte[] bytes = e.value();
        SpecificCharacterSet characterSet =
                vr.usesCharacterSet() ? owner.characterSet() : SpecificCharacterSet.DEFAULT;
        String text = characterSet == SpecificCharacterSet.DEFAULT ? ascii(bytes)
                : characterSet.decode(bytes, vr);
        return VRRules.trimTrailing(text, vr == VR.UI ? '\0' : ' ');
    }

    private static String ascii(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = bytes[i] >= 0 ? (char) bytes[i] : '?'; // .NET ASCII decoding
        }
        return new String(chars);
    }

    /** The values of a decoded string: none when empty, else split at '\' where allowed. */
    static List<String> split(String text, VR vr) {
        if (text.isEmpty()) {
            return vr.isSingleValued() ? List.of("") : List.of();
        }
        return vr.isSingleValued() ? List.of(text) : Arrays.asList(text.split("\\\\", -1));
    }

    /** The first value of a decoded multi-valued string, "" when empty. */
    static String first(String text) {
        int end = text.indexOf('\\');
        return end < 0 ? text : text.substring(0, end);
    }
}
