// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Tag;
import java.util.Optional;

/**
 * Where the renderer finds the attributes of one frame: in the frame's item of Per-frame
 * Functional Groups Sequence (5200,9230), else in Shared Functional Groups Sequence
 * (5200,9229), else at the top of the data set (PS3.3 §C.7.6.16, enhanced multi-frame images),
 * and how it reads their decimal strings. Stateless.
 */
final class RenderAttributes {
    static final int SharedFunctionalGroupsSequence = 0x52009229;
    static final int PerFrameFunctionalGroupsSequence = 0x52009230;

    private RenderAttributes() {
    }

    /**
     * The data set holding {@code tag} for this frame: the first item of the functional group
     * macro sequence {@code macro} in the frame's per-frame item, else in the shared item, else
     * the data set itself when it has the tag at its top.
     *
     * @param frameNumber 1-based
     */
    static Optional<Dataset> findFor(Dataset dataset, int frameNumber, int macro, int tag) {
        Optional<Dataset> perFrame = item(dataset, PerFrameFunctionalGroupsSequence,
                frameNumber - 1).flatMap(frame -> item(frame, macro, 0));
        if (perFrame.isPresent() && perFrame.get().contains(tag)) {
            return perFrame;
        }
        Optional<Dataset> shared = item(dataset, SharedFunctionalGroupsSequence, 0)
                .flatMap(group -> item(group, macro, 0));
        if (shared.isPresent() && shared.get().contains(tag)) {
            return shared;
        }
        return dataset.contains(tag) ? Optional.of(dataset) : Optional.empty();
    }

    private static Optional<Dataset> item(Dataset dataset, int sequence, int index) {
        Element e = dataset.get(sequence);
        if (e == null || !e.isSequence() || index < 0 || index >= e.items().size()) {
            return Optional.empty();
        }
        return Optional.of(e.items().get(index));
    }

    /**
     * The first value of a DS (or IS) element, if it has one.
     *
     * @throws PixelDataException when the value is not a decimal number
     */
    static Optional<Double> findDecimal(Dataset dataset, int tag, String keyword)
            throws PixelDataException {
        String[] values = dataset.getStrings(tag);
        if (values.length == 0 || values[0].isBlank()) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(values[0].strip());
            if (Double.isFinite(v)) {
                return Optional.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new PixelDataException(keyword + " " + Tag.toString(tag) + " '" + values[0]
                + "' is not a decimal number (PS3.5 §6.2, DS)");
    }
}
