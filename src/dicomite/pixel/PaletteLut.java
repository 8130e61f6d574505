// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Tag;

/**
 * One channel of a PALETTE COLOR image (PS3.3 §C.7.6.3.1.5, §C.7.9): the Palette Color Lookup
 * Table Descriptor (0028,1101-1103) gives the number of entries (0 meaning 65536), the first
 * stored value mapped (US, or SS for signed pixels) and the bits an entry (8 or 16); the Palette
 * Color Lookup Table Data (0028,1201-1203, OW) holds the entries. Stored values below the first
 * map to the first entry, those past the last to the last (PS3.3 §C.7.6.3.1.5).
 *
 * <p>8-bit entries are read packed two a 16-bit word, first entry in the low byte, as the
 * standard encodes them; data with a whole word an entry (as some writers make) is read from
 * each word's low byte. 16-bit entries keep their high byte. Segmented palettes
 * (0028,1221-1223) are not supported. Immutable after construction.
 */
final class PaletteLut {
    static final int RedDescriptor = 0x00281101;
    static final int RedData = 0x00281201;
    static final int SegmentedRedData = 0x00281221;
    private static final String[] CHANNELS = {"Red", "Green", "Blue"};

    private final int first; // stored value of entry 0
    private final byte[] entries; // 8-bit levels

    private PaletteLut(int first, byte[] entries) {
        this.first = first;
        this.entries = entries;
    }

    /**
     * The red, green and blue tables of a data set.
     *
     * @throws PixelDataException when a descriptor or data element is missing or malformed, or
     *     the palette is segmented
     */
    static PaletteLut[] of(Dataset dataset, boolean signedPixels) throws PixelDataException {
        PaletteLut[] luts = new PaletteLut[3];
        for (int c = 0; c < 3; c++) {
            luts[c] = channel(dataset, c, signedPixels);
        }
        return luts;
    }

    private static PaletteLut channel(Dataset dataset, int c, boolean signedPixels)
            throws PixelDataException {
        int descriptorTag = RedDescriptor + c;
        int dataTag = RedData + c;
        String name = CHANNELS[c] + "PaletteColorLookupTable";
        Element data = dataset.get(dataTag);
        if (data == null && dataset.contains(SegmentedRedData + c)) {
            throw new PixelDataException("Segmented" + name + "Data "
                    + Tag.toString(SegmentedRedData + c) + " is not supported: only"
                    + " unsegmented palettes can be rendered (PS3.3 §C.7.9.2)");
        }
        Element descriptor = dataset.get(descriptorTag);
        if (descriptor == null || descriptor.value().length < 6 || data == null) {
            throw new PixelDataException(name + "Descriptor " + Tag.toString(descriptorTag)
                    + " with 3 values and " + name + "Data " + Tag.toString(dataTag)
                    + " are required for PALETTE COLOR (PS3.3 §C.7.6.3.1.5)");
        }
        LookupTable.Descriptor d = LookupTable.Descriptor.of(descriptor.value(), signedPixels);
        return new PaletteLut(d.first(), entries(name, dataTag, data.value(), d.count(),
                d.bits()));
    }

    private static byte[] entries(String name, int dataTag, byte[] data, int count, int bits)
            throws PixelDataException {
        if (bits != 8 && bits != 16) {
            throw new PixelDataException(name + "Descriptor bits per entry " + bits
                    + " is not 8 or 16 (PS3.3 §C.7.6.3.1.5)");
        }
        boolean wordEach = bits == 16 || data.length >= 2 * count;
        if (data.length < (wordEach ? 2 * count : count)) {
            throw new PixelDataException(name + "Data " + Tag.toString(dataTag) + " has "
                    + data.length + " bytes, too few for the descriptor's " + count + " entries"
                    + " of " + bits + " bits (PS3.3 §C.7.6.3.1.6)");
        }
        byte[] entries = new byte[count];
        for (int i = 0; i < count; i++) {
            entries[i] = !wordEach ? data[i] : bits == 16 ? data[2 * i + 1] : data[2 * i];
        }
        return entries;
    }

    /**
     * The interleaved R G B bytes of mapped samples.
     *
     * @param luts the red, green and blue tables
     */
    static byte[] render(RenderSamples samples, PaletteLut[] luts) {
        int[] values = samples.values();
        byte[] rgb = new byte[values.length * 3];
        for (int c = 0; c < 3; c++) {
            PaletteLut lut = luts[c];
            int last = lut.entries.length - 1;
            for (int i = 0, o = c; i < values.length; i++, o += 3) {
                int index = values[i] - lut.first;
                rgb[o] = lut.entries[index < 0 ? 0 : Math.min(index, last)];
            }
        }
        return rgb;
    }
}
