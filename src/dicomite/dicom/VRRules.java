// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules one text value of a VR must follow (PS3.5 §6.2, Table 6.2-1) as the emulated service
 * applies them: it validates with fo-dicom 5 (DicomValidation), whose checks, their order and
 * their sentences are reproduced here, quirks included (the sentences keep fo-dicom's spelling,
 * "mach" and "alre"). Date, date-time and time values are in {@link DateTimeRules}.
 *
 * <p>Faithfulness notes, all observable in the service's warnings:
 * <ul>
 *   <li>patterns anchor with '$', which in .NET also matches before one final line feed, so
 *       "20200101\n" is a valid DA; the patterns here use {@link Pattern#UNIX_LINES} and
 *       {@code find()} to match the same strings;</li>
 *   <li>UI rejects a value starting with '0' as having a leading zero, so "0.1" fails
 *       although PS3.5 §9.1 allows a first component of just 0 ("1.0.2" passes);</li>
 *   <li>AE, CS, DA, DS, DT, IS, TM and UI values are decoded as ASCII, non-ASCII bytes becoming
 *       '?', before these rules run.</li>
 * </ul>
 * Input is one value (already split at '\' where the VR allows several); stateless.
 */
final class VRRules {
    private static final int FLAGS = Pattern.UNIX_LINES;
    private static final Pattern ONLY_SPACES = Pattern.compile("^\\s*$", FLAGS);
    private static final Pattern AGE = Pattern.compile("^\\d\\d\\d[DWMY]$", FLAGS);
    private static final Pattern CODE = Pattern.compile("^[A-Z0-9_ ]*$", FLAGS);
    private static final Pattern DECIMAL =
            Pattern.compile("^[+-]?((\\d+(\\.\\d*)?)|(\\.\\d+))([eE][-+]?\\d+)?$", FLAGS);
    private static final Pattern INTEGER = Pattern.compile("^[+-]?\\d+$", FLAGS);
    private static final Pattern UID_CHARACTERS = Pattern.compile("^[0-9\\.]*$", FLAGS);
    private static final Pattern UID_LEADING_ZERO = Pattern.compile("[.]0\\d", FLAGS);
    private static final Pattern UID_EMPTY_COMPONENT =
            Pattern.compile("^[.]|[.][.]|[.]$", FLAGS);
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private VRRules() {
    }

    /**
     * Checks one value of a VR, giving the service's message when it breaks a rule. VRs without
     * a value rule in fo-dicom (UC, UR, UT and the binary ones) always pass.
     */
    static Optional<String> check(VR vr, String value) {
        switch (vr) {
            case AE: return checkAE(value);
            case AS: return checkAS(value);
            case CS: return checkCS(value);
            case DA: return DateTimeRules.checkDA(value);
            case DS: return checkDS(value);
            case DT: return DateTimeRules.checkDT(value);
            case IS: return checkIS(value);
            case LO: return checkLO(value);
            case LT: return checkMaxLength(value, VR.LT, 10240);
            case PN: return checkPN(value);
            case SH: return checkSH(value);
            case ST: return checkMaxLength(value, VR.ST, 1024);
            case TM: return DateTimeRules.checkTM(value);
            case UI: return checkUI(value);
            default: return Optional.empty();
        }
    }

    /** fo-dicom's DicomValidationException text: the value, the VR and the broken rule. */
    static Optional<String> fail(String content, VR vr, String reason) {
        return Optional.of(
                "Content \"" + content + "\" does not validate VR " + vr + ": " + reason);
    }

    private static Optional<String> tooLong(String content, VR vr, int max) {
        return fail(content, vr, "value exceeds maximum length of " + max + " characters");
    }

    // PS3.5 Table 6.2-1 AE: 16 characters, not only spaces, no '\' and no control character.
    private static Optional<String> checkAE(String value) {
        if (value.length() > 16) {
            return tooLong(value, VR.AE, 16);
        }
        if (ONLY_SPACES.matcher(value).find()) {
            return fail(value, VR.AE, "value may not consist only of spaces");
        }
        if (value.indexOf('\\') >= 0 || hasControl(value, false)) {
            return fail(value, VR.AE, "value contains invalid control character");
        }
        return Optional.empty();
    }

    // AS: nnnD, nnnW, nnnM or nnnY.
    private static Optional<String> checkAS(String value) {
        if (value.isEmpty() || AGE.matcher(value).find()) {
            return Optional.empty();
        }
        return fail(value, VR.AS, "value does not have pattern 000[DWMY]");
    }

    // CS: 16 characters of upper-case letters, digits, space and '_'.
    private static Optional<String> checkCS(String value) {
        if (value.length() > 16) {
            return tooLong(value, VR.CS, 16);
        }
        if (!CODE.matcher(value).find()) {
            return fail(value, VR.CS, "value contains invalid character. Only uppercase character,"
                    + " digits, space and underscore alre allowed");
        }
        return Optional.empty();
    }

    // DS: 16 characters, then (surrounding white space removed) a decimal number.
    private static Optional<String> checkDS(String value) {
        if (value.length() > 16) {
            return tooLong(value, VR.DS, 16);
        }
        String trimmed = trimWhiteSpace(value);
        if (!DECIMAL.matcher(trimmed).find()) {
            return fail(trimmed, VR.DS, "value is no decimal string");
        }
        return Optional.empty();
    }

    // IS: surrounding spaces allowed, an optionally signed integer within 32 bits.
    private static Optional<String> checkIS(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String trimmed = trimSpaces(value);
        if (!INTEGER.matcher(trimmed).find()) {
            return fail(trimmed, VR.IS, "value is not an integer string");
        }
        BigInteger number = new BigInteger(trimWhiteSpace(trimmed));
        if (number.compareTo(INT_MIN) < 0 || number.compareTo(INT_MAX) > 0) {
            return fail(trimmed, VR.IS, "value too large to fit 32 bit integer");
        }
        return Optional.empty();
    }

    // LO: 64 characters, no '\' and no control character but ESC.
    private static Optional<String> checkLO(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > 64) {
            return tooLong(value, VR.LO, 64);
        }
        if (value.indexOf('\\') >= 0 || hasControl(value, true)) {
            return fail(value, VR.LO, "value contains invalid character");
        }
        return Optional.empty();
    }

    // LT and ST: only a length limit; every character, '\' included, is allowed.
    private static Optional<String> checkMaxLength(String value, VR vr, int max) {
        return value.length() > max ? tooLong(value, vr, max) : Optional.empty();
    }

    // PN (PS3.5 §6.2.1): at most 3 groups of at most 64 characters and 5 components each.
    private static Optional<String> checkPN(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String[] groups = value.split("=", -1);
        if (groups.length > 3) {
            return fail(value, VR.PN, "value contains too many groups");
        }
        for (String group : groups) {
            if (group.length() > 64) {
                return tooLong(value, VR.PN, 64);
            }
            if (hasControl(group, true)) {
                return fail(value, VR.PN, "value contains invalid control character");
            }
        }
        for (String group : groups) {
            if (group.split("\\^", -1).length > 5) {
                return fail(value, VR.PN, "value contains too many components");
            }
        }
        return Optional.empty();
    }

    // SH: no '\' and no control character but ESC, then 16 characters.
    private static Optional<String> checkSH(String value) {
        if (value.indexOf('\\') >= 0 || hasControl(value, true)) {
            return fail(value, VR.SH, "value contains invalid character");
        }
        return value.length() > 16 ? tooLong(value, VR.SH, 16) : Optional.empty();
    }

    // UI (PS3.5 §9.1): trailing spaces ignored; 64 characters of digits and '.', components
    // without leading zeros and not empty.
    private static Optional<String> checkUI(String value) {
        String uid = trimTrailing(value, ' ');
        if (uid.isEmpty()) {
            return Optional.empty();
        }
        if (uid.length() > UIDRules.MAX_LENGTH) {
            return tooLong(uid, VR.UI, UIDRules.MAX_LENGTH);
        }
        if (!UID_CHARACTERS.matcher(uid).find()) {
            return fail(uid, VR.UI, "value contains invalid characters other than '0'-'9' and '.'");
        }
        if (uid.startsWith("0") || UID_LEADING_ZERO.matcher(uid).find()) {
            return fail(uid, VR.UI, "components must not have leading zeros");
        }
        if (UID_EMPTY_COMPONENT.matcher(uid).find()) {
            return fail(uid, VR.UI, "a component can not be empty");
        }
        return Optional.empty();
    }

    /** Control characters are C0, DEL and C1 (.NET char.IsControl); ESC may be exempt. */
    static boolean hasControl(String value, boolean allowEscape) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(allowEscape && c == 0x1B)) {
                return true;
            }
        }
        return false;
    }

    /** White space as .NET's char.IsWhiteSpace: separators, TAB to CR, and NEL. */
    static boolean isWhiteSpace(char c) {
        return Character.isSpaceChar(c) || c >= 0x09 && c <= 0x0D || c == 0x85;
    }

    /** The value without surrounding white space (.NET String.Trim()). */
    static String trimWhiteSpace(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isWhiteSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static String trimSpaces(String value) {
        int start = 0;
        while (start < value.length() && value.charAt(start) == ' ') {
            start++;
        }
        return trimTrailing(value.substring(start), ' ');
    }

    /** The value without trailing copies of one character (.NET String.TrimEnd(char)). */
    static String trimTrailing(String value, char c) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == c) {
            end--;
        }
        return value.substring(0, end);
    }
}
