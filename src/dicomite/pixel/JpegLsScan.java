// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * Decodes the data of one JPEG-LS scan (ITU-T T.87 Annex A): context modelling with 365
 * regular contexts and 2 run interruption contexts, gradient quantisation, median edge
 * prediction with bias correction, limited-length Golomb codes, and run mode, for lossless
 * (NEAR 0) and near-lossless coding. Interleave mode 0 decodes one component; line (1) gives
 * each component its own run index but shares the contexts; sample (2) shares both and enters
 * run mode only when every component's gradients are zero (the layout CharLS, and so dcmtk,
 * writes).
 *
 * <p>Lines are kept as int arrays with one border sample on each side (T.87 §A.2.1: the left
 * border repeats the sample above, the right border the last sample of the line above).
 * Every loop is bounded by the number of samples; corrupt data gives wrong samples clamped
 * to 0..MAXVAL or a {@link PixelDataException} from the bit reader. One instance per scan.
 */
final class JpegLsScan {
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final int CONTEXTS = 365;
    private static final int MAX_K = 24; // no valid context needs more

    /** Where decoded lines go: the frame's output bytes and its layout. */
    record Target(byte[] out, int samples, int bytesPerSample, int columns) {
    }

    private final JpegLsParameters p;
    private final JpegLsBitReader in;
    private final byte[] quantised; // Q(d) for d + maxValue, T.87 §A.3.3
    private final int[] a = new int[CONTEXTS];
    private final int[] b = new int[CONTEXTS];
    private final int[] c = new int[CONTEXTS];
    private final int[] n = new int[CONTEXTS];
    private final int[] runA = new int[2];
    private final int[] runN = new int[2];
    private final int[] runNn = new int[2];
    private final int step; // 2 * NEAR + 1
    private int runIndex;

    JpegLsScan(JpegLsParameters p, JpegLsBitReader in) {
        this.p = p;
        this.in = in;
        this.step = 2 * p.near() + 1;
        this.quantised = quantisationTable(p);
        int initialA = Math.max(2, (p.range() + 32) / 64); // T.87 §A.2.1
        java.util.Arrays.fill(a, initialA);
        java.util.Arrays.fill(n, 1);
        java.util.Arrays.fill(runA, initialA);
        java.util.Arrays.fill(runN, 1);
    }

    private static byte[] quantisationTable(JpegLsParameters p) {
        int max = p.maxValue();
        byte[] table = new byte[2 * max + 1];
        for (int d = -max; d <= max; d++) {
            table[d + max] = (byte) quantise(d, p);
        }
        return table;
    }

    private static int quantise(int d, JpegLsParameters p) {
        if (d <= -p.t3()) {
            return -4;
        } else if (d <= -p.t2()) {
            return -3;
        } else if (d <= -p.t1()) {
            return -2;
        } else if (d < -p.near()) {
            return -1;
        } else if (d <= p.near()) {
            return 0;
        } else if (d < p.t1()) {
            return 1;
        } else if (d < p.t2()) {
            return 2;
        }
        return d < p.t3() ? 3 : 4;
    }

