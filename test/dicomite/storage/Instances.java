// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Small DICOM files made with our writer, and a store the way the store handler does it: a temp
 * file, the header parsed once, {@link InstanceFacts#describe}, {@link Archive#store}.
 */
final class Instances {
    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String PARTITION = InstanceKey.DEFAULT_PARTITION;

    private Instances() {
    }

    /** A key in the default partition. */
    static InstanceKey key(String study, String series, String sop) {
        return InstanceKey.of(PARTITION, study, series, sop);
    }

    /** A small CT image with these UIDs and a patient name. */
    static Dataset dataset(InstanceKey key, String patientName) {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, CT_IMAGE);
        ds.putString(Tag.SOPInstanceUID, VR.UI, key.sop());
        ds.putString(Tag.StudyInstanceUID, VR.UI, key.study());
        ds.putString(Tag.SeriesInstanceUID, VR.UI, key.series());
        ds.putString(Tag.PatientName, VR.PN, patientName);
        ds.putString(Tag.PatientID, VR.LO, "PID-1");
        ds.putString(Tag.Modality, VR.CS, "CT");
        ds.putString(Tag.StudyDate, VR.DA, "20240102");
        ds.putInts(Tag.Rows, VR.US, 2);
        ds.putInts(Tag.Columns, VR.US, 2);
        ds.put(Element.of(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        return ds;
    }

    static byte[] bytes(Dataset dataset) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Part10Writer.write(out, dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(InstanceKey key, String patientName) {
        return bytes(dataset(key, patientName));
    }

    static Part10 header(byte[] bytes) throws IOException {
        return new Part10Reader(new ByteArrayInputStream(bytes)).withStopBeforePixelData(true)
                .read();
    }

    static InstanceFacts facts(String partition, byte[] bytes) throws IOException {
        return InstanceFacts.describe(partition, header(bytes), bytes.length);
    }

    /** Stores the bytes as the store handler would. */
    static StoreOutcome store(Archive archive, byte[] bytes, boolean upsert) throws IOException {
        return store(archive, PARTITION, bytes, upsert);
    }

    static StoreOutcome store(Archive archive, String partition, byte[] bytes, boolean upsert)
            throws IOException {
        try (TempFile temp = archive.storage().newTempFile()) {
            temp.output().write(bytes);
            return archive.store(temp, facts(partition, bytes), upsert);
        }
    }

    /** A temp file holding the bytes, for tests that drive the protocol step by step. */
    static TempFile temp(Storage storage, byte[] bytes) throws IOException {
        TempFile temp = storage.newTempFile();
        temp.output().write(bytes);
        return temp;
    }

    static byte[] read(Storage storage, InstanceKey key) throws IOException {
        try (InputStream in = storage.open(key)) {
            return in.readAllBytes();
        }
    }
}
