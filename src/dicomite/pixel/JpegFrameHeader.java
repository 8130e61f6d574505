// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * A JPEG frame header (SOFn, ITU-T T.81 §B.2.2): the coding process, sample precision, size and
 * components. Rows 0 (a DNL marker gives the height, §B.2.5) is refused by the parser.
 *
 * @param marker the SOFn marker's second byte, 0xC0..0xCF
 * @param offset byte offset of the marker in the frame's data
 * @param precision sample precision P in bits
 * @param rows number of lines Y, at least 1
 * @param columns samples per line X, at least 1
 * @param components the frame components in header order
 */
record JpegFrameHeader(int marker, int offset, int precision, int rows, int columns,
        Component[] components) {

    /**
     * One frame component (T.81 §B.2.2).
     *
     * @param id component identifier Ci
     * @param horizontal horizontal sampling factor Hi, 1..4
     * @param vertical vertical sampling factor Vi, 1..4
     * @param quantTable quantization table selector Tqi, 0..3
     */
    record Component(int id, int horizontal, int vertical, int quantTable) {
    }

    /** The largest horizontal sampling factor, Hmax. */
    int maxHorizontal() {
        int max = 1;
        for (Component c : components) {
            max = Math.max(max, c.horizontal());
        }
        return max;
    }

    /** The largest vertical sampling factor, Vmax. */
    int maxVertical() {
        int max = 1;
        for (Component c : components) {
            max = Math.max(max, c.vertical());
        }
        return max;
    }

    /** The index in {@link #components()} of the component with identifier {@code id}, or -1. */
    int indexOf(int id) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** The marker's name and coding process, e.g. {@code SOF3 (lossless, Huffman)}. */
    String name() {
        return JpegCodestream.sofName(marker);
    }

    /**
     * Checks the header against the stored Image Pixel attributes: the size and component
     * count must be equal, the precision from BitsStored to BitsAllocated (8 or 16).
     *
     * @throws PixelDataException naming both values when they disagree
     */
    void requireAgrees(PixelDescription stored) throws PixelDataException {
        String where = "JPEG " + name() + " at offset " + JpegCodestream.hex(offset) + " gives ";
        if (rows != stored.rows() || columns != stored.columns()) {
            throw new PixelDataException(where + rows + " lines of " + columns + " samples but"
                    + " Rows is " + stored.rows() + " and Columns " + stored.columns());
        }
        if (components.length != stored.samplesPerPixel()) {
            throw new PixelDataException(where + components.length + " components but"
                    + " SamplesPerPixel is " + stored.samplesPerPixel());
        }
        if (stored.bitsAllocated() != 8 && stored.bitsAllocated() != 16) {
            throw new PixelDataException("BitsAllocated " + stored.bitsAllocated() + " is not"
                    + " 8 or 16, as JPEG pixel data needs (PS3.5 §8.2.1)");
        }
        if (precision < stored.bitsStored() || precision > stored.bitsAllocated()) {
            throw new PixelDataException(where + "precision " + precision + " but BitsStored is "
                    + stored.bitsStored() + " and BitsAllocated " + stored.bitsAllocated()
                    + "; the precision must lie between them (PS3.5 §8.2.1)");
        }
    }
}
