// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks element values against their VR (PS3.5 §6.2) the way the emulated service does when it
 * stores an instance (spec §2.2): step 3, the warnings on every attribute, uses fo-dicom 5's
 * validation ({@link #validate}, {@link #validateAll}); step 2, the errors on the required
 * attributes, uses the service's own checks ({@link #validateRequired}). Messages are the text
 * after "DICOM100: (gggg,eeee) - " in an ErrorComment; the caller adds that prefix.
 *
 * <p>What step 3 checks, per element (the service's StoreDatasetValidator over fo-dicom):
 * <ul>
 *   <li>the value rules of its VR, value by value ({@link VRRules}, {@link DateTimeRules});</li>
 *   <li>then its value count against the PS3.6 multiplicity of its tag, except for private tags
 *       and OB, OD, OF, OL, OV, OW, UN and UC; binary VRs get only this check;</li>
 *   <li>for the VRs fo-dicom holds as text (AE, AS, CS, LO, LT, PN, SH, ST, UC, UI, UR, UT) a value
 *       ending in NUL is checked once as a whole, NULs removed and without the count: padding with
 *       NUL passes, yet a multi-valued one fails on its '\'. DA, DS, DT, IS and TM get no such
 *       leniency;</li>
 *   <li>PatientID (0010,0020) that is empty or white space gives the missing-tag message.</li>
 * </ul>
 * Values are decoded as the service does: VRs that use the Specific Character Set with the one
 * in force for the owning data set, the rest (and all of them when (0008,0005) is absent) as
 * ASCII with other bytes read as '?'. Empty values are valid. Stateless.
 */
public final class ValueValidator {
    /** One invalid attribute: its tag and the message for its ErrorComment. */
    public record Problem(int tag, String message) {
    }

    // fo-dicom's DicomVR.ValueType is string for these; the service relaxes NUL padding for them.
    private static final Set<VR> TEXT_TYPED = EnumSet.of(VR.AE, VR.AS, VR.CS, VR.LO, VR.LT,
            VR.PN, VR.SH, VR.ST, VR.UC, VR.UI, VR.UR, VR.UT);
    // fo-dicom's element classes for these skip the value-count check.
    private static final Set<VR> COUNT_UNCHECKED = EnumSet.of(VR.OB, VR.OD, VR.OF, VR.OL,
            VR.OV, VR.OW, VR.UN, VR.UC);

    private ValueValidator() {
    }

    /**
     * The service's warning for one element (spec §2.2 step 3), or empty when it has none.
     * Sequences and encapsulated pixel data have none here: callers go into the items themselves
     * (or use {@link #validateAll}).
     *
     * <pre>{@code ValueValidator.validate(studyDate, dataset)
     * // Optional[Content "NotAValidDate" does not validate VR DA: one of the date values does not
     * //          match the pattern YYYYMMDD]}</pre>
     *
     * @param owner the data set holding the element, whose Specific Character Set decodes it
     */
    public static Optional<String> validate(Element e, Dataset owner) {
        if (e.isSequence() || e.isEncapsulated()) {
            return Optional.empty();
        }
        VR vr = e.vr();
        if (!vr.isString()) {
            int size = vr.bytesPerValue();
            return checkCount(e, size == 0 ? 0 : e.value().length / size); // whole values only
        }
        String value = TextValues.decode(e, owner);
        if (!TEXT_TYPED.contains(vr)) {
            return checkValues(e, value);
        }
        if (e.tag() == Tag.PatientID && isWhiteSpace(value)) {
            return Optional.of(missingTag(Tag.PatientID));
        }
        if (value.endsWith("\0")) {
            return VRRules.check(vr, VRRules.trimTrailing(value, '\0'));
        }
        return checkValues(e, value);
    }

    /**
     * The warnings of spec §2.2 step 3 for a whole data set, items of sequences included: the
     * first problem of each tag, in the order the service finds them (the top level in tag order,
     * then the items, the last pushed first, as the service walks them with a stack).
     *
     * <pre>{@code for (Problem p : ValueValidator.validateAll(dataset)) {
     *     comments.add("DICOM100: " + Tag.toLowerString(p.tag()) + " - " + p.message());
     * }}</pre>
     */
    public static List<Problem> validateAll(Dataset ds) {
        Map<Integer, String> firstByTag = new LinkedHashMap<>();
        Deque<Dataset> stack = new ArrayDeque<>();
        stack.push(ds);
        while (!stack.isEmpty()) {
            Dataset current = stack.pop();
            for (Element e : current.elements()) {
                if (e.isSequence()) {
                    e.items().forEach(stack::push);
                } else {
                    validate(e, current).ifPresent(m -> firstByTag.putIfAbsent(e.tag(), m));
                }
            }
        }
        List<Problem> problems = new ArrayList<>(firstByTag.size());
        firstByTag.forEach((tag, message) -> problems.add(new Problem(tag, message)));
        return problems;
    }

    /**
     * The service's error for one of the attributes a stored instance requires (spec §2.2 step 2:
     * SOPClassUID, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID, PatientID), or empty.
     * These are the service's own checks, not fo-dicom's, on the first value with trailing NULs
     * removed; an empty value passes here (presence is the caller's check). Only UI and LO have
     * value rules; an element whose VR is not its PS3.6 VR fails first. The service runs these
     * before step 3 and keeps one message per tag, so this one wins over {@link #validate}'s.
     *
     * <pre>{@code ValueValidator.validateRequired(patientId, dataset)
     * // Optional[Dicom element 'PatientID' failed validation for VR 'LO': Value contains invalid
     * //          character.]}</pre>
     */
    public static Optional<String> validateRequired(Element e, Dataset owner) {
        return CoreTagRules.check(e, owner);
    }

    /**
     * A Dicomite check the service does not make: the value length of a binary VR must be a
     * whole number of values (PS3.5 §6.2: US 2 bytes, UL 4, AT 4, FD 8...). fo-dicom reads such
     * an element and counts the whole values only, so the service stores it without a warning;
     * callers that must answer as the service does should not turn this into a warning.
     *
     * <pre>{@code ValueValidator.findLengthProblem(rowsWithThreeBytes)
     * // Optional[Value length 3 of (0028,0010) US is not a multiple of 2]}</pre>
     */
    public static Optional<String> findLengthProblem(Element e) {
        int size = e.vr().bytesPerValue();
        if (size <= 1 || e.isSequence() || e.isEncapsulated() || e.value().length % size == 0) {
            return Optional.empty();
        }
        return Optional.of("Value length " + e.value().length + " of " + Tag.toString(e.tag())
                + " " + e.vr() + " is not a multiple of " + size);
    }

    // fo-dicom's element validation: each value against its VR, then the value count.
    private static Optional<String> checkValues(Element e, String value) {
        List<String> values = TextValues.split(value, e.vr());
        for (String v : values) {
            Optional<String> problem = VRRules.check(e.vr(), v);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return checkCount(e, values.size());
    }

    // PS3.5 §6.4: the count must fit the multiplicity PS3.6 gives the tag.
    private static Optional<String> checkCount(Element e, int count) {
        boolean privateGroup = (Tag.group(e.tag()) & 1) == 1; // fo-dicom: any odd group
        if (count == 0 || privateGroup || COUNT_UNCHECKED.contains(e.vr())) {
            return Optional.empty();
        }
        Optional<ElementDictionary.Entry> entry = ElementDictionary.find(e.tag());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        ValueMultiplicity vm = ValueMultiplicity.parse(entry.get().vm());
        if (vm.allows(count)) {
            return Optional.empty();
        }
        String item = Tag.toLowerString(e.tag()) + " " + e.vr() + " " + entry.get().name();
        return VRRules.fail(item, e.vr(),
                "Number of items " + count + " does not match ValueMultiplicity " + vm);
    }

    /** The service's DicomCoreResource.MissingRequiredTag, e.g. for an empty PatientID. */
    static String missingTag(int tag) {
        return "The required tag '" + Tag.toLowerString(tag) + "' is missing.";
    }

    private static boolean isWhiteSpace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!VRRules.isWhiteSpace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
