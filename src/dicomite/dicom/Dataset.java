// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A DICOM data set (PS3.5 §7): elements in ascending tag order, unique by tag.
 *
 * <p>Values are kept as read (see {@link Element}); the getters here decode them. Text values are
 * decoded with the Specific Character Set in force (PS3.5 §6.1.2.5): the data set's own
 * (0008,0005), else that of the data set holding the sequence it is an item of. Each data set
 * decodes its own (0008,0005) once, on first use, and decodes it again only after a put or remove
 * of that tag; the parent's is looked up at each call, so a change there is seen at once.
 *
 * <p>{@link #getStrings} strips trailing spaces and trailing NULs of every VR: its callers index,
 * match and compare values, UIDs among them, where a NUL pad is insignificant (PS3.5 §6.2, spec
 * §4.8). DICOM JSON output keeps a NUL pad except on UI, as the service returns it (spec §3.6;
 * see {@link DicomJson}).
 *
 * <p>Not thread-safe. A data set read once and then only read may be shared: threads that fill
 * the character set cache at the same time each store an equal, immutable value.
 */
public final class Dataset {
    // PS3.5 §7.1: tags compare as unsigned 32-bit numbers, so (FFFE,E000) sorts last.
    private final TreeMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);
    private Dataset parent; // the data set holding the sequence this one is an item of, or null
    // Own (0008,0005) decoded; null until first needed, empty when absent. Reset by put/remove.
    private Optional<SpecificCharacterSet> ownCharacterSet;

    public Dataset() {
    }

    /** Adds or replaces the element with this tag; items of a sequence get this as parent. */
    public Dataset put(Element element) {
        elements.put(element.tag(), element);
        if (element.tag() == Tag.SpecificCharacterSet) {
            ownCharacterSet = null;
        }
        if (element.isSequence()) {
            element.items().forEach(item -> item.parent = this);
        }
        return this;
    }

    /** Sets a text value, encoded with the character set in force; multiple values join by '\'. */
    public Dataset putString(int tag, VR vr, String... values) {
        String joined = String.join("\\", values);
        byte[] bytes = vr.usesCharacterSet() ? characterSet().encode(joined)
                : joined.getBytes(StandardCharsets.US_ASCII);
        return put(Element.of(tag, vr, pad(bytes, vr)));
    }

    /** Sets US, SS, UL or SL values as little-endian binary. */
    public Dataset putInts(int tag, VR vr, int... values) {
        int size = vr.bytesPerValue();
        ByteBuffer buffer =
                ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            if (size == 2) {
                buffer.putShort((short) v);
            } else {
                buffer.putInt(v);
            }
        }
        return put(Element.of(tag, vr, buffer.array()));
    }

    private static byte[] pad(byte[] bytes, VR vr) {
        if (bytes.length % 2 == 0) {
            return bytes;
        }
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
        padded[bytes.length] = vr.paddingByte();
        return padded;
    }

    public Optional<Element> find(int tag) {
        return Optional.ofNullable(elements.get(tag));
    }

    /** The element or null; for callers that test presence themselves. */
    public Element get(int tag) {
        return elements.get(tag);
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public Element remove(int tag) {
        if (tag == Tag.SpecificCharacterSet) {
            ownCharacterSet = null;
        }
        return elements.remove(tag);
    }

    /** The elements in ascending tag order; a live, read-only view. */
    public Collection<Element> elements() {
        return Collections.unmodifiableCollection(elements.values());
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    public Dataset parent() {
        return parent;
    }

    /** The Specific Character Set in force for this data set (PS3.5 §6.1.2.5, inherited). */
    public SpecificCharacterSet characterSet() {
        for (Dataset d = this; d != null; d = d.parent) {
            Optional<SpecificCharacterSet> own = d.ownCharacterSet();
            if (own.isPresent()) {
                return own.get();
            }
        }
        return SpecificCharacterSet.DEFAULT;
    }

    private Optional<SpecificCharacterSet> ownCharacterSet() {
        Optional<SpecificCharacterSet> own = ownCharacterSet;
        if (own == null) {
            Element e = elements.get(Tag.SpecificCharacterSet);
            own = e == null ? Optional.empty() : Optional.of(SpecificCharacterSet.of(splitValues(
                    new String(e.value(), StandardCharsets.US_ASCII), VR.CS, false)));
            ownCharacterSet = own;
        }
        return own;
    }

    /**
     * The values of a text element, decoded and with insignificant padding removed (PS3.5 §6.2):
     * trailing spaces and NULs of every VR, and leading spaces except for ST, LT and UT (see the
     * class notes). Returns an empty array when absent or empty.
     */
    public String[] getStrings(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.bytes() == null || e.bytes().length == 0 || !e.vr().isString()) {
            return new String[0];
        }
        return decodeStrings(e);
    }

    /** The values of a text element as {@link #getStrings}, decoded with this set's charset. */
    public String[] decodeStrings(Element e) {
        return splitValues(characterSet().decode(e.value(), e.vr()), e.vr(), true);
    }

    /** The first value of a text element, if it has one. */
    public Optional<String> findString(int tag) {
        String[] values = getStrings(tag);
        return values.length == 0 ? Optional.empty() : Optional.of(values[0]);
    }

    /** The first value of a text element, or the fallback. */
    public String getString(int tag, String fallback) {
        return findString(tag).orElse(fallback);
    }

    /** The first value of a US, SS, UL, SL or IS element, if it has one that parses. */
    public Optional<Integer> findInt(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.isSequence() || e.isEncapsulated() || e.value().length == 0) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(e.value()).order(ByteOrder.LITTLE_ENDIAN);
        switch (e.vr()) {
            case US: return b.remaining() >= 2 ? Optional.of(b.getShort() & 0xFFFF)
                    : Optional.empty();
            case SS: return b.remaining() >= 2 ? Optional.of((int) b.getShort())
                    : Optional.empty();
            case UL: case SL: return b.remaining() >= 4 ? Optional.of(b.getInt())
                    : Optional.empty();
            case IS: return parseIntValue(getStrings(tag));
            default: return Optional.empty();
        }
    }

    private static Optional<Integer> parseIntValue(String[] values) {
        try {
            return values.length == 0 ? Optional.empty()
                    : Optional.of(Integer.parseInt(values[0].strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String[] splitValues(String text, VR vr, boolean trim) {
        String[] values = vr.isSingleValued() ? new String[] {text} : text.split("\\\\", -1);
        if (trim) {
            for (int i = 0; i < values.length; i++) {
                values[i] = trimValue(values[i], vr);
            }
        }
        return values;
    }

    private static String trimValue(String value, VR vr) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        boolean keepsLeading = vr == VR.ST || vr == VR.LT || vr == VR.UT;
        while (!keepsLeading && start < end && value.charAt(start) == ' ') {
            start++;
        }
        return value.substring(start, end);
    }
}
