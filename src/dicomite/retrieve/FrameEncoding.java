// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.TransferSyntax;
import dicomite.http.Errors;
import dicomite.storage.FrameCache;
import dicomite.storage.StoredInstance;

/**
 * How the frames of one instance go out (spec §3.4): in which transfer syntax, and how the
 * stored bytes become the bytes sent:
 * <ul>
 *   <li>{@code *}, or the stored syntax asked for: the stored bytes, labelled with the stored
 *       syntax (for {@code image/jp2}: JPEG 2000 stored as such);</li>
 *   <li>Explicit VR Little Endian from a native little-endian syntax (implicit VR, explicit
 *       VR, deflated): the same bytes, since native pixel data does not depend on the VR
 *       encoding;</li>
 *   <li>Explicit VR Little Endian from Explicit VR Big Endian: through {@link FrameConverter},
 *       which swaps each 16-bit word of OW pixel data whatever BitsAllocated is (PS3.5
 *       §A.3) and leaves OB as it is;</li>
 *   <li>Explicit VR Little Endian from a compressed syntax, and JPEG 2000 lossless from any
 *       other syntax: decoded (and encoded) by {@link FrameConverter}, which answers 406 when
 *       it cannot.</li>
 * </ul>
 * Any conversion (every case but the first) is refused for files over the size limit of spec
 * §3.3.
 *
 * @param transferSyntax the syntax of the bytes sent, for the Content-Type
 * @param conversion what happens to the stored bytes
 */
record FrameEncoding(String transferSyntax, Conversion conversion) {
    /** What happens to the stored bytes of a frame. */
    enum Conversion {
        /** Sent as stored. */
        NONE,
        /** Decoded, and encoded again when the target is compressed, before sending. */
        CODEC
    }

    /**
     * The encoding the choice asks for.
     *
     * @throws dicomite.http.ApiError 406 when the file is over {@code maxSize} bytes
     */
    static FrameEncoding of(StoredInstance instance, FrameCache.Frames frames,
            RetrieveAccept.Choice choice, long maxSize) {
        String stored = instance.transferSyntaxUID();
        String target = choice.transferSyntax();
        if (choice.isOriginal() || stored.equalsIgnoreCase(target)) {
            return new FrameEncoding(stored, Conversion.NONE);
        }
        if (instance.size() > maxSize) {
            throw Errors.instanceTooLargeToTranscode(maxSize);
        }
        if (FrameConverter.needsCodec(stored, target)) {
            return new FrameEncoding(target, Conversion.CODEC);
        }
        return new FrameEncoding(target, TransferSyntax.forUID(stored).bigEndian()
                ? Conversion.CODEC : Conversion.NONE);
    }
}
