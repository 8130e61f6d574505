// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Turns parsed DICOM JSON (PS3.18 Annex F.2) into a {@link Dataset} with the bytes a Part 10
 * file would hold: text padded to even length, binary values little endian, IS and DS numbers as
 * their decimal text (at most 12 and 16 characters), PN objects joined with '='.
 *
 * <p>Character set: JSON text is Unicode, a data set's bytes are not (F.2.2 note). Text is encoded
 * with the set named by the data set's own (0008,0005) when it has one and that set holds every
 * character; otherwise, when any value of SH, LO, UC, ST, LT, UT or PN is not ASCII, with UTF-8,
 * and (0008,0005) becomes "ISO_IR 192" (added if missing, replaced if its set lacks a character).
 * Items without their own (0008,0005) use their parent's choice.
 *
 * <p>Bulk data: "InlineBinary" becomes the value; the wire form of encapsulated pixel data that
 * {@link DicomJsonWriter} writes becomes fragments again when the VR is OB, the VR of
 * encapsulated pixel data (PS3.5 §A.4), so OW pixel data is always native; elements given by
 * "BulkDataURI" are left out and reported to the optional callback. Strict: unknown members,
 * wrong JSON types, values out of a VR's range and several values in a single-valued VR are
 * errors naming the tag path.
 */
final class DicomJsonReader {
    private final BiConsumer<String, String> bulkDataURIs; // null: URIs are dropped

    DicomJsonReader(BiConsumer<String, String> bulkDataURIs) {
        this.bulkDataURIs = bulkDataURIs;
    }

    /** Reads a top-level object; {@code prefix} starts every error message. */
    Dataset readTop(Map<String, Object> object, String prefix) throws DicomJsonException {
        try {
            return readDataset(object, "", null);
        } catch (DicomJsonException e) {
            throw prefix.isEmpty() ? e : new DicomJsonException(prefix + e.getMessage(), e);
        }
    }

    private Dataset readDataset(Map<String, Object> object, String path,
            DicomJsonCharset inherited) throws DicomJsonException {
        DicomJsonCharset encoding = DicomJsonCharset.choose(object, inherited);
        Dataset dataset = new Dataset();
        for (Map.Entry<String, Object> member : object.entrySet()) {
            String tagPath = path + member.getKey();
            int tag;
            try {
                tag = Tag.parseHex(member.getKey());
            } catch (IllegalArgumentException e) {
                throw new DicomJsonException("Key '" + tagPath + "' is not a tag of eight hex"
                        + " digits");
            }
            Element element = readElement(tag, member.getValue(), tagPath, encoding);
            if (element != null) {
                dataset.put(element);
            }
        }
        if (encoding != inherited) {
            encoding.markDataset(dataset);
        }
        return dataset;
    }

    /** The element, or null when it is given by a BulkDataURI. */
    private Element readElement(int tag, Object json, String path, DicomJsonCharset encoding)
            throws DicomJsonException {
        if (!(json instanceof Map)) {
            throw error(path, "expected an object with 'vr', not " + describe(json));
        }
        Map<?, ?> attribute = (Map<?, ?>) json;
        VR vr = readVR(attribute, path);
        checkMembers(attribute, path);
        if (attribute.containsKey("BulkDataURI")) {
            reportBulkDataURI(attribute.get("BulkDataURI"), path);
            return null;
        }
        if (attribute.containsKey("InlineBinary")) {
            return readInlineBinary(tag, vr, attribute.get("InlineBinary"), path);
        }
        Object value = attribute.get("Value");
        if (value != null && !(value instanceof List)) {
            throw error(path, "'Value' must be an array, not " + describe(value));
        }
        List<?> values = value == null ? List.of() : (List<?>) value;
        return readValues(tag, vr, values, path, encoding);
    }

