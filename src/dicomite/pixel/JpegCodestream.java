// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * Walks the marker segments of one JPEG image (ITU-T T.81 Annex B, interchange format §B.2)
 * as PS3.5 §8.2.1 and §A.4.1 carry it in a frame: SOI, then tables (DHT, DQT, DRI), the frame
 * header (SOFn), and scans (SOS plus entropy-coded data) up to EOI. APPn, COM and other
 * segments are skipped by their length. Every length is checked against the bytes left, so a
 * corrupt stream ends in a {@link PixelDataException}; the data may end with a DICOM padding
 * byte or without EOI. Holds the tables in force; not thread-safe: one per decode.
 */
final class JpegCodestream {
    static final int SOF0 = 0xC0; // baseline DCT
    static final int SOF1 = 0xC1; // extended sequential DCT, Huffman
    static final int SOF3 = 0xC3; // lossless, Huffman
    private static final int DHT = 0xC4;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DQT = 0xDB;
    private static final int DNL = 0xDC;
    private static final int DRI = 0xDD;

    final byte[] data;
    final JpegHuffmanTable[] dcTables = new JpegHuffmanTable[4]; // also the lossless tables
    final JpegHuffmanTable[] acTables = new JpegHuffmanTable[4];
    final int[][] quantTables = new int[4][]; // 64 values each, zig-zag order
    private int position; // next byte to parse
    private JpegFrameHeader frame;
    private int restartInterval; // MCUs per restart interval, 0 when none

