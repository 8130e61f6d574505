// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import java.util.Optional;

/**
 * The VOI transform of one frame (PS3.3 §C.11.2): modality values to the 8-bit grey a display
 * shows, 0 to 255. The frame's first usable window ({@link VoiWindow}) comes first; without one,
 * the first table of the VOI LUT Sequence ({@link VoiLut}); without either the renderer shows
 * the frame's own range of values. A malformed window or table counts as absent, as a viewer
 * would still show the image.
 */
interface VoiTransform {
    /** The grey level, 0 to 255, of a modality value. */
    int apply(double modalityValue);

    /**
     * The frame's VOI transform, if it has one.
     *
     * @param frameNumber 1-based
     * @param signedInput whether modality values can be negative (for a table's first value)
     */
    static Optional<VoiTransform> find(Dataset dataset, int frameNumber, boolean signedInput) {
        Optional<VoiWindow> window = VoiWindow.find(dataset, frameNumber);
        if (window.isPresent()) {
            return Optional.of(window.get());
        }
        try {
            return VoiLut.find(dataset, frameNumber, signedInput).map(lut -> lut);
        } catch (PixelDataException malformed) {
            return Optional.empty();
        }
    }
}
