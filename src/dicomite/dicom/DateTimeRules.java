// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for one DA, DT or TM value (PS3.5 §6.2, Table 6.2-1) as the emulated service applies
 * them through fo-dicom 5 (DicomValidation.ValidateDA, ValidateDT, ValidateTM): checks, order and
 * sentences are fo-dicom's. Like fo-dicom, these accept the range forms of PS3.4 §C.2.2.2.5
 * ("20200101-20201231") in stored values too, and DA does not reject month or day 00.
 * Patterns follow .NET's '$' (see {@link VRRules}). Stateless.
 */
final class DateTimeRules {
    private static final int FLAGS = Pattern.UNIX_LINES;
    private static final Pattern DATE = Pattern.compile("^\\d{8}$", FLAGS);
    private static final Pattern FOUR_DIGITS = Pattern.compile("^\\d{4}$", FLAGS);
    private static final Pattern DATE_TIME = Pattern.compile("^\\d{4}$|^\\d{6}$|^\\d{8}$"
            + "|^\\d{10}$|^\\d{12}$|^\\d{14}$|^\\d{14}\\.\\d{1,6}$", FLAGS);
    private static final Pattern TIME =
            Pattern.compile("^\\d{2}$|^\\d{4}$|^\\d{6}$|^\\d{6}\\.\\d{1,6}$", FLAGS);
    private static final int MAX_NEGATIVE_OFFSET = 1200; // hours and minutes, -1200

    private DateTimeRules() {
    }

