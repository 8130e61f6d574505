// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.Deflater;

/**
 * Builds DICOM byte streams element by element for codec tests, including malformed ones: every
 * header field is written as given, so lengths may lie. Also a canonical text form of a data set
 * (tags, VRs, value bytes, items, fragments) for comparing data sets in assertions.
 */
final class Part10Bytes {
    static final long UNDEFINED = 0xFFFFFFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean bigEndian;

    private Part10Bytes(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    static Part10Bytes littleEndian() {
        return new Part10Bytes(false);
    }

    static Part10Bytes bigEndian() {
        return new Part10Bytes(true);
    }

    /** Preamble, "DICM" and a minimal file meta information naming {@code tsUID}. */
    Part10Bytes preambleAndMeta(String tsUID) {
        out.writeBytes(new byte[128]);
        out.writeBytes(ascii("DICM"));
        out.writeBytes(meta(tsUID));
        return this;
    }

    /** A file meta information group (with its group length) in explicit VR little endian. */
    static byte[] meta(String tsUID) {
        Part10Bytes body = littleEndian()
                .explicit(Tag.FileMetaInformationVersion, "OB", new byte[] {0, 1})
                .explicit(Tag.MediaStorageSOPClassUID, "UI", uid("1.2.840.10008.5.1.4.1.1.7"))
                .explicit(Tag.MediaStorageSOPInstanceUID, "UI", uid("1.2.3.4"))
                .explicit(Tag.TransferSyntaxUID, "UI", uid(tsUID));
        byte[] bytes = body.bytes();
        return littleEndian().explicit(Tag.FileMetaInformationGroupLength, "UL",
                le32(bytes.length)).raw(bytes).bytes();
    }

    /** An explicit VR element whose length is that of {@code value}. */
    Part10Bytes explicit(int tag, String vr, byte[] value) {
        explicitHeader(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    /** An explicit VR header only, with any length (e.g. undefined or a lie). */
    Part10Bytes explicitHeader(int tag, String vr, long length) {
        tag(tag);
        out.writeBytes(ascii(vr));
        if (VR.valueOf(vr).hasLongHeader()) {
            short16(0);
            int32(length);
        } else {
            short16((int) length);
        }
        return this;
    }

    /** An explicit header with a VR code that names no VR, long form. */
    Part10Bytes unknownVRHeader(int tag, String code, long length) {
        tag(tag);
        out.writeBytes(ascii(code));
        short16(0);
        int32(length);
        return this;
    }

    Part10Bytes implicit(int tag, byte[] value) {
        implicitHeader(tag, value.length);
        out.writeBytes(value);
        return this;
    }

    Part10Bytes implicitHeader(int tag, long length) {
        tag(tag);
        int32(length);
        return this;
    }

    Part10Bytes item(long length) {
        return implicitHeader(Tag.Item, length);
    }

    Part10Bytes item(byte[] value) {
        return implicit(Tag.Item, value);
    }

    Part10Bytes itemEnd() {
        return implicitHeader(Tag.ItemDelimitationItem, 0);
    }

    Part10Bytes sequenceEnd() {
        return implicitHeader(Tag.SequenceDelimitationItem, 0);
    }

    Part10Bytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Appends everything built so far by {@code other}. */
    Part10Bytes raw(Part10Bytes other) {
        return raw(other.bytes());
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    private void tag(int tag) {
        short16(Tag.group(tag));
        short16(Tag.element(tag));
    }

    private void short16(int v) {
        out.write(bigEndian ? v >> 8 : v);
        out.write(bigEndian ? v : v >> 8);
    }

    private void int32(long v) {
        short16((int) (bigEndian ? v >> 16 : v));
        short16((int) (bigEndian ? v : v >> 16));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A UID value, NUL-padded to even length. */
    static byte[] uid(String uid) {
        return ascii(uid.length() % 2 == 0 ? uid : uid + "\0");
    }

    static byte[] le16(int... values) {
        byte[] bytes = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            bytes[2 * i] = (byte) values[i];
            bytes[2 * i + 1] = (byte) (values[i] >> 8);
        }
        return bytes;
    }

    static byte[] le32(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16),
            (byte) (value >> 24)};
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A stream that hides its length and its mark support, as a network stream would. */
    static InputStream streaming(byte[] bytes) {
        return new FilterInputStream(new java.io.ByteArrayInputStream(bytes)) {
            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public int available() {
                return 0;
            }
        };
    }

    /** One line per element, items and fragments indented: equal data sets give equal text. */
    static String describe(Dataset dataset) {
        StringBuilder text = new StringBuilder();
        describe(dataset, "", text);
        return text.toString();
    }

    private static void describe(Dataset dataset, String indent, StringBuilder text) {
        HexFormat hex = HexFormat.of();
        for (Element e : dataset.elements()) {
            text.append(indent).append(Tag.toString(e.tag())).append(' ').append(e.vr());
            if (e.isSequence()) {
                text.append(" items ").append(e.items().size()).append('\n');
                for (Dataset item : e.items()) {
                    text.append(indent).append("  item\n");
                    describe(item, indent + "    ", text);
                }
            } else if (e.isEncapsulated()) {
                text.append(" fragments\n");
                for (byte[] fragment : e.fragments()) {
                    text.append(indent).append("  ").append(hex.formatHex(fragment)).append('\n');
                }
            } else {
                text.append(' ').append(hex.formatHex(e.bytes())).append('\n');
            }
        }
    }
}
