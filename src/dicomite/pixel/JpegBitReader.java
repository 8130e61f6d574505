// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * Reads the entropy-coded segments of a JPEG scan (ITU-T T.81 §F.2.2.5, Annex C): bits most
 * significant first, a 0x00 stuffed after every 0xFF removed (§B.1.1.5), and zero bits supplied
 * once a marker or the end of the data is reached, so a truncated or corrupt scan never reads
 * past the array and never blocks. The callers bound their loops by the frame size, so the
 * supply of zero bits is never drawn on forever. Not thread-safe: one per scan.
 */
final class JpegBitReader {
    private static final int MAX_CODE_LENGTH = 16; // bits; T.81 Annex C

    private final byte[] data;
    private final int end; // exclusive
    private int position; // next byte to read
    private long buffer; // valid bits left-aligned
    private int count; // valid bits in buffer
    private boolean atMarker; // a marker or the end stopped the reading

    JpegBitReader(byte[] data, int start, int end) {
        this.data = data;
        this.position = start;
        this.end = end;
    }

    /** The offset of the first byte not yet taken into the bit buffer. */
    int position() {
        return position;
    }

    private void fill() {
        while (count <= 56) {
            int b = 0;
            if (!atMarker) {
                b = nextByte();
            }
            buffer |= (long) b << (56 - count);
            count += 8;
        }
    }

    private int nextByte() {
        if (position >= end) {
            atMarker = true;
            return 0;
        }
        int b = data[position] & 0xFF;
        if (b != 0xFF) {
            position++;
            return b;
        }
        if (position + 1 < end && data[position + 1] == 0) {
            position += 2; // T.81 §B.1.1.5: stuffed zero byte
            return 0xFF;
        }
        atMarker = true;
        return 0;
    }

    /**
     * The next Huffman-coded value.
     *
     * @throws PixelDataException when the bits match no code of the table
     */
    int decode(JpegHuffmanTable table) throws PixelDataException {
        if (count < MAX_CODE_LENGTH) {
            fill();
        }
        int entry = table.lookup[(int) (buffer >>> (64 - JpegHuffmanTable.LOOKAHEAD))];
        if (entry != 0) {
            skip(entry >>> 8);
            return entry & 0xFF;
        }
        for (int length = JpegHuffmanTable.LOOKAHEAD + 1; length <= MAX_CODE_LENGTH; length++) {
            int code = (int) (buffer >>> (64 - length));
            if (code <= table.maxCode[length]) {
                skip(length);
                int index = table.valueOffset[length] + code;
                if (index < 0 || index >= table.values.length) {
                    break;
                }
                return table.values[index];
            }
        }
        throw new PixelDataException("JPEG entropy-coded data near offset 0x"
                + Integer.toHexString(position) + " holds no valid Huffman code (T.81 Annex F)");
    }

    /** The next {@code length} bits (0..16) as an unsigned number. */
    int receive(int length) {
        if (length == 0) {
            return 0;
        }
        if (count < length) {
            fill();
        }
        int value = (int) (buffer >>> (64 - length));
        skip(length);
        return value;
    }

    /** The next {@code length} bits as the signed difference of T.81 §F.2.2.1 (EXTEND). */
    int receiveExtended(int length) {
        int value = receive(length);
        return length != 0 && value < (1 << (length - 1)) ? value - (1 << length) + 1 : value;
    }

    private void skip(int length) {
        buffer <<= length;
        count -= length;
    }

    /**
     * Drops the buffered bits and reads the RSTn marker expected after a restart interval
     * (T.81 §B.2.1, §F.2.1.3).
     *
     * @throws PixelDataException when the next marker is not RST{@code expected}
     */
    void restart(int expected) throws PixelDataException {
        buffer = 0;
        count = 0;
        atMarker = false;
        while (position < end && (data[position] & 0xFF) != 0xFF) {
            position++; // bits padded after the interval's last code
        }
        while (position + 1 < end && (data[position + 1] & 0xFF) == 0xFF) {
            position++; // T.81 §B.1.1.2: fill bytes before a marker
        }
        int marker = position + 1 < end ? data[position + 1] & 0xFF : -1;
        if (marker != 0xD0 + expected) {
            throw new PixelDataException("JPEG restart marker RST" + expected + " expected at"
                    + " offset 0x" + Integer.toHexString(position) + ", found "
                    + (marker < 0 ? "the end of the data" : "0xFF" + hex(marker))
                    + " (T.81 §B.2.1)");
        }
        position += 2;
    }

    private static String hex(int b) {
        return String.format("%02X", b);
    }
}
