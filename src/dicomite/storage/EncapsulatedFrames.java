// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.dicom.Dataset;
import dicomite.dicom.Part10;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.storage.FrameExtraction.Plan;
import dicomite.storage.FrameExtraction.Segment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which fragments of encapsulated pixel data (PS3.5 §A.4) make each frame, read from the item
 * headers in the file without reading the fragments themselves. In order of preference:
 * <ol>
 *   <li>the Extended Offset Table (7FE0,0001) with its lengths (7FE0,0002): one fragment per
 *       frame, frame i being the first {@code lengths[i]} bytes of the fragment whose item starts
 *       {@code offsets[i]} bytes after the first fragment's item;</li>
 *   <li>a non-empty Basic Offset Table: frame i is every fragment whose item starts in
 *       {@code [offsets[i], offsets[i+1])} after the first fragment's item;</li>
 *   <li>as many fragments as frames: one each;</li>
 *   <li>one frame: every fragment;</li>
 *   <li>otherwise a frame starts at each fragment that begins with the codestream's start:
 *       SOI (FF D8) for JPEG and JPEG-LS (PS3.5 §A.4.1, §A.4.3), SOC and SIZ (FF 4F FF 51) or
 *       the JP2 signature box for JPEG 2000 (§A.4.4). Other syntaxes (RLE, video) cannot be
 *       split this way, and fail.</li>
 * </ol>
 * Every way must give exactly NumberOfFrames frames, or extraction fails with the reason.
 * Memory: 24 bytes per fragment. Stateless.
 */
