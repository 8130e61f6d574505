// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.UIDRules;
import dicomite.dicom.VR;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * DICOM inputs for the store and delete tests, made with {@link Part10Writer}: a small valid CT
 * instance with fresh UIDs, to be changed element by element, and its Part 10 bytes.
 */
public final class DicomFiles {
    /** CT Image Storage. */
    public static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";

    private DicomFiles() {
    }

    /** A new UID, unique in practice (2.25 and a random UUID). */
    public static String uid() {
        return UIDRules.newUID();
    }

    /** A valid CT instance with fresh UIDs. */
    public static Dataset instance() {
        return instance(uid(), uid(), uid());
    }

    /** A valid CT instance with these UIDs: all five required attributes and a few others. */
    public static Dataset instance(String study, String series, String sop) {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, CT_IMAGE);
        ds.putString(Tag.SOPInstanceUID, VR.UI, sop);
        ds.putString(Tag.StudyDate, VR.DA, "20240102");
        ds.putString(Tag.Modality, VR.CS, "CT");
        ds.putString(Tag.PatientName, VR.PN, "Doe^Jane");
        ds.putString(Tag.PatientID, VR.LO, "P-1");
        ds.putString(Tag.StudyInstanceUID, VR.UI, study);
        ds.putString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.putString(Tag.InstanceNumber, VR.IS, "1");
        return ds;
    }

    /** The data set with {@code size} bytes of pseudo-random OW pixel data (seeded, even size). */
    public static Dataset withPixelData(Dataset ds, int size) {
        byte[] pixels = new byte[size];
        new Random(size).nextBytes(pixels);
        ds.putInts(Tag.Rows, VR.US, 1);
        ds.putInts(Tag.Columns, VR.US, size / 2);
        ds.putInts(Tag.BitsAllocated, VR.US, 16);
        return ds.put(Element.of(Tag.PixelData, VR.OW, pixels));
    }

    /** The Part 10 bytes of the data set in Explicit VR Little Endian. */
    public static byte[] bytes(Dataset ds) {
        return bytes(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    /**
     * The Part 10 bytes of the data set in this transfer syntax; the file meta information names
     * the SOP class and instance when the data set has them.
     */
    public static byte[] bytes(Dataset ds, TransferSyntax ts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (ds.findString(Tag.SOPClassUID).isPresent()
                    && ds.findString(Tag.SOPInstanceUID).isPresent()) {
                Part10Writer.write(out, ds, ts);
            } else {
                Dataset meta = new Dataset();
                meta.put(Element.of(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1}));
                Part10Writer.write(out, meta, ds, ts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }
}
