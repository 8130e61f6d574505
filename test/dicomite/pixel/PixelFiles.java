// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static org.assertj.core.api.Assertions.assertThat;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Test images as Secondary Capture data sets and Part 10 files: the Image Pixel module
 * (PS3.3 C.7.6.3) of a {@link PixelDescription}, native pixel data (OB up to 8 bits allocated,
 * OW above, padded to even length as PS3.5 §7.1.1 requires), Explicit VR Little Endian files,
 * and the check of a decoder against another tool's decompression of a file. Stateless.
 */
final class PixelFiles {
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    private PixelFiles() {
    }

    /** A grey (MONOCHROME2) description, planar 0, high bit = stored - 1. */
    static PixelDescription grey(int rows, int columns, int allocated, int stored,
            boolean signed, int frames) {
        return new PixelDescription(rows, columns, 1, allocated, stored, stored - 1, signed,
                "MONOCHROME2", 0, frames);
    }

    /** An unsigned RGB description, planar 0, all bits stored. */
    static PixelDescription rgb(int rows, int columns, int bits, int frames) {
        return new PixelDescription(rows, columns, 3, bits, bits, bits - 1, false, "RGB", 0,
                frames);
    }

    /** A Secondary Capture data set with the Image Pixel attributes of {@code d}, no pixels. */
    static Dataset dataset(PixelDescription d) {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, SECONDARY_CAPTURE);
        ds.putString(Tag.SOPInstanceUID, VR.UI, "2.25.1234567");
        ds.putInts(Tag.SamplesPerPixel, VR.US, d.samplesPerPixel());
        ds.putString(Tag.PhotometricInterpretation, VR.CS, d.photometricInterpretation());
        if (d.samplesPerPixel() > 1) {
            ds.putInts(Tag.PlanarConfiguration, VR.US, d.planarConfiguration());
        }
        if (d.numberOfFrames() > 1) {
            ds.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(d.numberOfFrames()));
        }
        ds.putInts(Tag.Rows, VR.US, d.rows());
        ds.putInts(Tag.Columns, VR.US, d.columns());
        ds.putInts(Tag.BitsAllocated, VR.US, d.bitsAllocated());
        ds.putInts(Tag.BitsStored, VR.US, d.bitsStored());
        ds.putInts(Tag.HighBit, VR.US, d.highBit());
        ds.putInts(Tag.PixelRepresentation, VR.US, d.signed() ? 1 : 0);
        return ds;
    }

    /** {@link #dataset(PixelDescription)} with the native pixels as its Pixel Data. */
    static Dataset dataset(PixelDescription d, byte[] pixels) {
        Dataset ds = dataset(d);
        byte[] even = pixels.length % 2 == 0 ? pixels : Arrays.copyOf(pixels, pixels.length + 1);
        ds.put(Element.of(Tag.PixelData, d.bitsAllocated() > 8 ? VR.OW : VR.OB, even));
        return ds;
    }

    /**
     * Writes the data set as a Part 10 file in the transfer syntax and returns the file.
     *
     * @throws IOException when the file cannot be written
     */
    static Path write(Path file, Dataset ds, TransferSyntax ts) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Part10Writer.write(out, ds, ts);
        }
        return file;
    }

    /** Writes an Explicit VR Little Endian file holding the native pixels; fails as write. */
    static Path writeNative(Path file, PixelDescription d, byte[] pixels) throws IOException {
        return write(file, dataset(d, pixels), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    /**
     * Asserts that the file holds {@code frames} encapsulated frames after the basic offset
     * table, and that the decoder turns each into {@code reference} of its index (from 0),
     * planar configuration 0.
     *
     * @throws PixelDataException when the decoder rejects a frame
     */
    static void assertDecodesEveryFrame(FrameDecoder decoder, Path compressed, int frames,
            IntFunction<byte[]> reference) throws IOException, PixelDataException {
        Dataset ds = Part10Reader.read(compressed).dataset();
        PixelDescription stored = PixelDescription.of(ds);
        List<byte[]> fragments = ds.get(Tag.PixelData).fragments();
        assertThat(fragments).hasSize(frames + 1);
        for (int i = 0; i < frames; i++) {
            DecodedFrame frame = decoder.decode(fragments.get(i + 1), stored);
            assertThat(frame.description().planarConfiguration()).isZero();
            assertThat(frame.pixels()).as("frame %d", i + 1).isEqualTo(reference.apply(i));
        }
    }
}
