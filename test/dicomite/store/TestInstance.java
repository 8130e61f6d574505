// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import java.nio.file.Path;
import java.util.Random;

/**
 * A generated CT instance the recovery tests store, named by its UIDs and the size of its pixel
 * data: its Part 10 bytes are made again on demand ({@link DicomFiles} is deterministic), so
 * that a test can remember thousands of them, some of many megabytes, without keeping the bytes.
 *
 * @param pixelBytes the length of the pixel data, a multiple of 1024; 0 for none
 */
record TestInstance(String study, String series, String sop, int pixelBytes) {
    /** The default partition's folder in the data layout (spec §11). */
    static final String PARTITION_FOLDER = "Microsoft.Default";
    private static final int COLUMNS = 512;
    private static final int ROW = 2 * COLUMNS; // bytes

    /** An instance with fresh UIDs. */
    static TestInstance fresh(int pixelBytes) {
        return new TestInstance(DicomFiles.uid(), DicomFiles.uid(), DicomFiles.uid(), pixelBytes);
    }

    /** A new instance in this series. */
    static TestInstance inSeries(String study, String series, int pixelBytes) {
        return new TestInstance(study, series, DicomFiles.uid(), pixelBytes);
    }

    TestInstance {
        if (pixelBytes % ROW != 0) {
            throw new IllegalArgumentException("Pixel data of " + pixelBytes + " bytes is not"
                    + " a whole number of " + ROW + "-byte rows");
        }
    }

    /**
     * The data set; with {@link #pixelBytes} of seeded pseudo-random 16-bit pixels in rows of
     * {@value #COLUMNS} when not 0.
     */
    Dataset dataset() {
        Dataset ds = DicomFiles.instance(study, series, sop);
        if (pixelBytes == 0) {
            return ds;
        }
        byte[] pixels = new byte[pixelBytes];
        new Random(pixelBytes).nextBytes(pixels);
        ds.putInts(Tag.Rows, VR.US, pixelBytes / ROW);
        ds.putInts(Tag.Columns, VR.US, COLUMNS);
        ds.putInts(Tag.BitsAllocated, VR.US, 16);
        return ds.put(Element.of(Tag.PixelData, VR.OW, pixels));
    }

    /** The Part 10 bytes (Explicit VR Little Endian); the same at every call. */
    byte[] bytes() {
        return DicomFiles.bytes(dataset());
    }

    /** Where the data layout keeps the instance: {@code {data}/{partition}/{study}/...}. */
    Path fileIn(Path data) {
        return data.resolve(PARTITION_FOLDER).resolve(study).resolve(series).resolve(sop)
                .resolve("instance.dcm");
    }

    /** The instance's route, after the version: {@code studies/{s}/series/{se}/instances/{i}}. */
    String route() {
        return "studies/" + study + "/series/" + series + "/instances/" + sop;
    }
}
