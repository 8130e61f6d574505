// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.dicom.Dataset;
import dicomite.dicom.DicomJson;
import dicomite.dicom.Element;
import dicomite.dicom.Part10;
import dicomite.dicom.Tag;
import dicomite.dicom.UIDRules;
import dicomite.dicom.ValueValidator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the index keeps about one instance, computed once from its parsed header: the store
 * handler and the index rebuild both call {@link #describe}, so both give the same rows.
 *
 * <p>The metadata is the DICOM JSON of the data set (PS3.18 Annex F) without group 0002, without
 * bulk data (spec §1.8) and without the top-level attributes that fail value validation, which
 * the service leaves out of the metadata and the index (spec §2.2 step 6, §4.8). The attributes
 * are the first values, padding (trailing NULs too) removed, of the attributes search matches
 * on (spec §4.1), keyed by PS3.6 keyword and taken from that same cleaned data set; empty values
 * are left out, so a stored instance never blanks a study value another instance gave ("last
 * non-null value wins", spec §2.2). A header read up to the pixel data is enough. Immutable.
 *
 * <pre>{@code
 * Part10 header = new Part10Reader(in).withStopBeforePixelData(true).read();
 * InstanceFacts facts = InstanceFacts.describe(InstanceKey.DEFAULT_PARTITION, header, size);
 * }</pre>
 *
 * @param size the file's length in bytes
 * @param frames NumberOfFrames; 1 when absent and there is pixel data; 0 without pixel data
 * @param attributes keyword to value, e.g. "PatientName" to "Doe^John"
 */
public record InstanceFacts(InstanceKey key, String sopClassUID, String transferSyntaxUID,
        long size, int frames, String metadataJson, Map<String, String> attributes) {
    /** Study-level attributes kept for search (spec §4.1). */
    static final List<String> STUDY_ATTRIBUTES = List.of("StudyDate", "StudyDescription",
            "AccessionNumber", "PatientID", "PatientName", "ReferringPhysicianName",
            "PatientBirthDate");
    /** Series-level attributes kept for search (spec §4.1) and for series listings. */
    static final List<String> SERIES_ATTRIBUTES = List.of("Modality",
            "PerformedProcedureStepStartDate", "ManufacturerModelName", "SeriesDescription",
            "SeriesNumber");
    /** Instance-level attributes kept for ordering and listings. */
    static final List<String> INSTANCE_ATTRIBUTES = List.of("InstanceNumber");

    private static final Map<String, Integer> TAGS = Map.ofEntries(
            Map.entry("StudyDate", Tag.StudyDate),
            Map.entry("StudyDescription", Tag.StudyDescription),
            Map.entry("AccessionNumber", Tag.AccessionNumber),
            Map.entry("PatientID", Tag.PatientID),
            Map.entry("PatientName", Tag.PatientName),
            Map.entry("ReferringPhysicianName", Tag.ReferringPhysicianName),
            Map.entry("PatientBirthDate", Tag.PatientBirthDate),
            Map.entry("Modality", Tag.Modality),
            Map.entry("PerformedProcedureStepStartDate", 0x00400244),
            Map.entry("ManufacturerModelName", 0x00081090),
            Map.entry("SeriesDescription", Tag.SeriesDescription),
            Map.entry("SeriesNumber", Tag.SeriesNumber),
            Map.entry("InstanceNumber", Tag.InstanceNumber));

    /** Makes the attribute map unmodifiable. */
    public InstanceFacts {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * The facts of a parsed instance.
     *
     * @param partition the partition it is stored in
     * @param file the parsed file; reading may have stopped before the pixel data
     * @param size the file's length in bytes
     * @throws IllegalArgumentException when SOPClassUID, StudyInstanceUID, SeriesInstanceUID or
     *     SOPInstanceUID is missing or not UID-valid (spec §0); the message names it and the value
     */
    public static InstanceFacts describe(String partition, Part10 file, long size) {
        Dataset dataset = file.dataset();
        InstanceKey key = new InstanceKey(partition,
                requireUID(dataset, Tag.StudyInstanceUID, "StudyInstanceUID"),
                requireUID(dataset, Tag.SeriesInstanceUID, "SeriesInstanceUID"),
                requireUID(dataset, Tag.SOPInstanceUID, "SOPInstanceUID"));
        String sopClass = requireUID(dataset, Tag.SOPClassUID, "SOPClassUID");
        Dataset metadata = metadataOf(dataset);
        return new InstanceFacts(key, sopClass, file.transferSyntax().uid(), size,
                framesOf(file), DicomJson.toJson(metadata, DicomJson.Options.METADATA),
                attributesOf(metadata));
    }

    /** The value of a study, series or instance attribute, if the instance has one. */
    String attribute(String keyword) {
        return attributes.get(keyword);
    }

    private static String requireUID(Dataset dataset, int tag, String keyword) {
        String value = dataset.getString(tag, "");
        if (!UIDRules.isValid(value)) {
            throw new IllegalArgumentException("The instance's " + keyword + " "
                    + Tag.toString(tag) + " '" + value + "' is "
                    + (value.isEmpty() ? "missing" : "not a valid UID (digits and dots, at most"
                    + " 64 characters, ending with a digit)"));
        }
        return value;
    }

    // Spec §2.2 step 6: invalid top-level attributes stay in the file but not in the metadata.
    // Only non-required ones go: an empty PatientID, the one required attribute stored with a
    // warning, stays. The copy is made only when something goes, since it re-parents the items
    // of sequences.
    static Dataset metadataOf(Dataset dataset) {
        if (dataset.elements().stream().noneMatch(e -> isLeftOut(e, dataset))) {
            return dataset;
        }
        Dataset metadata = new Dataset();
        for (Element e : dataset.elements()) {
            if (!isLeftOut(e, dataset)) {
                metadata.put(e);
            }
        }
        return metadata;
    }

    private static boolean isLeftOut(Element e, Dataset owner) {
        return Tag.group(e.tag()) == 0x0002
                || e.tag() != Tag.PatientID && ValueValidator.validate(e, owner).isPresent();
    }

    private static int framesOf(Part10 file) {
        Dataset dataset = file.dataset();
        boolean hasPixelData = file.pixelDataOffset() >= 0 || dataset.contains(Tag.PixelData)
                || dataset.contains(Tag.FloatPixelData)
                || dataset.contains(Tag.DoubleFloatPixelData);
        if (!hasPixelData) {
            return 0;
        }
        return dataset.findInt(Tag.NumberOfFrames).filter(n -> n > 0).orElse(1);
    }

    private static Map<String, String> attributesOf(Dataset metadata) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (List<String> level : List.of(STUDY_ATTRIBUTES, SERIES_ATTRIBUTES,
                INSTANCE_ATTRIBUTES)) {
            for (String keyword : level) {
                metadata.findString(TAGS.get(keyword)).map(InstanceKey::trim) // spec §4.8
                        .filter(v -> !v.isEmpty())
                        .ifPresent(v -> attributes.put(keyword, v));
            }
        }
        return attributes;
    }
}
