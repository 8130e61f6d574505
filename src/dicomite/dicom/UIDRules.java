// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Unique Identifiers as the service checks and makes them: the validity test that route
 * parameters and the required UIDs of a stored instance must pass (spec §0 "UID-valid"), the
 * message the service answers when one fails (spec §15), and new UIDs under the 2.25 arc, which
 * PS3.5 §B.2 reserves for UIDs derived from a UUID.
 *
 * <p>The test is the service's, looser than PS3.5 §9.1: leading zeros and empty components pass
 * ("01..2"); what it demands is digits and dots, a final digit and at most 64 characters once the
 * trailing padding (spaces, and the NUL that pads an odd-length UI value) is removed. Stateless.
 */
public final class UIDRules {
    /** PS3.5 §9.1: at most 64 characters. */
    static final int MAX_LENGTH = 64; // characters
    // Spec §0. A full match: the service's regex would also accept one trailing line feed, which
    // no UID has and which would reach file names, so Dicomite is stricter there.
    private static final Pattern SHAPE = Pattern.compile("[0-9.]*[0-9]");
    private static final String ROOT_FROM_UUID = "2.25."; // PS3.5 §B.2

    private UIDRules() {
    }

    /**
     * True when the value is UID-valid (spec §0): after trailing spaces and NULs are removed it
     * is not empty, has at most 64 characters, holds only digits and '.', and ends with a digit.
     * A null value is not valid.
     *
     * <pre>{@code UIDRules.isValid("1.2.840.10008.1.2\0") // true
     * UIDRules.isValid("abc.123")            // false}</pre>
     */
    public static boolean isValid(String uid) {
        if (uid == null) {
            return false;
        }
        String trimmed = trimPadding(uid);
        return !trimmed.isEmpty() && trimmed.length() <= MAX_LENGTH
                && SHAPE.matcher(trimmed).matches();
    }

    /** The value without its trailing spaces and NULs. */
    static String trimPadding(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        return value.substring(0, end);
    }

    /**
     * A new UID "2.25." followed by a random UUID read as an unsigned 128-bit decimal number
     * (PS3.5 §B.2): at most 44 characters.
     *
     * <pre>{@code UIDRules.newUID() // "2.25.329800735698586629295641978511506172918"}</pre>
     */
    public static String newUID() {
        return newUID(UUID::randomUUID);
    }

    /**
     * As {@link #newUID()}, taking the UUID from the supplier (tests pass a fixed one).
     *
     * @throws NullPointerException when the supplier gives null
     */
    public static String newUID(Supplier<UUID> uuids) {
        UUID uuid = Objects.requireNonNull(uuids.get(), "uuid");
        byte[] bits = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        return ROOT_FROM_UUID + new BigInteger(1, bits);
    }

    /**
     * The service's message for a value that is not UID-valid (spec §15), naming the identifier
     * as the service does: {@code StudyInstanceUid} and so on for route parameters, the PS3.6
     * keyword ({@code StudyInstanceUID}) for an attribute of a stored instance.
     *
     * <pre>{@code UIDRules.invalidMessage("StudyInstanceUid")
     * // "Dicom element 'StudyInstanceUid' failed validation for VR 'UI': DICOM Identifier
     * //  is invalid. ..."}</pre>
     */
    public static String invalidMessage(String name) {
        return "Dicom element '" + name + "' failed validation for VR 'UI': DICOM Identifier is"
                + " invalid. Value length should not exceed the maximum length of 64 characters."
                + " Value should contain characters in '0'-'9' and '.'."
                + " Each component must start with non-zero number.";
    }
}
