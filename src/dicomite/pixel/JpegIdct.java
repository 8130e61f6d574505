// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * The 8x8 inverse DCT of ITU-T T.81 §A.3.3, computed separably in single precision with the
 * even/odd split of the 1-D sums (x[n] and x[7-n] share the even and odd partial sums, so a
 * 1-D pass takes 32 products), and a shortcut for columns whose AC terms are all zero, the
 * common case. The result is within one level of the exact transform, as T.81 Annex A
 * accuracy asks. Stateless; the caller supplies the scratch array.
 */
final class JpegIdct {
    /** T.81 §A.3.3 basis: C(u)/2 cos((2x+1)u pi/16), indexed [u * 8 + x]. */
    private static final float[] BASIS = basis();

    private JpegIdct() {
    }

    private static float[] basis() {
        float[] b = new float[64];
        for (int u = 0; u < 8; u++) {
            double scale = u == 0 ? Math.sqrt(0.5) / 2 : 0.5;
            for (int x = 0; x < 8; x++) {
                b[u * 8 + x] = (float) (scale * Math.cos((2 * x + 1) * u * Math.PI / 16));
            }
        }
        return b;
    }

    /**
     * Transforms dequantized coefficients (natural order, [v * 8 + u]) into samples, level
     * shifted by {@code centre} and clamped to 0..{@code max}, written to {@code out} from
     * {@code offset} with {@code stride} samples a line.
     */
    static void transform(int[] coefficients, float[] scratch, short[] out, int offset,
            int stride, int centre, int max) {
        for (int u = 0; u < 8; u++) {
            columnPass(coefficients, scratch, u);
        }
        float bias = centre + 0.5f;
        for (int y = 0; y < 8; y++) {
            rowPass(scratch, y, out, offset + y * stride, bias, max);
        }
    }

    private static void columnPass(int[] in, float[] tmp, int u) {
        if ((in[8 + u] | in[16 + u] | in[24 + u] | in[32 + u] | in[40 + u] | in[48 + u]
                | in[56 + u]) == 0) {
            float dc = in[u] * BASIS[0];
            for (int y = 0; y < 8; y++) {
                tmp[y * 8 + u] = dc;
            }
            return;
        }
        float x0 = in[u];
        float x1 = in[8 + u];
        float x2 = in[16 + u];
        float x3 = in[24 + u];
        float x4 = in[32 + u];
        float x5 = in[40 + u];
        float x6 = in[48 + u];
        float x7 = in[56 + u];
        for (int n = 0; n < 4; n++) {
            float even = BASIS[n] * x0 + BASIS[16 + n] * x2 + BASIS[32 + n] * x4
                    + BASIS[48 + n] * x6;
            float odd = BASIS[8 + n] * x1 + BASIS[24 + n] * x3 + BASIS[40 + n] * x5
                    + BASIS[56 + n] * x7;
            tmp[n * 8 + u] = even + odd;
            tmp[(7 - n) * 8 + u] = even - odd;
        }
    }

    private static void rowPass(float[] tmp, int y, short[] out, int at, float bias, int max) {
        int row = y * 8;
        float x0 = tmp[row];
        float x1 = tmp[row + 1];
        float x2 = tmp[row + 2];
        float x3 = tmp[row + 3];
        float x4 = tmp[row + 4];
        float x5 = tmp[row + 5];
        float x6 = tmp[row + 6];
        float x7 = tmp[row + 7];
        for (int n = 0; n < 4; n++) {
            float even = BASIS[n] * x0 + BASIS[16 + n] * x2 + BASIS[32 + n] * x4
                    + BASIS[48 + n] * x6 + bias;
            float odd = BASIS[8 + n] * x1 + BASIS[24 + n] * x3 + BASIS[40 + n] * x5
                    + BASIS[56 + n] * x7;
            out[at + n] = clamp(even + odd, max);
            out[at + 7 - n] = clamp(even - odd, max);
        }
    }

    private static short clamp(float value, int max) {
        int v = (int) value; // value already holds the +0.5 of rounding; negatives clamp to 0
        return (short) (v < 0 ? 0 : Math.min(v, max));
    }
}
