// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * Decodes JPEG frames of the sequential DCT processes with Huffman coding (ITU-T T.81 Annex F):
 * baseline (SOF0, 8-bit, transfer syntax 1.2.840.10008.1.2.4.50) and extended (SOF1, 8 or 12
 * bits, 1.2.840.10008.1.2.4.51), PS3.5 §8.2.1 and §A.4.1. One to four components, any integer
 * sampling factors (4:4:4, 4:2:2, 4:2:0 and others, brought to full size by
 * {@link JpegUpsampler}), interleaved or one scan per component, restart intervals.
 * Progressive, arithmetic and hierarchical frames are refused by name. A sequential scan
 * header with other spectral or approximation values than T.81 allows (0, 63, 0, 0) is read
 * as if it had those, as libjpeg does, since some writers get them wrong.
 *
 * <p>Output: samples of BitsAllocated bits (8, or 16 for 12-bit data) little endian,
 * planar configuration 0. When the stored photometric interpretation is YBR_FULL_422 or
 * YBR_FULL the samples are converted to RGB with the JFIF equations (ITU-T T.871 §7) and the
 * description says RGB, as dcmdjpeg does by default; other interpretations (RGB,
 * MONOCHROME1/2) are left as decoded. A frame whose header says SOF3 is handed to
 * {@link JpegLosslessDecoder}. Stateless and thread-safe.
 */
final class JpegDctDecoder implements FrameDecoder {
    /** Natural (row-major) index of each zig-zag position, T.81 Figure A.6. */
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

    // Longer than most: T.81 §E.2 reads scans until EOI and then checks that every component
    // was decoded; split up, the loop and its checks would be harder to follow.
    @Override
    public DecodedFrame decode(byte[] encoded, PixelDescription stored)
            throws PixelDataException {
        JpegCodestream stream = new JpegCodestream(encoded);
        JpegScanHeader scan = stream.firstScan();
        JpegFrameHeader frame = stream.frame();
        if (frame.marker() == JpegCodestream.SOF3) {
            return new JpegLosslessDecoder().decode(encoded, stored);
        }
        frame.requireAgrees(stored);
        requireSupported(frame);
        JpegPlane[] planes = allocatePlanes(frame);
        boolean[] decoded = new boolean[planes.length];
        for (; scan != null; scan = stream.nextScan()) {
            int end = new SequentialScan(stream, frame, scan, planes).decode();
            stream.skipEntropyData(end);
            for (int c : scan.components()) {
                decoded[c] = true;
            }
        }
        JpegCodestream.requireEveryComponent(decoded, "§B.2.1");
        return output(frame, planes, stored);
    }

    private static void requireSupported(JpegFrameHeader frame) throws PixelDataException {
        int p = frame.precision();
        if (p != 8 && (p != 12 || frame.marker() == JpegCodestream.SOF0)) {
            throw new PixelDataException("JPEG " + frame.name() + " at offset "
                    + JpegCodestream.hex(frame.offset()) + " has precision " + p + "; allowed"
                    + " are 8, and 12 with SOF1 (T.81 §B.2.2)");
        }
        int hMax = frame.maxHorizontal();
        int vMax = frame.maxVertical();
        for (JpegFrameHeader.Component c : frame.components()) {
            if (hMax % c.horizontal() != 0 || vMax % c.vertical() != 0) {
                throw new PixelDataException("JPEG component " + c.id() + " has sampling "
                        + c.horizontal() + "x" + c.vertical() + ", which does not divide the"
                        + " largest, " + hMax + "x" + vMax + "; not supported");
            }
        }
    }