final class EncapsulatedFrames {
    private static final int ITEM = 0xFFFEE000;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final byte[] SOI = {(byte) 0xFF, (byte) 0xD8};
    private static final byte[] SOC_SIZ = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51};
    private static final byte[] JP2 = {0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20};

    /** One item: where its tag is and its value's offset and length in the file. */
    private record Item(long offset, long valueOffset, long length) {
        Segment whole() {
            return new Segment(valueOffset, length);
        }
    }

    private EncapsulatedFrames() {
    }

    /**
     * The plan of each frame of the fragments whose items start at {@code itemsOffset}.
     *
     * @throws FrameExtractionException when the items are malformed or the frames cannot be
     *     told apart
     */
    static List<Plan> plan(FileChannel channel, long itemsOffset, Part10 header, int frames)
            throws IOException {
        List<Item> items = readItems(channel, itemsOffset);
        if (items.isEmpty()) {
            throw new FrameExtractionException("Encapsulated pixel data at offset 0x"
                    + Long.toHexString(itemsOffset) + " has no Basic Offset Table item");
        }
        List<Item> fragments = items.subList(1, items.size());
        if (fragments.isEmpty()) {
            return List.of();
        }
        Dataset dataset = header.dataset();
        Optional<long[]> extended = longs(dataset, Tag.ExtendedOffsetTable);
        if (extended.isPresent() && extended.get().length > 0) {
            return byExtendedTable(fragments, extended.get(),
                    longs(dataset, Tag.ExtendedOffsetTableLengths).orElse(new long[0]), frames);
        }
        long[] basic = basicOffsets(channel, items.get(0));
        if (basic.length > 0) {
            return byBasicTable(fragments, basic, frames);
        }
        if (fragments.size() == frames) {
            return fragments.stream().map(f -> (Plan) new Plan.Bytes(List.of(f.whole())))
                    .toList();
        }
        if (frames == 1) {
            return List.of(new Plan.Bytes(fragments.stream().map(Item::whole).toList()));
        }
        return byStartMarkers(channel, fragments, header.transferSyntax(), frames);
    }

    // PS3.5 §A.4: items of defined length up to the Sequence Delimitation Item.
    private static List<Item> readItems(FileChannel channel, long start) throws IOException {
        List<Item> items = new ArrayList<>();
        for (long at = start; ; ) {
            ByteBuffer head = FrameExtraction.readAt(channel, at, 8)
                    .order(ByteOrder.LITTLE_ENDIAN);
            int tag = (head.getShort(0) & 0xFFFF) << 16 | (head.getShort(2) & 0xFFFF);
            long length = head.getInt(4) & 0xFFFFFFFFL;
            if (tag == SEQUENCE_DELIMITER) {
                return items;
            }
            if (tag != ITEM || length == 0xFFFFFFFFL) {
                throw new FrameExtractionException("Expected a fragment item (FFFE,E000) of"
                        + " defined length at offset 0x" + Long.toHexString(at) + ", found "
                        + Tag.toString(tag) + " of length 0x" + Long.toHexString(length));
            }
            if (at + 8 + length > channel.size()) {
                throw new FrameExtractionException("Length 0x" + Long.toHexString(length)
                        + " of (FFFE,E000) at offset 0x" + Long.toHexString(at) + " exceeds the "
                        + (channel.size() - at - 8) + " bytes left");
            }
            items.add(new Item(at, at + 8, length));
            at += 8 + length;
        }
    }

    private static Optional<long[]> longs(Dataset dataset, int tag) {
        return dataset.find(tag).map(e -> {
            ByteBuffer b = ByteBuffer.wrap(e.value()).order(ByteOrder.LITTLE_ENDIAN);
            long[] values = new long[b.remaining() / 8];
            Arrays.setAll(values, i -> b.getLong(i * 8));
            return values;
        });
    }

    private static long[] basicOffsets(FileChannel channel, Item table) throws IOException {
        if (table.length() % 4 != 0 || table.length() > Integer.MAX_VALUE) {
            throw new FrameExtractionException("The Basic Offset Table at offset 0x"
                    + Long.toHexString(table.offset()) + " has " + table.length()
                    + " bytes, not a multiple of 4");
        }
        ByteBuffer b = FrameExtraction.readAt(channel, table.valueOffset(),
                (int) table.length()).order(ByteOrder.LITTLE_ENDIAN);
        long[] offsets = new long[(int) table.length() / 4];
        Arrays.setAll(offsets, i -> b.getInt(i * 4) & 0xFFFFFFFFL);
        return offsets;
    }

    private static List<Plan> byExtendedTable(List<Item> fragments, long[] offsets,
            long[] lengths, int frames) throws FrameExtractionException {
        requireCount("entries in the Extended Offset Table (7FE0,0001)", offsets.length,
                frames);
        requireCount("entries in the Extended Offset Table Lengths (7FE0,0002)",
                lengths.length, frames);
        List<Plan> plans = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            Item fragment = fragmentAt(fragments, offsets[i], "Extended Offset Table");
            if (lengths[i] > fragment.length()) {
                throw new FrameExtractionException("Frame " + (i + 1) + " of " + lengths[i]
                        + " bytes in the Extended Offset Table Lengths is longer than its"
                        + " fragment of " + fragment.length() + " bytes at offset 0x"
                        + Long.toHexString(fragment.offset()));
            }
            plans.add(new Plan.Bytes(List.of(new Segment(fragment.valueOffset(), lengths[i]))));
        }
        return plans;
    }

    private static List<Plan> byBasicTable(List<Item> fragments, long[] offsets, int frames)
            throws FrameExtractionException {
        requireCount("entries in the Basic Offset Table", offsets.length, frames);
        List<Integer> starts = new ArrayList<>(frames);
        for (long offset : offsets) {
            starts.add(fragments.indexOf(fragmentAt(fragments, offset, "Basic Offset Table")));
        }
        return framesFrom(fragments, starts, "the Basic Offset Table's offsets");
    }

    private static Item fragmentAt(List<Item> fragments, long offset, String table)
            throws FrameExtractionException {
        long base = fragments.get(0).offset();
        for (Item fragment : fragments) {
            if (fragment.offset() - base == offset) {
                return fragment;
            }
        }
        throw new FrameExtractionException("Offset " + offset + " of the " + table
                + " is not the start of a fragment item (the first is at offset 0x"
                + Long.toHexString(base) + ")");
    }

    private static List<Plan> byStartMarkers(FileChannel channel, List<Item> fragments,
            TransferSyntax ts, int frames) throws IOException {
        List<byte[]> markers = startMarkersOf(ts);
        if (markers.isEmpty()) {
            throw new FrameExtractionException("There are " + fragments.size() + " fragments"
                    + " for " + frames + " frames and no offset table; the fragments of "
                    + ts.uid() + " have no start marker to tell the frames apart (PS3.5 §A.4)");
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < fragments.size(); i++) {
            if (startsWithAny(channel, fragments.get(i), markers)) {
                starts.add(i);
            }
        }
        requireCount("fragments that start a codestream", starts.size(), frames);
        return framesFrom(fragments, starts, "the codestream start markers");
    }

    private static List<byte[]> startMarkersOf(TransferSyntax ts) {
        List<String> jpeg = List.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51",
                "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80",
                "1.2.840.10008.1.2.4.81");
        List<String> jpeg2000 = List.of("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91",
                "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93", "1.2.840.10008.1.2.4.201",
                "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203");
        if (jpeg.contains(ts.uid())) {
            return List.of(SOI);
        }
        return jpeg2000.contains(ts.uid()) ? List.of(SOC_SIZ, JP2) : List.of();
    }

    private static boolean startsWithAny(FileChannel channel, Item fragment,
            List<byte[]> markers) throws IOException {
        int n = (int) Math.min(fragment.length(), 8);
        byte[] head = FrameExtraction.readAt(channel, fragment.valueOffset(), n).array();
        for (byte[] marker : markers) {
            if (n >= marker.length
                    && Arrays.equals(head, 0, marker.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }

    // Frame k is the fragments from starts[k] up to, not including, starts[k + 1].
    private static List<Plan> framesFrom(List<Item> fragments, List<Integer> starts, String how)
            throws FrameExtractionException {
        if (starts.get(0) != 0) {
            throw new FrameExtractionException("By " + how + " the first fragment, at offset 0x"
                    + Long.toHexString(fragments.get(0).offset()) + ", belongs to no frame");
        }
        List<Plan> plans = new ArrayList<>(starts.size());
        for (int k = 0; k < starts.size(); k++) {
            int end = k + 1 < starts.size() ? starts.get(k + 1) : fragments.size();
            if (end <= starts.get(k)) {
                throw new FrameExtractionException("By " + how + " frame " + (k + 1)
                        + " has no fragment: the offsets must grow");
            }
            plans.add(new Plan.Bytes(fragments.subList(starts.get(k), end).stream()
                    .map(Item::whole).toList()));
        }
        return plans;
    }

    private static void requireCount(String what, int count, int frames)
            throws FrameExtractionException {
        if (count != frames) {
            throw new FrameExtractionException("There are " + count + " " + what + " for "
                    + frames + " frames (NumberOfFrames); they must match (PS3.5 §A.4)");
        }
    }
}
