// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.util.List;

/**
 * One data element (PS3.5 §7.1): its tag, VR and value, where the value is exactly one of
 * <ul>
 *   <li>{@code bytes}: the value field as stored, with binary VRs already in little-endian order
 *       (a big-endian file is swapped on reading) and padding kept;</li>
 *   <li>{@code items}: the datasets of a sequence (VR SQ), possibly empty;</li>
 *   <li>{@code fragments}: encapsulated pixel data (PS3.5 §A.4), the first being the basic offset
 *       table (possibly empty), then one entry per fragment.</li>
 * </ul>
 * {@code offset} is the byte offset of the element's tag in its file, or -1 for elements built in
 * memory; {@code length} is the value length as declared in the file, or -1 for undefined length.
 */
public record Element(int tag, VR vr, byte[] bytes, List<Dataset> items, List<byte[]> fragments,
        long offset, long length) {

    public static final long UNDEFINED_LENGTH = -1;
    private static final byte[] EMPTY = new byte[0];

    public Element {
        assert (bytes != null ? 1 : 0) + (items != null ? 1 : 0) + (fragments != null ? 1 : 0) == 1;
    }

    /** An element with a plain value, made in memory. */
    public static Element of(int tag, VR vr, byte[] bytes) {
        return new Element(tag, vr, bytes, null, null, -1, bytes.length);
    }

    /** A sequence made in memory. */
    public static Element sequence(int tag, List<Dataset> items) {
        return new Element(tag, VR.SQ, null, items, null, -1, UNDEFINED_LENGTH);
    }

    /** Encapsulated pixel data made in memory; the first fragment is the basic offset table. */
    public static Element encapsulated(int tag, VR vr, List<byte[]> fragments) {
        return new Element(tag, vr, null, null, fragments, -1, UNDEFINED_LENGTH);
    }

    public boolean isSequence() {
        return items != null;
    }

    public boolean isEncapsulated() {
        return fragments != null;
    }

    /** The plain value bytes, or an empty array for sequences and encapsulated data. */
    public byte[] value() {
        return bytes != null ? bytes : EMPTY;
    }

    /** True when the element has no value: zero length, no items, or no fragments. */
    public boolean isEmpty() {
        if (items != null) {
            return items.isEmpty();
        }
        if (fragments != null) {
            return fragments.size() <= 1;
        }
        return bytes.length == 0;
    }
}
