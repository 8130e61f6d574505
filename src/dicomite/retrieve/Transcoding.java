// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.Dataset;
import dicomite.dicom.DicomParseException;
import dicomite.dicom.Element;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import dicomite.http.Errors;
import dicomite.pixel.PixelDescription;
import dicomite.storage.Archive;
import dicomite.storage.FrameCache;
import dicomite.storage.FrameExtractionException;
import dicomite.storage.StoredInstance;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Spec §3.3: how one instance asked for in a transfer syntax other than {@code *} goes out.
 * Stored in that syntax: as stored. Otherwise it is converted when its file is at most
 * {@link #MAX_SIZE} bytes: from a native syntax (implicit VR little endian, explicit VR big
 * endian, deflated) to Explicit VR Little Endian by reading the whole file and writing it
 * again; from a compressed syntax to Explicit VR Little Endian, and from any syntax to JPEG
 * 2000 lossless, by also converting every frame ({@link FrameConverter}) and putting the new
 * pixel data, PhotometricInterpretation and PlanarConfiguration in the data set (encapsulated
 * pixel data: an empty basic offset table, then one fragment per frame, PS3.5 §A.4). A
 * conversion that fails is the 406 the service answers when its codec fails.
 *
 * <p>Memory: a conversion holds the whole data set and its converted frames, so a few times
 * the limit per request at most; checks that refuse come before the file is read.
 * Thread-safe.
 */
final class Transcoding {
    /** Spec §3.3: the largest file the service converts (100 MiB). */
    static final long MAX_SIZE = 104_857_600; // bytes
    private static final System.Logger LOG = System.getLogger(Transcoding.class.getName());

    private final Archive archive;
    private final FrameCache cache;
    private final FrameConverter converter;
    private final long maxSize; // bytes

    /** Conversions of files up to {@code maxSize} bytes (tests use small limits). */
    Transcoding(Archive archive, FrameCache cache, long maxSize) {
        this.archive = archive;
        this.cache = cache;
        this.converter = new FrameConverter(archive);
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
        TransferSyntax target = TransferSyntax.forUID(transferSyntax);
        Part10 file = read(instance);
        if (FrameConverter.needsCodec(instance.transferSyntaxUID(), transferSyntax)) {
            convertPixelData(instance, file.dataset(), target);
        }
        return new Rendition.Converted(file, target);
    }

    // The data set gets the converted frames of the stored file in place of its pixel data.
    private void convertPixelData(StoredInstance instance, Dataset dataset,
            TransferSyntax target) throws IOException {
        FrameCache.Frames frames;
        try {
            frames = cache.load(instance);
        } catch (FrameExtractionException e) {
            LOG.log(Level.WARNING, "Cannot convert " + instance.key() + ": " + e.getMessage());
            throw Errors.transcodingNotSupported();
        }
        if (frames.count() == 0) {
            return; // no pixel data: the data set is written in the new syntax as it is
        }
        List<Integer> numbers = IntStream.rangeClosed(1, frames.count()).boxed().toList();
        FrameConverter.Converted converted = converter.convert(instance, frames, numbers,
                target.uid());
        PixelDescription d = converted.description();
        dataset.put(target.isNative() ? nativePixelData(converted)
                : Element.encapsulated(Tag.PixelData, VR.OB, fragmentsOf(converted)));
        dataset.putString(Tag.PhotometricInterpretation, VR.CS, d.photometricInterpretation());
        if (d.isColour()) {
            dataset.putInts(Tag.PlanarConfiguration, VR.US, d.planarConfiguration());
        }
    }

    // PS3.5 §8.1.1, §8.2: OW for samples wider than a byte, OB otherwise; padded to even.
    private static Element nativePixelData(FrameConverter.Converted converted) {
        long total = converted.frames().values().stream().mapToLong(f -> f.length).sum();
        byte[] pixels = new byte[Math.toIntExact(total + total % 2)]; // bounded by the converter
        int at = 0;
        for (byte[] frame : converted.frames().values()) {
            System.arraycopy(frame, 0, pixels, at, frame.length);
            at += frame.length;
        }
        VR vr = converted.description().bitsAllocated() > 8 ? VR.OW : VR.OB;
        return Element.of(Tag.PixelData, vr, pixels);
    }

    // PS3.5 §A.4: an empty basic offset table, then each frame in one fragment of even length.
    private static List<byte[]> fragmentsOf(FrameConverter.Converted converted) {
        List<byte[]> fragments = new ArrayList<>();
        fragments.add(new byte[0]);
        for (byte[] frame : converted.frames().values()) {
            fragments.add(frame.length % 2 == 0 ? frame : Arrays.copyOf(frame, frame.length + 1));
        }
        return fragments;
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
