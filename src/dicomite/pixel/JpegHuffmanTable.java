// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * One Huffman table of a JPEG codestream (ITU-T T.81 §B.2.4.2, Annex C): the canonical codes
 * built from the DHT counts and values, with a lookup table over the first
 * {@value #LOOKAHEAD} bits for the short codes and the MAXCODE / VALPTR lists of T.81 §F.2.2.3
 * for the longer ones. Immutable once built.
 */
final class JpegHuffmanTable {
    static final int LOOKAHEAD = 9; // bits looked at in one step
    private static final int MAX_LENGTH = 16; // bits; T.81 §C

    /** Entry per LOOKAHEAD-bit prefix: code length << 8 | value, 0 when the code is longer. */
    final int[] lookup = new int[1 << LOOKAHEAD];
    final int[] maxCode = new int[MAX_LENGTH + 1]; // largest code of each length, -1 when none
    final int[] valueOffset = new int[MAX_LENGTH + 1]; // values index minus the first code
    final int[] values;

    private JpegHuffmanTable(int[] values) {
        this.values = values;
    }

    /**
     * The table for the 16 code counts and the values in code order.
     *
     * @throws PixelDataException when the counts need more codes than a length holds
     */
    static JpegHuffmanTable of(int[] counts, int[] values, int offset)
            throws PixelDataException {
        JpegHuffmanTable table = new JpegHuffmanTable(values);
        int code = 0;
        int index = 0;
        for (int length = 1; length <= MAX_LENGTH; length++) {
            int count = counts[length - 1];
            table.valueOffset[length] = index - code;
            if (code + count > (1 << length)) {
                throw new PixelDataException("JPEG DHT at offset 0x" + Integer.toHexString(offset)
                        + ": " + count + " codes of length " + length + " do not fit (T.81"
                        + " Annex C)");
            }
            for (int i = 0; i < count; i++, code++, index++) {
                table.fillLookup(length, code, values[index]);
            }
            table.maxCode[length] = count == 0 ? -1 : code - 1;
            code <<= 1;
        }
        return table;
    }

    private void fillLookup(int length, int code, int value) {
        if (length > LOOKAHEAD) {
            return;
        }
        int shift = LOOKAHEAD - length;
        int first = code << shift;
        int entry = length << 8 | value;
        for (int i = 0; i < (1 << shift); i++) {
            lookup[first + i] = entry;
        }
    }
}
