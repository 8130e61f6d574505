// SPDX-License-Identifier: MIT
package dicomite.pixel;

import java.io.ByteArrayOutputStream;

/**
 * A small JPEG Lossless (SOF3, ITU-T T.81 Annex H) encoder for tests: one interleaved scan,
 * any predictor, point transform 0, and restart intervals, which dcmcjpeg cannot write. Uses
 * one Huffman table giving every difference category a 5-bit code. Samples are unsigned
 * values of {@code precision} bits, interleaved by pixel.
 */
final class JpegLosslessEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long bits; // pending bits, right-aligned
    private int count; // number of pending bits

    private JpegLosslessEncoder() {
    }

    /** The JPEG image of {@code samples} (rows x columns x components values). */
    static byte[] encode(int[] samples, int rows, int columns, int components, int precision,
            int predictor, int restartInterval) {
        JpegLosslessEncoder e = new JpegLosslessEncoder();
        e.headers(rows, columns, components, precision, predictor, restartInterval);
        int initial = 1 << (precision - 1);
        int left = restartInterval;
        int marker = 0;
        int intervalRow = 0;
        boolean reset = true;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                if (restartInterval > 0 && left-- == 0) {
                    e.restart(marker);
                    marker = (marker + 1) & 7;
                    left = restartInterval - 1;
                    reset = true;
                    intervalRow = y;
                }
                for (int c = 0; c < components; c++) {
                    int at = (y * columns + x) * components + c;
                    int ra = x > 0 ? samples[at - components] : 0;
                    int rb = y > 0 ? samples[at - columns * components] : 0;
                    int rc = x > 0 && y > 0 ? samples[at - (columns + 1) * components] : 0;
                    int prediction = reset ? initial : y == intervalRow ? ra : x == 0 ? rb
                            : predict(predictor, ra, rb, rc);
                    e.difference(samples[at] - prediction);
                }
                reset = false;
            }
        }
        e.flush();
        e.marker(0xD9);
        return e.out.toByteArray();
    }

    private static int predict(int predictor, int ra, int rb, int rc) {
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }

    private void headers(int rows, int columns, int components, int precision, int predictor,
            int restartInterval) {
        marker(0xD8);
        marker(0xC3);
        word(8 + 3 * components);
        out.write(precision);
        word(rows);
        word(columns);
        out.write(components);
        for (int c = 0; c < components; c++) {
            out.write(c + 1);
            out.write(0x11);
            out.write(0);
        }
        marker(0xC4);
        word(2 + 17 + 17);
        out.write(0x00);
        for (int length = 1; length <= 16; length++) {
            out.write(length == 5 ? 17 : 0);
        }
        for (int v = 0; v <= 16; v++) {
            out.write(v);
        }
        if (restartInterval > 0) {
            marker(0xDD);
            word(4);
            word(restartInterval);
        }
        marker(0xDA);
        word(6 + 2 * components);
        out.write(components);
        for (int c = 0; c < components; c++) {
            out.write(c + 1);
            out.write(0x00);
        }
        out.write(predictor);
        out.write(0);
        out.write(0);
    }

    private void difference(int raw) {
        int d = raw & 0xFFFF;
        if (d > 32768) {
            d -= 65536;
        }
        if (d == 32768) {
            put(16, 5); // T.81 §H.1.2.2: category 16 has no extra bits
            return;
        }
        int magnitude = Math.abs(d);
        int category = magnitude == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(magnitude);
        put(category, 5);
        if (category > 0) {
            put(d > 0 ? d : d + (1 << category) - 1, category);
        }
    }

    private void put(int value, int length) {
        bits = bits << length | (value & ((1L << length) - 1));
        count += length;
        while (count >= 8) {
            int b = (int) (bits >> (count - 8)) & 0xFF;
            out.write(b);
            if (b == 0xFF) {
                out.write(0); // T.81 §B.1.1.5 stuffing
            }
            count -= 8;
        }
    }

    private void flush() {
        if (count > 0) {
            put(0x7F, 8 - count); // pad with 1-bits (T.81 §F.1.2.3)
        }
    }

    private void restart(int n) {
        flush();
        marker(0xD0 + n);
    }

    private void marker(int code) {
        out.write(0xFF);
        out.write(code);
    }

    private void word(int v) {
        out.write(v >> 8);
        out.write(v & 0xFF);
    }
}