    // DA: YYYYMMDD, or a range of two; month at most 12, day at most 31.
    static Optional<String> checkDA(String content) {
        String[] dates = content.split("-", -1);
        if (dates.length > 2) {
            return VRRules.fail(content, VR.DA, "value contains too many range separators '-'");
        }
        for (String date : dates) {
            String trimmed = VRRules.trimTrailing(date, ' ');
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!DATE.matcher(trimmed).find()) {
                return VRRules.fail(content, VR.DA,
                        "one of the date values does not match the pattern YYYYMMDD");
            }
            if (digits(trimmed, 4) > 12) {
                return VRRules.fail(content, VR.DA, "month component exceeds the value 12");
            }
            if (digits(trimmed, 6) > 31) {
                return VRRules.fail(content, VR.DA, "day component exceeds the value 31");
            }
        }
        return Optional.empty();
    }

    // TM: HH, HHMM, HHMMSS or HHMMSS.F{1-6}, or a range of two; 23, 59 and 60 at most.
    static Optional<String> checkTM(String content) {
        String[] times = content.split("-", -1);
        if (times.length > 2) {
            return VRRules.fail(content, VR.TM, "value contains too many range separators '-'");
        }
        for (String time : times) {
            String trimmed = VRRules.trimTrailing(time, ' ');
            if (trimmed.isEmpty()) {
                continue;
            }
            Optional<String> problem = checkTime(content, trimmed);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkTime(String content, String time) {
        if (!TIME.matcher(time).find()) {
            return VRRules.fail(content, VR.TM,
                    "value does not mach pattern HH or HHMM or HHMMSS or HHMMSS.F{1-6}");
        }
        if (digits(time, 0) > 23) {
            return VRRules.fail(content, VR.TM, "hour component exceeds 23");
        }
        if (time.length() >= 4 && digits(time, 2) > 59) {
            return VRRules.fail(content, VR.TM, "minutes component exceeds 59");
        }
        if (time.length() >= 6 && digits(time, 4) > 60) {
            return VRRules.fail(content, VR.TM, "seconds component exceeds 60");
        }
        return Optional.empty();
    }

    /**
     * DT: YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX], or a range of two. Since '-' both separates
     * a range and signs an offset, the parts split at '-' are first joined back where one is a
     * negative offset (four digits up to 1200), as fo-dicom does.
     */
    static Optional<String> checkDT(String content) {
        if (content.contains("-0000")) {
            return VRRules.fail(content, VR.DT,
                    "negative UTC hours component with value -0000 is not allowed");
        }
        if (VRRules.trimWhiteSpace(content).equals("-")) {
            return VRRules.fail(content, VR.DT,
                    "both dateTime components in range cannot be empty");
        }
        String[] parts = content.split("-", -1);
        if (parts.length > 4) {
            return VRRules.fail(content, VR.DT, "value contains too many range separators '-'");
        }
        String[] values = joinNegativeOffsets(parts);
        if (values == null) {
            return VRRules.fail(content, VR.DT, "value is in invalid range format");
        }
        for (String value : values) {
            String trimmed = VRRules.trimTrailing(value, ' ');
            if (trimmed.isEmpty()) {
                continue;
            }
            Optional<String> problem = checkDateTime(content, trimmed);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** The one or two date-times of a DT value, or null when three parts cannot be paired. */
    private static String[] joinNegativeOffsets(String[] p) {
        switch (p.length) {
            case 4:
                return new String[] {p[0] + "-" + p[1], p[2] + "-" + p[3]};
            case 3:
                if (isNegativeOffset(p[1])) {
                    return new String[] {p[0] + "-" + p[1], p[2]};
                }
                return isNegativeOffset(p[2]) ? new String[] {p[0], p[1] + "-" + p[2]} : null;
            case 2:
                return isNegativeOffset(p[1]) ? new String[] {p[0] + "-" + p[1]} : p;
            default:
                return p;
        }
    }

    private static boolean isNegativeOffset(String part) {
        return FOUR_DIGITS.matcher(part).find() && digits(part, 0, 4) <= MAX_NEGATIVE_OFFSET;
    }

    private static Optional<String> checkDateTime(String content, String value) {
        int separator = indexOfSign(value, 0);
        if (separator >= 0 && indexOfSign(value, separator + 1) >= 0) {
            return VRRules.fail(content, VR.DT,
                    "value contains too many UTC separators '+' or '-'");
        }
        if (separator >= 0) {
            Optional<String> problem = checkOffset(content, value.substring(separator + 1),
                    value.charAt(separator) == '+');
            if (problem.isPresent()) {
                return problem;
            }
        }
        String dateTime = separator < 0 ? value : value.substring(0, separator);
        if (!DATE_TIME.matcher(dateTime).find()) {
            return VRRules.fail(content, VR.DT,
                    "value does not mach pattern YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]]");
        }
        return checkComponents(content, dateTime);
    }

    /** The index of the first '+' or '-' from {@code from} on, or -1, as indexOf does. */
    private static int indexOfSign(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+' || c == '-') {
                return i;
            }
        }
        return -1;
    }

    // The &ZZXX suffix: -1200 to +1400, minutes at most 59.
    private static Optional<String> checkOffset(String content, String offset, boolean positive) {
        if (!FOUR_DIGITS.matcher(offset).find()) {
            return VRRules.fail(content, VR.DT, "value does not match the UTC pattern &ZZXX");
        }
        int hours = digits(offset, 0);
        if (positive && hours > 14) {
            return VRRules.fail(content, VR.DT,
                    "positive UTC hours component exceeds 14 (allowed range is -1200 to +1400)");
        }
        if (!positive && hours > 12) {
            return VRRules.fail(content, VR.DT,
                    "negative UTC hours component exceeds 12 (allowed range is -1200 to +1400)");
        }
        if (digits(offset, 2) > 59) {
            return VRRules.fail(content, VR.DT, "UTC minutes component exceeds 59");
        }
        return Optional.empty();
    }

    // fo-dicom checks from the seconds leftwards to the month.
    private static Optional<String> checkComponents(String content, String dateTime) {
        int length = dateTime.length();
        if (length >= 14 && digits(dateTime, 12) > 60) {
            return VRRules.fail(content, VR.DT, "seconds component exceeds 60");
        }
        if (length >= 12 && digits(dateTime, 10) > 59) {
            return VRRules.fail(content, VR.DT, "minutes component exceeds 59");
        }
        if (length >= 10 && digits(dateTime, 8) > 23) {
            return VRRules.fail(content, VR.DT, "hours component exceeds 23");
        }
        if (length >= 8) {
            int day = digits(dateTime, 6);
            if (day > 31 || day == 0) {
                return VRRules.fail(content, VR.DT,
                        day == 0 ? "day component cannot be 0" : "day component exceeds 31");
            }
        }
        if (length >= 6) {
            int month = digits(dateTime, 4);
            if (month > 12 || month == 0) {
                return VRRules.fail(content, VR.DT,
                        month == 0 ? "month component cannot be 0" : "month component exceeds 12");
            }
        }
        return Optional.empty();
    }

    /** The two ASCII digits at {@code start}; callers have matched a digit pattern first. */
    private static int digits(String value, int start) {
        return digits(value, start, 2);
    }

    private static int digits(String value, int start, int count) {
        return Integer.parseInt(value.substring(start, start + count));
    }
}
