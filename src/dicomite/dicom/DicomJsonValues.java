// SPDX-License-Identifier: MIT
package dicomite.dicom;

import dicomite.json.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The value bytes of one element from its DICOM JSON "Value" array (PS3.18 F.2.3, F.2.4), and the
 * wire form of encapsulated pixel data both ways (PS3.5 §A.4). Text joins values with '\' and is
 * padded to even length (PS3.5 §6.4); binary values are little endian, range-checked per VR; IS
 * and DS numbers become their decimal text within 12 and 16 characters (PS3.5 §6.2), a DS
 * rounded to fewer significant digits when it must, and refused beyond the range of a double.
 *
 * <p>Numbers arrive as {@code BigDecimal}s with at most {@link Json#MAX_NUMBER_LENGTH} digits but
 * any exponent, so every conversion first compares the exponent with the VR's range: a value such
 * as 1e999999999 is refused, or written in scientific form, without ever being expanded. Messages
 * show at most 64 characters of a value.
 */
final class DicomJsonValues {
    private static final BigInteger UV_MAX = new BigInteger("18446744073709551615");
    private static final int MAX_DS_LENGTH = 16; // characters, PS3.5 §6.2
    private static final int MAX_INTEGER_DIGITS = 20; // digits of UV_MAX, the widest range
    private static final List<String> GROUPS = List.of("Alphabetic", "Ideographic", "Phonetic");

    private final VR vr;
    private final String path;
    private final DicomJsonCharset charset;

    DicomJsonValues(VR vr, String path, DicomJsonCharset charset) {
        this.vr = vr;
        this.path = path;
        this.charset = charset;
    }

    /** The value field for these JSON values; empty for none. */
    byte[] encode(List<?> values) throws DicomJsonException {
        if (values.isEmpty()) {
            return new byte[0];
        }
        return vr.kind() == VR.Kind.BINARY ? binary(values) : padded(text(values), vr);
    }

    private byte[] text(List<?> values) throws DicomJsonException {
        if (vr.isSingleValued() && values.size() > 1) {
            throw error("VR " + vr + " holds one value, not " + values.size());
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = textOf(values.get(i));
            if (!vr.isSingleValued() && value.indexOf('\\') >= 0) {
                throw error("value " + DicomJsonReader.describe(value) + " contains '\\', which"
                        + " separates values in VR " + vr + " (PS3.18 F.2.4)");
            }
            joined.append(i == 0 ? "" : "\\").append(value);
        }
        String text = joined.toString();
        return vr.usesCharacterSet() ? charset.encode(text) : defaultRepertoire(text);
    }

    private String textOf(Object value) throws DicomJsonException {
        if (value == null) {
            return ""; // PS3.18 F.2.5: an empty value
        }
        if (vr == VR.PN) {
            return personName(value);
        }
        if (value instanceof BigDecimal && vr == VR.IS) {
            return integerString((BigDecimal) value);
        }
        if (value instanceof BigDecimal && vr == VR.DS) {
            return decimalText((BigDecimal) value);
        }
        if (!(value instanceof String)) {
            throw error("value " + DicomJsonReader.describe(value) + " is not a string for VR "
                    + vr);
        }
        return (String) value;
    }

    /** PS3.18 F.2.2: component groups joined with '=', trailing empty groups left out. */
    private String personName(Object value) throws DicomJsonException {
        if (!(value instanceof Map)) {
            throw error("PN value " + DicomJsonReader.describe(value) + " is not an object of"
                    + " 'Alphabetic', 'Ideographic' and 'Phonetic'");
        }
        String[] groups = {"", "", ""};
        for (Map.Entry<?, ?> group : ((Map<?, ?>) value).entrySet()) {
            int index = GROUPS.indexOf(group.getKey());
            if (index < 0) {
                throw error("PN component group '" + group.getKey() + "' is not Alphabetic,"
                        + " Ideographic or Phonetic");
            }
            if (group.getValue() != null && !(group.getValue() instanceof String)) {
                throw error("PN component group '" + group.getKey() + "' is "
                        + DicomJsonReader.describe(group.getValue()) + ", not a string");
            }
            groups[index] = group.getValue() == null ? "" : (String) group.getValue();
        }
        int last = !groups[2].isEmpty() ? 2 : !groups[1].isEmpty() ? 1 : 0;
        return String.join("=", Arrays.copyOf(groups, last + 1));
    }

    private String integerString(BigDecimal number) throws DicomJsonException {
        long value = integral(number, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return Long.toString(value);
    }

    /**
     * The DS text of a number: the shortest within 16 characters, rounding only when it must
     * (PS3.5 §6.2). Any finite decimal fits once rounded to few enough digits, so the only
     * numbers refused are those whose text is beyond what a double holds, which no reader of DS
     * could take.
     */
    private String decimalText(BigDecimal number) throws DicomJsonException {
        try {
            String text = shortestText(number);
            if (!Double.isInfinite(Double.parseDouble(text))) {
                return text;
            }
        } catch (ArithmeticException e) {
            // rounding pushed the exponent past 32 bits: beyond a double as well
        }
        throw error("value " + DicomJsonReader.describe(number) + " is out of range for VR DS,"
                + " beyond the largest double (" + Double.MAX_VALUE + ")");
    }

    private static String shortestText(BigDecimal number) {
        String text = number.toString(); // scientific when the exponent is large: never huge
        if (text.length() <= MAX_DS_LENGTH) {
            return text;
        }
        for (int digits = MAX_DS_LENGTH; digits > 0; digits--) {
            BigDecimal rounded = number.round(new MathContext(digits)).stripTrailingZeros();
            String scientific = rounded.toString();
            long exponent = (long) rounded.precision() - rounded.scale() - 1;
            // the plain form of a large or tiny exponent is long and not needed: build it only
            // when it may be the shorter
            String shorter = Math.abs(exponent) > MAX_DS_LENGTH ? scientific
                    : shorterOf(rounded.toPlainString(), scientific);
            if (shorter.length() <= MAX_DS_LENGTH) {
                return shorter;
            }
        }
        throw new AssertionError("a one-digit decimal fits in 16 characters: " + number);
    }

    private static String shorterOf(String plain, String scientific) {
        return plain.length() <= scientific.length() ? plain : scientific;
    }

    private byte[] defaultRepertoire(String text) throws DicomJsonException {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw error("value " + DicomJsonReader.describe(text) + " has a character that VR "
                        + vr + " cannot hold (default repertoire, PS3.5 §6.1.2.3)");
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] binary(List<?> values) throws DicomJsonException {
        ByteBuffer out = ByteBuffer.allocate(values.size() * vr.bytesPerValue())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (Object value : values) {
            switch (vr) {
                case US: out.putShort((short) integral(number(value), 0, 0xFFFF)); break;
                case SS: out.putShort((short) integral(number(value), Short.MIN_VALUE,
                        Short.MAX_VALUE)); break;
                case UL: out.putInt((int) integral(number(value), 0, 0xFFFFFFFFL)); break;
                case SL: out.putInt((int) integral(number(value), Integer.MIN_VALUE,
                        Integer.MAX_VALUE)); break;
                case SV: out.putLong(integral(number(value), Long.MIN_VALUE, Long.MAX_VALUE));
                    break;
                case UV: out.putLong(unsignedLong(number(value))); break;
                case FL: out.putFloat((float) floating(value)); break;
                case FD: out.putDouble(floating(value)); break;
                case AT: out.putInt(attributeTag(value)); break;
                default: throw new AssertionError("not a binary VR: " + vr);
            }
        }
        return out.array();
    }

    /** A JSON number, or for SV and UV a string holding one (PS3.18 F.2.3 note). */
    private BigDecimal number(Object value) throws DicomJsonException {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        boolean numberText = value instanceof String && (vr == VR.SV || vr == VR.UV)
                && ((String) value).length() <= Json.MAX_NUMBER_LENGTH; // parsing is quadratic
        if (numberText) {
            try {
                return new BigDecimal(((String) value).trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw notANumber(value);
    }

    private long integral(BigDecimal number, long min, long max) throws DicomJsonException {
        return integer(number, BigInteger.valueOf(min), BigInteger.valueOf(max)).longValue();
    }

    private long unsignedLong(BigDecimal number) throws DicomJsonException {
        return integer(number, BigInteger.ZERO, UV_MAX).longValue(); // low 64 bits: unsigned
    }

    /**
     * The integer value of a number within [min, max]. The count of digits before the point
     * (precision - scale) is checked first, so that a number such as 1e999999999 is refused
     * before any conversion expands it; every bound here has at most 20 digits.
     */
    private BigInteger integer(BigDecimal number, BigInteger min, BigInteger max)
            throws DicomJsonException {
        if (number.signum() == 0) {
            return BigInteger.ZERO;
        }
        long integerDigits = (long) number.precision() - number.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw outOfRange(number, min, max);
        }
        boolean fraction = integerDigits <= 0
                || number.scale() > 0 && number.stripTrailingZeros().scale() > 0;
        if (fraction) {
            throw error("value " + DicomJsonReader.describe(number) + " is not an integer for VR "
                    + vr);
        }
        BigInteger value = number.toBigIntegerExact(); // at most 20 digits: cheap
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw outOfRange(number, min, max);
        }
        return value;
    }

    private DicomJsonException outOfRange(BigDecimal number, BigInteger min, BigInteger max) {
        return error("value " + DicomJsonReader.describe(number) + " is out of range for VR "
                + vr + " [" + min + ", " + max + "]");
    }

    /** A number, or "NaN", "Infinity", "-Infinity" as the service writes them. */
    private double floating(Object value) throws DicomJsonException {
        if (value instanceof String) {
            switch ((String) value) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: throw notANumber(value);
            }
        }
        if (!(value instanceof BigDecimal)) {
            throw notANumber(value);
        }
        double d = ((BigDecimal) value).doubleValue();
        boolean fits = vr == VR.FD ? !Double.isInfinite(d) : !Float.isInfinite((float) d);
        if (!fits) {
            throw error("value " + DicomJsonReader.describe(value) + " is out of range for VR "
                    + vr);
        }
        return d;
    }

    /** PS3.18 F.2.3.1: "ggggeeee", little endian as group then element. */
    private int attributeTag(Object value) throws DicomJsonException {
        if (value instanceof String) {
            try {
                int tag = Tag.parseHex((String) value);
                return Tag.element(tag) << 16 | Tag.group(tag);
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw error("value " + DicomJsonReader.describe(value) + " is not a tag of eight hex"
                + " digits for VR AT");
    }

    private DicomJsonException notANumber(Object value) {
        return error("value " + DicomJsonReader.describe(value) + " is not a number for VR "
                + vr);
    }

    private DicomJsonException error(String problem) {
        return DicomJsonReader.error(path, problem);
    }

    /** The bytes padded to even length with the VR's padding byte (PS3.5 §7.1.1). */
    static byte[] padded(byte[] bytes, VR vr) {
        if (bytes.length % 2 == 0) {
            return bytes;
        }
        byte[] even = Arrays.copyOf(bytes, bytes.length + 1);
        even[bytes.length] = vr.paddingByte();
        return even;
    }

    /** The value field of encapsulated pixel data as on the wire (PS3.5 §A.4), delimiter last. */
    static byte[] encapsulatedValue(List<byte[]> fragments) {
        int size = 8;
        for (byte[] fragment : fragments) {
            size += 8 + fragment.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (byte[] fragment : fragments) {
            writeItemHeader(out, Tag.Item, fragment.length);
            out.writeBytes(fragment);
        }
        writeItemHeader(out, Tag.SequenceDelimitationItem, 0);
        return out.toByteArray();
    }

    private static void writeItemHeader(ByteArrayOutputStream out, int tag, int length) {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) Tag.group(tag)).putShort((short) Tag.element(tag)).putInt(length);
        out.writeBytes(header.array());
    }

    /**
     * The fragments of a value written by {@link #encapsulatedValue}, or null when the bytes are
     * not exactly items followed by the sequence delimiter (then they are native pixel data).
     */
    static List<byte[]> findFragments(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> fragments = new ArrayList<>();
        while (in.remaining() >= 8) {
            int tag = (in.getShort() & 0xFFFF) << 16 | (in.getShort() & 0xFFFF);
            long length = in.getInt() & 0xFFFFFFFFL;
            if (tag == Tag.SequenceDelimitationItem) {
                boolean ends = length == 0 && !in.hasRemaining() && !fragments.isEmpty();
                return ends ? fragments : null;
            }
            if (tag != Tag.Item || length > in.remaining()) {
                return null;
            }
            byte[] fragment = new byte[(int) length];
            in.get(fragment);
            fragments.add(fragment);
        }
        return null;
    }
}
