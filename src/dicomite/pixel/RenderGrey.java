// SPDX-License-Identifier: MIT
package dicomite.pixel;

import java.util.Optional;

/**
 * The grey pipeline of PS3.3 §C.11 for MONOCHROME1 and MONOCHROME2 frames: stored value,
 * modality LUT (rescale or table), VOI transform (the frame's window or VOI LUT, else its range
 * of modality values), then inversion for MONOCHROME1 (PS3.3 §C.7.6.3.1.2: its minimum is
 * white). Output is one byte of grey a pixel.
 *
 * <p>Workload: a frame of stored values spanning at most {@value #MAX_TABLE} distinct values (all
 * of 8 to 16 bits) is mapped through a table built once for the frame, so the per-pixel work is
 * one array read; wider ranges are computed pixel by pixel. Stateless.
 */
final class RenderGrey {
    private static final int MAX_TABLE = 1 << 20; // entries

    private RenderGrey() {
    }

    /** The 8-bit grey of each sample, in order. */
    static byte[] render(RenderSamples samples, ModalityLut modality,
            Optional<VoiTransform> transform, boolean inverted) {
        int[] range = samples.range();
        VoiTransform voi = transform.orElseGet(() -> rangeWindow(samples, modality, range));
        Pipeline pipeline = new Pipeline(samples.bias(), modality, voi, inverted);
        long span = (long) range[1] - range[0] + 1;
        int[] values = samples.values();
        byte[] grey = new byte[values.length];
        if (span <= MAX_TABLE) {
            byte[] table = pipeline.table(range[0], (int) span);
            int min = range[0];
            for (int i = 0; i < values.length; i++) {
                grey[i] = table[values[i] - min];
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                grey[i] = (byte) pipeline.apply(values[i]);
            }
        }
        return grey;
    }

    private static VoiWindow rangeWindow(RenderSamples samples, ModalityLut modality,
            int[] range) {
        double[] values = modality.range(samples, range);
        return VoiWindow.ofRange(values[0], values[1]);
    }

    /** Stored value (less the bias) to grey level. */
    private record Pipeline(double bias, ModalityLut modality, VoiTransform voi,
            boolean inverted) {
        int apply(int value) {
            int grey = voi.apply(modality.apply(value + bias));
            return inverted ? 255 - grey : grey;
        }

        byte[] table(int first, int size) {
            byte[] table = new byte[size];
            for (int i = 0; i < size; i++) {
                table[i] = (byte) apply(first + i);
            }
            return table;
        }
    }
}
