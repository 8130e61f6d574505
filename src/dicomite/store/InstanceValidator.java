// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10;
import dicomite.dicom.Tag;
import dicomite.dicom.ValueValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checks the service makes on each readable instance before storing it: spec §2.2 steps 2
 * to 4 for v2, and the v1 rules of §13.
 *
 * <ul>
 *   <li>Required attributes (both versions): SOP Class, Study, Series and SOP Instance UIDs must
 *       have a value, checked in that order and only the first missing one reported; with a
 *       study in the route, the data set's study UID must equal it, ignoring case and padding;
 *       PatientID must be present (v2) or have a value (v1). The first of these that fails is
 *       the only one reported; when none fails, the values of those five attributes are checked
 *       by the service's own rules ({@link ValueValidator#validateRequired}), each failing one
 *       reported.</li>
 *   <li>v1: every other attribute the index holds ({@link #INDEXED}) with one value must pass
 *       its VR's rules; one with several values only sets the Warning header.</li>
 *   <li>v2: every other attribute, at any depth, is checked by fo-dicom's rules
 *       ({@link ValueValidator#validateAll}); a failing one is a warning (WarningReason 1).</li>
 *   <li>An implicit-VR transfer syntax is WarningReason 45063, which wins over 1.</li>
 * </ul>
 * Each problem becomes one ErrorComment "DICOM100: (gggg,eeee) - message", one per tag, errors
 * first. Stateless.
 */
final class InstanceValidator {
    /** Spec §2.3: WarningReason for attribute warnings (v2). */
    static final int ATTRIBUTE_WARNINGS = 1;
    /** Spec §2.2 step 4: WarningReason "data set does not match SOP class", for implicit VR. */
    static final int DATASET_DOES_NOT_MATCH_SOP_CLASS = 45063;

    private static final int ManufacturerModelName = 0x00081090;
    private static final int PerformedProcedureStepStartDate = 0x00400244;
    private static final List<Integer> REQUIRED_UIDS = List.of(Tag.SOPClassUID,
            Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID);
    private static final List<Integer> REQUIRED = List.of(Tag.SOPClassUID, Tag.StudyInstanceUID,
            Tag.SeriesInstanceUID, Tag.SOPInstanceUID, Tag.PatientID);
    /**
     * Spec §4.1: the attributes the index holds, in tag order, but ModalitiesInStudy, which the
     * index computes from Modality rather than reading it from an instance.
     */
    static final List<Integer> INDEXED = List.of(Tag.SOPInstanceUID, Tag.StudyDate,
            Tag.AccessionNumber, Tag.Modality, Tag.ReferringPhysicianName, Tag.StudyDescription,
            ManufacturerModelName, Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate,
            Tag.StudyInstanceUID, Tag.SeriesInstanceUID, PerformedProcedureStepStartDate);
    private static final List<Integer> INDEXED_NOT_REQUIRED =
            INDEXED.stream().filter(tag -> !REQUIRED.contains(tag)).toList();

    /**
     * What the checks found.
     *
     * @param errors ErrorComments of problems that fail the instance (43264)
     * @param warnings ErrorComments of problems the instance is stored with (v2)
     * @param warningReason 1 or 45063 for a stored instance, if any
     * @param hasMultipleValues whether an indexed attribute has more than one value (spec §1.6)
     */
    record Validation(List<String> errors, List<String> warnings, OptionalInt warningReason,
            boolean hasMultipleValues) {
        boolean failed() {
            return !errors.isEmpty();
        }

        /** Every ErrorComment, errors first. */
        List<String> comments() {
            List<String> all = new ArrayList<>(errors);
            all.addAll(warnings);
            return all;
        }
    }

    private InstanceValidator() {
    }

    /**
     * Checks one instance.
     *
     * @param routeStudy the study UID of the route, padding removed, if the route has one
     * @param major the API's major version, 1 or 2
     */
    static Validation validate(Part10 file, Optional<String> routeStudy, int major) {
        Dataset ds = file.dataset();
        Map<Integer, String> errors = new LinkedHashMap<>();
        findRequiredProblem(ds, routeStudy, major).ifPresent(p -> errors.put(p.tag(), p.message()));
        if (errors.isEmpty()) {
            check(ds, REQUIRED, errors, ValueValidator::validateRequired);
        }
        Map<Integer, String> warnings = new LinkedHashMap<>();
        if (major < 2) {
            check(ds, INDEXED_NOT_REQUIRED, errors, InstanceValidator::validateIndexed);
        } else {
            for (ValueValidator.Problem p : ValueValidator.validateAll(ds)) {
                if (!errors.containsKey(p.tag())) {
                    warnings.putIfAbsent(p.tag(), p.message());
                }
            }
        }
        return new Validation(comments(errors), comments(warnings),
                warningReason(file, major, warnings.isEmpty()), hasMultipleValues(ds));
    }

    private record Problem(int tag, String message) {
    }

    private interface Rule {
        Optional<String> check(Element e, Dataset owner);
    }

    // Spec §2.2 step 2: presence and the route's study; the first failure is the only one.
    private static Optional<Problem> findRequiredProblem(Dataset ds, Optional<String> routeStudy,
            int major) {
        for (int tag : REQUIRED_UIDS) {
            if (!hasValue(ds, tag)) {
                return Optional.of(missing(tag));
            }
        }
        String study = ds.getString(Tag.StudyInstanceUID, "");
        if (routeStudy.isPresent() && !routeStudy.get().equalsIgnoreCase(study)) {
            return Optional.of(new Problem(Tag.StudyInstanceUID, "The StudyInstanceUid in the"
                    + " payload does not match the specified StudyInstanceUid."));
        }
        boolean patientIdMissing = major < 2 ? !hasValue(ds, Tag.PatientID)
                : !ds.contains(Tag.PatientID); // spec §13: v1 needs a value, v2 the attribute
        return patientIdMissing ? Optional.of(missing(Tag.PatientID)) : Optional.empty();
    }

    private static void check(Dataset ds, List<Integer> tags, Map<Integer, String> problems,
            Rule rule) {
        for (int tag : tags) {
            Element e = ds.get(tag);
            if (e != null && !problems.containsKey(tag)) {
                rule.check(e, ds).ifPresent(message -> problems.put(tag, message));
            }
        }
    }

    // v1: several values in an indexed attribute are the Warning header's matter (spec §1.6),
    // not a failure; single values are judged by the VR's rules.
    private static Optional<String> validateIndexed(Element e, Dataset owner) {
        return owner.getStrings(e.tag()).length > 1 ? Optional.empty()
                : ValueValidator.validate(e, owner);
    }

    private static boolean hasValue(Dataset ds, int tag) {
        return ds.findString(tag).filter(value -> !value.isEmpty()).isPresent();
    }

    private static Problem missing(int tag) {
        String text = Tag.toLowerString(tag);
        return new Problem(tag, "The required tag '" + text + "' is missing.");
    }

    private static List<String> comments(Map<Integer, String> problems) {
        List<String> comments = new ArrayList<>(problems.size());
        problems.forEach((tag, message) ->
                comments.add("DICOM100: " + Tag.toLowerString(tag) + " - " + message));
        return List.copyOf(comments);
    }

    // Spec §2.2 step 4, §13: 45063 wins over 1; v1 reports no attribute warnings.
    private static OptionalInt warningReason(Part10 file, int major, boolean noWarnings) {
        if (!file.transferSyntax().explicitVR()) {
            return OptionalInt.of(DATASET_DOES_NOT_MATCH_SOP_CLASS);
        }
        return major >= 2 && !noWarnings ? OptionalInt.of(ATTRIBUTE_WARNINGS)
                : OptionalInt.empty();
    }

    // Spec §1.6, §2.3: the index takes only the first value of a multi-valued attribute.
    private static boolean hasMultipleValues(Dataset ds) {
        return INDEXED.stream().anyMatch(tag -> ds.getStrings(tag).length > 1);
    }
}