    /**
     * Decodes every line of the scan into the target; {@code components} are the frame
     * component indices in scan order, and also the sample positions in the output.
     *
     * @throws PixelDataException when the scan data are corrupt or end early
     */
    void decode(int[] components, int interleave, int rows, Target target)
            throws PixelDataException {
        int count = components.length;
        int width = target.columns();
        int[][] previous = new int[count][width + 2];
        int[][] current = new int[count][width + 2];
        int[] runIndices = new int[count];
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < count; i++) {
                previous[i][width + 1] = previous[i][width];
                current[i][0] = previous[i][1];
            }
            if (interleave == 2) {
                decodeSampleInterleavedLine(previous, current, width);
            } else {
                for (int i = 0; i < count; i++) {
                    runIndex = runIndices[i];
                    decodeLine(previous[i], current[i], width);
                    runIndices[i] = runIndex;
                }
            }
            for (int i = 0; i < count; i++) {
                writeLine(current[i], row, components[i], target);
            }
            int[][] swap = previous;
            previous = current;
            current = swap;
        }
    }

    private static void writeLine(int[] line, int row, int component, Target t) {
        int width = t.columns();
        int bytes = t.bytesPerSample();
        int at = ((row * width) * t.samples() + component) * bytes;
        int stride = t.samples() * bytes;
        byte[] out = t.out();
        for (int x = 1; x <= width; x++, at += stride) {
            int v = line[x];
            out[at] = (byte) v;
            if (bytes > 1) {
                out[at + 1] = (byte) (v >> 8);
            }
        }
    }

    private int context(int ra, int rb, int rc, int rd) {
        int max = p.maxValue();
        return (quantised[rd - rb + max] * 9 + quantised[rb - rc + max]) * 9
                + quantised[rc - ra + max];
    }

    private void decodeLine(int[] previous, int[] current, int width)
            throws PixelDataException {
        int x = 1;
        while (x <= width) {
            int ra = current[x - 1];
            int rb = previous[x];
            int rc = previous[x - 1];
            int q = context(ra, rb, rc, previous[x + 1]);
            if (q == 0) {
                x += decodeRun(previous, current, x, width);
            } else {
                current[x++] = decodeRegular(q, ra, rb, rc);
            }
        }
    }

    /** T.87 §A.7: a run of the left sample, then the interruption sample if the line goes on. */
    private int decodeRun(int[] previous, int[] current, int x, int width)
            throws PixelDataException {
        int ra = current[x - 1];
        int length = readRunLength(width - x + 1);
        java.util.Arrays.fill(current, x, x + length, ra);
        int end = x + length;
        if (end > width) {
            return length;
        }
        int rb = previous[end];
        if (Math.abs(ra - rb) <= p.near()) {
            current[end] = reconstruct(ra, decodeInterruption(1));
        } else {
            current[end] = reconstruct(rb, decodeInterruption(0) * (rb >= ra ? 1 : -1));
        }
        runIndex = Math.max(0, runIndex - 1);
        return length + 1;
    }

    private void decodeSampleInterleavedLine(int[][] previous, int[][] current, int width)
            throws PixelDataException {
        int count = previous.length;
        int[] q = new int[count];
        int x = 1;
        while (x <= width) {
            boolean run = true;
            for (int i = 0; i < count; i++) {
                int[] up = previous[i];
                q[i] = context(current[i][x - 1], up[x], up[x - 1], up[x + 1]);
                run &= q[i] == 0;
            }
            if (run) {
                x += decodeSampleInterleavedRun(previous, current, x, width);
                continue;
            }
            for (int i = 0; i < count; i++) {
                int[] up = previous[i];
                current[i][x] = decodeRegular(q[i], current[i][x - 1], up[x], up[x - 1]);
            }
            x++;
        }
    }

    private int decodeSampleInterleavedRun(int[][] previous, int[][] current, int x,
            int width) throws PixelDataException {
        int length = readRunLength(width - x + 1);
        int end = x + length;
        for (int[] line : current) {
            java.util.Arrays.fill(line, x, end, line[x - 1]);
        }
        if (end > width) {
            return length;
        }
        for (int i = 0; i < current.length; i++) {
            int ra = current[i][x - 1];
            int rb = previous[i][end];
            current[i][end] = reconstruct(rb, decodeInterruption(0) * (rb >= ra ? 1 : -1));
        }
        runIndex = Math.max(0, runIndex - 1);
        return length + 1;
    }

    /** T.87 §A.7.1.2: the run length, at most {@code left} samples. */
    private int readRunLength(int left) throws PixelDataException {
        int length = 0;
        while (in.readBit()) {
            int block = 1 << J[runIndex];
            int count = Math.min(block, left - length);
            length += count;
            if (count == block) {
                runIndex = Math.min(31, runIndex + 1);
            }
            if (length == left) {
                return length;
            }
        }
        if (J[runIndex] > 0) {
            length += in.read(J[runIndex]);
        }
        if (length > left) {
            throw new PixelDataException("JPEG-LS: a run of " + length + " samples near offset"
                    + " 0x" + Integer.toHexString(in.position()) + " passes the " + left
                    + " samples left in the line (T.87 §A.7.1.2)");
        }
        return length;
    }

    /** T.87 §A.4–A.6: one sample in regular mode with context {@code q} (-364..364). */
    private int decodeRegular(int q, int ra, int rb, int rc) throws PixelDataException {
        int sign = q < 0 ? -1 : 1;
        q *= sign;
        int px = predict(ra, rb, rc) + sign * c[q];
        px = px < 0 ? 0 : Math.min(px, p.maxValue());
        int k = golombK(a[q], n[q]);
        int mapped = readMapped(k, p.limit());
        int error = (mapped >>> 1) ^ -(mapped & 1);
        if (k == 0 && p.near() == 0 && 2 * b[q] + n[q] - 1 < 0) {
            error = ~error; // T.87 §A.5.2: the mapping for k = 0 and a negative bias
        }
        update(q, error);
        return reconstruct(px, sign * error);
    }

    private static int predict(int ra, int rb, int rc) {
        if (rc >= Math.max(ra, rb)) {
            return Math.min(ra, rb);
        }
        if (rc <= Math.min(ra, rb)) {
            return Math.max(ra, rb);
        }
        return ra + rb - rc;
    }

    private static int golombK(int a, int n) {
        int k = 0;
        while ((n << k) < a && k < MAX_K) {
            k++;
        }
        return k;
    }

    /** T.87 §A.5.3: a limited-length Golomb code. */
    private int readMapped(int k, int limit) throws PixelDataException {
        int escape = limit - p.qbpp() - 1;
        int high = in.readUnary(escape);
        if (high == escape) {
            return in.read(p.qbpp()) + 1;
        }
        return k == 0 ? high : (high << k) + in.read(k);
    }

    /** T.87 §A.6: context update and bias correction. */
    private void update(int q, int error) {
        int ba = b[q] + error * step;
        a[q] += Math.abs(error);
        int count = n[q];
        if (count == p.reset()) {
            a[q] >>= 1;
            ba >>= 1;
            count >>= 1;
        }
        count++;
        n[q] = count;
        if (ba + count <= 0) {
            ba += count;
            if (ba <= -count) {
                ba = -count + 1;
            }
            c[q] -= c[q] > -128 ? 1 : 0;
        } else if (ba > 0) {
            ba -= count;
            if (ba > 0) {
                ba = 0;
            }
            c[q] += c[q] < 127 ? 1 : 0;
        }
        b[q] = ba;
    }

    /** T.87 §A.7.2: the error of a run interruption sample of type {@code t} (0 or 1). */
    private int decodeInterruption(int t) throws PixelDataException {
        int temp = runA[t] + (runN[t] >> 1) * t;
        int k = golombK(temp, runN[t]);
        int mapped = readMapped(k, p.limit() - J[runIndex] - 1) + t;
        int flag = mapped & 1;
        int magnitude = (mapped + flag) >> 1;
        boolean negative = (k != 0 || 2 * runNn[t] >= runN[t]) == (flag == 1);
        int error = negative ? -magnitude : magnitude;
        if (error < 0) {
            runNn[t]++;
        }
        runA[t] += (mapped - t + 1 - t) >> 1;
        if (runN[t] == p.reset()) {
            runA[t] >>= 1;
            runN[t] >>= 1;
            runNn[t] >>= 1;
        }
        runN[t]++;
        return error;
    }

    /** T.87 §A.4.2, §A.5.4: the sample from prediction and error, modulo RANGE, clamped. */
    private int reconstruct(int px, int error) {
        int v = px + error * step;
        int wrap = p.range() * step;
        if (v < -p.near()) {
            v += wrap;
        } else if (v > p.maxValue() + p.near()) {
            v -= wrap;
        }
        return v < 0 ? 0 : Math.min(v, p.maxValue());
    }
}
