// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * JPEG-LS Lossless (1.2.840.10008.1.2.4.80) and Near-Lossless (1.2.840.10008.1.2.4.81), PS3.5
 * §A.4.3 and §8.2.3, per ITU-T T.87 / ISO/IEC 14495-1: precision 2..16, any number of
 * components (1 and 3 in DICOM), interleave modes none (one scan per component), line and
 * sample, default or LSE-given thresholds, NEAR 0..255.
 *
 * <p>The frame header must agree with the pixel description: rows, columns, components, and a
 * precision no larger than BitsAllocated (BitsStored may differ: encoders write either).
 * Output: samples of BitsAllocated (8 or 16) bits, little endian, interleaved by pixel
 * (planar configuration 0), photometric interpretation as stored. Not supported, each with a
 * {@link PixelDataException}: restart intervals, mapping tables and oversize dimensions (LSE
 * types 2-4), point transforms, and the HP colour transforms (APP8 "mrfx"). Stateless and
 * thread-safe.
 */
final class JpegLsDecoder implements FrameDecoder {

    @Override
    public DecodedFrame decode(byte[] encoded, PixelDescription stored)
            throws PixelDataException {
        int bits = stored.bitsAllocated();
        if (bits != 8 && bits != 16) {
            throw new PixelDataException("JPEG-LS: BitsAllocated " + bits + " is not"
                    + " supported; 8 or 16 expected (T.87 precision is at most 16)");
        }
        byte[] out = new byte[Math.toIntExact(stored.frameLength())];
        JpegLsScan.Target target = new JpegLsScan.Target(out, stored.samplesPerPixel(),
                bits / 8, stored.columns());
        readCodestream(encoded, stored, target);
        return new DecodedFrame(out, stored.withColourModel(stored.photometricInterpretation(), 0));
    }

    /**
     * Walks the markers and decodes each scan. Long because it is the marker state machine of
     * T.87 §C.1; each marker moves forward by at least two bytes, so it ends.
     */
    private static void readCodestream(byte[] encoded, PixelDescription stored,
            JpegLsScan.Target target) throws PixelDataException {
        JpegLsMarkers markers = new JpegLsMarkers(encoded);
        markers.readStartOfImage();
        JpegLsMarkers.Frame frame = null;
        JpegLsMarkers.Preset preset = JpegLsMarkers.Preset.NONE;
        boolean[] decoded = new boolean[0];
        int from = markers.position();
        while (true) {
            int marker = markers.nextMarker(from);
            if (marker == JpegLsMarkers.EOI || marker == JpegLsMarkers.END_OF_DATA) {
                requireEveryComponent(decoded, frame);
                return;
            } else if (marker == JpegLsMarkers.SOF55) {
                frame = checkFrame(markers.readFrame(), stored);
                decoded = new boolean[frame.componentIds().length];
            } else if (marker == JpegLsMarkers.LSE) {
                preset = markers.readPreset();
            } else if (marker == JpegLsMarkers.SOS) {
                requireFrame(frame, markers.position());
                JpegLsMarkers.Scan scan = markers.readScan(frame);
                from = decodeScan(encoded, markers.position(), new ScanSetup(frame, scan,
                        preset), target);
                markDecoded(decoded, scan);
                continue;
            } else if (marker == JpegLsMarkers.DRI) {
                requireNoRestart(markers.readRestartInterval(), markers.position());
            } else if (marker == JpegLsMarkers.APP8) {
                markers.skipApplication8();
            } else if (marker >= 0xE0 || marker == JpegLsMarkers.COM) {
                markers.skipSegment();
            } else {
                throw unexpected(marker, markers.position() - 2);
            }
            from = markers.position();
        }
    }

    /** One scan's headers: the frame, the scan header and the preset parameters in force. */
    private record ScanSetup(JpegLsMarkers.Frame frame, JpegLsMarkers.Scan scan,
            JpegLsMarkers.Preset preset) {
    }

    private static int decodeScan(byte[] encoded, int start, ScanSetup setup,
            JpegLsScan.Target target) throws PixelDataException {
        JpegLsMarkers.Scan scan = setup.scan();
        if (scan.pointTransform() != 0) {
            throw new PixelDataException("JPEG-LS: SOS point transform " + scan.pointTransform()
                    + " is not supported; 0 expected");
        }
        JpegLsParameters parameters = JpegLsParameters.of(setup.frame().precision(),
                scan.near(), setup.preset());
        JpegLsBitReader bits = new JpegLsBitReader(encoded, start);
        new JpegLsScan(parameters, bits).decode(scan.components(), scan.interleave(),
                setup.frame().rows(), target);
        return bits.position();
    }

    /**
     * Checks SOF55 against the pixel description.
     *
     * @throws PixelDataException naming both values when rows, columns, components or
     *     precision disagree
     */
    private static JpegLsMarkers.Frame checkFrame(JpegLsMarkers.Frame frame,
            PixelDescription stored) throws PixelDataException {
        int components = frame.componentIds().length;
        if (frame.rows() != stored.rows() || frame.columns() != stored.columns()
                || components != stored.samplesPerPixel()
                || frame.precision() > stored.bitsAllocated()) {
            throw new PixelDataException("JPEG-LS: SOF55 gives " + frame.rows() + " rows, "
                    + frame.columns() + " columns, " + components + " components and precision "
                    + frame.precision() + ", but the pixel description gives Rows "
                    + stored.rows() + ", Columns " + stored.columns() + ", SamplesPerPixel "
                    + stored.samplesPerPixel() + " and BitsAllocated " + stored.bitsAllocated()
                    + " (precision must not exceed BitsAllocated)");
        }
        return frame;
    }

    private static void requireFrame(JpegLsMarkers.Frame frame, int offset)
            throws PixelDataException {
        if (frame == null) {
            throw new PixelDataException("JPEG-LS: SOS at offset 0x"
                    + Integer.toHexString(offset - 2) + " comes before any SOF55 frame header"
                    + " (T.87 §C.1)");
        }
    }

    private static void requireNoRestart(int interval, int offset) throws PixelDataException {
        if (interval != 0) {
            throw new PixelDataException("JPEG-LS: DRI at offset 0x"
                    + Integer.toHexString(offset - 6) + " sets restart interval " + interval
                    + "; restart markers are not supported");
        }
    }

    private static void markDecoded(boolean[] decoded, JpegLsMarkers.Scan scan) {
        for (int component : scan.components()) {
            decoded[component] = true;
        }
    }

    private static void requireEveryComponent(boolean[] decoded, JpegLsMarkers.Frame frame)
            throws PixelDataException {
        if (frame == null) {
            throw new PixelDataException("JPEG-LS: the frame has no SOF55 frame header"
                    + " (T.87 §C.2.2)");
        }
        for (int i = 0; i < decoded.length; i++) {
            if (!decoded[i]) {
                throw new PixelDataException("JPEG-LS: component " + frame.componentIds()[i]
                        + " of SOF55 is in no scan before the end of the frame (T.87 §C.1)");
            }
        }
    }

    private static PixelDataException unexpected(int marker, int offset) {
        boolean otherJpeg = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4
                && marker != 0xC8 && marker != 0xCC;
        return new PixelDataException("JPEG-LS: marker FF " + Integer.toHexString(marker)
                .toUpperCase(java.util.Locale.ROOT) + " at offset 0x"
                + Integer.toHexString(offset) + (otherJpeg
                        ? " starts a JPEG frame of another process, not JPEG-LS (SOF55)"
                        : " is not expected in a JPEG-LS frame (T.87 §C.1)"));
    }
}
