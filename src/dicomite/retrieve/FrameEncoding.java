// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.TransferSyntax;
import dicomite.http.Errors;
import dicomite.storage.FrameCache;
import dicomite.storage.StoredInstance;

/**
 * How the frames of one instance go out (spec §3.4): in which transfer syntax, and whether the
 * stored bytes are swapped on the way. No frame is decoded or encoded again yet:
 * <ul>
 *   <li>{@code *}, or the stored syntax asked for: the stored bytes, labelled with the stored
 *       syntax (for {@code image/jp2}: JPEG 2000 stored as such);</li>
 *   <li>Explicit VR Little Endian from a native little-endian syntax (implicit VR, explicit
 *       VR, deflated): the same bytes, since native pixel data does not depend on the VR
 *       encoding;</li>
 *   <li>Explicit VR Little Endian from Explicit VR Big Endian: BitsAllocated 16 swaps each
 *       16-bit word, 8 and 1 are the same bytes;</li>
 *   <li>anything else (from or to a compressed syntax, other BitsAllocated from big endian):
 *       406 "The specified transcoding is not supported.", as a codec failure answers.</li>
 * </ul>
 * A conversion (any case but the first) is refused for files over the size limit of spec §3.3.
 *
 * @param transferSyntax the syntax of the bytes sent, for the Content-Type
 * @param swapWords whether each pair of bytes is swapped
 */
record FrameEncoding(String transferSyntax, boolean swapWords) {
    /**
     * The encoding the choice asks for.
     *
     * @throws dicomite.http.ApiError 406 when the conversion is not made or the file is over
     *     {@code maxSize} bytes
     */
    static FrameEncoding of(StoredInstance instance, FrameCache.Frames frames,
            RetrieveAccept.Choice choice, long maxSize) {
        String stored = instance.transferSyntaxUID();
        if (choice.isOriginal() || stored.equalsIgnoreCase(choice.transferSyntax())) {
            return new FrameEncoding(stored, false);
        }
        if (instance.size() > maxSize) {
            throw Errors.instanceTooLargeToTranscode(maxSize);
        }
        TransferSyntax source = TransferSyntax.forUID(stored);
        String explicit = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
        if (!explicit.equals(choice.transferSyntax()) || !source.isNative()) {
            throw Errors.transcodingNotSupported();
        }
        if (!source.bigEndian()) {
            return new FrameEncoding(explicit, false);
        }
        return switch (frames.bitsAllocated()) {
            case 1, 8 -> new FrameEncoding(explicit, false);
            case 16 -> new FrameEncoding(explicit, true);
            default -> throw Errors.transcodingNotSupported();
        };
    }
}
