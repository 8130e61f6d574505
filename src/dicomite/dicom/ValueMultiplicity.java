// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * A Value Multiplicity of PS3.5 §6.4 as PS3.6 writes it ("1", "1-3", "1-n", "2-2n"), parsed and
 * printed the way fo-dicom does (DicomVM), since the service's VM warnings quote it.
 *
 * @param minimum      the fewest values
 * @param maximum      the most values; {@link Integer#MAX_VALUE} for "n"
 * @param multiplicity the step of an unbounded VM ("2-2n" -> 2), else 1 (or the count itself)
 */
record ValueMultiplicity(int minimum, int maximum, int multiplicity) {
    static final int UNBOUNDED = Integer.MAX_VALUE;

    /**
     * Parses a PS3.6 VM. Like fo-dicom it splits at '-', spaces and "or" and reads the first two
     * parts, so "1-n or 1" reads as 1-n.
     *
     * @throws IllegalArgumentException when the text does not start with a number
     */
    static ValueMultiplicity parse(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split("-| |or")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        try {
            int minimum = Integer.parseInt(parts.get(0));
            if (parts.size() == 1) {
                return new ValueMultiplicity(minimum, minimum, minimum);
            }
            String upper = parts.get(1);
            if (upper.toLowerCase(java.util.Locale.ROOT).contains("n")) {
                String step = upper.replaceAll("[nN]+$", "");
                return new ValueMultiplicity(minimum, UNBOUNDED,
                        step.isEmpty() ? 1 : Integer.parseInt(step));
            }
            return new ValueMultiplicity(minimum, Integer.parseInt(upper), 1);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Value multiplicity '" + text
                    + "' is not of the PS3.6 form 'm', 'm-n' or 'm-kn'", e);
        }
    }

    /** True when this many values fit (fo-dicom checks only the bounds, not the step). */
    boolean allows(int count) {
        return count >= minimum && count <= maximum;
    }

    /** fo-dicom's form: "1", "1-3", "1-n", "2-2n". */
    @Override
    public String toString() {
        if (minimum == maximum) {
            return Integer.toString(minimum);
        }
        if (maximum == UNBOUNDED) {
            return multiplicity > 1 ? minimum + "-" + multiplicity + "n" : minimum + "-n";
        }
        return minimum + "-" + maximum;
    }
}