    private static JpegPlane[] allocatePlanes(JpegFrameHeader frame) {
        int hMax = frame.maxHorizontal();
        int vMax = frame.maxVertical();
        int mcusX = ceilDiv(frame.columns(), 8 * hMax);
        int mcusY = ceilDiv(frame.rows(), 8 * vMax);
        JpegPlane[] planes = new JpegPlane[frame.components().length];
        for (int i = 0; i < planes.length; i++) {
            JpegFrameHeader.Component c = frame.components()[i];
            int stride = mcusX * c.horizontal() * 8;
            int lines = mcusY * c.vertical() * 8;
            planes[i] = new JpegPlane(new short[stride * lines], stride,
                    ceilDiv(frame.columns() * c.horizontal(), hMax),
                    ceilDiv(frame.rows() * c.vertical(), vMax));
        }
        return planes;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static DecodedFrame output(JpegFrameHeader frame, JpegPlane[] planes,
            PixelDescription stored) {
        int width = frame.columns();
        int height = frame.rows();
        short[][] full = new short[planes.length][];
        int[] strides = new int[planes.length];
        for (int i = 0; i < planes.length; i++) {
            JpegFrameHeader.Component c = frame.components()[i];
            int fx = frame.maxHorizontal() / c.horizontal();
            int fy = frame.maxVertical() / c.vertical();
            boolean same = fx == 1 && fy == 1;
            full[i] = same ? planes[i].samples()
                    : JpegUpsampler.upsample(planes[i], fx, fy, width, height);
            strides[i] = same ? planes[i].stride() : width;
        }
        String photometric = stored.photometricInterpretation();
        boolean convert = planes.length == 3
                && (photometric.equals("YBR_FULL_422") || photometric.equals("YBR_FULL"));
        byte[] pixels = new byte[Math.toIntExact(stored.frameLength())];
        JpegSamples layout = new JpegSamples(full, strides, width, height);
        if (convert) {
            layout.writeRgb(pixels, stored.bitsAllocated() / 8, frame.precision());
        } else {
            layout.write(pixels, stored.bitsAllocated() / 8);
        }
        return new DecodedFrame(pixels, stored.withColourModel(convert ? "RGB" : photometric,
                0));
    }

    /**
     * One sequential scan (T.81 §F.2.2): per data unit a DC difference and run-length coded
     * AC coefficients, dequantized and inverse transformed into the component's plane.
     */
    private static final class SequentialScan {
        private final JpegBitReader reader;
        private final JpegScanHeader scan;
        private final JpegFrameHeader frame;
        private final JpegPlane[] planes;
        private final JpegHuffmanTable[] dc;
        private final JpegHuffmanTable[] ac;
        private final int[][] quant;
        private final int restartInterval;
        private final int[] predictions;
        private final int[] coefficients = new int[64];
        private final float[] scratch = new float[64];
        private final int centre;
        private final int max;

        SequentialScan(JpegCodestream stream, JpegFrameHeader frame, JpegScanHeader scan,
                JpegPlane[] planes) throws PixelDataException {
            // T.81 §B.2.3 asks Ss 0, Se 63, Ah 0, Al 0 of a sequential scan; some writers put
            // other values there. Like libjpeg, the scan is read as the whole 0..63 anyway.
            this.scan = scan;
            this.frame = frame;
            this.planes = planes;
            int n = scan.components().length;
            dc = new JpegHuffmanTable[n];
            ac = new JpegHuffmanTable[n];
            quant = new int[n][];
            for (int i = 0; i < n; i++) {
                dc[i] = require(stream.dcTables[scan.dcTables()[i]], "DC", scan.dcTables()[i]);
                ac[i] = require(stream.acTables[scan.acTables()[i]], "AC", scan.acTables()[i]);
                int tq = frame.components()[scan.components()[i]].quantTable();
                quant[i] = require(stream.quantTables[tq], tq);
            }
            restartInterval = stream.restartInterval();
            predictions = new int[n];
            centre = 1 << (frame.precision() - 1);
            max = (1 << frame.precision()) - 1;
            reader = new JpegBitReader(stream.data, stream.position(), stream.data.length);
        }

        private <T> T require(T table, String kind, int id) throws PixelDataException {
            if (table == null) {
                throw new PixelDataException("JPEG scan at offset "
                        + JpegCodestream.hex(scan.offset()) + " uses " + kind + " Huffman table "
                        + id + ", which no DHT defines (T.81 §B.2.4.2)");
            }
            return table;
        }

        private int[] require(int[] table, int id) throws PixelDataException {
            if (table == null) {
                throw new PixelDataException("JPEG frame component uses quantization table " + id
                        + ", which no DQT before scan at offset "
                        + JpegCodestream.hex(scan.offset()) + " defines (T.81 §B.2.4.1)");
            }
            return table;
        }

        /** Decodes every MCU; returns the offset where the scan's data was left. */
        int decode() throws PixelDataException {
            boolean single = scan.components().length == 1;
            JpegPlane only = planes[scan.components()[0]];
            int mcusX = single ? ceilDiv(only.width(), 8)
                    : ceilDiv(frame.columns(), 8 * frame.maxHorizontal());
            int mcusY = single ? ceilDiv(only.height(), 8)
                    : ceilDiv(frame.rows(), 8 * frame.maxVertical());
            int left = restartInterval;
            int nextRestart = 0;
            for (int my = 0; my < mcusY; my++) {
                for (int mx = 0; mx < mcusX; mx++) {
                    if (restartInterval > 0 && left-- == 0) {
                        reader.restart(nextRestart);
                        nextRestart = (nextRestart + 1) & 7;
                        left = restartInterval - 1;
                        java.util.Arrays.fill(predictions, 0);
                    }
                    if (single) {
                        decodeBlock(0, only, mx, my);
                    } else {
                        decodeMcu(mx, my);
                    }
                }
            }
            return reader.position();
        }

        private void decodeMcu(int mx, int my) throws PixelDataException {
            int[] components = scan.components();
            for (int i = 0; i < components.length; i++) {
                JpegFrameHeader.Component c = frame.components()[components[i]];
                for (int v = 0; v < c.vertical(); v++) {
                    for (int h = 0; h < c.horizontal(); h++) {
                        decodeBlock(i, planes[components[i]], mx * c.horizontal() + h,
                                my * c.vertical() + v);
                    }
                }
            }
        }

        /**
         * T.81 §F.2.2.1, §F.2.2.2: one 8x8 block at block column bx, block row by. Kept in one
         * piece (over 30 lines) because it is the innermost loop: DC difference, AC run-length
         * pairs, dequantisation.
         */
        private void decodeBlock(int i, JpegPlane plane, int bx, int by)
                throws PixelDataException {
            int[] q = quant[i];
            int[] coef = coefficients;
            java.util.Arrays.fill(coef, 0);
            int category = reader.decode(dc[i]);
            if (category > 15) {
                throw badCategory("DC", category);
            }
            predictions[i] += reader.receiveExtended(category);
            coef[0] = predictions[i] * q[0];
            JpegHuffmanTable table = ac[i];
            for (int k = 1; k < 64; k++) {
                int rs = reader.decode(table);
                int size = rs & 15;
                k += rs >> 4;
                if (size == 0) {
                    if (rs != 0xF0) {
                        break; // EOB
                    }
                    continue; // ZRL: sixteen zeros
                }
                if (k > 63) {
                    throw badCategory("AC run past coefficient 63, run/size 0x"
                            + Integer.toHexString(rs) + ",", k);
                }
                coef[ZIGZAG[k]] = reader.receiveExtended(size) * q[k];
            }
            JpegIdct.transform(coef, scratch, plane.samples(), by * 8 * plane.stride() + bx * 8,
                    plane.stride(), centre, max);
        }

        private PixelDataException badCategory(String what, int value) {
            return new PixelDataException("JPEG scan near offset "
                    + JpegCodestream.hex(reader.position()) + " codes " + what + " category "
                    + value + " (T.81 §F.1.2)");
        }
    }
}
