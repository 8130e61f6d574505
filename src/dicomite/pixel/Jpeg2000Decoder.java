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
        Raster raster = readRaster(encoded, stored);
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

    // The size is checked from the codestream's header before its samples are decoded, so
    // that a header claiming a huge image cannot make the reader allocate for it.
    private static Raster readRaster(byte[] encoded, PixelDescription stored)
            throws PixelDataException {
        ImageReader reader;
        try {
            reader = PROVIDER.createReaderInstance();
        } catch (IOException e) {
            throw new PixelDataException("The JPEG 2000 reader cannot be created", e);
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(
                new ByteArrayInputStream(encoded))) {
            reader.setInput(in);
            requireSameShape(reader.getWidth(0), reader.getHeight(0),
                    reader.getRawImageType(0).getNumBands(), stored);
            Raster raster = reader.read(0).getRaster();
            requireSameShape(raster.getWidth(), raster.getHeight(), raster.getNumBands(), stored);
            return raster;
        } catch (PixelDataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The reader signals bad codestreams with unchecked exceptions of its own.
            throw new PixelDataException("The JPEG 2000 codestream of " + encoded.length
                    + " bytes cannot be decoded: " + e, e);
        } finally {
            reader.dispose();
        }
    }

    private static void requireSameShape(int width, int height, int bands,
            PixelDescription stored) throws PixelDataException {
        if (width != stored.columns() || height != stored.rows()
                || bands != stored.samplesPerPixel()) {
            throw new PixelDataException("The JPEG 2000 codestream holds " + width
                    + "x" + height + " pixels of " + bands
                    + " components, but Columns, Rows and SamplesPerPixel say "
                    + stored.columns() + "x" + stored.rows() + " of "
                    + stored.samplesPerPixel());
        }
    }
}
