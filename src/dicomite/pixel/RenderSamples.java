// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * The sample values of one native frame as {@code int}s, in the frame's own order (PS3.5
 * §8.1.1): each sample is {@code bitsAllocated} bits little endian (bit 0 first for
 * BitsAllocated 1), of which bits {@code highBit - bitsStored + 1 .. highBit} hold the value;
 * the bits outside are masked off, and signed values (PixelRepresentation 1) are sign-extended.
 *
 * <p>Invariant: the stored value of sample {@code i} is {@code values[i] + bias}. The bias is 0
 * except for unsigned 32-bit values, which do not fit an {@code int} and are kept shifted down by
 * 2^31 so that their order is kept. One array a frame, read in one pass; no per-pixel objects.
 *
 * @param values one entry a sample
 * @param bias what to add to an entry to get the stored value
 */
record RenderSamples(int[] values, double bias) {
    private static final double UNSIGNED_32_BIAS = 0x1p31;

    /**
     * The first {@code count} samples of a frame.
     *
     * @throws PixelDataException when the frame holds fewer bytes than {@code count} samples
     *     need, or HighBit does not fit BitsStored and BitsAllocated
     */
    static RenderSamples read(byte[] pixels, PixelDescription d, int count)
            throws PixelDataException {
        long needed = ((long) count * d.bitsAllocated() + 7) / 8;
        if (pixels.length < needed) {
            throw new PixelDataException("The frame has " + pixels.length + " bytes; "
                    + count + " samples of BitsAllocated " + d.bitsAllocated() + " need "
                    + needed + " (PS3.5 §8.1.1)");
        }
        checkHighBit(d);
        int[] values = new int[count];
        if (d.bitsAllocated() == 1) {
            readBits(pixels, values);
            return new RenderSamples(values, 0);
        }
        readWords(pixels, d, values);
        if (!d.signed() && d.bitsStored() == 32) {
            for (int i = 0; i < count; i++) {
                values[i] ^= Integer.MIN_VALUE; // v - 2^31, same order as unsigned v
            }
            return new RenderSamples(values, UNSIGNED_32_BIAS);
        }
        return new RenderSamples(values, 0);
    }

    private static void checkHighBit(PixelDescription d) throws PixelDataException {
        if (d.highBit() < d.bitsStored() - 1 || d.highBit() >= d.bitsAllocated()) {
            throw new PixelDataException("HighBit " + d.highBit() + " does not fit BitsStored "
                    + d.bitsStored() + " in BitsAllocated " + d.bitsAllocated()
                    + ": it must be from BitsStored - 1 to BitsAllocated - 1 (PS3.5 §8.1.1)");
        }
    }

    // PS3.5 §8.1.1 and §D: 1-bit samples are packed eight a byte, least significant bit first.
    private static void readBits(byte[] pixels, int[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (pixels[i >>> 3] >>> (i & 7)) & 1;
        }
    }

    // Shifting the high bit to bit 31 and back drops the bits above it; an arithmetic shift
    // back sign-extends, a logical one masks.
    private static void readWords(byte[] pixels, PixelDescription d, int[] values) {
        int left = 31 - d.highBit();
        int right = 32 - d.bitsStored();
        boolean signed = d.signed();
        int bytes = d.bitsAllocated() / 8;
        for (int i = 0, p = 0; i < values.length; i++, p += bytes) {
            int raw = word(pixels, p, bytes) << left;
            values[i] = signed ? raw >> right : raw >>> right;
        }
    }

    private static int word(byte[] pixels, int p, int bytes) {
        switch (bytes) {
            case 1: return pixels[p] & 0xFF;
            case 2: return (pixels[p] & 0xFF) | (pixels[p + 1] & 0xFF) << 8;
            case 3: return (pixels[p] & 0xFF) | (pixels[p + 1] & 0xFF) << 8
                    | (pixels[p + 2] & 0xFF) << 16;
            default: return (pixels[p] & 0xFF) | (pixels[p + 1] & 0xFF) << 8
                    | (pixels[p + 2] & 0xFF) << 16 | (pixels[p + 3] & 0xFF) << 24;
        }
    }

    /** The smallest and the largest entry of {@link #values}, as {min, max}. */
    int[] range() {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new int[] {min, max};
    }
}
