// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.dicom.Dataset;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.UIDRules;
import dicomite.dicom.VR;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The instances the store benchmark sends: copies of the synthetic 512x512 16-bit CT of
 * {@link CtInstance} in Explicit VR Little Endian (about 526 kB each), every call with a new
 * study, a new series and a new SOP Instance UID per instance (UIDs from UUIDs, PS3.5 §B.2), so
 * no run collides with an earlier one; and one large multi-frame file written to disk in
 * pieces, never held in memory.
 *
 * <p>The pixel values are the same seeded ones in every instance; only the UIDs and the
 * instance number change, so both servers get the same bytes apart from the UIDs.
 */
final class StoreInputs {
    /** One encoded Part 10 file and the SOP Instance UID a store response must name. */
    record Instance(String sopInstanceUID, byte[] bytes) {
    }

    private static final int CHUNK = 1 << 20; // bytes written at a time to the large file
    private static final long MAX_PIXEL_BYTES = 0xFFFFFFFEL; // PS3.5 §7.1.2: even 32-bit length

    private final Dataset template = CtInstance.dataset();

    /**
     * {@code count} instances of one new study and series, numbered from 1.
     *
     * @throws IOException never in practice: the files are encoded in memory
     */
    List<Instance> newSeries(int count) throws IOException {
        template.putString(Tag.StudyInstanceUID, VR.UI, UIDRules.newUID());
        template.putString(Tag.SeriesInstanceUID, VR.UI, UIDRules.newUID());
        List<Instance> instances = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String sop = UIDRules.newUID();
            template.putString(Tag.SOPInstanceUID, VR.UI, sop);
            template.putString(Tag.InstanceNumber, VR.IS, Integer.toString(i));
            ByteArrayOutputStream out = new ByteArrayOutputStream(CtInstance.ROWS
                    * CtInstance.COLUMNS * 2 + 8192);
            Part10Writer.write(out, template, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            instances.add(new Instance(sop, out.toByteArray()));
        }
        return instances;
    }

    /**
     * Writes a multi-frame instance of {@code frames} 512x512 16-bit frames with new UIDs to
     * {@code file}: the header encoded by {@link Part10Writer}, then the Pixel Data element
     * (7FE0,0010) OW written by hand, one frame at a time, since a {@code byte[]} could not
     * hold it. Pixel Data is the last element, as its tag is the highest of the data set.
     *
     * @return the SOP Instance UID of the file
     * @throws IllegalArgumentException when the pixel data would not fit a 32-bit length
     * @throws IOException when the file cannot be written
     */
    String writeMultiFrame(Path file, int frames) throws IOException {
        long frameBytes = (long) CtInstance.ROWS * CtInstance.COLUMNS * 2;
        long pixelBytes = frameBytes * frames;
        if (frames < 1 || pixelBytes > MAX_PIXEL_BYTES) {
            throw new IllegalArgumentException("Frame count " + frames
                    + " gives pixel data outside 1 to " + MAX_PIXEL_BYTES + " bytes.");
        }
        Dataset header = multiFrameHeader(frames);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), CHUNK)) {
            Part10Writer.write(out, header, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            out.write(pixelDataHeader(pixelBytes));
            byte[] frame = frame((int) frameBytes);
            for (int i = 0; i < frames; i++) {
                out.write(frame);
            }
        }
        return header.getString(Tag.SOPInstanceUID, "");
    }

    private Dataset multiFrameHeader(int frames) throws IOException {
        Dataset header = CtInstance.dataset();
        header.remove(Tag.PixelData);
        header.putString(Tag.StudyInstanceUID, VR.UI, UIDRules.newUID());
        header.putString(Tag.SeriesInstanceUID, VR.UI, UIDRules.newUID());
        header.putString(Tag.SOPInstanceUID, VR.UI, UIDRules.newUID());
        // Multi-frame Grayscale Word Secondary Capture (PS3.3 §A.8.4) allows many 16-bit frames
        header.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7.3");
        header.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        return header;
    }

    /** PS3.5 §7.1.2: tag, VR "OW", two reserved bytes, 32-bit length, little endian. */
    private static byte[] pixelDataHeader(long length) {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) (Tag.PixelData >>> 16)).putShort((short) Tag.PixelData)
                .put((byte) 'O').put((byte) 'W').putShort((short) 0)
                .putInt((int) length).array();
    }

    private static byte[] frame(int bytes) {
        byte[] frame = new byte[bytes];
        Random random = new Random(7);
        for (int i = 0; i < bytes; i += 2) {
            int value = random.nextInt(4096); // 12 bits stored
            frame[i] = (byte) value;
            frame[i + 1] = (byte) (value >> 8);
        }
        return frame;
    }
}