    /**
     * Starts at the SOI marker that must open the data.
     *
     * @throws PixelDataException when the data does not start with SOI
     */
    JpegCodestream(byte[] data) throws PixelDataException {
        this.data = data;
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw new PixelDataException("JPEG frame of " + data.length + " bytes does not start"
                    + " with the SOI marker 0xFFD8 (T.81 §B.2.1)");
        }
        position = 2;
    }

    /** The frame header, or null before the SOFn segment. */
    JpegFrameHeader frame() {
        return frame;
    }

    /** The offset of the next byte to parse: after a scan header, its entropy-coded data. */
    int position() {
        return position;
    }

    /** The restart interval in MCUs in force, 0 when none (T.81 §B.2.4.4). */
    int restartInterval() {
        return restartInterval;
    }

    /**
     * The first scan header (T.81 §B.2.1: a frame has at least one scan).
     *
     * @throws PixelDataException when there is none, or as {@link #nextScan}
     */
    JpegScanHeader firstScan() throws PixelDataException {
        JpegScanHeader scan = nextScan();
        if (scan == null) {
            throw new PixelDataException("JPEG frame of " + data.length + " bytes has no scan"
                    + " (SOS) before its end (T.81 §B.2.1)");
        }
        return scan;
    }

    /**
     * Checks that a scan decoded each component (T.81 §B.2.1).
     *
     * @param decoded by component index, whether a scan held it
     * @throws PixelDataException naming the first component no scan held
     */
    static void requireEveryComponent(boolean[] decoded, String section)
            throws PixelDataException {
        for (int c = 0; c < decoded.length; c++) {
            if (!decoded[c]) {
                throw new PixelDataException("JPEG frame ends before a scan of component "
                        + (c + 1) + " of " + decoded.length + " (T.81 " + section + ")");
            }
        }
    }

    /**
     * Reads segments up to the next scan header; null at EOI or at the end of the data.
     *
     * @throws PixelDataException when a segment is malformed, a scan comes before the frame
     *     header or the frame uses a process other than SOF0, SOF1 or SOF3
     */
    JpegScanHeader nextScan() throws PixelDataException {
        while (true) {
            int at = nextMarker();
            if (at < 0) {
                return null;
            }
            int marker = data[at + 1] & 0xFF;
            position = at + 2;
            if (marker == EOI) {
                return null;
            }
            if (marker == SOI || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                continue; // parameterless markers (T.81 §B.1.1.3)
            }
            int length = segmentLength(at, marker);
            int body = position + 2;
            position = at + 2 + length;
            if (marker == SOS) {
                return readScan(at, body, length - 2);
            }
            readSegment(marker, at, body, length - 2);
        }
    }

    private void readSegment(int marker, int at, int body, int length) throws PixelDataException {
        if (marker == DHT) {
            readHuffmanTables(at, body, length);
        } else if (marker == DQT) {
            readQuantTables(at, body, length);
        } else if (marker == DRI) {
            requireLength(at, "DRI", length, 2);
            restartInterval = u16(body);
        } else if (marker == DNL) {
            throw new PixelDataException("JPEG DNL marker at offset " + hex(at) + " is not"
                    + " supported: the frame header must give the number of lines (T.81 §B.2.5)");
        } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC8 && marker != 0xCC) {
            readFrame(marker, at, body, length);
        }
    }

    /** The offset of the next marker at or after the current position, -1 at the end. */
    private int nextMarker() throws PixelDataException {
        int at = position;
        while (at < data.length && data[at] == 0) {
            at++; // DICOM pads odd-length frames with 0x00 (PS3.5 §A.4)
        }
        if (at >= data.length) {
            return -1;
        }
        if ((data[at] & 0xFF) != 0xFF || at + 1 >= data.length) {
            throw new PixelDataException("JPEG data at offset " + hex(at) + " is 0x"
                    + String.format("%02X", data[at] & 0xFF) + ", not a marker (T.81 §B.1.1.2)");
        }
        while (at + 2 < data.length && (data[at + 1] & 0xFF) == 0xFF) {
            at++; // fill bytes
        }
        return at;
    }

    private int segmentLength(int at, int marker) throws PixelDataException {
        int left = data.length - at - 2;
        int length = left >= 2 ? u16(at + 2) : -1;
        if (length < 2 || length > left) {
            throw new PixelDataException("JPEG segment 0xFF" + String.format("%02X", marker)
                    + " at offset " + hex(at) + " has length " + length + " but " + left
                    + " bytes are left (T.81 §B.1.1.4)");
        }
        return length;
    }

    /**
     * Moves past the entropy-coded data of the scan just read, from {@code from} on, to the
     * next marker that is neither a stuffed 0xFF00 nor a restart marker.
     */
    void skipEntropyData(int from) {
        int at = Math.max(from, position);
        while (at + 1 < data.length) {
            int next = data[at + 1] & 0xFF;
            if ((data[at] & 0xFF) == 0xFF && next != 0 && next != 0xFF
                    && (next < 0xD0 || next > 0xD7)) {
                break;
            }
            at++;
        }
        position = Math.min(at, data.length);
    }

    private void readFrame(int marker, int at, int body, int length) throws PixelDataException {
        if (marker != SOF0 && marker != SOF1 && marker != SOF3) {
            throw new PixelDataException("JPEG " + sofName(marker) + " at offset " + hex(at)
                    + " is not supported: only SOF0, SOF1 and SOF3 (Huffman, sequential or"
                    + " lossless) are decoded");
        }
        if (frame != null) {
            throw new PixelDataException("JPEG frame has a second frame header at offset "
                    + hex(at) + " (T.81 §B.2.1)");
        }
        int count = length >= 6 ? data[body + 5] & 0xFF : 0;
        requireLength(at, "SOF", length, 6 + 3 * count);
        if (count == 0 || u16(body + 1) == 0 || u16(body + 3) == 0) {
            throw new PixelDataException("JPEG " + sofName(marker) + " at offset " + hex(at)
                    + " gives " + u16(body + 1) + " lines, " + u16(body + 3) + " samples per"
                    + " line and " + count + " components; each must be at least 1 (DNL is not"
                    + " supported, T.81 §B.2.2)");
        }
        frame = new JpegFrameHeader(marker, at, data[body] & 0xFF, u16(body + 1), u16(body + 3),
                readComponents(at, body + 6, count));
    }

    private JpegFrameHeader.Component[] readComponents(int at, int start, int count)
            throws PixelDataException {
        JpegFrameHeader.Component[] components = new JpegFrameHeader.Component[count];
        for (int i = 0; i < count; i++) {
            int p = start + 3 * i;
            int h = (data[p + 1] & 0xFF) >> 4;
            int v = data[p + 1] & 0x0F;
            int tq = data[p + 2] & 0xFF;
            if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
                throw new PixelDataException("JPEG frame header at offset " + hex(at)
                        + ": component " + (i + 1) + " has sampling " + h + "x" + v + " and"
                        + " quantization table " + tq + "; allowed are 1..4 and 0..3 (T.81"
                        + " §B.2.2)");
            }
            components[i] = new JpegFrameHeader.Component(data[p] & 0xFF, h, v, tq);
        }
        return components;
    }

    private JpegScanHeader readScan(int at, int body, int length) throws PixelDataException {
        if (frame == null) {
            throw new PixelDataException("JPEG scan at offset " + hex(at) + " comes before the"
                    + " frame header (T.81 §B.2.1)");
        }
        int count = length >= 1 ? data[body] & 0xFF : 0;
        requireLength(at, "SOS", length, 4 + 2 * count);
        if (count < 1 || count > 4) {
            throw new PixelDataException("JPEG scan at offset " + hex(at) + " has " + count
                    + " components; allowed are 1..4 (T.81 §B.2.3)");
        }
        int[] indexes = new int[count];
        int[] dc = new int[count];
        int[] ac = new int[count];
        for (int i = 0; i < count; i++) {
            int p = body + 1 + 2 * i;
            indexes[i] = frame.indexOf(data[p] & 0xFF);
            dc[i] = (data[p + 1] & 0xFF) >> 4;
            ac[i] = data[p + 1] & 0x0F;
            if (indexes[i] < 0 || dc[i] > 3 || ac[i] > 3) {
                throw new PixelDataException("JPEG scan at offset " + hex(at) + ": component "
                        + (data[p] & 0xFF) + " with tables " + dc[i] + "/" + ac[i] + " is not in"
                        + " the frame or the tables are not 0..3 (T.81 §B.2.3)");
            }
        }
        int p = body + 1 + 2 * count;
        return new JpegScanHeader(at, indexes, dc, ac, data[p] & 0xFF, data[p + 1] & 0xFF,
                (data[p + 2] & 0xFF) >> 4, data[p + 2] & 0x0F);
    }

    private void readHuffmanTables(int at, int body, int length) throws PixelDataException {
        int p = body;
        int end = body + length;
        while (p < end) {
            requireLength(at, "DHT", end - p, 17);
            int tableClass = (data[p] & 0xFF) >> 4;
            int id = data[p] & 0x0F;
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = data[p + 1 + i] & 0xFF;
                total += counts[i];
            }
            requireLength(at, "DHT", end - p, 17 + total);
            if (tableClass > 1 || id > 3) {
                throw new PixelDataException("JPEG DHT at offset " + hex(at) + " defines table"
                        + " class " + tableClass + " id " + id + "; allowed are 0..1 and 0..3"
                        + " (T.81 §B.2.4.2)");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = data[p + 17 + i] & 0xFF;
            }
            (tableClass == 0 ? dcTables : acTables)[id] = JpegHuffmanTable.of(counts, values, at);
            p += 17 + total;
        }
    }

    private void readQuantTables(int at, int body, int length) throws PixelDataException {
        int p = body;
        int end = body + length;
        while (p < end) {
            int precision = (data[p] & 0xFF) >> 4;
            int id = data[p] & 0x0F;
            int size = precision == 0 ? 1 : 2;
            requireLength(at, "DQT", end - p, 1 + 64 * size);
            if (precision > 1 || id > 3) {
                throw new PixelDataException("JPEG DQT at offset " + hex(at) + " defines table "
                        + id + " with precision " + precision + "; allowed are 0..3 and 0..1"
                        + " (T.81 §B.2.4.1)");
            }
            int[] table = new int[64];
            for (int i = 0; i < 64; i++) {
                table[i] = size == 1 ? data[p + 1 + i] & 0xFF : u16(p + 1 + 2 * i);
            }
            quantTables[id] = table;
            p += 1 + 64 * size;
        }
    }

    private void requireLength(int at, String segment, int length, int needed)
            throws PixelDataException {
        if (length < needed) {
            throw new PixelDataException("JPEG " + segment + " segment at offset " + hex(at)
                    + " has " + length + " bytes of parameters, needs " + needed
                    + " (T.81 Annex B)");
        }
    }

    private int u16(int p) {
        return (data[p] & 0xFF) << 8 | data[p + 1] & 0xFF;
    }

    static String hex(int offset) {
        return "0x" + Integer.toHexString(offset).toUpperCase(java.util.Locale.ROOT);
    }

    /** The name and coding process of an SOFn marker (T.81 Table B.1). */
    static String sofName(int marker) {
        String process = switch (marker) {
            case 0xC0 -> "baseline DCT";
            case 0xC1 -> "extended sequential DCT, Huffman";
            case 0xC2 -> "progressive DCT, Huffman";
            case 0xC3 -> "lossless, Huffman";
            case 0xC5 -> "differential sequential DCT, Huffman";
            case 0xC6 -> "differential progressive DCT, Huffman";
            case 0xC7 -> "differential lossless, Huffman";
            case 0xC9 -> "extended sequential DCT, arithmetic";
            case 0xCA -> "progressive DCT, arithmetic";
            case 0xCB -> "lossless, arithmetic";
            case 0xCD -> "differential sequential DCT, arithmetic";
            case 0xCE -> "differential progressive DCT, arithmetic";
            case 0xCF -> "differential lossless, arithmetic";
            default -> "unknown process";
        };
        return "SOF" + (marker - 0xC0) + " (" + process + ")";
    }
}
