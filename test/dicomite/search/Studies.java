// SPDX-License-Identifier: MIT
package dicomite.search;

import dicomite.dicom.Dataset;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import dicomite.store.DicomFiles;

/**
 * Instances for the search tests: valid CT instances (see {@link DicomFiles}) with UTF-8 text
 * and the attributes a test sets, in studies and series of fresh UIDs.
 */
final class Studies {
    static final int ModalitiesInStudy = 0x00080061;
    static final int ManufacturerModelName = 0x00081090;
    static final int PerformedProcedureStepStartDate = 0x00400244;
    static final int NumberOfStudyRelatedSeries = 0x00201206;
    static final int NumberOfStudyRelatedInstances = 0x00201208;
    static final int NumberOfSeriesRelatedInstances = 0x00201209;

    private Studies() {
    }

    /** A fresh value no other test uses, for a PatientID or an AccessionNumber. */
    static String unique(String prefix) {
        String uid = DicomFiles.uid();
        return prefix + uid.substring(uid.length() - 10);
    }

    /** An instance of the study and series with a fresh SOP Instance UID, text in UTF-8. */
    static Dataset instance(String study, String series) {
        Dataset ds = new Dataset();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        DicomFiles.instance(study, series, DicomFiles.uid()).elements().forEach(ds::put);
        return ds;
    }

    /** An instance of a new study and series whose PatientID is {@code patientId}. */
    static Dataset newStudy(String patientId) {
        return patient(instance(DicomFiles.uid(), DicomFiles.uid()), patientId);
    }

    /** The data set with this PatientID. */
    static Dataset patient(Dataset ds, String patientId) {
        return ds.putString(Tag.PatientID, VR.LO, patientId);
    }

    static String study(Dataset ds) {
        return ds.getString(Tag.StudyInstanceUID, "");
    }

    static String series(Dataset ds) {
        return ds.getString(Tag.SeriesInstanceUID, "");
    }

    static String sop(Dataset ds) {
        return ds.getString(Tag.SOPInstanceUID, "");
    }
}
