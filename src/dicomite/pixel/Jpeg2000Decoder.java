// SPDX-License-Identifier: MIT
package dicomite.pixel;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * JPEG 2000 frames (PS3.5 §8.2.4, transfer syntaxes 1.2.840.10008.1.2.4.90 and .4.91): a
 * codestream decoded by jai-imageio's reader, its samples written as native pixels. The
 * reader undoes the multi-component transform, so YBR_RCT and YBR_ICT come out as RGB
 * (PS3.5 §8.2.4: those interpretations name the transform, not the decoded samples).
 *
 * <p>The reader is created per frame (instances are not thread-safe) straight from its
 * service provider, so no ImageIO registry look-up is needed. Thread-safe.
 */
final class Jpeg2000Decoder implements FrameDecoder {
    private static final J2KImageReaderSpi PROVIDER = new J2KImageReaderSpi();

    @Override
    public DecodedFrame decode(byte[] encoded, PixelDescription stored)
            throws PixelDataException {
        Raster raster = readRaster(encoded);
        requireSameShape(raster, stored);
        PixelDescription decoded = stored.isColour()
                ? stored.withColourModel(decodedColourModel(stored), 0)
                : stored.withColourModel(stored.photometricInterpretation(), 0);
        return new DecodedFrame(RasterSamples.toNative(raster, decoded), decoded);
    }

    private static String decodedColourModel(PixelDescription stored) {
        String photometric = stored.photometricInterpretation();
        return photometric.equals("YBR_RCT") || photometric.equals("YBR_ICT") ? "RGB"
                : photometric;
    }

    private static Raster readRaster(byte[] encoded) throws PixelDataException {
        ImageReader reader;
        try {
            reader = PROVIDER.createReaderInstance();
        } catch (IOException e) {
            throw new PixelDataException("The JPEG 2000 reader cannot be created", e);
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(
                new ByteArrayInputStream(encoded))) {
            reader.setInput(in);
            return reader.read(0).getRaster();
        } catch (IOException | RuntimeException e) {
            // The reader signals bad codestreams with unchecked exceptions of its own.
            throw new PixelDataException("The JPEG 2000 codestream of " + encoded.length
                    + " bytes cannot be decoded: " + e, e);
        } finally {
            reader.dispose();
        }
    }

    private static void requireSameShape(Raster raster, PixelDescription stored)
            throws PixelDataException {
        if (raster.getWidth() != stored.columns() || raster.getHeight() != stored.rows()
                || raster.getNumBands() != stored.samplesPerPixel()) {
            throw new PixelDataException("The JPEG 2000 codestream holds " + raster.getWidth()
                    + "x" + raster.getHeight() + " pixels of " + raster.getNumBands()
                    + " components, but Columns, Rows and SamplesPerPixel say "
                    + stored.columns() + "x" + stored.rows() + " of "
                    + stored.samplesPerPixel());
        }
    }
}
