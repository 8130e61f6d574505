// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.Dataset;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Renders one frame of native pixels to the image a viewer would show (PS3.18 §8.3.5 rendered
 * resources, spec §3.5), as 8-bit JPEG or PNG:
 * <ul>
 *   <li>MONOCHROME1 and MONOCHROME2: BitsStored bits of each sample (signed when
 *       PixelRepresentation is 1), the modality LUT as Rescale Slope and Intercept or as the
 *       Modality LUT Sequence's table (PS3.3 §C.11.1), the first VOI window with its VOI LUT
 *       Function, else the first VOI LUT Sequence table (PS3.3 §C.11.2), else the frame's range
 *       of modality values, then MONOCHROME1 inverted; looked up per frame in the functional
 *       groups of enhanced multi-frame images first;</li>
 *   <li>RGB, YBR_FULL and YBR_FULL_422 (either planar configuration; native 4:2:2
 *       subsampling): scaled to 8 bits and converted to RGB (PS3.3 §C.7.6.3.1.2);</li>
 *   <li>PALETTE COLOR: the red, green and blue lookup tables (PS3.3 §C.7.6.3.1.5), not
 *       segmented ones.</li>
 * </ul>
 * Overlays, presentation states and Presentation LUT Shape are not applied. Stateless and
 * thread-safe; the work is a few passes over the frame's bytes plus the encoder.
 *
 * <pre>{@code
 * byte[] jpeg = Renderer.render(frame, dataset, 1, RenderedFormat.JPEG, 90);
 * }</pre>
 */
public final class Renderer {
    private Renderer() {
    }

    /**
     * Renders a frame.
     *
     * @param frame the frame's native pixels, described as they are laid out
     * @param dataset the stored data set, for the rescale, window and palette attributes
     * @param frameNumber is 1-based (for per-frame functional groups)
     * @param quality 1..100, used for JPEG only
     * @return the encoded image
     * @throws PixelDataException when the photometric interpretation or layout cannot be
     *     rendered, an attribute the rendering needs is malformed, or the frame is too short
     * @throws IllegalArgumentException when frameNumber is below 1 or quality outside 1..100
     */
    public static byte[] render(DecodedFrame frame, Dataset dataset, int frameNumber,
            RenderedFormat format, int quality) throws PixelDataException {
        if (frameNumber < 1 || quality < 1 || quality > 100) {
            throw new IllegalArgumentException("Frame number " + frameNumber + " must be at"
                    + " least 1 and quality " + quality + " from 1 to 100");
        }
        return RenderOutput.encode(image(frame, dataset, frameNumber), format, quality);
    }

    /**
     * The rendered frame as an 8-bit grey or RGB image, before encoding.
     *
     * @throws PixelDataException as {@link #render}
     */
    static BufferedImage image(DecodedFrame frame, Dataset dataset, int frameNumber)
            throws PixelDataException {
        PixelDescription d = frame.description();
        int pixelCount = pixelCount(d);
        String photometric = d.photometricInterpretation();
        if (d.samplesPerPixel() == 3) {
            return RenderOutput.rgb(RenderColour.render(frame.pixels(), d), d.columns(),
                    d.rows());
        }
        if (d.samplesPerPixel() != 1) {
            throw new PixelDataException("SamplesPerPixel (0028,0002) " + d.samplesPerPixel()
                    + " cannot be rendered: 1 or 3 can (PS3.3 §C.7.6.3.1.1)");
        }
        RenderSamples samples = RenderSamples.read(frame.pixels(), d, pixelCount);
        if (photometric.equals("PALETTE COLOR")) {
            byte[] rgb = PaletteLut.render(samples, PaletteLut.of(dataset, d.signed()));
            return RenderOutput.rgb(rgb, d.columns(), d.rows());
        }
        if (!photometric.equals("MONOCHROME1") && !photometric.equals("MONOCHROME2")) {
            throw new PixelDataException("PhotometricInterpretation (0028,0004) '"
                    + photometric + "' with one sample a pixel cannot be rendered: MONOCHROME1,"
                    + " MONOCHROME2 and PALETTE COLOR can (PS3.3 §C.7.6.3.1.2)");
        }
        ModalityLut modality = ModalityLut.of(dataset, frameNumber, d.signed());
        Optional<VoiTransform> voi = VoiTransform.find(dataset, frameNumber,
                modality.canBeNegative(d));
        byte[] grey = RenderGrey.render(samples, modality, voi,
                photometric.equals("MONOCHROME1"));
        return RenderOutput.grey(grey, d.columns(), d.rows());
    }

    private static int pixelCount(PixelDescription d) throws PixelDataException {
        long samples = d.pixelCount() * d.samplesPerPixel();
        if (samples > Integer.MAX_VALUE - 8) {
            throw new PixelDataException("Rows " + d.rows() + " x Columns " + d.columns()
                    + " x SamplesPerPixel " + d.samplesPerPixel() + " is too many samples"
                    + " to render in one image");
        }
        return (int) d.pixelCount();
    }
}
