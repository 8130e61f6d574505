// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import java.util.Arrays;
import java.util.Optional;

/**
 * A lookup table of the grey pipeline, from the first item of a Modality LUT Sequence
 * (0028,3000, PS3.3 §C.11.1) or a VOI LUT Sequence (0028,3010, §C.11.2): LUT Descriptor
 * (0028,3002) gives the number of entries (0 meaning 65536), the first input value mapped and
 * the bits an entry; LUT Data (0028,3006) holds the entries. Inputs below the first map to the
 * first entry, those past the last to the last (§C.11.1.1).
 *
 * <p>The first input value is signed (SS) when the element says so or when the input can be
 * negative (signed pixels for a modality LUT, a rescale that can give negative values for a
 * VOI LUT, §C.11.2.1.1). Entries are one a 16-bit word, as all bit depths from 9 to 16 are
 * stored; 8-bit entries packed two a word (low byte first) are read as such when the data is
 * exactly that long. Entry values are unsigned; when some exceed the descriptor's bits
 * (a writer's mistake seen in practice), the bits of the largest entry are used instead, so
 * that no entry is cut. Immutable after construction.
 */
final class LookupTable {
    static final int LUTDescriptor = 0x00283002;
    static final int LUTData = 0x00283006;

    private final int first; // input value of entry 0
    private final int[] entries;
    private final int bits; // the output range is 0 .. 2^bits - 1

    private LookupTable(int first, int[] entries, int bits) {
        this.first = first;
        this.entries = entries;
        this.bits = bits;
    }

    /**
     * The table of the first item of {@code sequence} in {@code holder}, if it has one.
     *
     * @param signedInput whether the input values can be negative
     * @throws PixelDataException when the item's descriptor or data is missing or malformed
     */
    static Optional<LookupTable> findFirst(Dataset holder, int sequence, String name,
            boolean signedInput) throws PixelDataException {
        Element e = holder.get(sequence);
        if (e == null || !e.isSequence() || e.items().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(of(e.items().get(0), name, signedInput));
    }

    private static LookupTable of(Dataset item, String name, boolean signedInput)
            throws PixelDataException {
        Element descriptor = item.get(LUTDescriptor);
        Element data = item.get(LUTData);
        if (descriptor == null || descriptor.value().length < 6 || data == null) {
            throw new PixelDataException(name + " needs LUTDescriptor "
                    + Tag.toString(LUTDescriptor) + " with 3 values and LUTData "
                    + Tag.toString(LUTData) + " in its first item (PS3.3 §C.11.1.1)");
        }
        Descriptor d = Descriptor.of(descriptor.value(),
                descriptor.vr() == VR.SS || signedInput);
        int count = d.count();
        int bits = d.bits();
        if (bits < 1 || bits > 16) {
            throw new PixelDataException(name + " LUTDescriptor bits per entry " + bits
                    + " is not from 1 to 16 (PS3.3 §C.11.1.1)");
        }
        int[] entries = entries(name, data.value(), count, bits);
        int largest = Arrays.stream(entries).max().orElse(0);
        int needed = 32 - Integer.numberOfLeadingZeros(largest);
        return new LookupTable(d.first(), entries, Math.max(bits, needed));
    }

    private static int[] entries(String name, byte[] data, int count, int bits)
            throws PixelDataException {
        boolean packed = bits <= 8 && data.length < 2 * count
                && data.length == (count + 1) / 2 * 2;
        if (data.length < (packed ? count : 2 * count)) {
            throw new PixelDataException(name + " LUTData " + Tag.toString(LUTData) + " has "
                    + data.length + " bytes, too few for the descriptor's " + count
                    + " entries of " + bits + " bits (PS3.3 §C.11.1.1)");
        }
        int[] entries = new int[count];
        for (int i = 0; i < count; i++) {
            entries[i] = packed ? data[i] & 0xFF : word(data, 2 * i);
        }
        return entries;
    }

    /**
     * The three values of a LUT descriptor, as this table's and the palette's (PS3.3
     * §C.11.1.1, §C.7.6.3.1.5) are laid out: the number of entries (0 meaning 65536), the first
     * input value mapped, and the bits an entry.
     */
    record Descriptor(int count, int first, int bits) {
        /** The descriptor of a value of at least 6 bytes, its first value SS when signed. */
        static Descriptor of(byte[] value, boolean signedFirst) {
            int count = word(value, 0) == 0 ? 65536 : word(value, 0);
            int first = signedFirst ? (short) word(value, 2) : word(value, 2);
            return new Descriptor(count, first, word(value, 4));
        }
    }

    /** The unsigned little-endian 16-bit word at {@code offset}. */
    static int word(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    /** The entry of an input value (rounded to the nearest whole value). */
    int apply(double input) {
        long index = Math.round(input) - first;
        return entries[(int) Math.max(0, Math.min(index, entries.length - 1))];
    }

    /** The largest output the entries' bits allow: 2^bits - 1. */
    int maxOutput() {
        return (1 << bits) - 1;
    }
}
