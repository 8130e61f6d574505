// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.DicomParseException;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.TransferSyntax;
import dicomite.http.Errors;
import dicomite.storage.Archive;
import dicomite.storage.StoredInstance;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;

/**
 * Spec §3.3: how one instance asked for in a transfer syntax other than {@code *} goes out.
 * Stored in that syntax: as stored. Otherwise it is converted when its file is at most
 * {@link #MAX_SIZE} bytes and the conversion is one this class makes: from a native syntax
 * (implicit VR little endian, explicit VR big endian, deflated) to Explicit VR Little Endian,
 * by reading the whole file and writing it again. Any other conversion (from or to a
 * compressed syntax, to JPEG 2000) is the 406 the service answers when its codec fails.
 *
 * <p>Memory: a conversion holds the whole data set, so at most the limit per request; checks
 * that refuse come before the file is read. Thread-safe.
 */
final class Transcoding {
    /** Spec §3.3: the largest file the service converts (100 MiB). */
    static final long MAX_SIZE = 104_857_600; // bytes
    private static final System.Logger LOG = System.getLogger(Transcoding.class.getName());

    private final Archive archive;
    private final long maxSize; // bytes

    /** Conversions of files up to {@code maxSize} bytes (tests use small limits). */
    Transcoding(Archive archive, long maxSize) {
        this.archive = archive;
        this.maxSize = maxSize;
    }

    /**
     * The instance in {@code transferSyntax}, read now when it must be converted.
     *
     * @param transferSyntax a transfer syntax UID the Accept grammar admits, not {@code *}
     * @throws dicomite.http.ApiError 406 when the file is over the limit, or the conversion is
     *     not supported or fails on the stored bytes
     * @throws IOException when the file cannot be read
     */
    Rendition renditionOf(StoredInstance instance, String transferSyntax) throws IOException {
        if (instance.transferSyntaxUID().equalsIgnoreCase(transferSyntax)) {
            return new Rendition.AsStored(archive, instance, transferSyntax);
        }
        if (instance.size() > maxSize) {
            throw Errors.instanceTooLargeToTranscode(maxSize);
        }
        TransferSyntax target = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        if (!target.uid().equals(transferSyntax) || !isNative(instance.transferSyntaxUID())) {
            throw Errors.transcodingNotSupported();
        }
        return new Rendition.Converted(read(instance), target);
    }

    private static boolean isNative(String transferSyntaxUID) {
        return TransferSyntax.find(transferSyntaxUID).filter(TransferSyntax::isNative)
                .isPresent();
    }

    private Part10 read(StoredInstance instance) throws IOException {
        try (InputStream in = Channels.newInputStream(archive.openInstance(instance.key()))) {
            return new Part10Reader(in).read();
        } catch (DicomParseException e) {
            LOG.log(Level.WARNING, "Cannot convert " + instance.key() + ": its file does not"
                    + " parse", e);
            throw Errors.transcodingNotSupported();
        }
    }
}
