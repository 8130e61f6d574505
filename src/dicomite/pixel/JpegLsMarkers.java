// SPDX-License-Identifier: MIT
package dicomite.pixel;

import java.nio.charset.StandardCharsets;

/**
 * Reads the marker segments of a JPEG-LS codestream (ITU-T T.87 §C.2, ISO/IEC 10918-1 §B.1):
 * SOI, the frame header SOF55, preset parameters LSE, scan headers SOS, DRI, APPn and COM.
 * Every length is checked against the bytes left before it is used. Not thread-safe: one
 * instance per frame, reading forward.
 */
final class JpegLsMarkers {
    static final int SOF55 = 0xF7;
    static final int LSE = 0xF8;
    static final int SOS = 0xDA;
    static final int EOI = 0xD9;
    static final int DRI = 0xDD;
    static final int COM = 0xFE;
    static final int APP8 = 0xE8;
    static final int END_OF_DATA = -1;

    /** The frame header: sample precision P, lines Y, columns X and component ids. */
    record Frame(int precision, int rows, int columns, int[] componentIds) {
    }

    /** LSE type 1 values; zero means the default (T.87 §C.2.4.1.1). */
    record Preset(int maxValue, int t1, int t2, int t3, int reset) {
        static final Preset NONE = new Preset(0, 0, 0, 0, 0);
    }

    /** A scan header: frame component indices, NEAR, interleave mode and point transform. */
    record Scan(int[] components, int near, int interleave, int pointTransform) {
    }

    private final byte[] data;
    private int position;

    JpegLsMarkers(byte[] data) {
        this.data = data;
    }

    int position() {
        return position;
    }

