// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import dicomite.dicom.Tag;
import java.util.Locale;

/**
 * The Image Pixel attributes (PS3.3 §C.7.6.3) that say how a frame's samples are laid out.
 * Checked when read: sizes positive, BitsAllocated 1 or a multiple of 8 up to 32, BitsStored
 * at most BitsAllocated, HighBit = BitsStored - 1 is not enforced (PS3.5 §8.1.1 allows others,
 * though they are rare). Immutable.
 *
 * <pre>{@code
 * PixelDescription d = PixelDescription.of(dataset);
 * byte[] frame = new byte[(int) d.frameLength()];
 * }</pre>
 *
 * @param rows Rows (0028,0010), at least 1
 * @param columns Columns (0028,0011), at least 1
 * @param samplesPerPixel SamplesPerPixel (0028,0002): 1 or 3 (others kept as given)
 * @param bitsAllocated BitsAllocated (0028,0100)
 * @param bitsStored BitsStored (0028,0101), 1..bitsAllocated
 * @param highBit HighBit (0028,0102)
 * @param signed PixelRepresentation (0028,0103) is 1
 * @param photometricInterpretation PhotometricInterpretation (0028,0004), upper case, e.g.
 *     {@code MONOCHROME2}, {@code RGB}, {@code YBR_FULL_422}, {@code PALETTE COLOR}
 * @param planarConfiguration PlanarConfiguration (0028,0006): 0 interleaved, 1 by plane
 * @param numberOfFrames NumberOfFrames (0028,0008), 1 when absent
 */
public record PixelDescription(int rows, int columns, int samplesPerPixel, int bitsAllocated,
        int bitsStored, int highBit, boolean signed, String photometricInterpretation,
        int planarConfiguration, int numberOfFrames) {

    /**
     * The attributes of a data set.
     *
     * @throws PixelDataException when Rows, Columns or BitsAllocated is missing, or a value is
     *     outside the ranges of the class notes
     */
    public static PixelDescription of(Dataset dataset) throws PixelDataException {
        int rows = require(dataset, Tag.Rows, "Rows");
        int columns = require(dataset, Tag.Columns, "Columns");
        int bitsAllocated = require(dataset, Tag.BitsAllocated, "BitsAllocated");
        int bitsStored = dataset.findInt(Tag.BitsStored).orElse(bitsAllocated);
        int samples = dataset.findInt(Tag.SamplesPerPixel).orElse(1);
        String photometric = dataset.findString(Tag.PhotometricInterpretation)
                .map(s -> s.strip().toUpperCase(Locale.ROOT))
                .orElse(samples == 1 ? "MONOCHROME2" : "RGB");
        PixelDescription d = new PixelDescription(rows, columns, samples, bitsAllocated,
                bitsStored, dataset.findInt(Tag.HighBit).orElse(bitsStored - 1),
                dataset.findInt(Tag.PixelRepresentation).orElse(0) == 1, photometric,
                dataset.findInt(Tag.PlanarConfiguration).orElse(0),
                dataset.findInt(Tag.NumberOfFrames).filter(n -> n > 0).orElse(1));
        d.check();
        return d;
    }

    private static int require(Dataset dataset, int tag, String keyword)
            throws PixelDataException {
        return dataset.findInt(tag).orElseThrow(() -> new PixelDataException(
                keyword + " " + Tag.toString(tag) + " is missing or not a number; pixel data"
                        + " needs it (PS3.3 §C.7.6.3)"));
    }

    private void check() throws PixelDataException {
        if (rows < 1 || columns < 1 || samplesPerPixel < 1) {
            throw new PixelDataException("Rows " + rows + ", Columns " + columns
                    + " and SamplesPerPixel " + samplesPerPixel + " must each be at least 1"
                    + " (PS3.3 §C.7.6.3)");
        }
        if (bitsAllocated != 1 && (bitsAllocated % 8 != 0 || bitsAllocated > 32)) {
            throw new PixelDataException("BitsAllocated " + bitsAllocated + " is not 1 or a"
                    + " multiple of 8 up to 32 (PS3.5 §8.1.1)");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new PixelDataException("BitsStored " + bitsStored + " is not between 1 and"
                    + " BitsAllocated " + bitsAllocated + " (PS3.5 §8.1.1)");
        }
    }

    /** The number of pixels in a frame. */
    public long pixelCount() {
        return (long) rows * columns;
    }

    /** The bytes one native frame takes: whole bytes per sample, or bits rounded up for 1. */
    public long frameLength() {
        long bits = pixelCount() * samplesPerPixel * bitsAllocated;
        return (bits + 7) / 8;
    }

    /**
     * The bytes one frame takes in native (uncompressed) pixel data: as {@link #frameLength},
     * except that YBR_FULL_422 holds two samples a pixel (PS3.3 §C.7.6.3.1.2: each pair of
     * pixels is stored as Y Y Cb Cr).
     */
    public long nativeFrameLength() {
        if (isColour() && photometricInterpretation.equals("YBR_FULL_422")) {
            return (pixelCount() * 2 * bitsAllocated + 7) / 8;
        }
        return frameLength();
    }

    /** Whether the samples are colour (three samples a pixel). */
    public boolean isColour() {
        return samplesPerPixel == 3;
    }

    /** The same pixels described with another photometric interpretation and planar layout. */
    public PixelDescription withColourModel(String photometric, int planar) {
        return new PixelDescription(rows, columns, samplesPerPixel, bitsAllocated, bitsStored,
                highBit, signed, photometric, planar, numberOfFrames);
    }
}
