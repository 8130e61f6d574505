// SPDX-License-Identifier: MIT
package dicomite.pixel;

import dicomite.dicom.TransferSyntax;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The frame decoder of each compressed transfer syntax Dicomite decodes (the source syntaxes
 * of spec §3.3) and the native frames of uncompressed ones (PS3.5 §8.1.1). Stateless.
 *
 * <pre>{@code
 * DecodedFrame frame = Decoders.find(uid).orElseThrow().decode(bytes, description);
 * }</pre>
 */
public final class Decoders {
    private static final Map<String, FrameDecoder> DECODERS = Map.of(
            TransferSyntax.JPEG_BASELINE.uid(), new JpegDctDecoder(),
            TransferSyntax.JPEG_EXTENDED.uid(), new JpegDctDecoder(),
            TransferSyntax.JPEG_LOSSLESS.uid(), new JpegLosslessDecoder(),
            TransferSyntax.JPEG_LOSSLESS_SV1.uid(), new JpegLosslessDecoder(),
            TransferSyntax.JPEG_LS_LOSSLESS.uid(), new JpegLsDecoder(),
            TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid(), new JpegLsDecoder(),
            TransferSyntax.JPEG_2000_LOSSLESS.uid(), new Jpeg2000Decoder(),
            TransferSyntax.JPEG_2000.uid(), new Jpeg2000Decoder(),
            TransferSyntax.RLE_LOSSLESS.uid(), new RleDecoder());

    private Decoders() {
    }

    /** The decoder of a compressed transfer syntax, if Dicomite has one. */
    public static Optional<FrameDecoder> find(String transferSyntaxUID) {
        return Optional.ofNullable(DECODERS.get(transferSyntaxUID.strip()
                .toLowerCase(Locale.ROOT)));
    }

    /**
     * A native frame as stored, in the layout of {@link DecodedFrame}: little-endian bytes are
     * used as they are (planar configuration as stored); OW pixel data of Explicit VR Big
     * Endian (PS3.5 §A.3) has each 16-bit word swapped, whatever BitsAllocated is. A
     * YBR_FULL_422 frame keeps its two samples a pixel
     * ({@link PixelDescription#nativeFrameLength}).
     *
     * @param swapWords whether the frame is OW pixel data stored big endian
     * @throws PixelDataException when the bytes are fewer than the frame's length
     */
    public static DecodedFrame nativeFrame(byte[] stored, PixelDescription d, boolean swapWords)
            throws PixelDataException {
        if (stored.length < d.nativeFrameLength()) {
            throw new PixelDataException("The frame has " + stored.length + " bytes, fewer than"
                    + " the " + d.nativeFrameLength() + " that Rows, Columns, SamplesPerPixel,"
                    + " BitsAllocated and PhotometricInterpretation describe (PS3.5 §8.1.1)");
        }
        if (swapWords) {
            for (int i = 0; i + 1 < stored.length; i += 2) {
                byte first = stored[i];
                stored[i] = stored[i + 1];
                stored[i + 1] = first;
            }
        }
        return new DecodedFrame(stored, d);
    }
}
