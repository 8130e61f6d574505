// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The character set that text read from DICOM JSON is encoded with, chosen once per data set that
 * names its own (0008,0005), and for the top level (PS3.18 F.2.2 note 3: (0008,0005) describes
 * the source encoding, not the JSON's).
 *
 * <p>Rule: when no value of SH, LO, UC, ST, LT, UT or PN in the data set (items included) is
 * outside ASCII, the declared set is kept as is. Otherwise the declared set is used if it encodes
 * every such value losslessly; failing that, or when none is declared, UTF-8 is used and the data
 * set is given (0008,0005) "ISO_IR 192". Immutable.
 */
final class DicomJsonCharset {
    private static final String SPECIFIC_CHARACTER_SET = "00080005";
    private static final String UTF_8_TERM = "ISO_IR 192";
    private static final Set<String> TEXT_VRS = Set.of("SH", "LO", "UC", "ST", "LT", "UT");

    private final SpecificCharacterSet set; // null: UTF-8 with (0008,0005) set by markDataset

    private DicomJsonCharset(SpecificCharacterSet set) {
        this.set = set;
    }

    /**
     * The encoding for a data set: {@code inherited} (the parent's) when it names no (0008,0005)
     * of its own, else a new choice by the rule above.
     */
    static DicomJsonCharset choose(Map<String, Object> object, DicomJsonCharset inherited) {
        List<String> terms = termsOf(object.get(SPECIFIC_CHARACTER_SET));
        if (terms == null && inherited != null) {
            return inherited;
        }
        List<String> nonAscii = new ArrayList<>();
        collectNonAscii(object, nonAscii);
        SpecificCharacterSet declared = terms == null ? SpecificCharacterSet.DEFAULT
                : SpecificCharacterSet.of(terms.toArray(new String[0]));
        if (nonAscii.isEmpty() || (terms != null && holdsAll(declared, nonAscii))) {
            return new DicomJsonCharset(declared);
        }
        return new DicomJsonCharset(null);
    }

    /** Encodes a value of SH, LO, UC, ST, LT, UT or PN, values joined with '\'. */
    byte[] encode(String text) {
        return set == null ? text.getBytes(StandardCharsets.UTF_8) : set.encode(text);
    }

    /** Gives the data set (0008,0005) "ISO_IR 192" when this choice is UTF-8 over its own. */
    void markDataset(Dataset dataset) {
        if (set == null) {
            byte[] term = UTF_8_TERM.getBytes(StandardCharsets.US_ASCII);
            dataset.put(Element.of(Tag.SpecificCharacterSet, VR.CS, term));
        }
    }

    private static boolean holdsAll(SpecificCharacterSet set, List<String> texts) {
        for (String text : texts) {
            if (!text.equals(set.decode(set.encode(text)))) {
                return false;
            }
        }
        return true;
    }

    /** The string values of (0008,0005) in DICOM JSON, or null when absent, empty or malformed. */
    private static List<String> termsOf(Object attribute) {
        List<?> values = valuesOf(attribute);
        if (values == null) {
            return null;
        }
        List<String> terms = new ArrayList<>(values.size());
        for (Object value : values) {
            if (value != null && !(value instanceof String)) {
                return null;
            }
            terms.add(value == null ? "" : ((String) value).trim());
        }
        return terms.isEmpty() ? null : terms;
    }

    /** Adds every non-ASCII text value of the data set and its items; skips malformed parts. */
    private static void collectNonAscii(Map<?, ?> object, List<String> out) {
        for (Object attribute : object.values()) {
            List<?> values = valuesOf(attribute);
            if (values == null) {
                continue;
            }
            Object vr = ((Map<?, ?>) attribute).get("vr");
            for (Object value : values) {
                if ("SQ".equals(vr) && value instanceof Map) {
                    collectNonAscii((Map<?, ?>) value, out);
                } else if ("PN".equals(vr) && value instanceof Map) {
                    for (Object group : ((Map<?, ?>) value).values()) {
                        addIfNonAscii(group, out);
                    }
                } else if (TEXT_VRS.contains(vr)) {
                    addIfNonAscii(value, out);
                }
            }
        }
    }

    /** The "Value" array of an attribute object, or null when there is none. */
    private static List<?> valuesOf(Object attribute) {
        if (attribute instanceof Map && ((Map<?, ?>) attribute).get("Value") instanceof List) {
            return (List<?>) ((Map<?, ?>) attribute).get("Value");
        }
        return null;
    }

    private static void addIfNonAscii(Object value, List<String> out) {
        if (!(value instanceof String)) {
            return;
        }
        String text = (String) value;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                out.add(text);
                return;
            }
        }
    }
}
