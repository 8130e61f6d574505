// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * Decodes JPEG Lossless frames, process 14 (SOF3, Huffman; ITU-T T.81 Annex H), for the
 * transfer syntaxes 1.2.840.10008.1.2.4.57 (any predictor 1..7) and 1.2.840.10008.1.2.4.70
 * (predictor 1), PS3.5 §8.2.1 and §A.4.1. Precision 2..16, one component or three, in one
 * interleaved scan or one scan per component; point transform; restart intervals.
 * Limits: in a frame of several components every sampling factor must be 1 (DICOM colour
 * lossless always is), and the height must be in the frame header (no DNL).
 *
 * <p>Output: samples of BitsAllocated (8 or 16) bits little endian, interleaved by pixel
 * (planar configuration 0), colour left as stored (no YCbCr conversion). Signed samples are
 * written as decoded, P bits in two's complement, as dcmtk does. A frame whose header says
 * SOF0 or SOF1 is handed to {@link JpegDctDecoder}, since such mislabelled files exist.
 * Stateless and thread-safe; memory beyond the output is two rows per component.
 */
final class JpegLosslessDecoder implements FrameDecoder {

    // Longer than most: T.81 §H.2 reads scans until EOI (one per component when they are not
    // interleaved) and then checks that every component was decoded.
    @Override
    public DecodedFrame decode(byte[] encoded, PixelDescription stored)
            throws PixelDataException {
        JpegCodestream stream = new JpegCodestream(encoded);
        JpegScanHeader scan = stream.firstScan();
        JpegFrameHeader frame = stream.frame();
        if (frame.marker() != JpegCodestream.SOF3) {
            return new JpegDctDecoder().decode(encoded, stored);
        }
        frame.requireAgrees(stored);
        requireFullSampling(frame);
        byte[] pixels = new byte[Math.toIntExact(stored.frameLength())];
        boolean[] decoded = new boolean[frame.components().length];
        for (; scan != null; scan = stream.nextScan()) {
            LosslessScan lossless = new LosslessScan(stream, frame, scan, pixels);
            lossless.decode(stored.bitsAllocated() / 8);
            stream.skipEntropyData(lossless.reader.position());
            for (int c : scan.components()) {
                decoded[c] = true;
            }
        }
        JpegCodestream.requireEveryComponent(decoded, "§H.2");
        return new DecodedFrame(pixels, stored.withColourModel(
                stored.photometricInterpretation(), 0));
    }

    private static void requireFullSampling(JpegFrameHeader frame) throws PixelDataException {
        if (frame.components().length == 1) {
            return; // one component: a data unit is one sample whatever the factors
        }
        for (JpegFrameHeader.Component c : frame.components()) {
            if (c.horizontal() != 1 || c.vertical() != 1) {
                throw new PixelDataException("JPEG " + frame.name() + " component " + c.id()
                        + " has sampling factors " + c.horizontal() + "x" + c.vertical()
                        + "; only 1x1 is supported for lossless colour");
            }
        }
    }

    /**
     * One scan of T.81 §H.1.2: each sample is its predictor (Table H.1) plus a Huffman-coded
     * difference, modulo 2^16. The first line of the scan and of each restart interval uses
     * the sample to the left, the first sample 2^(P-Pt-1); the first column the sample above.
     */
    private static final class LosslessScan {
        private final JpegBitReader reader;
        private final JpegHuffmanTable[] tables;
        private final int[] components; // frame component index of each scan component
        private final int frameComponents;
        private final int rows;
        private final int columns;
        private final int predictor; // 1..7
        private final int pointTransform;
        private final int initial; // prediction at the start of a scan or restart interval
        private final int restartInterval; // MCUs, 0 when none
        private final byte[] pixels;
        private int[][] previous; // per scan component, the line above
        private int[][] current;

