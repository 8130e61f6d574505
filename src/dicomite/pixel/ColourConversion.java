// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * YBR_FULL to RGB for 8-bit samples, with the equations of PS3.3 §C.7.6.3.1.2:
 * <pre>
 * R = Y + 1.402 (Cr - 128)
 * G = Y - 0.344136 (Cb - 128) - 0.714136 (Cr - 128)
 * B = Y + 1.772 (Cb - 128)
 * </pre>
 * rounded to the nearest level and clamped to 0..255; and the native YBR_FULL_422 layout
 * (PS3.3 §C.7.6.3.1.2: each pair of pixels of a row stored as Y1 Y2 Cb Cr, the chroma sampled at
 * the first of the two) expanded to three samples a pixel. The products are kept in 16.16 fixed
 * point tables built once, so a pixel costs a few integer additions. Stateless.
 */
final class ColourConversion {
    private static final int ONE = 1 << 16;
    private static final int HALF = ONE / 2;
    private static final int[] CR_TO_R = table(1.402);
    private static final int[] CB_TO_G = table(-0.344136);
    private static final int[] CR_TO_G = table(-0.714136);
    private static final int[] CB_TO_B = table(1.772);

    private ColourConversion() {
    }

    private static int[] table(double factor) {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            t[i] = (int) Math.round(factor * (i - 128) * ONE);
        }
        return t;
    }

    /** Converts interleaved 8-bit Y Cb Cr triplets to R G B, in place. */
    static void ybrFullToRgb(byte[] samples) {
        for (int p = 0; p + 2 < samples.length; p += 3) {
            int y = (samples[p] & 0xFF) << 16;
            int cb = samples[p + 1] & 0xFF;
            int cr = samples[p + 2] & 0xFF;
            samples[p] = clamp(y + CR_TO_R[cr] + HALF);
            samples[p + 1] = clamp(y + CB_TO_G[cb] + CR_TO_G[cr] + HALF);
            samples[p + 2] = clamp(y + CB_TO_B[cb] + HALF);
        }
    }

    private static byte clamp(int fixed) {
        int v = fixed >> 16;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /**
     * Expands rows of Y1 Y2 Cb Cr groups to Y Cb Cr triplets, one a pixel.
     *
     * @param subsampled {@code rows * columns * 2} samples, columns even
     * @return {@code rows * columns * 3} samples
     */
    static byte[] expand422(byte[] subsampled, int rows, int columns) {
        byte[] full = new byte[rows * columns * 3];
        for (int pair = 0, s = 0, f = 0; pair < rows * columns / 2; pair++, s += 4, f += 6) {
            full[f] = subsampled[s];
            full[f + 3] = subsampled[s + 1];
            full[f + 1] = full[f + 4] = subsampled[s + 2];
            full[f + 2] = full[f + 5] = subsampled[s + 3];
        }
        return full;
    }
}
