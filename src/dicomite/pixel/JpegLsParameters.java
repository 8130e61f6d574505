// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * The coding parameters of one JPEG-LS scan (ITU-T T.87 §A.2, §C.2.4.1): MAXVAL, NEAR, the
 * gradient thresholds T1 &lt;= T2 &lt;= T3, RESET, and the derived RANGE, qbpp and LIMIT.
 * Values a preset parameters segment (LSE type 1) leaves at zero take their defaults.
 *
 * @param maxValue the largest sample value, 1..65535
 * @param near the largest error allowed, 0 for lossless
 * @param t1 first gradient threshold
 * @param t2 second gradient threshold
 * @param t3 third gradient threshold
 * @param reset the context counter limit, at least 3
 * @param range RANGE: the number of quantised error values
 * @param qbpp bits of an escaped mapped error
 * @param limit LIMIT: the longest Golomb code, in bits
 */
record JpegLsParameters(int maxValue, int near, int t1, int t2, int t3, int reset, int range,
        int qbpp, int limit) {
    private static final int DEFAULT_RESET = 64;

    /**
     * The parameters for a scan.
     *
     * @param precision P of the frame header, 2..16
     * @param near NEAR of the scan header
     * @param preset the LSE type 1 values, zeros for none
     * @throws PixelDataException when NEAR or a preset value is out of its T.87 range
     */
    static JpegLsParameters of(int precision, int near, JpegLsMarkers.Preset preset)
            throws PixelDataException {
        int maxValue = preset.maxValue() != 0 ? preset.maxValue() : (1 << precision) - 1;
        if (near < 0 || near > Math.min(255, maxValue / 2)) {
            throw new PixelDataException("JPEG-LS: NEAR " + near + " is outside 0.."
                    + Math.min(255, maxValue / 2) + " for MAXVAL " + maxValue + " (T.87 §C.2.3)");
        }
        int[] t = defaultThresholds(maxValue, near);
        int t1 = preset.t1() != 0 ? preset.t1() : t[0];
        int t2 = preset.t2() != 0 ? preset.t2() : t[1];
        int t3 = preset.t3() != 0 ? preset.t3() : t[2];
        int reset = preset.reset() != 0 ? preset.reset() : DEFAULT_RESET;
        if (t1 < near + 1 || t2 < t1 || t3 < t2 || t3 > maxValue || reset < 3) {
            throw new PixelDataException("JPEG-LS: thresholds T1 " + t1 + ", T2 " + t2
                    + ", T3 " + t3 + " and RESET " + reset + " break NEAR+1 <= T1 <= T2 <= T3"
                    + " <= MAXVAL " + maxValue + ", RESET >= 3 (T.87 §C.2.4.1.1)");
        }
        int range = (maxValue + 2 * near) / (2 * near + 1) + 1;
        int bpp = Math.max(2, ceilLog2(maxValue + 1));
        return new JpegLsParameters(maxValue, near, t1, t2, t3, reset, range,
                ceilLog2(range), 2 * (bpp + Math.max(8, bpp)));
    }

    /** T.87 §C.2.4.1.1: the default T1, T2, T3 for MAXVAL and NEAR. */
    private static int[] defaultThresholds(int maxValue, int near) {
        int t1;
        int t2;
        int t3;
        if (maxValue >= 128) {
            int factor = (Math.min(maxValue, 4095) + 128) / 256;
            t1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxValue);
            t2 = clamp(factor * (7 - 3) + 3 + 5 * near, t1, maxValue);
            t3 = clamp(factor * (21 - 4) + 4 + 7 * near, t2, maxValue);
        } else {
            int factor = 256 / (maxValue + 1);
            t1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxValue);
            t2 = clamp(Math.max(3, 7 / factor + 5 * near), t1, maxValue);
            t3 = clamp(Math.max(4, 21 / factor + 7 * near), t2, maxValue);
        }
        return new int[] {t1, t2, t3};
    }

    private static int clamp(int value, int low, int maxValue) {
        return value > maxValue || value < low ? low : value;
    }

    /** The smallest x with 2^x >= n. */
    private static int ceilLog2(int n) {
        int x = 0;
        while ((1L << x) < n) {
            x++;
        }
        return x;
    }
}
