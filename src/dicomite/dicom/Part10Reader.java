// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Reads a DICOM file (PS3.10 §7): the 128-byte preamble and "DICM", the file meta information
 * (group 0002, always Explicit VR Little Endian, PS3.10 §7.1), then the data set in the transfer
 * syntax it names: implicit or explicit VR little endian, explicit VR big endian (values swapped
 * to little endian), deflated (PS3.5 §A.5), or any encapsulated syntax (PS3.5 §A.4).
 *
 * <p>Also accepted: "DICM" at offset 0 with no preamble, and a bare data set with neither preamble
 * nor meta information, whose encoding is told from its first element: explicit VR when bytes 4-5
 * name a VR, big endian when the group reads as such, implicit VR little endian otherwise.
 *
 * <p>Malformed input of any kind ends in a {@link DicomParseException} naming the tag and the hex
 * offset; declared lengths are checked before use and never size an allocation on their own.
 * Element offsets are input offsets, the preamble included; in a deflated data set they count
 * inflated bytes from where the deflated data starts.
 *
 * <p>Memory: values grow as their bytes arrive, so what the reader holds is bounded by the input,
 * except in a deflated data set, where a few hundred kilobytes may inflate to gigabytes. There the
 * inflated size is bounded by {@link InflatedInput}: 100 times the compressed bytes read, at least
 * 64 MiB, at most 1 GiB; past that the read fails with a {@link DicomParseException}.
 *
 * <p>Buffering: the reader reads its stream in blocks of up to 64 KiB. When it stops before pixel
 * data and the stream supports mark and reset (as {@code BufferedInputStream} and
 * {@code ByteArrayInputStream} do), it leaves the stream exactly at the pixel data tag; otherwise,
 * or in a deflated data set, the stream may have been read up to 64 KiB further. A reader reads
 * one input once and is not thread-safe.
 *
 * <pre>{@code
 * Part10 header = new Part10Reader(in).withStopBeforePixelData(true).read();
 * String sop = header.dataset().getString(Tag.SOPInstanceUID, "");
 * }</pre>
 */
public final class Part10Reader {
    private static final int PREAMBLE_LENGTH = 128; // bytes
    private static final int INFLATE_BUFFER = 8192; // bytes

    private final InputStream in;
    private final long length; // bytes in the input, or -1 when unknown
    private final boolean stopBeforePixelData;

    /** A reader of the stream, which it does not close. */
    public Part10Reader(InputStream in) {
        this(in, in instanceof ByteArrayInputStream ? ((ByteArrayInputStream) in).available() : -1,
                false);
    }

    private Part10Reader(InputStream in, long length, boolean stopBeforePixelData) {
        this.in = in;
        this.length = length;
        this.stopBeforePixelData = stopBeforePixelData;
    }

    /** A reader that stops at top-level pixel data, leaving it unread (see the class notes). */
    public Part10Reader withStopBeforePixelData(boolean stop) {
        return new Part10Reader(in, length, stop);
    }

