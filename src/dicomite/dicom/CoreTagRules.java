// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.util.Optional;

/**
 * The emulated service's own checks on the attributes every stored instance needs (spec §2.2
 * step 2): its ElementMinimumValidator, run with trailing NULs removed, whose messages read
 * "Dicom element '{name}' failed validation for VR '{vr}': {reason}". The name is the PS3.6
 * keyword, or the tag as eight hex digits for a private one. Only the rules of the VRs of the
 * required attributes are here: UI (UidValidation) and LO (LongStringValidation). Stateless.
 */
final class CoreTagRules {
    private CoreTagRules() {
    }

    /** The error for one required attribute, or empty (see ValueValidator.validateRequired). */
    static Optional<String> check(Element e, Dataset owner) {
        String name = nameOf(e.tag());
        VR expected = ElementDictionary.find(e.tag()).map(entry -> entry.vrs().get(0)).orElse(null);
        if (expected != null && expected != e.vr()) {
            return Optional.of(unexpectedVR(name, expected, e.vr()));
        }
        if (!e.vr().isString() || e.isSequence() || e.isEncapsulated()) {
            return Optional.empty();
        }
        // Only the first value is judged, and an empty one passes (StringElementValidation).
        String first = VRRules.trimTrailing(TextValues.first(TextValues.decode(e, owner)), '\0');
        if (first.isEmpty()) {
            return Optional.empty();
        }
        switch (e.vr()) {
            case UI:
                return UIDRules.isValid(first) ? Optional.empty()
                        : Optional.of(UIDRules.invalidMessage(name));
            case LO:
                return checkLongString(name, first);
            default:
                return Optional.empty();
        }
    }

    /** The service's GetFriendlyName: the keyword, or "gggggeeee" hex for a private tag. */
    static String nameOf(int tag) {
        String keyword = ElementDictionary.keywordOf(tag);
        return (Tag.group(tag) & 1) == 1 || keyword.isEmpty() ? Tag.toHex(tag) : keyword;
    }

    // LongStringValidation: 64 characters, no '\' and no control character but ESC.
    private static Optional<String> checkLongString(String name, String value) {
        if (value.length() > 64) {
            // Wording of the service's unit tests (2021-2022); the final release is unverified.
            return Optional.of(failed(name, VR.LO, "Value length exceeds maximum length of 64."));
        }
        if (value.indexOf('\\') >= 0 || VRRules.hasControl(value, true)) {
            // Exact: the service's end-to-end test for PatientID.
            return Optional.of(failed(name, VR.LO, "Value contains invalid character."));
        }
        return Optional.empty();
    }

    // DicomDatasetExtensions.ValidateDicomTag; wording of the service's unit tests (2021-2022).
    private static String unexpectedVR(String name, VR expected, VR actual) {
        return failed(name, actual, "The extended query tag '" + name + "' is expected to have VR '"
                + expected + "' but has '" + actual + "' in file.");
    }

    private static String failed(String name, VR vr, String reason) {
        return "Dicom element '" + name + "' failed validation for VR '" + vr + "': " + reason;
    }
}
