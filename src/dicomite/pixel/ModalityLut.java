// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import java.util.Optional;

/**
 * The modality LUT of one frame as a linear rescale (PS3.3 §C.11.1): output = slope * stored +
 * intercept, from Rescale Slope (0028,1053) and Rescale Intercept (0028,1052) of the frame's
 * Pixel Value Transformation Sequence (0028,9145) in the functional groups, else of the data set
 * (PS3.3 §C.7.6.16.2.9). Missing values mean slope 1 and intercept 0. A Modality LUT Sequence
 * (0028,3000) table is not applied. Immutable.
 *
 * @param slope Rescale Slope
 * @param intercept Rescale Intercept
 */
record ModalityLut(double slope, double intercept) {
    static final int RescaleIntercept = 0x00281052;
    static final int RescaleSlope = 0x00281053;
    static final int PixelValueTransformationSequence = 0x00289145;
    static final ModalityLut IDENTITY = new ModalityLut(1, 0);

    /**
     * The rescale of a frame.
     *
     * @param frameNumber 1-based
     * @throws PixelDataException when a value present is not a decimal number
     */
    static ModalityLut of(Dataset dataset, int frameNumber) throws PixelDataException {
        double slope = decimal(dataset, frameNumber, RescaleSlope, "RescaleSlope").orElse(1.0);
        double intercept = decimal(dataset, frameNumber, RescaleIntercept, "RescaleIntercept")
                .orElse(0.0);
        return new ModalityLut(slope, intercept);
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
        return slope * stored + intercept;
    }
}
