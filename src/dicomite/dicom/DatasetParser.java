// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads data elements from a {@link ByteInput} in one encoding: explicit or implicit VR, little or
 * big endian (PS3.5 §7.1). Handles sequences and items of defined and undefined length nested up
 * to {@link #MAX_DEPTH} levels (PS3.5 §7.5), encapsulated pixel data (PS3.5 §A.4), and elements
 * of undefined length in implicit VR, or of VR UN in explicit VR, read as sequences whose items
 * are in implicit VR little endian (PS3.5 §6.2.2).
 *
 * <p>A standard attribute the dictionary knows that arrives as UN of defined length in explicit
 * VR (a writer that did not know it) is read as PS3.5 §6.2.2 allows: its value is in implicit VR
 * little endian, so it takes the dictionary's VR, and its binary value is not swapped even in a
 * big-endian input. Private and unknown attributes, Pixel Data and sequences stay UN (writers
 * that relabel a sequence as UN do not always re-encode its items, so parsing them could fail
 * a file that is otherwise readable).
 *
 * <p>Implicit VR elements take the VR of the PS3.6 dictionary, with one exception: attributes
 * whose VR is "US or SS" and that hold pixel values, such as Smallest Image Pixel Value
 * (0028,0106) or Pixel Padding Value (0028,0120), are SS when Pixel Representation (0028,0103),
 * read earlier in the same data set or an enclosing one, is 1 (signed), as dcmtk and pydicom read
 * them. LUT descriptors stay US, since their first and third values are unsigned whatever the
 * sign of the pixels (PS3.5 §A.1).
 *
 * <p>Every declared length is checked against the bytes known to be left and against the end of
 * the enclosing defined-length item or sequence before anything is read, so malformed input ends
 * in a {@link DicomParseException} naming the tag and offset, never in a wrong value or a huge
 * allocation. Binary values of a big-endian input are swapped to little endian. One parser reads
 * one data set; it is not reusable.
 */
final class DatasetParser {
    static final int MAX_DEPTH = 64; // sequences nested inside one another
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final long NO_END = Long.MAX_VALUE;
    private static final VR[] VR_BY_CODE = vrTable();
    private static final List<VR> US_OR_SS = List.of(VR.US, VR.SS);
    // PS3.5 §A.1: the palette descriptors' first and third values are unsigned, so US in implicit
    // VR; the retired and the VOI/modality LUT descriptors are read the same way
    private static final Set<Integer> LUT_DESCRIPTORS = Set.of(0x00281100, 0x00281101,
            0x00281102, 0x00281103, 0x00281111, 0x00281112, 0x00281113, 0x00283002);

    private final ByteInput in;
    private boolean explicitVR;
    private boolean bigEndian;
    private boolean stopAtPixelData;
    private boolean stopped;
    private long pixelDataOffset = -1;
    private int depth; // sequences currently open
    private final int[] openTags = new int[MAX_DEPTH]; // tag of each open sequence, outermost first
    private final long[] openOffsets = new long[MAX_DEPTH];
    private final Dataset[] openDatasets = new Dataset[MAX_DEPTH + 1]; // the one read at each depth

    DatasetParser(ByteInput in, boolean explicitVR, boolean bigEndian) {
        this.in = in;
        this.explicitVR = explicitVR;
        this.bigEndian = bigEndian;
    }

    /** The VR named by two ASCII characters, or null when they name none. */
    static VR vrOf(int c1, int c2) {
        int i = (c1 - 'A') * 26 + (c2 - 'A');
        return c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z' ? null : VR_BY_CODE[i];
    }

    private static VR[] vrTable() {
        VR[] table = new VR[26 * 26];
        for (VR vr : VR.values()) {
            table[(vr.name().charAt(0) - 'A') * 26 + vr.name().charAt(1) - 'A'] = vr;
        }
        return table;
    }

    /** Offset of the first top-level pixel data tag met, or -1. */
    long pixelDataOffset() {
        return pixelDataOffset;
    }

    /** True when reading stopped at top-level pixel data, which is then left unread. */
    boolean stoppedBeforePixelData() {
        return stopped;
    }

    /**
     * Reads the elements of group {@code group} that come next, e.g. the file meta information.
     *
     * @throws DicomParseException when an element is malformed or the input ends inside one
     */
    Dataset readGroup(int group) throws IOException {
        Dataset dataset = new Dataset();
        openDatasets[depth] = dataset;
        while (in.ensure(4) && Tag.group(in.tagAt(0, bigEndian)) == group) {
            long offset = in.position();
            if (!in.ensure(8)) {
                throw endsInHeader(offset);
            }
            dataset.put(readElement(in.tagAt(0, bigEndian), offset, NO_END));
        }
        return dataset;
    }

    /**
     * Reads elements until the input ends, or until top-level pixel data when
     * {@code stopAtPixelData}; the pixel data element is then not consumed.
     *
     * @throws DicomParseException when the input is malformed
     */
    Dataset readDataset(boolean stopAtPixelData) throws IOException {
        this.stopAtPixelData = stopAtPixelData;
        Dataset dataset = new Dataset();
        readElements(dataset, NO_END, false);
        return dataset;
    }

    // Reads up to `end`, or up to (FFFE,E00D) when `delimited`, or (top level) to end of input.
    private void readElements(Dataset into, long end, boolean delimited) throws IOException {
        openDatasets[depth] = into;
        while (true) {
            long offset = in.position();
            if (offset >= end) {
                if (delimited) {
                    throw error("Item of %s at offset 0x%X has no (FFFE,E00D) before 0x%X",
                            Tag.toString(openTags[depth - 1]), openOffsets[depth - 1], end);
                }
                return;
            }
            if (!in.ensure(8)) {
                if (depth == 0 && in.buffered() == 0) {
                    return;
                }
                throw endsInHeader(offset);
            }
            int tag = in.tagAt(0, bigEndian);
            if (tag == Tag.ItemDelimitationItem && delimited) {
                in.skip(8); // PS3.5 §7.5.2: an undefined-length item ends at (FFFE,E00D)
                return;
            }
            if (depth == 0 && isPixelData(tag) && pixelDataOffset < 0) {
                pixelDataOffset = offset;
                if (stopAtPixelData) {
                    stopped = true;
                    return;
                }
            }
            into.put(readElement(tag, offset, end));
        }
    }

    private static boolean isPixelData(int tag) {
        return tag == Tag.PixelData || tag == Tag.FloatPixelData
                || tag == Tag.DoubleFloatPixelData;
    }

    // The caller has ensured 8 bytes; reads the header, then the value.
    private Element readElement(int tag, long offset, long end) throws IOException {
        if (Tag.group(tag) == 0xFFFE) {
            throw error("Unexpected %s at offset 0x%X where a data element should start",
                    Tag.toString(tag), offset);
        }
        VR vr;
        long length;
        if (explicitVR) {
            VR named = vrOf(in.byteAt(4), in.byteAt(5));
            vr = named != null ? named : unknownVR(tag, offset);
            length = readExplicitLength(vr, offset);
        } else {
            vr = tag == Tag.PixelData ? VR.OW : implicitVR(tag); // PS3.5 §A.1
            length = in.intAt(4, bigEndian) & UNDEFINED;
            in.skip(8);
        }
        if (in.position() > end) {
            throw error("Header of %s at offset 0x%X runs past 0x%X, where its item ends",
                    Tag.toString(tag), offset, end);
        }
        return readValue(tag, vr, offset, length, end);
    }

    // The dictionary's VR, or SS for a "US or SS" pixel value of signed pixels (class notes).
    private VR implicitVR(int tag) {
        VR vr = ElementDictionary.vrOf(tag);
        if (vr != VR.US || LUT_DESCRIPTORS.contains(tag) || !hasSignedPixels()) {
            return vr;
        }
        boolean usOrSS = ElementDictionary.find(tag)
                .map(entry -> entry.vrs().equals(US_OR_SS)).orElse(false);
        return usOrSS ? VR.SS : vr;
    }

    // Pixel Representation (0028,0103) of the nearest data set that has it, from the innermost.
    private boolean hasSignedPixels() {
        for (int level = depth; level >= 0; level--) {
            Optional<Integer> representation =
                    openDatasets[level].findInt(Tag.PixelRepresentation);
            if (representation.isPresent()) {
                return representation.get() == 1;
            }
        }
        return false;
    }

    // PS3.5 §7.1.2: the length is 32 bits after two reserved bytes, or 16 bits, by VR.
    private long readExplicitLength(VR vr, long offset) throws IOException {
        if (!vr.hasLongHeader()) {
            long length = in.u16At(6, bigEndian);
            in.skip(8);
            return length;
        }
        if (!in.ensure(12)) {
            throw endsInHeader(offset);
        }
        long length = in.intAt(8, bigEndian) & UNDEFINED;
        in.skip(12);
        return length;
    }

    // PS3.5 §6.2: a VR this reader does not know is read as UN, which has the long header.
    private VR unknownVR(int tag, long offset) throws DicomParseException {
        int c1 = in.byteAt(4);
        int c2 = in.byteAt(5);
        boolean letters = c1 >= 'A' && c1 <= 'Z' && c2 >= 'A' && c2 <= 'Z';
        if (letters && in.byteAt(6) == 0 && in.byteAt(7) == 0) {
            return VR.UN;
        }
        throw error("Invalid VR 0x%02X%02X of %s at offset 0x%X: not two upper-case letters"
                + " followed by two zero bytes (PS3.5 §7.1.2)", c1, c2, Tag.toString(tag), offset);
    }

    private Element readValue(int tag, VR vr, long offset, long length, long end)
            throws IOException {
        if (length == UNDEFINED) {
            return readUndefinedLength(tag, vr, offset, end);
        }
        if (explicitVR && vr == VR.UN && isKnownStandard(tag)) {
            return readAsImplicit(tag, offset, length, end);
        }
        if (vr == VR.SQ) {
            return readSequence(tag, offset, length, end);
        }
        checkLength(tag, offset, length, end);
        byte[] bytes = in.readValue((int) length, tag, offset);
        if (bigEndian) {
            BigEndian.swapInPlace(bytes, BigEndian.unitOf(vr));
        }
        return new Element(tag, vr, bytes, null, null, offset, length);
    }

    private static boolean isKnownStandard(int tag) {
        VR known = ElementDictionary.vrOf(tag);
        return !Tag.isPrivate(tag) && !Tag.isGroupLength(tag) && tag != Tag.PixelData
                && known != VR.UN && known != VR.SQ;
    }

    // PS3.5 §6.2.2: the value of a UN element is encoded in Implicit VR Little Endian.
    private Element readAsImplicit(int tag, long offset, long length, long end)
            throws IOException {
        boolean wasExplicit = explicitVR;
        boolean wasBigEndian = bigEndian;
        explicitVR = false;
        bigEndian = false;
        try {
            return readValue(tag, implicitVR(tag), offset, length, end);
        } finally {
            explicitVR = wasExplicit;
            bigEndian = wasBigEndian;
        }
    }

    private Element readUndefinedLength(int tag, VR vr, long offset, long end)
            throws IOException {
        if (explicitVR && vr == VR.SQ) {
            return readSequence(tag, offset, UNDEFINED, end);
        }
        if (tag == Tag.PixelData) {
            return readFragments(tag, explicitVR ? vr : VR.OB, offset, end);
        }
        if (explicitVR && vr != VR.UN) {
            throw error("Undefined length is not allowed for %s of VR %s at offset 0x%X"
                    + " (PS3.5 §7.1.1)", Tag.toString(tag), vr, offset);
        }
        // PS3.5 §6.2.2: the items of an undefined-length UN, or of any undefined-length element
        // in implicit VR, are in Implicit VR Little Endian.
        boolean wasExplicit = explicitVR;
        boolean wasBigEndian = bigEndian;
        explicitVR = false;
        bigEndian = false;
        Element sequence = readSequence(tag, offset, UNDEFINED, end);
        explicitVR = wasExplicit;
        bigEndian = wasBigEndian;
        return sequence;
    }

    private Element readSequence(int tag, long offset, long length, long end) throws IOException {
        long sequenceEnd = end;
        if (length != UNDEFINED) {
            checkLength(tag, offset, length, end);
            sequenceEnd = in.position() + length;
        }
        if (depth == MAX_DEPTH) {
            throw error("Sequence %s at offset 0x%X is nested more than %d levels deep",
                    Tag.toString(tag), offset, MAX_DEPTH);
        }
        openTags[depth] = tag;
        openOffsets[depth] = offset;
        depth++;
        List<Dataset> items = new ArrayList<>();
        while (readItem(items, sequenceEnd, length == UNDEFINED)) {
            continue;
        }
        depth--;
        long declared = length == UNDEFINED ? Element.UNDEFINED_LENGTH : length;
        return new Element(tag, VR.SQ, null, items, null, offset, declared);
    }

    // Reads one item into `items`; returns false when the sequence has ended instead.
    private boolean readItem(List<Dataset> items, long sequenceEnd, boolean delimited)
            throws IOException {
        long offset = in.position();
        int sequenceTag = openTags[depth - 1];
        if (offset >= sequenceEnd && !delimited) {
            return false;
        }
        if (offset >= sequenceEnd || !in.ensure(8)) {
            throw error("%s %s at offset 0x%X: no item or (FFFE,E0DD) at offset 0x%X",
                    offset >= sequenceEnd ? "Missing delimiter in" : "File ends inside",
                    Tag.toString(sequenceTag), openOffsets[depth - 1], offset);
        }
        int tag = in.tagAt(0, bigEndian);
        long length = in.intAt(4, bigEndian) & UNDEFINED;
        in.skip(8);
        if (tag == Tag.SequenceDelimitationItem && delimited) {
            return false; // PS3.5 §7.5.2: an undefined-length sequence ends at (FFFE,E0DD)
        }
        if (tag != Tag.Item) {
            throw error("Expected an item (FFFE,E000) in %s at offset 0x%X, found %s at"
                    + " offset 0x%X",
                    Tag.toString(sequenceTag), openOffsets[depth - 1], Tag.toString(tag), offset);
        }
        Dataset item = new Dataset();
        if (length == UNDEFINED) {
            readElements(item, sequenceEnd, true);
        } else {
            checkLength(tag, offset, length, sequenceEnd);
            readElements(item, in.position() + length, false);
        }
        items.add(item);
        return true;
    }

    private Element readFragments(int tag, VR vr, long offset, long end) throws IOException {
        List<byte[]> fragments = new ArrayList<>();
        while (true) {
            long itemOffset = in.position();
            if (itemOffset >= end || !in.ensure(8)) {
                throw error("%s encapsulated %s at offset 0x%X: no item or (FFFE,E0DD)"
                        + " at offset 0x%X", itemOffset >= end ? "Missing delimiter in"
                        : "File ends inside", Tag.toString(tag), offset, itemOffset);
            }
            int itemTag = in.tagAt(0, bigEndian);
            long length = in.intAt(4, bigEndian) & UNDEFINED;
            in.skip(8);
            if (itemTag == Tag.SequenceDelimitationItem) {
                break;
            }
            if (itemTag != Tag.Item || length == UNDEFINED) {
                throw error("Expected a fragment item (FFFE,E000) of defined length in %s at"
                        + " offset 0x%X, found %s of length 0x%08X at offset 0x%X",
                        Tag.toString(tag), offset, Tag.toString(itemTag), length, itemOffset);
            }
            checkLength(itemTag, itemOffset, length, end);
            fragments.add(in.readValue((int) length, itemTag, itemOffset));
        }
        if (fragments.isEmpty()) {
            throw error("Encapsulated %s at offset 0x%X has no basic offset table item"
                    + " (PS3.5 §A.4)", Tag.toString(tag), offset);
        }
        return new Element(tag, vr, null, null, fragments, offset, Element.UNDEFINED_LENGTH);
    }

    private void checkLength(int tag, long offset, long length, long end)
            throws DicomParseException {
        long left = in.bytesLeft();
        if (left >= 0 && length > left) {
            throw error("Length 0x%08X of %s at offset 0x%X exceeds the %d bytes left",
                    length, Tag.toString(tag), offset, left);
        }
        if (in.position() + length > end) {
            throw error("Length 0x%08X of %s at offset 0x%X runs past 0x%X, where its item or"
                    + " sequence ends", length, Tag.toString(tag), offset, end);
        }
        if (length > ByteInput.MAX_VALUE_LENGTH) {
            throw error("Length 0x%08X of %s at offset 0x%X is more than the 2 GiB this reader"
                    + " holds in one value", length, Tag.toString(tag), offset);
        }
    }

    private DicomParseException endsInHeader(long offset) {
        int got = in.buffered();
        String where = got >= 4 ? Tag.toString(in.tagAt(0, bigEndian)) + " at offset"
                : "an element header at offset";
        String inside = depth == 0 ? "" : String.format(" in an item of %s at offset 0x%X",
                Tag.toString(openTags[depth - 1]), openOffsets[depth - 1]);
        return error("File ends inside the header of %s 0x%X%s: %d bytes left",
                where, offset, inside, got);
    }

    private static DicomParseException error(String format, Object... args) {
        return new DicomParseException(String.format(format, args));
    }
}
