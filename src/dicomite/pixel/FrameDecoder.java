// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * Decodes one frame of one compressed transfer syntax: the frame's bytes as stored (the
 * concatenated fragments of PS3.5 §A.4, without item headers) to native pixels.
 * Implementations are stateless and thread-safe.
 */
public interface FrameDecoder {
    /**
     * The frame's native pixels.
     *
     * @param encoded the frame's encoded bytes, trailing padding byte included
     * @param stored the Image Pixel attributes of the stored data set
     * @throws PixelDataException when the bytes break the codec's rules or do not agree with
     *     the attributes (rows, columns, samples, precision)
     */
    DecodedFrame decode(byte[] encoded, PixelDescription stored) throws PixelDataException;
}
