// SPDX-License-Identifier: MIT
package dicomite.pixel;

import java.awt.image.DataBuffer;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Moves samples between a {@link Raster} and native pixel bytes (PS3.5 §8.1.1: samples of
 * BitsAllocated 8, 16 or 32 bits, little endian, interleaved by pixel). Stateless.
 */
final class RasterSamples {
    private RasterSamples() {
    }

    /**
     * The raster's samples as a native frame described by {@code d} (planar configuration 0).
     *
     * @throws PixelDataException when BitsAllocated is not 8, 16 or 32
     */
    static byte[] toNative(Raster raster, PixelDescription d) throws PixelDataException {
        int bytesPerSample = bytesPerSample(d);
        int[] samples = raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(),
                (int[]) null);
        byte[] out = new byte[samples.length * bytesPerSample];
        for (int i = 0, o = 0; i < samples.length; i++) {
            int v = samples[i];
            for (int b = 0; b < bytesPerSample; b++) {
                out[o++] = (byte) (v >>> (8 * b));
            }
        }
        return out;
    }

    /**
     * A raster of the frame's samples: bytes for BitsAllocated 8, signed or unsigned shorts
     * for 16, ints for 32; planar configuration 1 is read as such.
     *
     * @throws PixelDataException when BitsAllocated is 1 or the pixels are too short
     */
    static WritableRaster fromNative(DecodedFrame frame) throws PixelDataException {
        PixelDescription d = frame.description();
        int bytesPerSample = bytesPerSample(d);
        if (frame.pixels().length < d.frameLength()) {
            throw new PixelDataException("The frame has " + frame.pixels().length
                    + " bytes, not the " + d.frameLength() + " its attributes describe");
        }
        int type = switch (bytesPerSample) {
            case 1 -> DataBuffer.TYPE_BYTE;
            case 2 -> d.signed() ? DataBuffer.TYPE_SHORT : DataBuffer.TYPE_USHORT;
            default -> DataBuffer.TYPE_INT;
        };
        int bands = d.samplesPerPixel();
        int[] offsets = new int[bands];
        for (int b = 0; b < bands; b++) {
            offsets[b] = b;
        }
        WritableRaster raster = Raster.createWritableRaster(new PixelInterleavedSampleModel(
                type, d.columns(), d.rows(), bands, d.columns() * bands, offsets), null);
        raster.setPixels(0, 0, d.columns(), d.rows(), samplesOf(frame.pixels(), d));
        return raster;
    }

    /** The samples in pixel order (planar configuration 0), sign-extended when signed. */
    private static int[] samplesOf(byte[] pixels, PixelDescription d) throws PixelDataException {
        int bytesPerSample = bytesPerSample(d);
        int samplesPerPixel = d.samplesPerPixel();
        int pixelCount = (int) d.pixelCount();
        int[] samples = new int[pixelCount * samplesPerPixel];
        for (int i = 0; i < samples.length; i++) {
            int pixel = i / samplesPerPixel;
            int sample = i % samplesPerPixel;
            int index = d.planarConfiguration() == 1 ? sample * pixelCount + pixel : i;
            samples[i] = sampleAt(pixels, index * bytesPerSample, bytesPerSample, d.signed());
        }
        return samples;
    }

    private static int sampleAt(byte[] pixels, int offset, int bytes, boolean signed) {
        int v = 0;
        for (int b = bytes - 1; b >= 0; b--) {
            v = (v << 8) | (pixels[offset + b] & 0xFF);
        }
        if (signed && bytes < 4) {
            int shift = 32 - 8 * bytes;
            v = (v << shift) >> shift;
        }
        return v;
    }

    private static int bytesPerSample(PixelDescription d) throws PixelDataException {
        return switch (d.bitsAllocated()) {
            case 8 -> 1;
            case 16 -> 2;
            case 32 -> 4;
            default -> throw new PixelDataException("BitsAllocated " + d.bitsAllocated()
                    + " cannot be converted; 8, 16 or 32 can");
        };
    }
}
