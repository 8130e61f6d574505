// SPDX-License-Identifier: MIT
package dicomite.search;

import dicomite.dicom.ElementDictionary;
import dicomite.dicom.Tag;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Attribute ids of a query (spec §4.2): a PS3.6 keyword, case-sensitive ({@code PatientName}),
 * or eight hex digits in either case ({@code 00100010}). A hex tag must be in the dictionary or
 * private (odd group); private attributes have no keyword, so they are named by hex only. A
 * dotted path ({@code 00081111.00081150}) names an attribute in a sequence, which search does not
 * support. Stateless.
 */
final class AttributeIds {
    private AttributeIds() {
    }

    /** The tag an id names; empty when it names none (or is a path). */
    static OptionalInt findTag(String id) {
        OptionalInt byKeyword = ElementDictionary.tagOf(id);
        if (byKeyword.isPresent() || !isHex(id)) {
            return byKeyword;
        }
        int tag = Integer.parseUnsignedInt(id, 16);
        boolean known = ElementDictionary.find(tag).isPresent() || Tag.isPrivate(tag);
        return known ? OptionalInt.of(tag) : OptionalInt.empty();
    }

    /** True for a path of two or more ids, each naming an attribute, e.g. "A.B". */
    static boolean isSequencePath(String id) {
        String[] parts = id.split("\\.", -1);
        return parts.length > 1 && Arrays.stream(parts).allMatch(p -> findTag(p).isPresent());
    }

    /** The name of a tag in messages: its keyword, else its eight hex digits. */
    static String nameOf(int tag) {
        String keyword = ElementDictionary.keywordOf(tag);
        return keyword.isEmpty() ? Tag.toHex(tag) : keyword;
    }

    private static boolean isHex(String id) {
        if (id.length() != 8) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }
}
