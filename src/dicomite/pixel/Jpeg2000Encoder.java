// SPDX-License-Identifier: MIT
package dicomite.pixel;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes native frames as JPEG 2000 lossless codestreams (PS3.5 §8.2.4, transfer syntax
 * 1.2.840.10008.1.2.4.90): the reversible 5-3 wavelet, no multi-component transform (so RGB
 * stays RGB and the photometric interpretation does not change), the raw codestream without a
 * JP2 box, as a DICOM fragment holds it. Samples of 8 bits, and of 16 bits signed or not, are
 * encoded at BitsAllocated precision, so every stored bit comes back on decoding, also bits
 * above BitsStored. Thread-safe: a writer per frame.
 *
 * <pre>{@code
 * byte[] codestream = Jpeg2000Encoder.encodeLossless(frame);
 * }</pre>
 */
public final class Jpeg2000Encoder {
    private static final J2KImageWriterSpi PROVIDER = new J2KImageWriterSpi();

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
        return write(RasterSamples.fromNative(frame));
    }

    private static byte[] write(WritableRaster raster) throws PixelDataException {
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
        param.setWriteCodeStreamOnly(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), param);
        } catch (IOException | RuntimeException e) {
            throw new PixelDataException("The frame cannot be encoded as JPEG 2000: " + e, e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
