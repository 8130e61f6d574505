// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A readable tree of what {@link Part10Reader} read, one line per element:
 * <pre>
 * 0000015C (0008,0018) UI         10  SOPInstanceUID                      1.2.3.4.5
 * 0000016E (0008,1115) SQ        u/l  ReferencedSeriesSequence            1 item
 *   0000017A (FFFE,E000) item 1 of 1
 *     00000182 (0020,000E) UI          8  SeriesInstanceUID                   1.2.3.4
 * 000001B2 (0028,0010) US          2  Rows                                512
 * 000001BC (7FE0,0010) OB        u/l  PixelData                           1 fragment
 *   000001C8 (FFFE,E000) basic offset table, 4 bytes: 00 00 00 00
 *   000001D4 (FFFE,E000) fragment 1, 10 bytes: FF D8 FF E0 00 10 4A 46 …
 * </pre>
 * Columns: input offset of the tag in hex ("--------" for elements made in memory), tag, VR,
 * declared length ("u/l" for undefined), PS3.6 keyword, value. Text is decoded with the Specific
 * Character Set in force (PS3.5 §6.1.2.5) and shortened to {@link #MAX_TEXT} characters; binary
 * numbers are shown as numbers, at most {@link #MAX_NUMBERS}; bulk data as its first
 * {@link #MAX_BYTES} bytes in hex. An item's offset is that of its first element less the 8-byte
 * item header (none is shown for an empty item); fragment offsets follow from the pixel data
 * element's. Output only; not meant to be parsed back.
 */
public final class TextDump {
    static final int MAX_TEXT = 64; // characters
    static final int MAX_NUMBERS = 16; // values
    static final int MAX_BYTES = 8; // bytes
    private static final String ELLIPSIS = "\u2026";
    private static final String NO_OFFSET = "--------";

    private final Appendable out;
    private final int elementHeader; // bytes before the first item of undefined-length data

    private TextDump(Appendable out, TransferSyntax ts) {
        this.out = out;
        this.elementHeader = ts.explicitVR() ? 12 : 8;
    }

    /**
     * Prints the file meta information and the data set of {@code file}.
     *
     * <pre>{@code TextDump.print(Part10Reader.read(path), System.out);}</pre>
     *
     * @throws IOException when {@code out} fails
     */
    public static void print(Part10 file, Appendable out) throws IOException {
        TransferSyntax ts = file.transferSyntax();
        out.append("# Preamble: ").append(file.hasPreamble() ? "yes" : "no").append('\n');
        out.append("# File meta information (Explicit VR Little Endian)\n");
        TextDump meta = new TextDump(out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        meta.printDataset(file.fileMeta(), 0);
        out.append("# Data set: ").append(ts.uid());
        if (!ts.name().equals(ts.uid())) {
            out.append(" (").append(ts.name()).append(')');
        }
        out.append('\n');
        new TextDump(out, ts).printDataset(file.dataset(), 0);
        if (file.pixelDataOffset() >= 0 && !hasPixelData(file.dataset())) {
            out.append(String.format("# Stopped before pixel data at offset %08X%n",
                    file.pixelDataOffset()));
        }
    }

    private static boolean hasPixelData(Dataset dataset) {
        return dataset.contains(Tag.PixelData) || dataset.contains(Tag.FloatPixelData)
                || dataset.contains(Tag.DoubleFloatPixelData);
    }

    private void printDataset(Dataset dataset, int depth) throws IOException {
        for (Element e : dataset.elements()) {
            printElement(e, dataset, depth);
        }
    }

    private void printElement(Element e, Dataset owner, int depth) throws IOException {
        String length = e.length() < 0 ? "u/l" : Long.toString(e.length());
        String line = String.format("%s%s %s %s %10s  %-34s  ", indent(depth),
                offsetOf(e.offset()), Tag.toString(e.tag()), e.vr(), length, keywordOf(e.tag()));
        if (e.isSequence()) {
            int n = e.items().size();
            out.append(line).append(n + (n == 1 ? " item" : " items")).append('\n');
            printItems(e.items(), depth + 1);
        } else if (e.isEncapsulated()) {
            int n = e.fragments().size() - 1;
            out.append(line).append(n + (n == 1 ? " fragment" : " fragments")).append('\n');
            printFragments(e, depth + 1);
        } else {
            out.append(line).append(valueOf(e, owner)).append('\n');
        }
    }

    private void printItems(List<Dataset> items, int depth) throws IOException {
        for (int i = 0; i < items.size(); i++) {
            Dataset item = items.get(i);
            long offset = item.isEmpty() ? -1 : item.elements().iterator().next().offset();
            out.append(String.format("%s%s (FFFE,E000) item %d of %d%n", indent(depth),
                    offsetOf(offset < 0 ? -1 : offset - 8), i + 1, items.size()));
            printDataset(item, depth + 1);
        }
    }

    private void printFragments(Element e, int depth) throws IOException {
        long offset = e.offset() < 0 ? -1 : e.offset() + elementHeader;
        List<byte[]> fragments = e.fragments();
        for (int i = 0; i < fragments.size(); i++) {
            byte[] fragment = fragments.get(i);
            String what = i == 0 ? "basic offset table" : "fragment " + i;
            out.append(String.format("%s%s (FFFE,E000) %s, %d bytes", indent(depth),
                    offsetOf(offset), what, fragment.length));
            out.append(fragment.length == 0 ? "" : ": " + hex(fragment)).append('\n');
            offset = offset < 0 ? -1 : offset + 8 + fragment.length;
        }
    }

    private static String indent(int depth) {
        return "  ".repeat(depth);
    }

    private static String offsetOf(long offset) {
        return offset < 0 ? NO_OFFSET : String.format("%08X", offset);
    }

    private static String keywordOf(int tag) {
        String keyword = ElementDictionary.keywordOf(tag);
        if (!keyword.isEmpty()) {
            return keyword;
        }
        if (Tag.isPrivateCreator(tag)) {
            return "(private creator)";
        }
        return Tag.isPrivate(tag) ? "(private)" : "(unknown)";
    }

    /** The value of a plain element as one line of text. */
    static String valueOf(Element e, Dataset owner) {
        byte[] bytes = e.value();
        if (bytes.length == 0) {
            return "(empty)";
        }
        VR vr = e.vr();
        if (vr.isString()) {
            return textOf(bytes, vr, owner);
        }
        if (vr.kind() == VR.Kind.BINARY) {
            return numbersOf(bytes, vr);
        }
        return hex(bytes);
    }

    private static String textOf(byte[] bytes, VR vr, Dataset owner) {
        String text = vr.usesCharacterSet() ? owner.characterSet().decode(bytes, vr)
                : new String(bytes, StandardCharsets.ISO_8859_1);
        text = stripPadding(text);
        if (vr == VR.UI) {
            text = text + UIDDictionary.nameOf(text).map(name -> " (" + name + ")").orElse("");
        }
        text = text.replace("\r", "\\r").replace("\n", "\\n");
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + ELLIPSIS : text;
    }

    private static String stripPadding(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\0')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String numbersOf(byte[] bytes, VR vr) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int size = vr.bytesPerValue();
        StringBuilder text = new StringBuilder();
        for (int i = 0; buffer.remaining() >= size; i++) {
            if (i == MAX_NUMBERS) {
                return text.append('\\').append(ELLIPSIS).toString();
            }
            text.append(i == 0 ? "" : "\\").append(numberOf(buffer, vr));
        }
        return text.length() == 0 ? hex(bytes) : text.toString();
    }

    private static String numberOf(ByteBuffer buffer, VR vr) {
        switch (vr) {
            case US: return Integer.toString(buffer.getShort() & 0xFFFF);
            case SS: return Short.toString(buffer.getShort());
            case UL: return Integer.toUnsignedString(buffer.getInt());
            case SL: return Integer.toString(buffer.getInt());
            case FL: return Float.toString(buffer.getFloat());
            case FD: return Double.toString(buffer.getDouble());
            case SV: return Long.toString(buffer.getLong());
            case UV: return Long.toUnsignedString(buffer.getLong());
            case AT: return Tag.toString((buffer.getShort() & 0xFFFF) << 16
                    | buffer.getShort() & 0xFFFF);
            default: throw new AssertionError("not a binary VR: " + vr);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, MAX_BYTES); i++) {
            text.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
        }
        return bytes.length > MAX_BYTES ? text.append(' ').append(ELLIPSIS).toString()
                : text.toString();
    }
}
