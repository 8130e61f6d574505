// SPDX-License-Identifier: MIT
package dicomite.dicom;

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
 * and DS numbers become their decimal text within 12 and 16 characters (PS3.5 §6.2).
 */
final class DicomJsonValues {
    private static final BigInteger UV_MAX = new BigInteger("18446744073709551615");
    private static final int MAX_DS_LENGTH = 16; // characters, PS3.5 §6.2
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
                throw error("value '" + value + "' contains '\\', which separates values in VR "
                        + vr + " (PS3.18 F.2.4)");
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
            return decimalString((BigDecimal) value);
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

    /** The shortest text of the number within 16 characters, rounding only when it must. */
    static String decimalString(BigDecimal number) {
        String text = number.toString();
        if (text.length() <= MAX_DS_LENGTH) {
            return text;
        }
        for (int digits = MAX_DS_LENGTH; digits > 0; digits--) {
            BigDecimal rounded = number.round(new MathContext(digits)).stripTrailingZeros();
            String plain = rounded.toPlainString();
            String scientific = rounded.toString();
            String shorter = plain.length() <= scientific.length() ? plain : scientific;
            if (shorter.length() <= MAX_DS_LENGTH) {
                return shorter;
            }
        }
        throw new AssertionError("a one-digit decimal fits in 16 characters: " + number);
    }

    private byte[] defaultRepertoire(String text) throws DicomJsonException {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw error("value '" + text + "' has a character that VR " + vr
                        + " cannot hold (default repertoire, PS3.5 §6.1.2.3)");
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
        if (value instanceof String && (vr == VR.SV || vr == VR.UV)) {
            try {
                return new BigDecimal(((String) value).trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw notANumber(value);
    }

    private long integral(BigDecimal number, long min, long max) throws DicomJsonException {
        if (number.scale() > 0 && number.stripTrailingZeros().scale() > 0) {
            throw error("value " + number + " is not an integer for VR " + vr);
        }
        try {
            long value = number.longValueExact();
            if (value >= min && value <= max) {
                return value;
            }
        } catch (ArithmeticException e) {
            // beyond 64 bits: reported below
        }
        throw error("value " + number + " is out of range for VR " + vr + " [" + min + ", "
                + max + "]");
    }

    private long unsignedLong(BigDecimal number) throws DicomJsonException {
        if (number.scale() > 0 && number.stripTrailingZeros().scale() > 0) {
            throw error("value " + number + " is not an integer for VR UV");
        }
        BigInteger value = number.toBigInteger();
        if (value.signum() < 0 || value.compareTo(UV_MAX) > 0) {
            throw error("value " + number + " is out of range for VR UV [0, " + UV_MAX + "]");
        }
        return value.longValue(); // the low 64 bits: the unsigned value
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
            throw error("value " + value + " is out of range for VR " + vr);
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
