// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * Brings a subsampled JPEG component (ITU-T T.81 §A.1.1) to the full image size. Factors 2x1
 * and 2x2 (the 4:2:2 and 4:2:0 of YBR_FULL_422 and friends) use the triangular interpolation
 * that the IJG library, and so dcmdjpeg, applies by default: each output sample weighs the
 * nearer input sample 3 and the farther 1 along each subsampled axis, with the component's
 * edge samples repeated beyond it. Other integer factors repeat samples. Stateless.
 */
final class JpegUpsampler {

    private JpegUpsampler() {
    }

    /**
     * The component at {@code width} x {@code height} samples (a line after another), from a
     * plane subsampled by {@code factorX} x {@code factorY}.
     */
    static short[] upsample(JpegPlane in, int factorX, int factorY, int width, int height) {
        short[] out = new short[width * height];
        if (factorX == 2 && factorY == 1) {
            for (int y = 0; y < height; y++) {
                horizontal(in, y, out, y * width, width);
            }
        } else if (factorX == 2 && factorY == 2) {
            int[] sums = new int[in.width()];
            for (int y = 0; y < height; y++) {
                int near = y >> 1;
                int far = (y & 1) == 0 ? Math.max(near - 1, 0) : Math.min(near + 1,
                        in.height() - 1);
                columnSums(in, near, far, sums);
                triangle(sums, out, y * width, width);
            }
        } else {
            replicate(in, factorX, factorY, out, width, height);
        }
        return out;
    }

    private static void horizontal(JpegPlane in, int y, short[] out, int at, int width) {
        short[] s = in.samples();
        int row = y * in.stride();
        int last = in.width() - 1;
        for (int x = 0; x < width; x++) {
            int i = x >> 1;
            int here = s[row + i];
            int other = (x & 1) == 0 ? s[row + Math.max(i - 1, 0)] : s[row + Math.min(i + 1,
                    last)];
            out[at + x] = (short) ((3 * here + other + 1 + (x & 1)) >> 2);
        }
    }

    private static void columnSums(JpegPlane in, int near, int far, int[] sums) {
        short[] s = in.samples();
        int a = near * in.stride();
        int b = far * in.stride();
        for (int x = 0; x < sums.length; x++) {
            sums[x] = 3 * s[a + x] + s[b + x];
        }
    }

    private static void triangle(int[] sums, short[] out, int at, int width) {
        int last = sums.length - 1;
        for (int x = 0; x < width; x++) {
            int i = x >> 1;
            int other = (x & 1) == 0 ? sums[Math.max(i - 1, 0)] : sums[Math.min(i + 1, last)];
            out[at + x] = (short) ((3 * sums[i] + other + 8 - (x & 1)) >> 4);
        }
    }

    private static void replicate(JpegPlane in, int factorX, int factorY, short[] out,
            int width, int height) {
        short[] s = in.samples();
        for (int y = 0; y < height; y++) {
            int row = Math.min(y / factorY, in.height() - 1) * in.stride();
            for (int x = 0; x < width; x++) {
                out[y * width + x] = s[row + Math.min(x / factorX, in.width() - 1)];
            }
        }
    }
}
