// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.Dataset;
import dicomite.dicom.DicomParseException;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.TransferSyntax;
import dicomite.http.Errors;
import dicomite.pixel.DecodedFrame;
import dicomite.pixel.Decoders;
import dicomite.pixel.FrameDecoder;
import dicomite.pixel.Jpeg2000Encoder;
import dicomite.pixel.PixelDataException;
import dicomite.pixel.PixelDescription;
import dicomite.storage.Archive;
import dicomite.storage.FrameCache;
import dicomite.storage.StoredInstance;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conversions of spec §3.3 and §3.4 that need a codec: frames of a compressed syntax
 * decoded to Explicit VR Little Endian, and frames of any decodable syntax encoded as JPEG
 * 2000 lossless. Conversions between native syntaxes need none and are not made here
 * ({@link FrameEncoding}, {@link Transcoding}).
 *
 * <p>Sizes are bounded before anything is decoded: at most {@link #MAX_FRAME_SAMPLES} samples
 * a frame and {@link #MAX_CONVERTED} bytes of decoded frames a conversion, beyond which the
 * answer is the same 406 (a hostile header cannot make the server allocate what it says).
 *
 * <p>Frames are converted whole, before a response starts, so a frame that fails answers
 * 406 "The specified transcoding is not supported." as the service's codec failures do,
 * with the reason logged. Memory: the converted frames asked for are held until sent.
 * Thread-safe.
 */
final class FrameConverter {
    private static final System.Logger LOG = System.getLogger(FrameConverter.class.getName());
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String JPEG_2000 = TransferSyntax.JPEG_2000_LOSSLESS.uid();

    /** The most samples a frame may have to be decoded (8192 x 8192). */
    static final long MAX_FRAME_SAMPLES = 1L << 26;
    /** The most bytes of decoded frames one conversion holds. */
    static final long MAX_CONVERTED = 1L << 30; // bytes

    private final Archive archive;

    FrameConverter(Archive archive) {
        this.archive = archive;
    }

    /**
     * Converted frames.
     *
     * @param frames each frame asked for, by number from 1, in the order asked
     * @param description the converted pixels' attributes (photometric interpretation and
     *     planar configuration may differ from the stored ones)
     */
    record Converted(Map<Integer, byte[]> frames, PixelDescription description) {
    }

    /**
     * Whether sending the stored frames in {@code target} needs a codec: the target is JPEG
     * 2000 and the stored syntax is another, or the target is Explicit VR Little Endian and
     * the stored syntax is compressed.
     */
    static boolean needsCodec(String stored, String target) {
        if (stored.equalsIgnoreCase(target)) {
            return false;
        }
        return target.equals(JPEG_2000) || !TransferSyntax.find(stored)
                .filter(TransferSyntax::isNative).isPresent();
    }

    /**
     * The frames converted to {@code target}.
     *
     * @param target Explicit VR Little Endian or JPEG 2000 lossless
     * @throws dicomite.http.ApiError 406 when the stored syntax has no decoder here, or a frame
     *     cannot be decoded or encoded
     * @throws IOException when the file or a frame cannot be read
     */
    Converted convert(StoredInstance instance, FrameCache.Frames frames,
            Collection<Integer> numbers, String target) throws IOException {
        PixelDescription stored = describe(instance);
        Map<Integer, byte[]> converted = new LinkedHashMap<>();
        PixelDescription result = stored;
        try {
            requireWithinBudget(stored, numbers.stream().distinct().count());
            for (int number : numbers) {
                if (converted.containsKey(number)) {
                    continue;
                }
                DecodedFrame frame = decode(instance, frames, number, stored);
                boolean jpeg2000 = target.equals(JPEG_2000);
                // PS3.5 §8.2.4: the codestream lays the components out; planar 0 is written.
                result = jpeg2000 ? frame.description().withColourModel(
                        frame.description().photometricInterpretation(), 0) : frame.description();
                converted.put(number, jpeg2000 ? Jpeg2000Encoder.encodeLossless(frame)
                        : frame.pixels());
            }
        } catch (PixelDataException e) {
            throw refused(instance, e);
        }
        return new Converted(converted, result);
    }

    // Decoded frames are held in memory until sent: their total is bounded.
    private static void requireWithinBudget(PixelDescription stored, long frameCount)
            throws PixelDataException {
        long total = stored.frameLength() * frameCount;
        if (total > MAX_CONVERTED) {
            throw new PixelDataException(frameCount + " frames of " + stored.frameLength()
                    + " bytes decode to " + total + " bytes, more than the " + MAX_CONVERTED
                    + " bytes one conversion may hold");
        }
    }

    /**
     * The Image Pixel attributes of the stored file's header.
     *
     * @throws dicomite.http.ApiError 406 when the header does not parse or lacks them
     */
    private PixelDescription describe(StoredInstance instance) throws IOException {
        try {
            return PixelDescription.of(readHeader(instance));
        } catch (PixelDataException e) {
            throw refused(instance, e);
        } catch (DicomParseException e) {
            LOG.log(Level.WARNING, "Cannot convert " + instance.key() + ": its header does not"
                    + " parse", e);
            throw Errors.transcodingNotSupported();
        }
    }

    /**
     * The stored file's data set up to its pixel data.
     *
     * @throws DicomParseException when it does not parse
     * @throws IOException when it cannot be read
     */
    Dataset readHeader(StoredInstance instance) throws IOException {
        try (InputStream in = Channels.newInputStream(archive.openInstance(instance.key()))) {
            return new Part10Reader(in).withStopBeforePixelData(true).read().dataset();
        }
    }

    /**
     * One stored frame as native pixels.
     *
     * @param stored the Image Pixel attributes of the stored file
     * @throws PixelDataException when the stored syntax has no decoder or the frame does not
     *     decode
     * @throws IOException when the frame cannot be read
     */
    DecodedFrame decode(StoredInstance instance, FrameCache.Frames frames, int number,
            PixelDescription stored) throws IOException, PixelDataException {
        if (stored.pixelCount() * stored.samplesPerPixel() > MAX_FRAME_SAMPLES) {
            throw new PixelDataException("Rows " + stored.rows() + " x Columns "
                    + stored.columns() + " x SamplesPerPixel " + stored.samplesPerPixel()
                    + " is more than the " + MAX_FRAME_SAMPLES + " samples a frame may have"
                    + " to be decoded here");
        }
        String syntax = instance.transferSyntaxUID();
        TransferSyntax known = TransferSyntax.forUID(syntax); // unknown ones are encapsulated
        if (known.isNative()) {
            boolean swapWords = known.bigEndian() && isPixelDataOW(instance);
            return Decoders.nativeFrame(read(frames, number), stored, swapWords);
        }
        FrameDecoder decoder = Decoders.find(syntax).orElseThrow(() -> new PixelDataException(
                "Transfer syntax " + syntax + " (" + known.name() + ") has no decoder here"));
        return decoder.decode(read(frames, number), stored);
    }

    // PS3.5 §A.3: in big endian, OW pixel data is swapped by 16-bit words, OB is not; the VR
    // is the two bytes after the tag of the explicit VR element.
    private boolean isPixelDataOW(StoredInstance instance) throws IOException {
        try (FileChannel file = archive.openInstance(instance.key())) {
            long offset = new Part10Reader(Channels.newInputStream(file))
                    .withStopBeforePixelData(true).read().pixelDataOffset();
            ByteBuffer vr = ByteBuffer.allocate(2);
            return offset >= 0 && file.read(vr, offset + 4) == 2
                    && vr.get(0) == 'O' && vr.get(1) == 'W';
        }
    }

    private static byte[] read(FrameCache.Frames frames, int number) throws IOException {
        try (InputStream in = frames.open(number)) {
            return in.readAllBytes();
        }
    }

    private static RuntimeException refused(StoredInstance instance, PixelDataException e) {
        LOG.log(Level.WARNING, "Cannot convert the frames of " + instance.key() + ": "
                + e.getMessage());
        return Errors.transcodingNotSupported();
    }
}
