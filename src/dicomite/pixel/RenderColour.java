// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * The colour pipeline for native RGB, YBR_FULL and YBR_FULL_422 frames (PS3.3 §C.7.6.3.1.2):
 * samples scaled to 8 bits (value * 255 / (2^BitsStored - 1), rounded), planar configuration 1
 * (PS3.3 §C.7.6.3.1.3: all red, then all green, then all blue) interleaved, YBR converted to RGB
 * by {@link ColourConversion}. Output is interleaved R G B bytes, one triplet a pixel.
 *
 * <p>A YBR_FULL_422 frame holding fewer bytes than three samples a pixel need is taken to be in
 * the native subsampled layout (two samples a pixel); one with three samples a pixel, as a decoder
 * gives, is read like YBR_FULL. Colour samples must be unsigned. Stateless.
 */
final class RenderColour {
    private RenderColour() {
    }

    /**
     * The RGB bytes of a colour frame.
     *
     * @throws PixelDataException when the photometric interpretation is not one of RGB,
     *     YBR_FULL and YBR_FULL_422, the samples are signed, the frame is too short, or a
     *     subsampled frame has an odd number of columns
     */
    static byte[] render(byte[] pixels, PixelDescription d) throws PixelDataException {
        String photometric = d.photometricInterpretation();
        checkSupported(d, photometric);
        int pixelCount = d.rows() * d.columns();
        boolean subsampled = photometric.equals("YBR_FULL_422")
                && pixels.length < d.frameLength();
        if (subsampled && d.columns() % 2 != 0) {
            throw new PixelDataException("YBR_FULL_422 pixel data with Columns " + d.columns()
                    + " cannot be subsampled in pairs: native 4:2:2 needs an even number of"
                    + " columns (PS3.3 §C.7.6.3.1.2)");
        }
        RenderSamples samples = RenderSamples.read(pixels, d, pixelCount * (subsampled ? 2 : 3));
        byte[] eight = toEightBits(samples, d.bitsStored());
        byte[] rgb = subsampled ? ColourConversion.expand422(eight, d.rows(), d.columns())
                : d.planarConfiguration() == 1 ? interleave(eight, pixelCount) : eight;
        if (!photometric.equals("RGB")) {
            ColourConversion.ybrFullToRgb(rgb);
        }
        return rgb;
    }

    private static void checkSupported(PixelDescription d, String photometric)
            throws PixelDataException {
        if (!photometric.equals("RGB") && !photometric.equals("YBR_FULL")
                && !photometric.equals("YBR_FULL_422")) {
            throw new PixelDataException("PhotometricInterpretation (0028,0004) '" + photometric
                    + "' cannot be rendered from native pixel data: RGB, YBR_FULL, YBR_FULL_422,"
                    + " PALETTE COLOR, MONOCHROME1 and MONOCHROME2 can (PS3.3 §C.7.6.3.1.2)");
        }
        if (d.samplesPerPixel() != 3 || d.signed()) {
            throw new PixelDataException(photometric + " pixel data needs SamplesPerPixel 3 and"
                    + " PixelRepresentation 0, not " + d.samplesPerPixel() + " and "
                    + (d.signed() ? 1 : 0) + " (PS3.3 §C.7.6.3.1.2)");
        }
    }

    private static byte[] toEightBits(RenderSamples samples, int bitsStored) {
        int[] values = samples.values();
        byte[] eight = new byte[values.length];
        if (bitsStored == 8) {
            for (int i = 0; i < values.length; i++) {
                eight[i] = (byte) values[i];
            }
            return eight;
        }
        double scale = 255 / (Math.pow(2, bitsStored) - 1);
        double bias = samples.bias();
        for (int i = 0; i < values.length; i++) {
            eight[i] = (byte) Math.round((values[i] + bias) * scale);
        }
        return eight;
    }

    private static byte[] interleave(byte[] planes, int pixelCount) {
        byte[] rgb = new byte[planes.length];
        for (int p = 0, i = 0; p < pixelCount; p++, i += 3) {
            rgb[i] = planes[p];
            rgb[i + 1] = planes[pixelCount + p];
            rgb[i + 2] = planes[2 * pixelCount + p];
        }
        return rgb;
    }
}
