// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a DICOM file (PS3.10 §7): a 128-byte zero preamble, "DICM", the file meta information
 * in Explicit VR Little Endian with its group length (PS3.10 §7.1), then the data set in Implicit
 * or Explicit VR Little Endian, Explicit VR Big Endian, or deflated (PS3.5 §A.5).
 *
 * <p>Encoding choices: sequences and items are written with undefined length and their
 * delimiters (PS3.5 §7.5.2), so nothing is measured twice; encapsulated pixel data is written as
 * its items (basic offset table first, an empty one if there is none) and a sequence delimiter
 * (PS3.5 §A.4); odd-length values get the VR's padding byte (PS3.5 §7.1.1); a value too long for
 * a VR with a 16-bit length is written as UN in explicit VR (PS3.5 §6.2.2, CP 1066). Group length
 * elements (gggg,0000) of the data set are left out, since any change or transcoding makes them
 * wrong and PS3.5 §7.2 has retired them. Group 0002 elements of the data set are left out too:
 * they belong in the file meta information. The output stream is flushed but not closed.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(path)) {
 *     Part10Writer.write(out, dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
 * }
 * }</pre>
 */
public final class Part10Writer {
    /** This implementation's class UID (PS3.7 §D.3.3.2), a 2.25 UUID-derived UID fixed once. */
    static final String IMPLEMENTATION_CLASS_UID =
            "2.25.181133068501697068258267350640705764270";
    /** "DICOMITE_" and the version, at most the 16 characters of SH. */
    static final String IMPLEMENTATION_VERSION_NAME = versionName();

    private static final int BUFFER = 64 * 1024; // bytes
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_SHORT_LENGTH = 0xFFFE; // bytes; largest even 16-bit length

    private final OutputStream out;
    private final boolean explicitVR;
    private final boolean bigEndian;
    private final byte[] header = new byte[12];

    private Part10Writer(OutputStream out, boolean explicitVR, boolean bigEndian) {
        this.out = out;
        this.explicitVR = explicitVR;
        this.bigEndian = bigEndian;
    }

    /**
     * Writes the data set as a file whose meta information is built from it: version 00\01,
     * media storage SOP class and instance from (0008,0016) and (0008,0018), the transfer syntax,
     * and this implementation's class UID and version name.
     *
     * @throws IllegalArgumentException when the data set lacks SOP Class or SOP Instance UID
     * @throws IOException when the stream fails
     */
    public static void write(OutputStream out, Dataset dataset, TransferSyntax ts)
            throws IOException {
        write(out, fileMetaOf(dataset), dataset, ts);
    }