    /**
     * Reads a whole file.
     *
     * @throws DicomParseException when the file is not well-formed DICOM; the message starts with
     *     the file's path
     * @throws IOException when the file cannot be read
     */
    public static Part10 read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Part10Reader(in, Files.size(file), false).read();
        } catch (DicomParseException e) {
            throw new DicomParseException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the input.
     *
     * @throws DicomParseException when the input is not DICOM or is malformed or truncated
     * @throws IOException when the stream fails
     */
    public Part10 read() throws IOException {
        ByteInput input = new ByteInput(in, 0, length, stopBeforePixelData);
        boolean hasPreamble = readPrefix(input);
        Dataset meta = readFileMeta(input);
        TransferSyntax ts = transferSyntaxOf(meta, input);
        if (ts.deflated()) {
            return readDeflated(input, meta, ts, hasPreamble);
        }
        DatasetParser parser = new DatasetParser(input, ts.explicitVR(), ts.bigEndian());
        Dataset dataset = parser.readDataset(stopBeforePixelData);
        if (parser.stoppedBeforePixelData()) {
            input.rewindStreamTo(parser.pixelDataOffset());
        }
        return new Part10(meta, dataset, ts, hasPreamble, parser.pixelDataOffset());
    }

    // Skips the preamble and "DICM" (PS3.10 §7.1); returns whether there was a preamble.
    private static boolean readPrefix(ByteInput input) throws IOException {
        input.ensure(PREAMBLE_LENGTH + 4);
        if (input.buffered() >= PREAMBLE_LENGTH + 4 && isDicm(input, PREAMBLE_LENGTH)) {
            input.skip(PREAMBLE_LENGTH + 4);
            return true;
        }
        if (input.buffered() >= 4 && isDicm(input, 0)) {
            input.skip(4);
            return false;
        }
        if (!startsDataset(input)) {
            throw notDicom(input);
        }
        return false;
    }

    private static boolean isDicm(ByteInput input, int at) {
        return input.byteAt(at) == 'D' && input.byteAt(at + 1) == 'I'
                && input.byteAt(at + 2) == 'C' && input.byteAt(at + 3) == 'M';
    }

    // A bare data set starts with an element of an even group from 0002 to 00FF, e.g. (0008,0005).
    private static boolean startsDataset(ByteInput input) {
        if (input.buffered() < 8) {
            return false;
        }
        int group = input.u16At(0, looksBigEndian(input));
        return group >= 2 && group <= 0xFF && group % 2 == 0;
    }

    private static boolean looksBigEndian(ByteInput input) {
        return input.byteAt(0) == 0 && input.byteAt(1) != 0
                && DatasetParser.vrOf(input.byteAt(4), input.byteAt(5)) != null;
    }

    private static DicomParseException notDicom(ByteInput input) {
        if (input.buffered() == 0) {
            return new DicomParseException("Not a DICOM file: the input is empty");
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : input.peek(8)) {
            hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02X", b & 0xFF));
        }
        return new DicomParseException("Not a DICOM file: no 'DICM' at offset 0x80 and the first"
                + " bytes (" + hex + ") do not start a data set (PS3.10 §7.1)");
    }

    // PS3.10 §7.1: the file meta information is group 0002 in Explicit VR Little Endian. The
    // elements are read while their group is 0002, as the group length is often wrong; it is
    // used only to tell a file cut short inside the meta information from a complete one.
    private static Dataset readFileMeta(ByteInput input) throws IOException {
        long start = input.position();
        Dataset meta = new DatasetParser(input, true, false).readGroup(2);
        if (input.ensure(1)) {
            return meta;
        }
        if (meta.isEmpty()) {
            throw new DicomParseException(String.format("File ends at offset 0x%X, where the"
                    + " file meta information (0002,xxxx) should start", start));
        }
        Element groupLength = meta.get(Tag.FileMetaInformationGroupLength);
        long declared = groupLength == null ? -1 : unsignedIntOf(groupLength);
        long after = groupLength == null ? 0 : groupLength.offset() + 12; // bytes
        if (declared >= 0 && input.position() < after + declared) {
            throw new DicomParseException(String.format("File ends at offset 0x%X inside the file"
                    + " meta information, whose group length (0002,0000) at offset 0x%X declares"
                    + " %d bytes", input.position(), groupLength.offset(), declared));
        }
        return meta;
    }

    private static long unsignedIntOf(Element e) {
        byte[] b = e.value();
        return b.length < 4 ? -1 : (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16
                | (b[3] & 0xFFL) << 24;
    }

    private static TransferSyntax transferSyntaxOf(Dataset meta, ByteInput input)
            throws IOException {
        Element uid = meta.get(Tag.TransferSyntaxUID);
        String text = uid == null ? "" : new String(uid.value(), StandardCharsets.US_ASCII)
                .replace('\0', ' ').strip();
        if (!text.isEmpty()) {
            return TransferSyntax.forUID(text);
        }
        if (!input.ensure(8)) {
            return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN; // nothing follows: no data to tell
        }
        if (DatasetParser.vrOf(input.byteAt(4), input.byteAt(5)) == null) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        return looksBigEndian(input) ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN
                : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    }

    // PS3.5 §A.5: all that follows the file meta information is one raw deflate stream.
    private Part10 readDeflated(ByteInput input, Dataset meta, TransferSyntax ts,
            boolean hasPreamble) throws IOException {
        long start = input.position();
        Inflater inflater = new Inflater(!hasZlibHeader(input));
        try {
            InputStream inflated =
                    new InflatedInput(input.remainder(), inflater, start, INFLATE_BUFFER);
            DatasetParser parser = new DatasetParser(new ByteInput(inflated, start, -1, false),
                    true, false);
            Dataset dataset = parser.readDataset(stopBeforePixelData);
            return new Part10(meta, dataset, ts, hasPreamble, parser.pixelDataOffset());
        } catch (ZipException | EOFException e) {
            throw new DicomParseException(String.format(
                    "Deflated data set at offset 0x%X is corrupt: %s", start, e.getMessage()), e);
        } finally {
            inflater.end();
        }
    }

    // Some writers wrap the deflate stream in a zlib header (RFC 1950), which PS3.5 §A.5 does
    // not. A raw stream starting with such bytes would be a stored block with non-zero padding
    // bits, which deflate encoders do not write.
    private static boolean hasZlibHeader(ByteInput input) throws IOException {
        if (!input.ensure(2)) {
            return false;
        }
        int header = input.byteAt(0) << 8 | input.byteAt(1);
        return (input.byteAt(0) & 0x0F) == 8 && header % 31 == 0;
    }
}
