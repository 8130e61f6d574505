// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * The bits of one JPEG-LS scan (ITU-T T.87 §A.1, §9.1): most significant bit first, where a
 * 0xFF byte is followed by a byte whose top bit is a stuffed zero and carries 7 data bits, and
 * 0xFF followed by a byte of 0x80 or more is a marker that ends the scan data.
 *
 * <p>A 64-bit cache holds the next bits, aligned to its top. Reading past the end of the data
 * gives zero bits, up to {@value #MAX_OVERRUN} of them (an encoder's last byte may be short);
 * beyond that, and for any unary code that runs off the end, it throws. Not thread-safe: one
 * instance per scan.
 */
final class JpegLsBitReader {
    private static final int MAX_OVERRUN = 64; // bits

    private final byte[] data;
    private int position; // next byte to load
    private long cache; // valid bits at the top, zeros below
    private int bits; // number of valid bits in the cache
    private boolean afterFF; // the next byte carries 7 bits
    private boolean ended; // a marker or the end of the data was reached
    private int overrun; // zero bits handed out past the end

    JpegLsBitReader(byte[] data, int start) {
        this.data = data;
        this.position = start;
    }

    /** The offset of the first byte not yet loaded into the cache. */
    int position() {
        return position;
    }

    private void fill() {
        while (bits <= 56 && !ended) {
            if (position >= data.length) {
                ended = true;
                return;
            }
            int b = data[position] & 0xFF;
            if (afterFF) {
                cache |= (long) (b & 0x7F) << (57 - bits);
                bits += 7;
                afterFF = false;
            } else if (b == 0xFF && (position + 1 >= data.length
                    || (data[position + 1] & 0xFF) >= 0x80)) {
                ended = true; // T.87 §A.1: a marker, not data
                return;
            } else {
                cache |= (long) b << (56 - bits);
                bits += 8;
                afterFF = b == 0xFF;
            }
            position++;
        }
    }

    /**
     * The next {@code n} bits (1 to 32) as an unsigned number.
     *
     * @throws PixelDataException when the scan data ended more than a few bits ago
     */
    int read(int n) throws PixelDataException {
        if (bits < n) {
            fill();
            if (bits < n) {
                overrun += n - bits;
                if (overrun > MAX_OVERRUN) {
                    throw endOfData();
                }
                bits = n;
            }
        }
        int value = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return value;
    }

    /** The next bit as a boolean. */
    boolean readBit() throws PixelDataException {
        return read(1) != 0;
    }

    /**
     * Counts zero bits up to and including the next one bit, returning the zeros.
     *
     * @throws PixelDataException when more than {@code max} zeros come, or the data ends
     */
    int readUnary(int max) throws PixelDataException {
        int count = 0;
        while (true) {
            if (bits == 0) {
                fill();
                if (bits == 0) {
                    throw endOfData();
                }
            }
            int zeros = Long.numberOfLeadingZeros(cache);
            if (zeros < bits) {
                count += zeros;
                cache = (cache << zeros) << 1;
                bits -= zeros + 1;
                return checkUnary(count, max);
            }
            count += bits;
            cache = 0;
            bits = 0;
            checkUnary(count, max);
        }
    }

    private int checkUnary(int count, int max) throws PixelDataException {
        if (count > max) {
            throw new PixelDataException("JPEG-LS: a Golomb code near offset 0x"
                    + Integer.toHexString(position) + " has " + count + " leading zeros, more"
                    + " than the limit of " + max + " (T.87 §A.5.3)");
        }
        return count;
    }

    private PixelDataException endOfData() {
        return new PixelDataException("JPEG-LS: scan data ends at offset 0x"
                + Integer.toHexString(position) + " before every sample is decoded (T.87 §A.1)");
    }
}