    /**
     * Writes the data set with the given file meta information, whose group length
     * (0002,0000) and transfer syntax UID (0002,0010) are replaced by the right ones for
     * {@code ts}; its other elements are written as they are.
     *
     * @throws IOException when the stream fails
     */
    public static void write(OutputStream out, Dataset fileMeta, Dataset dataset,
            TransferSyntax ts) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
        buffered.write(new byte[128]);
        buffered.write("DICM".getBytes(StandardCharsets.US_ASCII));
        writeFileMeta(buffered, fileMeta, ts);
        if (ts.deflated()) {
            writeDeflated(buffered, dataset);
        } else {
            new Part10Writer(buffered, ts.explicitVR(), ts.bigEndian()).writeTopLevel(dataset);
        }
        buffered.flush();
    }

    /** The file meta information built for the data set, as the three-argument write says. */
    static Dataset fileMetaOf(Dataset dataset) {
        Dataset meta = new Dataset();
        meta.put(Element.of(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1}));
        meta.putString(Tag.MediaStorageSOPClassUID, VR.UI, requireUID(dataset, Tag.SOPClassUID));
        meta.putString(Tag.MediaStorageSOPInstanceUID, VR.UI,
                requireUID(dataset, Tag.SOPInstanceUID));
        meta.putString(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
        meta.putString(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME);
        return meta;
    }

    private static String requireUID(Dataset dataset, int tag) {
        return dataset.findString(tag).filter(uid -> !uid.isEmpty()).orElseThrow(() ->
                new IllegalArgumentException("Cannot build the file meta information: the data"
                        + " set has no " + Tag.toString(tag) + " "
                        + ElementDictionary.keywordOf(tag)));
    }

    private static String versionName() {
        String version = "";
        try (InputStream in = Part10Writer.class.getResourceAsStream("/dicomite/version.txt")) {
            if (in != null) {
                version = new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
            }
        } catch (IOException e) {
            version = ""; // the name is informative only; without a version it is "DICOMITE"
        }
        String name = version.isEmpty() ? "DICOMITE" : "DICOMITE_" + version;
        return name.length() > 16 ? name.substring(0, 16) : name;
    }

    // PS3.10 §7.1: the group length counts the bytes after its own element up to the data set.
    private static void writeFileMeta(OutputStream out, Dataset fileMeta, TransferSyntax ts)
            throws IOException {
        Dataset meta = new Dataset();
        fileMeta.elements().forEach(meta::put);
        meta.remove(Tag.FileMetaInformationGroupLength);
        meta.putString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        Part10Writer writer = new Part10Writer(body, true, false);
        for (Element e : meta.elements()) {
            writer.writeElement(e);
        }
        Part10Writer header = new Part10Writer(out, true, false);
        header.writeValue(Tag.FileMetaInformationGroupLength, VR.UL, intBytes(body.size()));
        body.writeTo(out);
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16),
            (byte) (value >> 24)};
    }

    private static void writeDeflated(OutputStream out, Dataset dataset) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true); // raw, PS3.5 §A.5
        try {
            CountingOutputStream counted = new CountingOutputStream(out);
            DeflaterOutputStream deflating = new DeflaterOutputStream(counted, deflater, BUFFER);
            BufferedOutputStream buffered = new BufferedOutputStream(deflating, BUFFER);
            new Part10Writer(buffered, true, false).writeTopLevel(dataset);
            buffered.flush();
            deflating.finish();
            if (counted.count % 2 == 1) {
                out.write(0); // PS3.5 §A.5: pad the deflated stream to an even length
            }
        } finally {
            deflater.end();
        }
    }

    private void writeTopLevel(Dataset dataset) throws IOException {
        for (Element e : dataset.elements()) {
            if (Tag.group(e.tag()) != 2 && !Tag.isGroupLength(e.tag())) {
                writeElement(e);
            }
        }
    }

    private void writeItem(Dataset item) throws IOException {
        writeItemHeader(Tag.Item, UNDEFINED);
        for (Element e : item.elements()) {
            if (!Tag.isGroupLength(e.tag())) {
                writeElement(e);
            }
        }
        writeItemHeader(Tag.ItemDelimitationItem, 0);
    }

    private void writeElement(Element e) throws IOException {
        if (e.isSequence()) {
            writeHeader(e.tag(), VR.SQ, UNDEFINED);
            for (Dataset item : e.items()) {
                writeItem(item);
            }
            writeItemHeader(Tag.SequenceDelimitationItem, 0);
        } else if (e.isEncapsulated()) {
            writeFragments(e.tag(), e.vr(), e.fragments());
        } else {
            writeValue(e.tag(), e.vr(), e.bytes());
        }
    }

    private void writeFragments(int tag, VR vr, List<byte[]> fragments) throws IOException {
        writeHeader(tag, vr, UNDEFINED);
        if (fragments.isEmpty()) {
            writeItemHeader(Tag.Item, 0); // PS3.5 §A.4: the basic offset table item is required
        }
        for (byte[] fragment : fragments) {
            writeItemHeader(Tag.Item, fragment.length + (fragment.length & 1));
            out.write(fragment);
            if ((fragment.length & 1) == 1) {
                out.write(0);
            }
        }
        writeItemHeader(Tag.SequenceDelimitationItem, 0);
    }

    private void writeValue(int tag, VR vr, byte[] value) throws IOException {
        int padded = value.length + (value.length & 1);
        boolean tooLong = explicitVR && !vr.hasLongHeader() && padded > MAX_SHORT_LENGTH;
        writeHeader(tag, tooLong ? VR.UN : vr, padded);
        int unit = BigEndian.unitOf(vr);
        if (bigEndian && unit > 1) {
            byte[] swapped = value.clone();
            BigEndian.swapInPlace(swapped, unit);
            out.write(swapped);
        } else {
            out.write(value);
        }
        if (padded != value.length) {
            out.write(vr.paddingByte());
        }
    }

    private void writeHeader(int tag, VR vr, long length) throws IOException {
        putTag(tag);
        if (!explicitVR) {
            putInt(4, length);
            out.write(header, 0, 8);
            return;
        }
        header[4] = (byte) vr.name().charAt(0);
        header[5] = (byte) vr.name().charAt(1);
        if (vr.hasLongHeader()) {
            header[6] = 0;
            header[7] = 0;
            putInt(8, length);
            out.write(header, 0, 12);
        } else {
            putShort(6, (int) length);
            out.write(header, 0, 8);
        }
    }

    // PS3.5 §7.5: items and delimiters have no VR in any transfer syntax.
    private void writeItemHeader(int tag, long length) throws IOException {
        putTag(tag);
        putInt(4, length);
        out.write(header, 0, 8);
    }

    private void putTag(int tag) {
        putShort(0, Tag.group(tag));
        putShort(2, Tag.element(tag));
    }

    private void putShort(int at, int value) {
        header[at + (bigEndian ? 1 : 0)] = (byte) value;
        header[at + (bigEndian ? 0 : 1)] = (byte) (value >> 8);
    }

    private void putInt(int at, long value) {
        putShort(at + (bigEndian ? 2 : 0), (int) value);
        putShort(at + (bigEndian ? 0 : 2), (int) (value >> 16));
    }

    /** Counts the bytes written through it, to pad the deflated stream. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private long count; // bytes

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
