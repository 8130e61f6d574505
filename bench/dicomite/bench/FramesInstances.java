// SPDX-License-Identifier: MIT
package dicomite.bench;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi;
import dicomite.bench.StoreInputs.Instance;
import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.UIDRules;
import dicomite.dicom.VR;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The multi-frame instances of the frames benchmark: Multi-frame Grayscale Word Secondary
 * Capture images (PS3.3 §A.8.4) with the header of {@link CtInstance}, {@code frames} frames of
 * 512x512 MONOCHROME2 pixels, 16 bits allocated and stored, values 0 to 4095; in two
 * encodings of the same pixels:
 * <ul>
 *   <li>Explicit VR Little Endian, the frames one after the other in an OW value (PS3.5
 *       §8.1.1), 512 KiB a frame;</li>
 *   <li>JPEG 2000 Lossless (1.2.840.10008.1.2.4.90), each frame a raw codestream (no JP2
 *       box, PS3.5 §A.4.4) made by jai-imageio's J2K writer, one fragment a frame after an
 *       empty basic offset table (PS3.5 §A.4).</li>
 * </ul>
 * The pixels are a seeded phantom (a body-sized disc, two inserts that move from frame to frame,
 * mild noise), so lossless JPEG 2000 compresses them about as it would an image, not noise.
 * The frames are made and encoded once; each instance gets new UIDs (one study and series a
 * kind), so both servers are sent the same bytes.
 */
final class FramesInstances {
    /** The two encodings of the same pixels. */
    enum Kind {
        UNCOMPRESSED("uncompressed (Explicit VR Little Endian)",
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
        JPEG_2000("JPEG 2000 Lossless (1.2.840.10008.1.2.4.90)",
                TransferSyntax.JPEG_2000_LOSSLESS);

        final String label;
        final TransferSyntax transferSyntax;

        Kind(String label, TransferSyntax transferSyntax) {
            this.label = label;
            this.transferSyntax = transferSyntax;
        }
    }

    /** One stored instance: its UIDs; the path of its WADO-RS instance route. */
    record Item(Kind kind, String study, String series, String sop) {
        String path() {
            return "studies/" + study + "/series/" + series + "/instances/" + sop;
        }
    }

    static final int SIZE = 512; // rows and columns
    private static final String SECONDARY_CAPTURE_WORD = "1.2.840.10008.5.1.4.1.1.7.3";

    private final int frames;
    private final byte[] native16; // every frame, little endian, one after the other
    private final List<byte[]> codestreams;

    private FramesInstances(int frames, byte[] native16, List<byte[]> codestreams) {
        this.frames = frames;
        this.native16 = native16;
        this.codestreams = codestreams;
    }

    /**
     * Makes and encodes {@code frames} frames.
     *
     * @throws IOException when no JPEG 2000 writer is on the class path or it fails
     */
    static FramesInstances generate(int frames, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] all = new byte[SIZE * SIZE * 2 * frames];
        List<byte[]> codestreams = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            short[] pixels = phantom(f, frames, random);
            for (int i = 0; i < pixels.length; i++) {
                int at = (f * pixels.length + i) * 2;
                all[at] = (byte) pixels[i];
                all[at + 1] = (byte) (pixels[i] >> 8);
            }
            codestreams.add(encodeLossless(pixels));
        }
        return new FramesInstances(frames, all, List.copyOf(codestreams));
    }

    /** Water-like disc (1024) in air (0), a bone-like (2000) and a fat-like (924) insert. */
    private static short[] phantom(int frame, int frames, Random random) {
        short[] pixels = new short[SIZE * SIZE];
        double shift = 60.0 * frame / Math.max(1, frames - 1);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int value = 0;
                if (inside(x, y, 256, 256, 220)) {
                    value = 1024;
                }
                if (inside(x, y, 180 + shift, 220, 40)) {
                    value = 2000;
                } else if (inside(x, y, 330, 300 - shift, 55)) {
                    value = 924;
                }
                value += value == 0 ? 0 : (int) Math.round(random.nextGaussian() * 8);
                pixels[y * SIZE + x] = (short) Math.max(0, Math.min(4095, value));
            }
        }
        return pixels;
    }

    private static boolean inside(double x, double y, double cx, double cy, double r) {
        return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
    }

    private static byte[] encodeLossless(short[] pixels) throws IOException {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_USHORT_GRAY);
        short[] target = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, target, 0, pixels.length);
        ImageWriter writer = jpeg2000Writer();
        J2KImageWriteParam param = new J2KImageWriteParam();
        param.setLossless(true);
        param.setWriteCodeStreamOnly(true); // PS3.5 §A.4.4: the codestream, no JP2 header
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(SIZE * SIZE);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    // Made from its provider, not looked up in ImageIO's registry: a jar that merges the
    // jai-imageio jars keeps one META-INF/services file of the two.
    private static ImageWriter jpeg2000Writer() throws IOException {
        return new J2KImageWriterSpi().createWriterInstance();
    }

    int frames() {
        return frames;
    }

    /** The bytes of one frame as stored, numbered from 1. */
    int frameBytes(Kind kind, int frame) {
        return kind == Kind.UNCOMPRESSED ? SIZE * SIZE * 2 : codestreams.get(frame - 1).length;
    }

    /** New UIDs for {@code count} instances of one new study and series of the kind. */
    static List<Item> newSeries(Kind kind, int count) {
        String study = UIDRules.newUID();
        String series = UIDRules.newUID();
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(new Item(kind, study, series, UIDRules.newUID()));
        }
        return items;
    }

    /**
     * The Part 10 file of an item.
     *
     * @throws IOException never in practice: it is encoded in memory
     */
    Instance encode(Item item, int instanceNumber) throws IOException {
        Dataset d = CtInstance.dataset();
        d.putString(Tag.SOPClassUID, VR.UI, SECONDARY_CAPTURE_WORD);
        d.putString(Tag.StudyInstanceUID, VR.UI, item.study());
        d.putString(Tag.SeriesInstanceUID, VR.UI, item.series());
        d.putString(Tag.SOPInstanceUID, VR.UI, item.sop());
        d.putString(Tag.InstanceNumber, VR.IS, Integer.toString(instanceNumber));
        d.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        d.putString(Tag.PatientName, VR.PN, "Frames^Bench");
        d.putInts(0x00280101, VR.US, 16); // BitsStored: the codestream's precision
        d.putInts(0x00280102, VR.US, 15); // HighBit
        d.put(item.kind() == Kind.UNCOMPRESSED ? Element.of(Tag.PixelData, VR.OW, native16)
                : Element.encapsulated(Tag.PixelData, VR.OB, fragments()));
        return new Instance(item.sop(), CtInstance.encode(d, item.kind().transferSyntax));
    }

    private List<byte[]> fragments() {
        List<byte[]> fragments = new ArrayList<>(frames + 1);
        fragments.add(new byte[0]); // an empty basic offset table
        fragments.addAll(codestreams);
        return fragments;
    }
}
