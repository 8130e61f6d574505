// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import java.util.Optional;

/**
 * A VOI LUT as a table (PS3.3 §C.11.2.1.1): the first item of the VOI LUT Sequence (0028,3010)
 * of the frame's Frame VOI LUT Sequence (0028,9132) in the functional groups, else of the data
 * set. Its entries, 0 to 2^bits - 1, are scaled to the display's 0 to 255. Immutable.
 */
final class VoiLut implements VoiTransform {
    static final int VOILUTSequence = 0x00283010;
    private static final double MAX = 255; // grey levels of the output, from 0

    private final LookupTable table;

    private VoiLut(LookupTable table) {
        this.table = table;
    }

    /**
     * The frame's first VOI LUT table, if it has one.
     *
     * @param frameNumber 1-based
     * @param signedInput whether modality values can be negative (§C.11.2.1.1: the first value
     *     mapped is then SS)
     * @throws PixelDataException when the table is malformed
     */
    static Optional<VoiLut> find(Dataset dataset, int frameNumber, boolean signedInput)
            throws PixelDataException {
        Optional<Dataset> holder = RenderAttributes.findFor(dataset, frameNumber,
                VoiWindow.FrameVOILUTSequence, VOILUTSequence);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        return LookupTable.findFirst(holder.get(), VOILUTSequence, "VOILUTSequence (0028,3010)",
                signedInput).map(VoiLut::new);
    }

    @Override
    public int apply(double modalityValue) {
        return (int) Math.round(table.apply(modalityValue) * MAX / table.maxOutput());
    }
}
