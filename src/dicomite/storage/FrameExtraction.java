// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.dicom.Dataset;
import dicomite.dicom.DicomParseException;
import dicomite.dicom.Element;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits the pixel data of one stored file into frames and writes each frame, as stored, to
 * {@code {folder}/{n}.raw} (n from 1), through {@code {n}.raw.tmp} and a rename.
 *
 * <p>Native pixel data (PS3.5 §8.1.1, §8.2): frame n (from 0) is the bytes
 * {@code [n*size, (n+1)*size)} of the value, size = Rows * Columns * SamplesPerPixel *
 * BitsAllocated / 8, whatever the planar configuration, so a single colour frame is the whole
 * image; YBR_FULL_422 stores two samples a pixel (Y Y Cb Cr for each pair, PS3.3
 * §C.7.6.3.1.2), so its frames take Rows * Columns * 2 * BitsAllocated / 8 bytes, unless the
 * value is long enough for three samples a pixel (as some writers store it). With
 * BitsAllocated 1 a frame of {@code R*C*S} bits may start inside a byte: frame n is bits
 * {@code [n*R*C*S, (n+1)*R*C*S)} (bit 0 is the least significant of the first byte, PS3.5
 * §D.2), copied to a fresh array from its bit 0 and padded with zero bits to a whole byte.
 * Bytes stay in the stored order: big endian stays big endian.
 * Encapsulated pixel data (PS3.5 §A.4): see {@link EncapsulatedFrames}.
 *
 * <p>{@link #plan} only finds the frames (header and item headers), so that a frame can be read
 * from the stored file before the frames are written ({@link FrameInput}).
 *
 * <p>Memory: the file is read through a channel at the offsets the header gives, frames are
 * copied from file to file; only a 1-bit frame and the fragment positions are held. A deflated
 * data set (PS3.5 §A.5) has no offsets in the file, so it is inflated and read whole. Stateless.
 */
final class FrameExtraction {
    private static final long UNDEFINED = 0xFFFFFFFFL;

    /** What was written: BitsAllocated (0 when absent) and the length of each frame. */
    record Extracted(int bitsAllocated, long[] lengths) {
        int count() {
            return lengths.length;
        }
    }

    /** A run of bytes of the source. */
    record Segment(long offset, long length) {
    }

    /** How one frame is made from the source. */
    sealed interface Plan permits Plan.Bytes, Plan.Bits {
        /** The length of the frame in bytes. */
        long length();

        /** The frame is these runs, one after the other. */
        record Bytes(List<Segment> segments) implements Plan {
            @Override
            public long length() {
                return segments.stream().mapToLong(Segment::length).sum();
            }
        }

        /** The frame is {@code bitCount} bits from bit {@code firstBit} of the value at offset. */
        record Bits(long offset, long firstBit, long bitCount) implements Plan {
            @Override
            public long length() {
                return (bitCount + 7) / 8; // padded with zero bits to a whole byte
            }
        }
    }

    /** The frames of a file, found and not copied: BitsAllocated and how to cut each frame. */
    record Planned(int bitsAllocated, List<? extends Plan> plans) {
        long[] lengths() {
            return plans.stream().mapToLong(Plan::length).toArray();
        }
    }

    /** The pixel data element as found in the file. */
    private record PixelElement(int tag, long valueOffset, long length) {
        boolean undefinedLength() {
            return length == UNDEFINED;
        }
    }

    private FrameExtraction() {
    }

    /**
     * Writes the frames of the file into the folder, which must exist.
     *
     * @throws FrameExtractionException when the file does not parse or its pixel data cannot be
     *     split into NumberOfFrames frames
     * @throws IOException when reading or writing fails
     */
    static Extracted extract(Path file, Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            Optional<Planned> planned = plan(channel);
            if (planned.isEmpty()) {
                return extractDeflated(file, folder);
            }
            return write(channel, planned.get(), folder);
        }
    }

    /**
     * Writes the frames of the file into the folder, made afresh (without its parents: a
     * deleted instance stays deleted), then the marker of this version; deletes the folder
     * when that fails.
     *
     * @throws FrameExtractionException when the file does not parse or its pixel data cannot be
     *     split into NumberOfFrames frames
     * @throws IOException when reading or writing fails
     */
    static FrameMarker extractAfresh(Path file, Path folder, long version) throws IOException {
        Storage.deleteTree(folder);
        Files.createDirectory(folder);
        try {
            Extracted extracted = extract(file, folder);
            FrameMarker marker = new FrameMarker(version, extracted.bitsAllocated(),
                    extracted.lengths());
            marker.write(folder);
            return marker;
        } catch (IOException | RuntimeException e) {
            try {
                Storage.deleteTree(folder);
            } catch (IOException notDeleted) {
                e.addSuppressed(notDeleted);
            }
            throw e;
        }
    }

    /**
     * Finds the frames of the file open on the channel without copying them: the header is
     * parsed and, for encapsulated data, the item headers read. Empty for a deflated data set,
     * whose frames have no offsets in the file (see {@link #extract}).
     *
     * @throws FrameExtractionException when the file does not parse or its pixel data cannot be
     *     split into NumberOfFrames frames
     * @throws IOException when reading fails
     */
    static Optional<Planned> plan(FileChannel channel) throws IOException {
        Part10 header = readHeader(channel);
        int bitsAllocated = header.dataset().findInt(Tag.BitsAllocated).orElse(0);
        if (header.transferSyntax().deflated()) {
            return Optional.empty();
        }
        if (header.pixelDataOffset() < 0) {
            return Optional.of(new Planned(bitsAllocated, List.of()));
        }
        PixelElement pixels = readPixelElement(channel, header);
        return Optional.of(new Planned(bitsAllocated, plansOf(channel, header, pixels)));
    }

    /**
     * Writes the planned frames of the file open on the channel into the folder, which must
     * exist.
     *
     * @throws FrameExtractionException when the file ends before a planned frame
     * @throws IOException when reading or writing fails
     */
    static Extracted write(FileChannel channel, Planned planned, Path folder)
            throws IOException {
        return new Extracted(planned.bitsAllocated(),
                write(new FrameSource.OfChannel(channel), planned.plans(), folder));
    }

    private static Part10 readHeader(FileChannel channel) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(0)));
        try {
            return new Part10Reader(in).withStopBeforePixelData(true).read();
        } catch (DicomParseException e) {
            throw new FrameExtractionException("The file does not parse: " + e.getMessage(), e);
        }
    }

    private static List<? extends Plan> plansOf(FileChannel channel, Part10 header,
            PixelElement pixels) throws IOException {
        TransferSyntax ts = header.transferSyntax();
        int frames = numberOfFrames(header.dataset());
        if (ts.encapsulated() != pixels.undefinedLength()) {
            throw new FrameExtractionException("Pixel data " + Tag.toString(pixels.tag())
                    + " at offset 0x" + Long.toHexString(pixels.valueOffset()) + " has "
                    + (pixels.undefinedLength() ? "undefined length" : "a defined length")
                    + ", which the transfer syntax " + ts.uid() + " does not allow (PS3.5 §A.4)");
        }
        if (pixels.undefinedLength()) {
            return EncapsulatedFrames.plan(channel, pixels.valueOffset(), header, frames);
        }
        return nativePlans(header.dataset(), pixels.valueOffset(), pixels.length(), frames);
    }

    /** NumberOfFrames; 1 when absent, not a number or not positive (one frame is stored). */
    static int numberOfFrames(Dataset dataset) {
        return dataset.findInt(Tag.NumberOfFrames).filter(n -> n > 0).orElse(1);
    }

    // PS3.5 §7.1.2: explicit VR OB/OW/… have 2 reserved bytes and a 4-byte length.
    private static PixelElement readPixelElement(FileChannel channel, Part10 header)
            throws IOException {
        long at = header.pixelDataOffset();
        TransferSyntax ts = header.transferSyntax();
        ByteBuffer b = readAt(channel, at, 12)
                .order(ts.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int tag = (b.getShort(0) & 0xFFFF) << 16 | (b.getShort(2) & 0xFFFF);
        VR vr = ts.explicitVR() ? VR.fromCode(b.get(4), b.get(5)) : null;
        boolean shortHeader = vr != null && !vr.hasLongHeader();
        long length = shortHeader ? b.getShort(6) & 0xFFFF
                : (ts.explicitVR() ? b.getInt(8) : b.getInt(4)) & UNDEFINED;
        long valueOffset = at + (ts.explicitVR() && !shortHeader ? 12 : 8);
        if (length != UNDEFINED && valueOffset + length > channel.size()) {
            throw new FrameExtractionException("Length 0x" + Long.toHexString(length) + " of "
                    + Tag.toString(tag) + " at offset 0x" + Long.toHexString(at) + " exceeds the "
                    + Math.max(0, channel.size() - valueOffset) + " bytes left");
        }
        return new PixelElement(tag, valueOffset, length);
    }

    /**
     * Reads {@code length} bytes at a file offset.
     *
     * @throws FrameExtractionException when the file ends first
     */
    static ByteBuffer readAt(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new FrameExtractionException("The file ends at offset 0x"
                        + Long.toHexString(offset + buffer.position()) + ", inside the "
                        + length + " bytes read from offset 0x" + Long.toHexString(offset));
            }
        }
        return buffer.flip();
    }

    private static Extracted extractDeflated(Path file, Path folder) throws IOException {
        Part10 whole;
        try {
            whole = Part10Reader.read(file);
        } catch (DicomParseException e) {
            throw new FrameExtractionException("The file does not parse: " + e.getMessage(), e);
        }
        int bitsAllocated = whole.dataset().findInt(Tag.BitsAllocated).orElse(0);
        Element pixels = whole.dataset().find(Tag.PixelData)
                .or(() -> whole.dataset().find(Tag.FloatPixelData))
                .or(() -> whole.dataset().find(Tag.DoubleFloatPixelData)).orElse(null);
        if (pixels == null) {
            return new Extracted(bitsAllocated, new long[0]);
        }
        byte[] value = pixels.value();
        List<? extends Plan> plans = nativePlans(whole.dataset(), 0, value.length,
                numberOfFrames(whole.dataset()));
        return new Extracted(bitsAllocated, write(new FrameSource.OfBytes(value), plans, folder));
    }

    // SamplesPerPixel, except 2 for subsampled YBR_FULL_422 (see the class notes); planesBits
    // is one sample a pixel of every frame.
    private static int storedSamplesPerPixel(Dataset dataset, long planesBits, long valueBits) {
        int samples = dataset.findInt(Tag.SamplesPerPixel).filter(n -> n > 0).orElse(1);
        String photometric = dataset.getString(Tag.PhotometricInterpretation, "").strip();
        boolean subsampled = samples == 3 && photometric.equals("YBR_FULL_422")
                && valueBits < planesBits * 3;
        return subsampled ? 2 : samples;
    }

    /**
     * The frames of native pixel data whose value is {@code length} bytes at {@code offset}; none
     * for an empty value.
     *
     * @throws FrameExtractionException when Rows, Columns or BitsAllocated is missing, or the
     *     value is shorter than the frames
     */
    static List<Plan> nativePlans(Dataset dataset, long offset, long length, int frames)
            throws FrameExtractionException {
        if (length == 0) {
            return List.of();
        }
        long planeBits = (long) require(dataset, Tag.Rows, "Rows")
                * require(dataset, Tag.Columns, "Columns")
                * require(dataset, Tag.BitsAllocated, "BitsAllocated"); // one sample a pixel
        long frameBits = planeBits * storedSamplesPerPixel(dataset, planeBits * frames,
                length * 8);
        if (length * 8 < frameBits * frames) {
            throw new FrameExtractionException("Pixel data of " + length + " bytes at offset 0x"
                    + Long.toHexString(offset) + " is shorter than the " + frames + " frames of "
                    + frameBits + " bits that Rows, Columns, SamplesPerPixel, BitsAllocated and"
                    + " NumberOfFrames describe (PS3.5 §8.1.1)");
        }
        List<Plan> plans = new ArrayList<>(frames);
        for (long n = 0; n < frames; n++) {
            plans.add(frameBits % 8 == 0
                    ? new Plan.Bytes(List.of(new Segment(offset + n * frameBits / 8,
                            frameBits / 8)))
                    : new Plan.Bits(offset, n * frameBits, frameBits));
        }
        return plans;
    }

    private static int require(Dataset dataset, int tag, String keyword)
            throws FrameExtractionException {
        return dataset.findInt(tag).filter(n -> n > 0).orElseThrow(() ->
                new FrameExtractionException("The data set has pixel data but no positive "
                        + Tag.toString(tag) + " " + keyword + " to size its frames"));
    }

    /** Writes each frame to {@code {n}.raw} through a temp file; returns their lengths. */
    private static long[] write(FrameSource source, List<? extends Plan> plans, Path folder)
            throws IOException {
        long[] lengths = new long[plans.size()];
        for (int n = 1; n <= plans.size(); n++) {
            Path temp = folder.resolve(n + ".raw.tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                lengths[n - 1] = writeFrame(source, plans.get(n - 1), out);
            }
            Files.move(temp, folder.resolve(n + ".raw"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return lengths;
    }

    private static long writeFrame(FrameSource source, Plan plan, FileChannel out)
            throws IOException {
        if (plan instanceof Plan.Bytes bytes) {
            long written = 0;
            for (Segment segment : bytes.segments()) {
                source.transferTo(segment.offset(), segment.length(), out);
                written += segment.length();
            }
            return written;
        }
        byte[] frame = bitsOf(source, (Plan.Bits) plan);
        out.write(ByteBuffer.wrap(frame));
        return frame.length;
    }

    // PS3.5 §D.2: pixel k of 1-bit data is bit (k % 8) of byte k / 8, least significant first.
    static byte[] bitsOf(FrameSource source, Plan.Bits plan) throws IOException {
        long firstByte = plan.firstBit() / 8;
        int shift = (int) (plan.firstBit() % 8);
        long frameBytes = (plan.bitCount() + 7) / 8;
        if (frameBytes > Integer.MAX_VALUE - 8) {
            throw new FrameExtractionException("A 1-bit frame of " + plan.bitCount()
                    + " bits is too large to copy bit by bit");
        }
        int span = (int) ((shift + plan.bitCount() + 7) / 8);
        byte[] in = source.read(plan.offset() + firstByte, span);
        byte[] frame = new byte[(int) frameBytes];
        for (int i = 0; i < frame.length; i++) {
            int low = (in[i] & 0xFF) >>> shift;
            int high = shift == 0 || i + 1 >= span ? 0 : (in[i + 1] & 0xFF) << (8 - shift);
            frame[i] = (byte) (low | high);
        }
        int tailBits = (int) (plan.bitCount() % 8);
        if (tailBits != 0) {
            frame[frame.length - 1] &= (byte) ((1 << tailBits) - 1);
        }
        return frame;
    }

    /** Thrown by {@link FrameSource#read} readers when the source ends early. */
    static EOFException endedEarly(long offset, long length) {
        return new EOFException("The file ended inside the " + length + " bytes at offset 0x"
                + Long.toHexString(offset));
    }
}
