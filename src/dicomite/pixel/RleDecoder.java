// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * RLE Lossless (1.2.840.10008.1.2.5, PS3.5 Annex G): a 64-byte header of 16 little-endian
 * uint32 (the segment count, then up to 15 segment offsets from the start of the frame),
 * followed by PackBits-coded byte segments (§G.3.1). Segments come sample by sample, and within
 * a sample most significant byte first (§G.2); each segment holds one byte of every pixel.
 *
 * <p>Each segment is decoded straight into its strided place of the output, so a sample's
 * bytes land little endian and colour samples interleaved by pixel (planar configuration 0)
 * without a second pass. The photometric interpretation is kept as stored.
 *
 * <p>Invariants: the segment count is samples times bytes per sample; offsets rise and lie in
 * the frame; each segment decodes to exactly one byte per pixel. Leniency, as dcmtk's dcmdrle
 * allows: a run that overshoots a segment's end by one byte (an encoder padding the segment to
 * even length with an extra decoded byte) is cut, and up to {@value #MAX_TRAILING} unused bytes
 * after a full segment (a pad byte) are ignored. Stateless and thread-safe.
 */
final class RleDecoder implements FrameDecoder {
    private static final int HEADER_LENGTH = 64; // bytes
    private static final int MAX_SEGMENTS = 15;
    private static final int MAX_TRAILING = 2; // bytes

    @Override
    public DecodedFrame decode(byte[] encoded, PixelDescription stored)
            throws PixelDataException {
        int bytesPerSample = bytesPerSample(stored);
        int samples = stored.samplesPerPixel();
        if (samples != 1 && samples != 3) {
            throw new PixelDataException("RLE Lossless: SamplesPerPixel " + samples
                    + " is not supported; 1 or 3 expected (PS3.5 §G.2)");
        }
        int[] offsets = readHeader(encoded, samples * bytesPerSample);
        int pixels = Math.toIntExact(stored.pixelCount());
        byte[] out = new byte[Math.toIntExact(stored.frameLength())];
        int stride = samples * bytesPerSample;
        for (int segment = 0; segment < offsets.length; segment++) {
            int sample = segment / bytesPerSample;
            int significance = segment % bytesPerSample; // 0 = most significant byte
            int start = sample * bytesPerSample + (bytesPerSample - 1 - significance);
            int end = segment + 1 < offsets.length ? offsets[segment + 1] : encoded.length;
            Segment s = new Segment(segment, offsets.length, offsets[segment], end);
            decodeSegment(encoded, s, out, new Placement(start, stride, pixels));
        }
        return new DecodedFrame(out, stored.withColourModel(stored.photometricInterpretation(), 0));
    }

    /** One segment's place in the input: its number, the count, and its byte range. */
    private record Segment(int number, int count, int from, int to) {
        String name() {
            return "RLE segment " + (number + 1) + " of " + count;
        }
    }

    /** Where a segment's bytes go: the first output index, the step, and how many. */
    private record Placement(int first, int stride, int count) {
    }

    private static int bytesPerSample(PixelDescription stored) throws PixelDataException {
        int bits = stored.bitsAllocated();
        if (bits != 8 && bits != 16 && bits != 32) {
            throw new PixelDataException("RLE Lossless: BitsAllocated " + bits
                    + " is not supported; 8, 16 or 32 expected (PS3.5 §G.2)");
        }
        return bits / 8;
    }

    /**
     * The segment offsets of the header.
     *
     * @throws PixelDataException when the frame is shorter than the header, the count is not
     *     {@code expected}, or an offset is out of order or outside the frame
     */
    private static int[] readHeader(byte[] encoded, int expected) throws PixelDataException {
        if (encoded.length < HEADER_LENGTH) {
            throw new PixelDataException("RLE Lossless: frame of " + encoded.length
                    + " bytes is shorter than the 64-byte RLE header (PS3.5 §G.5)");
        }
        long count = uint32(encoded, 0);
        if (count < 1 || count > MAX_SEGMENTS || count != expected) {
            throw new PixelDataException("RLE Lossless: header at offset 0x0 gives " + count
                    + " segments; the pixel description needs " + expected
                    + " (SamplesPerPixel x bytes per sample, PS3.5 §G.2)");
        }
        int[] offsets = new int[expected];
        long previous = HEADER_LENGTH - 1;
        for (int i = 0; i < expected; i++) {
            long offset = uint32(encoded, 4 + 4 * i);
            if (offset <= previous || offset >= encoded.length) {
                throw new PixelDataException("RLE Lossless: segment " + (i + 1) + " of "
                        + expected + " starts at offset 0x" + Long.toHexString(offset)
                        + ", which is not after the previous segment (0x"
                        + Long.toHexString(previous) + ") and inside the frame's "
                        + encoded.length + " bytes (PS3.5 §G.5)");
            }
            offsets[i] = (int) offset;
            previous = offset;
        }
        return offsets;
    }

    private static long uint32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16
                | (b[at + 3] & 0xFFL) << 24;
    }

    /**
     * Decodes one PackBits segment (PS3.5 §G.3.1) into every {@code stride}-th output byte.
     * Long because the two run kinds and the end checks belong together in one tight loop.
     *
     * @throws PixelDataException when the segment ends before every pixel has its byte, or
     *     decodes more than one byte past them, or leaves more than a pad byte unused
     */
    private static void decodeSegment(byte[] in, Segment s, byte[] out, Placement p)
            throws PixelDataException {
        int pos = s.from();
        int end = s.to();
        int o = p.first();
        int stride = p.stride();
        int limit = p.first() + p.count() * stride; // exclusive
        while (o < limit) {
            if (pos >= end) {
                throw shortSegment(s, (o - p.first()) / stride, p.count());
            }
            int control = in[pos++];
            if (control >= 0) {
                int n = control + 1;
                if (pos + n > end) {
                    throw shortSegment(s, (o - p.first()) / stride, p.count());
                }
                int room = (limit - o + stride - 1) / stride;
                if (n > room + 1) {
                    throw longSegment(s, pos - 1, p.count());
                }
                int copy = Math.min(n, room);
                for (int i = 0; i < copy; i++, o += stride) {
                    out[o] = in[pos + i];
                }
                pos += n;
            } else if (control != -128) {
                int n = 1 - control;
                if (pos >= end) {
                    throw shortSegment(s, (o - p.first()) / stride, p.count());
                }
                int room = (limit - o + stride - 1) / stride;
                if (n > room + 1) {
                    throw longSegment(s, pos - 1, p.count());
                }
                byte value = in[pos++];
                int copy = Math.min(n, room);
                for (int i = 0; i < copy; i++, o += stride) {
                    out[o] = value;
                }
            }
        }
        if (end - pos > MAX_TRAILING) {
            throw longSegment(s, pos, p.count());
        }
    }

    private static PixelDataException shortSegment(Segment s, int decoded, int expected) {
        return new PixelDataException("RLE Lossless: " + s.name() + " at offset 0x"
                + Integer.toHexString(s.from()) + " ends at offset 0x"
                + Integer.toHexString(s.to()) + " after " + decoded + " of its " + expected
                + " bytes (PS3.5 §G.3)");
    }

    private static PixelDataException longSegment(Segment s, int at, int expected) {
        return new PixelDataException("RLE Lossless: " + s.name() + " at offset 0x"
                + Integer.toHexString(s.from()) + " decodes more than its " + expected
                + " bytes; the excess starts at offset 0x" + Integer.toHexString(at)
                + " (PS3.5 §G.3)");
    }
}
