// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * Full-size decoded JPEG components written out as native pixels (PS3.5 §8.1.1): samples of
 * one or two bytes little endian, interleaved by pixel, optionally converted from YCbCr to RGB
 * with the JFIF equations of ITU-T T.871 §7 in 16-bit fixed point, rounded and clamped as the
 * IJG library (and so dcmdjpeg) does.
 *
 * @param planes one array per component, each at least {@code height} lines
 * @param strides samples a line of each array, at least {@code width}
 * @param width samples a line of the image
 * @param height lines of the image
 */
record JpegSamples(short[][] planes, int[] strides, int width, int height) {
    private static final int SCALE = 16; // fraction bits of the fixed-point factors
    private static final int HALF = 1 << (SCALE - 1);
    private static final int CR_TO_R = fix(1.40200);
    private static final int CB_TO_B = fix(1.77200);
    private static final int CR_TO_G = fix(0.71414);
    private static final int CB_TO_G = fix(0.34414);

    private static int fix(double factor) {
        return (int) (factor * (1 << SCALE) + 0.5);
    }

    /** Writes the components as they are. */
    void write(byte[] out, int bytesPerSample) {
        int n = planes.length;
        for (int c = 0; c < n; c++) {
            short[] plane = planes[c];
            for (int y = 0; y < height; y++) {
                int from = y * strides[c];
                int to = (y * width * n + c) * bytesPerSample;
                for (int x = 0; x < width; x++, to += n * bytesPerSample) {
                    int v = plane[from + x];
                    out[to] = (byte) v;
                    if (bytesPerSample == 2) {
                        out[to + 1] = (byte) (v >> 8);
                    }
                }
            }
        }
    }

    /** Writes three components Y, Cb, Cr of {@code precision} bits as R, G, B. */
    void writeRgb(byte[] out, int bytesPerSample, int precision) {
        int centre = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        for (int y = 0; y < height; y++) {
            int iy = y * strides[0];
            int ib = y * strides[1];
            int ir = y * strides[2];
            int to = y * width * 3 * bytesPerSample;
            for (int x = 0; x < width; x++) {
                int luma = planes[0][iy + x];
                int cb = planes[1][ib + x] - centre;
                int cr = planes[2][ir + x] - centre;
                int r = luma + ((CR_TO_R * cr + HALF) >> SCALE);
                int g = luma + ((-CB_TO_G * cb - CR_TO_G * cr + HALF) >> SCALE);
                int b = luma + ((CB_TO_B * cb + HALF) >> SCALE);
                to = put(out, to, clamp(r, max), bytesPerSample);
                to = put(out, to, clamp(g, max), bytesPerSample);
                to = put(out, to, clamp(b, max), bytesPerSample);
            }
        }
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    private static int put(byte[] out, int at, int v, int bytesPerSample) {
        out[at] = (byte) v;
        if (bytesPerSample == 2) {
            out[at + 1] = (byte) (v >> 8);
        }
        return at + bytesPerSample;
    }
}
