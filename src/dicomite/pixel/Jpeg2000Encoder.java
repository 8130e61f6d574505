// SPDX-License-Identifier: MIT
package dicomite.pixel;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes native frames as JPEG 2000 lossless codestreams (PS3.5 §8.2.4, transfer syntax
 * 1.2.840.10008.1.2.4.90): the reversible 5-3 wavelet, no multi-component transform (so RGB
 * stays RGB and the photometric interpretation does not change), the raw codestream without a
 * JP2 box, as a DICOM fragment holds it. Samples of 8 bits, and of 16 bits signed or not, are
 * encoded at BitsStored precision when every sample fits in it, at BitsAllocated precision
 * otherwise, so every stored bit comes back on decoding, also bits set above BitsStored
 * (jai-imageio writes signed 16-bit samples at 16 bits whatever it is asked). Each
 * codestream is decoded again and compared with the frame before it is returned (see
 * {@link #precisionsFor}), which about doubles the time a frame takes. Thread-safe: a writer
 * per frame.
 *
 * <pre>{@code
 * byte[] codestream = Jpeg2000Encoder.encodeLossless(frame);
 * }</pre>
 */
public final class Jpeg2000Encoder {
    private static final J2KImageWriterSpi PROVIDER = new J2KImageWriterSpi();
    private static final Jpeg2000Decoder DECODER = new Jpeg2000Decoder();
    private static final int[] DECOMPOSITION_LEVELS = {5, 3, 1}; // tried in this order

    private Jpeg2000Encoder() {
    }

    /**
     * The frame as a lossless codestream.
     *
     * @throws PixelDataException when BitsAllocated is not 8 or 16, the photometric
     *     interpretation is a subsampled one (YBR_FULL_422), or the encoder fails
     */
    public static byte[] encodeLossless(DecodedFrame frame) throws PixelDataException {
        PixelDescription d = frame.description();
        if (d.bitsAllocated() != 8 && d.bitsAllocated() != 16) {
            throw new PixelDataException("BitsAllocated " + d.bitsAllocated() + " cannot be"
                    + " encoded as JPEG 2000 here; 8 or 16 can");
        }
        if (d.photometricInterpretation().endsWith("_422")
                || d.photometricInterpretation().endsWith("_420")) {
            throw new PixelDataException("PhotometricInterpretation "
                    + d.photometricInterpretation() + " holds subsampled samples, which"
                    + " cannot be encoded as JPEG 2000 here");
        }
        WritableRaster raster = RasterSamples.fromNative(frame);
        int[] samples = raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(),
                (int[]) null);
        PixelDescription interleaved = d.withColourModel(d.photometricInterpretation(), 0);
        byte[] expected = RasterSamples.toNative(raster, interleaved);
        for (int precision : precisionsFor(samples, d)) {
            for (int levels : DECOMPOSITION_LEVELS) {
                byte[] codestream = write(imageOf(raster, precision), levels);
                if (Arrays.equals(DECODER.decode(codestream, interleaved).pixels(), expected)) {
                    return codestream;
                }
            }
        }
        throw new PixelDataException("The JPEG 2000 encoder did not reproduce the "
                + d.columns() + "x" + d.rows() + " frame exactly at any precision tried");
    }

    /**
     * The precisions to try, best first: BitsStored when every sample fits in it (PS3.5
     * §8.2.4), else BitsAllocated; then the fewest bits the samples need. The encoder is
     * checked by decoding, because jai-imageio's reversible coding is not always exact for
     * precisions above 12 bits (about one frame in thirty of 16-bit test data came back a few
     * levels off); a lower precision, or fewer wavelet levels, holds the same values.
     */
    private static int[] precisionsFor(int[] samples, PixelDescription d) {
        int lowest = 0;
        int highest = 0;
        for (int v : samples) {
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        int bits = d.bitsStored();
        boolean fits = d.signed() ? lowest >= -(1 << (bits - 1)) && highest < (1 << (bits - 1))
                : highest < (1 << bits);
        int needed = d.signed() ? 33 - Integer.numberOfLeadingZeros(Math.max(~lowest, highest))
                : Math.max(1, 32 - Integer.numberOfLeadingZeros(highest));
        int first = fits ? bits : d.bitsAllocated();
        return needed < first ? new int[] {first, needed} : new int[] {first};
    }

    // The writer takes each component's precision from the colour model's component sizes.
    private static BufferedImage imageOf(WritableRaster raster, int precision) {
        int bands = raster.getNumBands();
        ColorSpace space = ColorSpace.getInstance(bands == 1 ? ColorSpace.CS_GRAY
                : ColorSpace.CS_sRGB);
        int[] sizes = new int[bands];
        Arrays.fill(sizes, precision);
        ColorModel model = new ComponentColorModel(space, sizes, false, false,
                Transparency.OPAQUE, raster.getTransferType());
        return new BufferedImage(model, raster, false, null);
    }

    private static byte[] write(BufferedImage image, int levels) throws PixelDataException {
        ImageWriter writer;
        try {
            writer = PROVIDER.createWriterInstance();
        } catch (IOException e) {
            throw new PixelDataException("The JPEG 2000 writer cannot be created", e);
        }
        J2KImageWriteParam param = new J2KImageWriteParam();
        param.setLossless(true);
        param.setFilter(J2KImageWriteParam.FILTER_53);
        param.setComponentTransformation(false);
        param.setNumDecompositionLevels(levels);
        param.setWriteCodeStreamOnly(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException | RuntimeException e) {
            throw new PixelDataException("The frame cannot be encoded as JPEG 2000: " + e, e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