    /** PS3.18 F.2.2: "vr" and at most one of "Value", "InlineBinary" and "BulkDataURI". */
    private static void checkMembers(Map<?, ?> attribute, String path)
            throws DicomJsonException {
        int given = 0;
        for (Object name : attribute.keySet()) {
            if (name.equals("Value") || name.equals("InlineBinary") || name.equals("BulkDataURI")) {
                given++;
            } else if (!name.equals("vr")) {
                throw error(path, "unknown member '" + name + "'");
            }
        }
        if (given > 1) {
            throw error(path, "has more than one of 'Value', 'InlineBinary' and 'BulkDataURI'");
        }
    }

    private static VR readVR(Map<?, ?> attribute, String path) throws DicomJsonException {
        Object vr = attribute.get("vr");
        if (vr == null) {
            throw error(path, "'vr' is missing");
        }
        String code = vr instanceof String ? (String) vr : "";
        VR found = code.length() == 2 ? VR.fromCode(code.charAt(0), code.charAt(1)) : null;
        if (found == null) {
            throw error(path, "'vr' " + describe(vr) + " is not a VR of PS3.5 §6.2");
        }
        return found;
    }

    private void reportBulkDataURI(Object uri, String path) throws DicomJsonException {
        if (!(uri instanceof String)) {
            throw error(path, "'BulkDataURI' must be a string, not " + describe(uri));
        }
        if (bulkDataURIs != null) {
            bulkDataURIs.accept(path, (String) uri);
        }
    }

    private static Element readInlineBinary(int tag, VR vr, Object base64, String path)
            throws DicomJsonException {
        if (!vr.isBulk()) {
            throw error(path, "'InlineBinary' is only for OB, OD, OF, OL, OV, OW and UN, not "
                    + vr + " (PS3.18 F.2.2)");
        }
        if (!(base64 instanceof String)) {
            throw error(path, "'InlineBinary' must be a string, not " + describe(base64));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode((String) base64);
        } catch (IllegalArgumentException e) {
            throw error(path, "'InlineBinary' is not base64: " + e.getMessage());
        }
        if (tag == Tag.PixelData && vr == VR.OB) { // PS3.5 §A.4: encapsulated pixel data is OB
            List<byte[]> fragments = DicomJsonValues.findFragments(bytes);
            if (fragments != null) {
                return Element.encapsulated(tag, vr, fragments);
            }
        }
        return Element.of(tag, vr, DicomJsonValues.padded(bytes, vr));
    }

    private Element readValues(int tag, VR vr, List<?> values, String path,
            DicomJsonCharset encoding) throws DicomJsonException {
        if (vr == VR.SQ) {
            return Element.sequence(tag, readItems(values, path, encoding));
        }
        if (vr.isBulk() && !values.isEmpty()) {
            throw error(path, "'Value' is not allowed for VR " + vr
                    + "; use 'InlineBinary' or 'BulkDataURI' (PS3.18 F.2.2)");
        }
        DicomJsonValues encoder = new DicomJsonValues(vr, path, encoding);
        return Element.of(tag, vr, encoder.encode(values));
    }

    private List<Dataset> readItems(List<?> values, String path, DicomJsonCharset encoding)
            throws DicomJsonException {
        List<Dataset> items = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object item = values.get(i);
            if (!(item instanceof Map)) {
                throw error(path, "item " + i + " must be an object, not " + describe(item));
            }
            @SuppressWarnings("unchecked") // Json.parse makes objects with String keys
            Map<String, Object> object = (Map<String, Object>) item;
            items.add(readDataset(object, path + "/" + i + "/", encoding));
        }
        return items;
    }

    static DicomJsonException error(String path, String problem) {
        return new DicomJsonException("Element " + path + ": " + problem);
    }

    /** A short description of a parsed JSON value for messages: its kind and, if short, text. */
    static String describe(Object json) {
        if (json == null) {
            return "null";
        }
        if (json instanceof Map) {
            return "an object";
        }
        if (json instanceof List) {
            return "an array";
        }
        String text = json.toString();
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return json instanceof String ? "'" + shown + "'" : shown;
    }
}
