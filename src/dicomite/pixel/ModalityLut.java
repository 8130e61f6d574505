// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import java.util.Optional;

/**
 * The modality LUT of one frame (PS3.3 §C.11.1): stored values to modality values (e.g.
 * Hounsfield units), either by the table of a Modality LUT Sequence (0028,3000) or by the
 * linear rescale output = slope * stored + intercept, from Rescale Slope (0028,1053) and Rescale
 * Intercept (0028,1052) of the frame's Pixel Value Transformation Sequence (0028,9145) in the
 * functional groups, else of the data set (PS3.3 §C.7.6.16.2.9). The two are exclusive in a
 * valid image; when both are present the table wins, as in dcmtk. Missing values mean slope 1
 * and intercept 0. Immutable.
 */
final class ModalityLut {
    static final int RescaleIntercept = 0x00281052;
    static final int RescaleSlope = 0x00281053;
    static final int ModalityLUTSequence = 0x00283000;
    static final int PixelValueTransformationSequence = 0x00289145;

    private final double slope;
    private final double intercept;
    private final LookupTable table; // null for a rescale

    private ModalityLut(double slope, double intercept, LookupTable table) {
        this.slope = slope;
        this.intercept = intercept;
        this.table = table;
    }

    /**
     * The modality LUT of a frame.
     *
     * @param frameNumber 1-based
     * @param signedPixels whether stored values are signed (PixelRepresentation 1)
     * @throws PixelDataException when a rescale value present is not a decimal number, or the
     *     Modality LUT Sequence's table is malformed
     */
    static ModalityLut of(Dataset dataset, int frameNumber, boolean signedPixels)
            throws PixelDataException {
        Optional<LookupTable> table = LookupTable.findFirst(dataset, ModalityLUTSequence,
                "ModalityLUTSequence (0028,3000)", signedPixels);
        if (table.isPresent()) {
            return new ModalityLut(1, 0, table.get());
        }
        double slope = decimal(dataset, frameNumber, RescaleSlope, "RescaleSlope").orElse(1.0);
        double intercept = decimal(dataset, frameNumber, RescaleIntercept, "RescaleIntercept")
                .orElse(0.0);
        return new ModalityLut(slope, intercept, null);
    }

    private static Optional<Double> decimal(Dataset dataset, int frameNumber, int tag,
            String keyword) throws PixelDataException {
        Optional<Dataset> holder = RenderAttributes.findFor(dataset, frameNumber,
                PixelValueTransformationSequence, tag);
        return holder.isEmpty() ? Optional.empty()
                : RenderAttributes.findDecimal(holder.get(), tag, keyword);
    }

    /** The modality value of a stored value. */
    double apply(double stored) {
        return table != null ? table.apply(stored) : slope * stored + intercept;
    }

    /**
     * The smallest and largest modality values of the samples, as {min, max}.
     *
     * @param stored the samples' {@link RenderSamples#range}, which the caller has already
     */
    double[] range(RenderSamples samples, int[] stored) {
        if (table == null) {
            return extremes(stored[0] + samples.bias(), stored[1] + samples.bias());
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int v : samples.values()) { // a table need not be monotonic: every sample counts
            double m = table.apply(v + samples.bias());
            min = Math.min(min, m);
            max = Math.max(max, m);
        }
        return new double[] {min, max};
    }

    private double[] extremes(double lowStored, double highStored) {
        double a = apply(lowStored);
        double b = apply(highStored);
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    /**
     * Whether some stored value that {@code d}'s BitsStored and PixelRepresentation allow has
     * a negative modality value (a table's entries never are).
     */
    boolean canBeNegative(PixelDescription d) {
        if (table != null) {
            return false;
        }
        double values = Math.pow(2, d.bitsStored());
        double low = d.signed() ? -values / 2 : 0;
        return extremes(low, low + values - 1)[0] < 0;
    }
}
