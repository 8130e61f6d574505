// SPDX-License-Identifier: MIT
package dicomite.dicom;

import dicomite.json.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Writes data sets as DICOM JSON (PS3.18 Annex F.2) through a {@link JsonWriter}; the rules are
 * listed on {@link DicomJson}. One pass over the elements, no regular expressions, no
 * {@code String.format}: metadata of large studies goes through here. Not thread-safe; one
 * instance per output.
 */
final class DicomJsonWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final long MAX_IS = Integer.MAX_VALUE;
    private static final long MIN_IS = Integer.MIN_VALUE;

    private final JsonWriter json;
    private final DicomJson.Options options;
    private final boolean withPaths; // tag paths are built only when URIs need them

    DicomJsonWriter(JsonWriter json, DicomJson.Options options) {
        this.json = json;
        this.options = options;
        this.withPaths = options.bulkData() == DicomJson.BulkData.URI;
    }

    /** Writes the data set, decoding text with the character set in force for it. */
    void writeDataset(Dataset dataset) throws IOException {
        writeDataset(dataset, dataset.characterSet(), "");
    }

    private void writeDataset(Dataset dataset, SpecificCharacterSet inherited, String path)
            throws IOException {
        SpecificCharacterSet characterSet = ownCharacterSet(dataset, inherited);
        json.beginObject();
        for (Element e : dataset.elements()) {
            if (isLeftOut(e)) {
                continue;
            }
            String key = hex(e.tag());
            json.name(key);
            writeElement(e, characterSet, withPaths ? path + key : null);
        }
        json.endObject();
    }

    /** (0008,0005) of this data set if it has one, else the one it inherits (PS3.5 §6.1.2.5). */
    private static SpecificCharacterSet ownCharacterSet(Dataset dataset,
            SpecificCharacterSet inherited) {
        Element own = dataset.get(Tag.SpecificCharacterSet);
        if (own == null || own.bytes() == null) {
            return inherited;
        }
        String terms = new String(own.bytes(), StandardCharsets.US_ASCII);
        return SpecificCharacterSet.of(Dataset.splitValues(terms, VR.CS, true));
    }

    private boolean isLeftOut(Element e) {
        if (Tag.isGroupLength(e.tag()) || Tag.group(e.tag()) == 0xFFFE) {
            return true; // PS3.18 F.2.2: no group lengths; item tags are not elements
        }
        return options.bulkData() == DicomJson.BulkData.OMIT && !e.isSequence()
                && (e.vr().isBulk() || e.isEncapsulated());
    }

    private void writeElement(Element e, SpecificCharacterSet characterSet, String path)
            throws IOException {
        // PS3.5 §A.4: encapsulated pixel data is OB, though some files declare OW
        String vr = e.isSequence() ? "SQ" : e.isEncapsulated() ? "OB" : e.vr().name();
        json.beginObject().name("vr").value(vr);
        if (e.isSequence()) {
            writeItems(e.items(), characterSet, path);
        } else if (e.isEncapsulated() || e.vr().isBulk()) {
            writeBulk(e, path);
        } else if (e.bytes().length > 0 && e.vr().isString()) {
            writeStrings(e, characterSet);
        } else if (e.bytes().length > 0 && e.vr().kind() == VR.Kind.BINARY) {
            writeBinary(e.vr(), e.bytes());
        }
        json.endObject();
    }

    private void writeItems(List<Dataset> items, SpecificCharacterSet characterSet, String path)
            throws IOException {
        if (items.isEmpty()) {
            return; // spec §1.8: an empty sequence is {"vr":"SQ"}
        }
        json.name("Value").beginArray();
        for (int i = 0; i < items.size(); i++) {
            writeDataset(items.get(i), characterSet, path == null ? null : path + "/" + i + "/");
        }
        json.endArray();
    }

    private void writeBulk(Element e, String path) throws IOException {
        boolean empty = e.isEncapsulated() ? e.fragments().isEmpty() : e.bytes().length == 0;
        if (empty) {
            return;
        }
        if (options.bulkData() == DicomJson.BulkData.URI) {
            json.name("BulkDataURI").value(options.bulkDataURI().apply(path));
            return;
        }
        byte[] bytes = e.isEncapsulated() ? DicomJsonValues.encapsulatedValue(e.fragments())
                : e.bytes();
        json.name("InlineBinary").value(Base64.getEncoder().encodeToString(bytes));
    }

    private void writeStrings(Element e, SpecificCharacterSet characterSet) throws IOException {
        VR vr = e.vr();
        String text = characterSet.decode(e.bytes(), vr);
        if (vr.isSingleValued()) {
            String value = trim(text, 0, text.length(), vr);
            if (!value.isEmpty()) {
                json.name("Value").beginArray();
                writeString(value, vr);
                json.endArray();
            }
            return;
        }
        int first = text.indexOf('\\');
        if (first < 0 && trim(text, 0, text.length(), vr).isEmpty()) {
            return; // only padding: no value
        }
        json.name("Value").beginArray();
        int start = 0;
        for (int end = first; ; end = text.indexOf('\\', start)) {
            writeString(trim(text, start, end < 0 ? text.length() : end, vr), vr);
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        json.endArray();
    }

    /**
     * One value without its padding: trailing spaces (and NULs for UI; other VRs keep a NUL pad as
     * the service does, spec §3.6), leading spaces except for ST, LT and UT (PS3.5 §6.2).
     */
    private static String trim(String text, int start, int end, VR vr) {
        while (end > start && (text.charAt(end - 1) == ' '
                || (vr == VR.UI && text.charAt(end - 1) == '\0'))) {
            end--;
        }
        boolean keepsLeading = vr == VR.ST || vr == VR.LT || vr == VR.UT;
        while (!keepsLeading && start < end && text.charAt(start) == ' ') {
            start++;
        }
        return text.substring(start, end);
    }

    private void writeString(String value, VR vr) throws IOException {
        if (value.isEmpty()) {
            json.nullValue(); // PS3.18 F.2.5
        } else if (vr == VR.PN) {
            writePersonName(value);
        } else if (vr == VR.IS || vr == VR.DS) {
            String number = vr == VR.IS ? integerNumber(value) : decimalNumber(value);
            if (number != null) {
                json.numberValue(number);
            } else {
                json.value(value); // PS3.18 F.2.3: a string keeps what is not a number
            }
        } else {
            json.value(value);
        }
    }

    /** PS3.18 F.2.2: the non-empty component groups; null when all are empty (as dcmtk). */
    private void writePersonName(String value) throws IOException {
        int first = value.indexOf('=');
        int second = first < 0 ? -1 : value.indexOf('=', first + 1);
        String alphabetic = first < 0 ? value : value.substring(0, first);
        String ideographic = first < 0 ? "" : value.substring(first + 1,
                second < 0 ? value.length() : second);
        String phonetic = second < 0 ? "" : value.substring(second + 1);
        if (alphabetic.isEmpty() && ideographic.isEmpty() && phonetic.isEmpty()) {
            json.nullValue();
            return;
        }
        json.beginObject();
        writeGroup("Alphabetic", alphabetic);
        writeGroup("Ideographic", ideographic);
        writeGroup("Phonetic", phonetic);
        json.endObject();
    }

    private void writeGroup(String name, String group) throws IOException {
        if (!group.isEmpty()) {
            json.name(name).value(group);
        }
    }

    /** An IS value as a JSON number ("+012" as 12), or null when it is not one in range. */
    static String integerNumber(String value) {
        int i = 0;
        int n = value.length();
        boolean negative = n > 0 && value.charAt(0) == '-';
        if (n > 0 && (negative || value.charAt(0) == '+')) {
            i++;
        }
        if (i == n || n - i > 12) {
            return null;
        }
        long magnitude = 0;
        for (int k = i; k < n; k++) {
            char c = value.charAt(k);
            if (c < '0' || c > '9') {
                return null;
            }
            magnitude = magnitude * 10 + (c - '0');
        }
        long number = negative ? -magnitude : magnitude;
        return number < MIN_IS || number > MAX_IS ? null : Long.toString(number);
    }

    /**
     * A DS value (PS3.5 §6.2: [+-] digits [. digits] [e|E [+-] digits]) as a JSON number: '+'
     * and leading zeros dropped, "0" before a bare '.', a trailing '.' dropped. Null when the
     * value is not a decimal number. Over 30 lines to scan in the grammar's order: sign,
     * integer part, fraction, exponent.
     */
    static String decimalNumber(String value) {
        int n = value.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (value.charAt(i) == '+' || value.charAt(i) == '-')) {
            negative = value.charAt(i++) == '-';
        }
        int intStart = i;
        i = skipDigits(value, i);
        int intEnd = i;
        int fracStart = i;
        int fracEnd = i;
        if (i < n && value.charAt(i) == '.') {
            fracStart = i + 1;
            i = fracEnd = skipDigits(value, fracStart);
        }
        if (intEnd == intStart && fracEnd == fracStart) {
            return null;
        }
        int expStart = i;
        if (i < n && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
            i++;
            if (i < n && (value.charAt(i) == '+' || value.charAt(i) == '-')) {
                i++;
            }
            int digits = i;
            i = skipDigits(value, i);
            if (i == digits) {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        String number = assemble(value, negative, intStart, intEnd, fracStart, fracEnd, expStart);
        boolean plainAndCanonical = expStart == n && !number.startsWith("0", negative ? 1 : 0);
        return plainAndCanonical ? number : canonical(number);
    }

    /**
     * BigDecimal's form of the number ("1E+3", "1E-7", "0.5"), which is also the form the reader
     * stores for a JSON number, so text read back writes the same. Null when out of range.
     */
    private static String canonical(String number) {
        try {
            return new BigDecimal(number).toString();
        } catch (NumberFormatException e) {
            return null; // an exponent beyond 32 bits
        }
    }

    private static String assemble(String value, boolean negative, int intStart, int intEnd,
            int fracStart, int fracEnd, int expStart) {
        while (intStart < intEnd - 1 && value.charAt(intStart) == '0') {
            intStart++;
        }
        StringBuilder number = new StringBuilder(value.length() + 2);
        if (negative) {
            number.append('-');
        }
        if (intStart == intEnd) {
            number.append('0');
        } else {
            number.append(value, intStart, intEnd);
        }
        if (fracEnd > fracStart) {
            number.append('.').append(value, fracStart, fracEnd);
        }
        return number.append(value, expStart, value.length()).toString();
    }

    private static int skipDigits(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /**
     * Binary values, little endian as {@link Element} holds them. Bytes after the last whole value
     * (a malformed length) are not written.
     */
    private void writeBinary(VR vr, byte[] b) throws IOException {
        int size = vr.bytesPerValue();
        json.name("Value").beginArray();
        for (int i = 0; i + size <= b.length; i += size) {
            switch (vr) {
                case US: json.value(u16(b, i)); break;
                case SS: json.value((short) u16(b, i)); break;
                case UL: json.value(s32(b, i) & 0xFFFFFFFFL); break;
                case SL: json.value(s32(b, i)); break;
                case SV: json.value(s64(b, i)); break;
                case UV: json.numberValue(Long.toUnsignedString(s64(b, i))); break;
                case FL: writeFloat(Float.intBitsToFloat(s32(b, i))); break;
                case FD: writeDouble(Double.longBitsToDouble(s64(b, i))); break;
                case AT: json.value(hex(u16(b, i) << 16 | u16(b, i + 2))); break;
                default: throw new AssertionError("not a binary VR: " + vr);
            }
        }
        json.endArray();
    }

    private void writeFloat(float f) throws IOException {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            json.value(Float.toString(f)); // "NaN", "Infinity", "-Infinity" as the service
        } else {
            json.numberValue(withoutPointZero(Float.toString(f)));
        }
    }

    private void writeDouble(double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            json.value(Double.toString(d));
        } else {
            json.numberValue(withoutPointZero(Double.toString(d)));
        }
    }

    /** "16.0" as "16"; exponent forms such as "1.0E10" are valid JSON and stay. */
    private static String withoutPointZero(String text) {
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int s32(byte[] b, int i) {
        return u16(b, i) | u16(b, i + 2) << 16;
    }

    private static long s64(byte[] b, int i) {
        return (s32(b, i) & 0xFFFFFFFFL) | (long) s32(b, i + 4) << 32;
    }

    /** Eight upper-case hex digits, the DICOM JSON key (PS3.18 F.2.2). */
    static String hex(int tag) {
        char[] digits = new char[8];
        for (int i = 7; i >= 0; i--, tag >>>= 4) {
            digits[i] = HEX[tag & 15];
        }
        return new String(digits);
    }
}