        LosslessScan(JpegCodestream stream, JpegFrameHeader frame, JpegScanHeader scan,
                byte[] pixels) throws PixelDataException {
            int p = frame.precision();
            predictor = scan.spectralStart();
            pointTransform = scan.approximationLow();
            if (p < 2 || p > 16 || predictor < 1 || predictor > 7 || pointTransform >= p) {
                throw new PixelDataException("JPEG lossless scan at offset "
                        + JpegCodestream.hex(scan.offset()) + " has precision " + p
                        + ", predictor " + predictor + " and point transform " + pointTransform
                        + "; allowed are 2..16, 1..7 and less than the precision (T.81 §H.1)");
            }
            components = scan.components();
            tables = new JpegHuffmanTable[components.length];
            for (int i = 0; i < components.length; i++) {
                tables[i] = requireTable(stream, scan, i);
            }
            frameComponents = frame.components().length;
            rows = frame.rows();
            columns = frame.columns();
            initial = 1 << (p - pointTransform - 1);
            restartInterval = stream.restartInterval();
            this.pixels = pixels;
            reader = new JpegBitReader(stream.data, stream.position(), stream.data.length);
            previous = new int[components.length][columns];
            current = new int[components.length][columns];
        }

        private static JpegHuffmanTable requireTable(JpegCodestream stream, JpegScanHeader scan,
                int i) throws PixelDataException {
            JpegHuffmanTable table = stream.dcTables[scan.dcTables()[i]];
            if (table == null) {
                throw new PixelDataException("JPEG scan at offset "
                        + JpegCodestream.hex(scan.offset()) + " uses Huffman table "
                        + scan.dcTables()[i] + ", which no DHT defines (T.81 §B.2.4.2)");
            }
            return table;
        }

        /** Decodes every line; the MCU is one sample of each scan component. */
        void decode(int bytesPerSample) throws PixelDataException {
            int left = restartInterval; // MCUs left in the interval
            int nextRestart = 0;
            int intervalRow = 0; // the line on which the current interval started
            boolean reset = true;
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    if (restartInterval > 0 && left-- == 0) {
                        reader.restart(nextRestart);
                        nextRestart = (nextRestart + 1) & 7;
                        left = restartInterval - 1;
                        reset = true;
                        intervalRow = y;
                    }
                    decodeMcu(x, y, reset ? -1 : y == intervalRow ? 1 : x == 0 ? 2 : predictor);
                    reset = false;
                }
                writeLine(y, bytesPerSample);
                int[][] swap = previous;
                previous = current;
                current = swap;
            }
        }

        /** Decodes one sample per component with predictor {@code selection}, -1: initial. */
        private void decodeMcu(int x, int y, int selection) throws PixelDataException {
            for (int i = 0; i < components.length; i++) {
                int[] line = current[i];
                int[] above = previous[i];
                int prediction = switch (selection) {
                    case -1 -> initial;
                    case 1 -> line[x - 1];
                    case 2 -> above[x];
                    case 3 -> above[x - 1];
                    case 4 -> line[x - 1] + above[x] - above[x - 1];
                    case 5 -> line[x - 1] + ((above[x] - above[x - 1]) >> 1);
                    case 6 -> above[x] + ((line[x - 1] - above[x - 1]) >> 1);
                    default -> (line[x - 1] + above[x]) >> 1;
                };
                line[x] = (prediction + difference(tables[i])) & 0xFFFF;
            }
        }

        /** T.81 §H.1.2.2: category 16 is the difference 32768 with no extra bits. */
        private int difference(JpegHuffmanTable table) throws PixelDataException {
            int category = reader.decode(table);
            if (category == 16) {
                return 32768;
            }
            if (category > 16) {
                throw new PixelDataException("JPEG lossless scan near offset "
                        + JpegCodestream.hex(reader.position()) + " codes difference category "
                        + category + "; allowed are 0..16 (T.81 Table H.2)");
            }
            return reader.receiveExtended(category);
        }

        private void writeLine(int y, int bytesPerSample) {
            for (int i = 0; i < components.length; i++) {
                int[] line = current[i];
                int index = y * columns * frameComponents + components[i];
                for (int x = 0; x < columns; x++, index += frameComponents) {
                    int value = line[x] << pointTransform;
                    if (bytesPerSample == 1) {
                        pixels[index] = (byte) value;
                    } else {
                        pixels[2 * index] = (byte) value;
                        pixels[2 * index + 1] = (byte) (value >> 8);
                    }
                }
            }
        }
    }
}
