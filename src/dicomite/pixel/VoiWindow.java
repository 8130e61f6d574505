// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import java.util.Locale;
import java.util.Optional;

/**
 * A VOI window (PS3.3 §C.11.2): maps modality values to 8-bit grey, 0 to 255, by Window Center
 * (0028,1050), Window Width (0028,1051) and VOI LUT Function (0028,1056), each taken as its
 * first value, from the frame's Frame VOI LUT Sequence (0028,9132) in the functional groups,
 * else from the data set. The functions are those of PS3.3 §C.11.2.1.2 (LINEAR), §C.11.2.1.3.1
 * (SIGMOID) and §C.11.2.1.3.2 (LINEAR_EXACT); an absent or unknown function is LINEAR, its
 * default. A window whose width the function does not allow (below 1 for LINEAR, not above 0
 * for the others) is treated as absent, so the frame's own range is shown. Immutable.
 *
 * @param center Window Center
 * @param width Window Width; for {@link #ofRange} 0 when the range is one value
 * @param function how values inside the window map to grey
 */
record VoiWindow(double center, double width, Function function) implements VoiTransform {
    static final int WindowCenter = 0x00281050;
    static final int WindowWidth = 0x00281051;
    static final int VOILUTFunction = 0x00281056;
    static final int FrameVOILUTSequence = 0x00289132;
    private static final double MAX = 255; // grey levels of the output, from 0

    /** VOI LUT Function (0028,1056) defined terms. */
    enum Function { LINEAR, LINEAR_EXACT, SIGMOID }

    /**
     * The frame's first window, if it has a usable one. A center or width that is not a
     * decimal number makes no window (a stored value may be invalid, spec §2.2 warnings), so
     * the frame's own range is shown, as a viewer would.
     *
     * @param frameNumber 1-based
     */
    static Optional<VoiWindow> find(Dataset dataset, int frameNumber) {
        try {
            return findValid(dataset, frameNumber);
        } catch (PixelDataException e) {
            return Optional.empty();
        }
    }

    private static Optional<VoiWindow> findValid(Dataset dataset, int frameNumber)
            throws PixelDataException {
        Optional<Dataset> holder = RenderAttributes.findFor(dataset, frameNumber,
                FrameVOILUTSequence, WindowCenter);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        Optional<Double> center = RenderAttributes.findDecimal(holder.get(), WindowCenter,
                "WindowCenter");
        Optional<Double> width = RenderAttributes.findDecimal(holder.get(), WindowWidth,
                "WindowWidth");
        if (center.isEmpty() || width.isEmpty()) {
            return Optional.empty();
        }
        VoiWindow window = new VoiWindow(center.get(), width.get(), function(holder.get()));
        return window.hasUsableWidth() ? Optional.of(window) : Optional.empty();
    }

    private static Function function(Dataset holder) {
        String name = holder.getString(VOILUTFunction, "").strip().toUpperCase(Locale.ROOT);
        for (Function f : Function.values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return Function.LINEAR;
    }

    private boolean hasUsableWidth() {
        return function == Function.LINEAR ? width >= 1 : width > 0;
    }

    /** The window spanning {@code lowest..highest} exactly: lowest to 0, highest to 255. */
    static VoiWindow ofRange(double lowest, double highest) {
        return new VoiWindow((lowest + highest) / 2, highest - lowest, Function.LINEAR_EXACT);
    }

    @Override
    public int apply(double x) {
        double y;
        switch (function) {
            case LINEAR:
                y = linear(x);
                break;
            case SIGMOID:
                y = MAX / (1 + Math.exp(-4 * (x - center) / width));
                break;
            default:
                y = linearExact(x);
        }
        return (int) Math.round(Math.min(MAX, Math.max(0, y)));
    }

    // PS3.3 §C.11.2.1.2.1: the window is [c - 0.5 - (w-1)/2, c - 0.5 + (w-1)/2].
    private double linear(double x) {
        double low = center - 0.5 - (width - 1) / 2;
        double high = center - 0.5 + (width - 1) / 2;
        if (x <= low) {
            return 0;
        }
        if (x > high) {
            return MAX;
        }
        return ((x - (center - 0.5)) / (width - 1) + 0.5) * MAX;
    }

    // PS3.3 §C.11.2.1.3.2; width 0 (a one-value range) puts everything at or below it at 0.
    private double linearExact(double x) {
        if (x <= center - width / 2) {
            return 0;
        }
        if (x > center + width / 2) {
            return MAX;
        }
        return ((x - center) / width + 0.5) * MAX;
    }
}
