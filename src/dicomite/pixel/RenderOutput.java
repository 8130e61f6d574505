// SPDX-License-Identifier: MIT
package dicomite.pixel;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Encodes rendered 8-bit grey or RGB pixels as JPEG (baseline, JFIF; colour without chroma
 * subsampling) or PNG with the JDK's
 * ImageIO writers. The JDK's own writer is preferred where a library on the class path adds
 * another for the same format. Stateless; each call makes its own writer.
 */
final class RenderOutput {
    private static final String JDK_PLUGINS = "com.sun.imageio.plugins.";

    private RenderOutput() {
    }

    /** An 8-bit grey image over the bytes, one a pixel, row by row. */
    static BufferedImage grey(byte[] grey, int columns, int rows) {
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(grey, 0, target, 0, target.length);
        return image;
    }

    /** A 24-bit colour image from interleaved R G B bytes. */
    static BufferedImage rgb(byte[] rgb, int columns, int rows) {
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i + 2 < bgr.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return image;
    }

    /**
     * The encoded image.
     *
     * @param quality 1..100, for JPEG only
     * @throws PixelDataException when no writer is installed or the writer fails
     */
    static byte[] encode(BufferedImage image, RenderedFormat format, int quality)
            throws PixelDataException {
        ImageWriter writer = writer(format);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth()
                * image.getHeight() / 2 + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == RenderedFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
            }
            IIOMetadata metadata = format == RenderedFormat.JPEG && image.getRaster()
                    .getNumBands() == 3 ? fullChroma(writer, image, param) : null;
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException | RuntimeException e) {
            throw new PixelDataException("The " + format + " writer failed on a "
                    + image.getWidth() + "x" + image.getHeight() + " image: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    // ImageIO subsamples colour JPEGs 2x2 (4:2:0) by default; a rendered medical image keeps
    // every chroma sample (4:4:4), so that colour edges stay sharp at any quality.
    private static IIOMetadata fullChroma(ImageWriter writer, BufferedImage image,
            ImageWriteParam param) throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(image), param);
        String name = "javax_imageio_jpeg_image_1.0";
        Node tree = metadata.getAsTree(name);
        NodeList components = ((Element) tree).getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
            Element component = (Element) components.item(i);
            component.setAttribute("HsamplingFactor", "1");
            component.setAttribute("VsamplingFactor", "1");
        }
        metadata.setFromTree(name, tree);
        return metadata;
    }

    private static ImageWriter writer(RenderedFormat format) throws PixelDataException {
        ImageWriter chosen = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(
                format.imageIOName()); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (chosen == null || w.getClass().getName().startsWith(JDK_PLUGINS)) {
                chosen = w;
            }
        }
        if (chosen == null) {
            throw new PixelDataException("No ImageIO writer for " + format.mediaType()
                    + " is installed");
        }
        return chosen;
    }
}
