// SPDX-License-Identifier: MIT
package dicomite.search;

import dicomite.dicom.ElementDictionary;
import dicomite.http.Errors;
import dicomite.storage.SearchQuery.Computed;
import dicomite.storage.SearchQuery.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attributes a QIDO-RS answer returns (spec §4.5, §13): the defaults of each attribute level
 * of the resource (v2's reduced sets, or v1's larger ones), or with {@code includefield=all} the
 * "all" sets of both versions instead; plus every included attribute, whatever its level; plus
 * every filter attribute, the route's UIDs included. Only attributes the representative instance
 * has are written, except the computed ones, which the index counts when asked (see
 * {@link #computed}). Immutable.
 */
final class ReturnedAttributes {
    static final int NumberOfStudyRelatedSeries = 0x00201206;
    static final int NumberOfStudyRelatedInstances = 0x00201208;
    static final int NumberOfSeriesRelatedInstances = 0x00201209;

    private static final String ALL = "all";

    private static final Map<Level, Set<Integer>> V2_DEFAULTS = Map.of(
            Level.STUDY, tags("StudyInstanceUID", "StudyDate", "StudyDescription",
                    "AccessionNumber", "ReferringPhysicianName", "PatientName", "PatientID",
                    "PatientBirthDate"),
            Level.SERIES, tags("SeriesInstanceUID", "Modality", "PerformedProcedureStepStartDate",
                    "ManufacturerModelName"),
            Level.INSTANCE, tags("SOPInstanceUID"));
    private static final Set<Integer> V1_STUDY = tags("SpecificCharacterSet", "StudyDate",
            "StudyTime", "AccessionNumber", "InstanceAvailability", "ReferringPhysicianName",
            "TimezoneOffsetFromUTC", "PatientName", "PatientID", "PatientBirthDate", "PatientSex",
            "StudyInstanceUID", "StudyID");
    private static final Set<Integer> V1_SERIES = tags("SpecificCharacterSet", "Modality",
            "TimezoneOffsetFromUTC", "SeriesDescription", "SeriesInstanceUID",
            "PerformedProcedureStepStartDate", "PerformedProcedureStepStartTime",
            "RequestAttributesSequence");
    private static final Set<Integer> V1_INSTANCE = tags("SpecificCharacterSet", "SOPClassUID",
            "SOPInstanceUID", "InstanceAvailability", "TimezoneOffsetFromUTC", "InstanceNumber",
            "Rows", "Columns", "BitsAllocated", "NumberOfFrames");
    private static final Map<Level, Set<Integer>> V1_DEFAULTS = Map.of(Level.STUDY, V1_STUDY,
            Level.SERIES, V1_SERIES, Level.INSTANCE, V1_INSTANCE);
    private static final Map<Level, Set<Integer>> ALL_SETS = Map.of(
            Level.STUDY, union(V1_STUDY, tags("StudyDescription",
                    "AnatomicRegionsInStudyCodeSequence", "ProcedureCodeSequence",
                    "NameOfPhysiciansReadingStudy", "AdmittingDiagnosesDescription",
                    "ReferencedStudySequence", "PatientAge", "PatientSize", "PatientWeight",
                    "Occupation", "AdditionalPatientHistory")),
            Level.SERIES, union(V1_SERIES, tags("SeriesNumber", "Laterality", "SeriesDate",
                    "SeriesTime")),
            Level.INSTANCE, V1_INSTANCE);

    private final Set<Integer> tags; // ascending

    private ReturnedAttributes(Set<Integer> tags) {
        this.tags = tags;
    }

    /**
     * The attributes of an answer.
     *
     * @param includeFields the {@code includefield} entries as given
     * @param filterTags the tags of every filter, route UIDs included
     * @throws dicomite.http.ApiError 400 for {@code all} with other fields or an unknown
     *     attribute (spec §4.2)
     */
    static ReturnedAttributes of(QidoResource resource, int majorVersion,
            List<String> includeFields, Set<Integer> filterTags) {
        boolean all = includeFields.stream().anyMatch(ALL::equalsIgnoreCase);
        if (all && includeFields.size() > 1) {
            throw Errors.includeAllWithOtherFields();
        }
        Map<Level, Set<Integer>> sets = all ? ALL_SETS
                : majorVersion >= 2 ? V2_DEFAULTS : V1_DEFAULTS;
        Set<Integer> tags = new TreeSet<>(Integer::compareUnsigned);
        resource.attributeLevels().forEach(level -> tags.addAll(sets.get(level)));
        if (!all) {
            includeFields.forEach(field -> tags.add(requireIncluded(field)));
        }
        tags.addAll(filterTags);
        return new ReturnedAttributes(tags);
    }

    private static int requireIncluded(String field) {
        if (AttributeIds.isSequencePath(field)) {
            throw Errors.sequenceAttributeNotSupported(field);
        }
        OptionalInt tag = AttributeIds.findTag(field);
        if (tag.isEmpty()) {
            throw Errors.unknownIncludeField(field);
        }
        return tag.getAsInt();
    }

    /** The tags to return, ascending. */
    Set<Integer> tags() {
        return tags;
    }

    /**
     * The computed attributes asked for that the resource gives (spec §4.5): ModalitiesInStudy
     * and the study counts for study rows, NumberOfSeriesRelatedInstances for series rows.
     * NumberOfStudyRelatedSeries is counted too although the spec lists only the instance
     * counts; the service would return it only when stored in the instance.
     */
    Set<Computed> computed(QidoResource resource) {
        Set<Computed> computed = EnumSet.noneOf(Computed.class);
        if (resource.computesStudy()) {
            addIf(computed, FilterParser.ModalitiesInStudy, Computed.MODALITIES_IN_STUDY);
            addIf(computed, NumberOfStudyRelatedSeries, Computed.STUDY_RELATED_SERIES);
            addIf(computed, NumberOfStudyRelatedInstances, Computed.STUDY_RELATED_INSTANCES);
        }
        if (resource.computesSeries()) {
            addIf(computed, NumberOfSeriesRelatedInstances, Computed.SERIES_RELATED_INSTANCES);
        }
        return computed;
    }

    private void addIf(Set<Computed> computed, int tag, Computed value) {
        if (tags.contains(tag)) {
            computed.add(value);
        }
    }

    // The sets are written with PS3.6 keywords; each must be in the dictionary.
    private static Set<Integer> tags(String... keywords) {
        Set<Integer> tags = new TreeSet<>();
        for (String keyword : keywords) {
            tags.add(ElementDictionary.tagOf(keyword).orElseThrow(() -> new IllegalStateException(
                    "PS3.6 has no keyword " + keyword)));
        }
        return Set.copyOf(tags);
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> union = new TreeSet<>(a);
        union.addAll(b);
        return Set.copyOf(union);
    }
}