    /** Checks the stream opens with SOI (FF D8). */
    void readStartOfImage() throws PixelDataException {
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw new PixelDataException("JPEG-LS: frame does not start with the SOI marker"
                    + " FF D8 at offset 0x0 (T.87 §C.1.1)");
        }
        position = 2;
    }

    /**
     * The code of the next marker at or after {@code from}, skipping fill bytes and any data,
     * or {@link #END_OF_DATA}; afterwards {@link #position()} is just past the marker.
     */
    int nextMarker(int from) {
        for (int i = Math.max(from, 0); i + 1 < data.length; i++) {
            int code = data[i + 1] & 0xFF;
            if ((data[i] & 0xFF) == 0xFF && code >= 0x80 && code != 0xFF) {
                position = i + 2;
                return code;
            }
        }
        position = data.length;
        return END_OF_DATA;
    }

    /**
     * Reads a segment's length and returns the offset just past the segment.
     *
     * @throws PixelDataException when the length is below 2 or beyond the data
     */
    private int segmentEnd(String name) throws PixelDataException {
        if (position + 2 > data.length) {
            throw new PixelDataException("JPEG-LS: " + name + " segment at offset 0x"
                    + Integer.toHexString(position - 2) + " is cut off before its length");
        }
        int length = uint16();
        if (length < 2 || position - 2 + length > data.length) {
            throw new PixelDataException("JPEG-LS: " + name + " segment length " + length
                    + " at offset 0x" + Integer.toHexString(position - 2) + " exceeds the "
                    + (data.length - position + 2) + " bytes left");
        }
        return position - 2 + length;
    }

    private int uint16() {
        int v = (data[position] & 0xFF) << 8 | data[position + 1] & 0xFF;
        position += 2;
        return v;
    }

    private int uint8() {
        return data[position++] & 0xFF;
    }

    private void requireLength(String name, int end, int expected) throws PixelDataException {
        if (end - position < expected) {
            throw new PixelDataException("JPEG-LS: " + name + " segment at offset 0x"
                    + Integer.toHexString(position - 4) + " is " + (end - position + 2)
                    + " bytes long, too short for its " + (expected + 2) + " (T.87 §C.2)");
        }
    }

    /** Skips the segment of the marker just read. */
    void skipSegment() throws PixelDataException {
        position = segmentEnd("marker");
    }

    /**
     * Reads SOF55 (T.87 §C.2.2).
     *
     * @throws PixelDataException when the segment is short, or a size or precision is out of
     *     range
     */
    Frame readFrame() throws PixelDataException {
        int end = segmentEnd("SOF55");
        requireLength("SOF55", end, 6);
        int precision = uint8();
        int rows = uint16();
        int columns = uint16();
        int count = uint8();
        requireLength("SOF55", end, 3 * count);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = uint8();
            position += 2; // sampling factors and Tq, not used by JPEG-LS
        }
        position = end;
        if (precision < 2 || precision > 16 || rows < 1 || columns < 1 || count < 1) {
            throw new PixelDataException("JPEG-LS: SOF55 gives precision " + precision + ", "
                    + rows + " rows, " + columns + " columns and " + count + " components;"
                    + " precision 2..16 and sizes of at least 1 are supported (T.87 §C.2.2)");
        }
        return new Frame(precision, rows, columns, ids);
    }

    /**
     * Reads an LSE segment (T.87 §C.2.4.1); only type 1, preset coding parameters, is
     * supported.
     *
     * @throws PixelDataException for other types (mapping tables, oversize dimensions, the
     *     HP colour transform extension) or a short segment
     */
    Preset readPreset() throws PixelDataException {
        int end = segmentEnd("LSE");
        requireLength("LSE", end, 1);
        int id = uint8();
        if (id != 1) {
            throw new PixelDataException("JPEG-LS: LSE segment of type " + id + " at offset 0x"
                    + Integer.toHexString(position - 5) + " is not supported; only preset"
                    + " coding parameters (type 1) are (T.87 §C.2.4.1; mapping tables, oversize"
                    + " images and HP colour transforms are not)");
        }
        requireLength("LSE", end, 10);
        Preset preset = new Preset(uint16(), uint16(), uint16(), uint16(), uint16());
        position = end;
        return preset;
    }

    /**
     * Reads DRI and returns the restart interval.
     *
     * @throws PixelDataException when the segment is short
     */
    int readRestartInterval() throws PixelDataException {
        int end = segmentEnd("DRI");
        requireLength("DRI", end, 2);
        int interval = uint16();
        position = end;
        return interval;
    }

    /**
     * Skips an APP8 segment, refusing the HP colour transform ("mrfx", T.87 extensions used by
     * HP LOCO-I and CharLS) because its output would not be the stored colour model.
     *
     * @throws PixelDataException when the segment declares a colour transform
     */
    void skipApplication8() throws PixelDataException {
        int start = position - 2;
        int end = segmentEnd("APP8");
        boolean mrfx = end - position >= 5 && "mrfx".equals(
                new String(data, position, 4, StandardCharsets.ISO_8859_1));
        if (mrfx && data[position + 4] != 0) {
            throw new PixelDataException("JPEG-LS: APP8 segment at offset 0x"
                    + Integer.toHexString(start) + " declares HP colour transform "
                    + data[position + 4] + "; colour transforms are not supported");
        }
        position = end;
    }

    /**
     * Reads SOS (T.87 §C.2.3) and maps its component selectors to frame component indices.
     *
     * @throws PixelDataException when the segment is short, names an unknown component, or
     *     gives an interleave mode other than 0, 1 or 2
     */
    Scan readScan(Frame frame) throws PixelDataException {
        int end = segmentEnd("SOS");
        requireLength("SOS", end, 1);
        int count = uint8();
        requireLength("SOS", end, 2 * count + 3);
        int[] components = new int[count];
        for (int i = 0; i < count; i++) {
            components[i] = indexOf(frame, uint8());
            position++; // mapping table selector; tables are refused in readPreset
        }
        Scan scan = new Scan(components, uint8(), uint8(), uint8() & 0x0F);
        position = end;
        if (count < 1 || scan.interleave() > 2 || (count == 1) != (scan.interleave() == 0)) {
            throw new PixelDataException("JPEG-LS: SOS with " + count + " components and"
                    + " interleave mode " + scan.interleave() + " is invalid; one component"
                    + " needs mode 0, several need 1 or 2 (T.87 §C.2.3)");
        }
        return scan;
    }

    private int indexOf(Frame frame, int id) throws PixelDataException {
        for (int i = 0; i < frame.componentIds().length; i++) {
            if (frame.componentIds()[i] == id) {
                return i;
            }
        }
        throw new PixelDataException("JPEG-LS: SOS at offset 0x" + Integer.toHexString(position)
                + " selects component " + id + ", which SOF55 does not define (T.87 §C.2.3)");
    }
}
