// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static dicomite.dicom.DicomJsonTest.le;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading DICOM JSON (PS3.18 Annex F.2): bytes, character sets, bulk data and errors. */
class DicomJsonReadTest {
    private static final DicomJson.Options INLINE = DicomJson.Options.INLINE;

    @Test
    void readsNativePixelDataThatOnlyLooksLikeItemsAsBytes() throws Exception {
        byte[] pixels = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xE000FFFE).putInt(0).putInt(0x01020304).array();
        Dataset ds = new Dataset().put(Element.of(Tag.PixelData, VR.OW, pixels));

        Element back = DicomJson.read(DicomJson.toJson(ds, INLINE)).get(Tag.PixelData);

        assertThat(back.isEncapsulated()).isFalse();
        assertThat(back.bytes()).isEqualTo(pixels);
    }

    @Test
    void readsNonAsciiTextWithoutACharacterSetAsUtf8AndDeclaresIt() throws Exception {
        Dataset ds = DicomJson.read("{\"00100010\":{\"vr\":\"PN\","
                + "\"Value\":[{\"Alphabetic\":\"Müller\"}]}}");

        assertThat(ds.getStrings(Tag.SpecificCharacterSet)).containsExactly("ISO_IR 192");
        assertThat(ds.get(Tag.PatientName).bytes()).isEqualTo("Müller ".getBytes(UTF_8));
    }

    @Test
    void keepsADeclaredCharacterSetThatHoldsTheText() throws Exception {
        Dataset ds = DicomJson.read("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller\"}]}}");

        assertThat(ds.getStrings(Tag.SpecificCharacterSet)).containsExactly("ISO_IR 100");
        assertThat(ds.get(Tag.PatientName).bytes()).isEqualTo("Müller".getBytes(ISO_8859_1));
    }

    @Test
    void replacesADeclaredCharacterSetThatLacksACharacterWithUtf8() throws Exception {
        Dataset ds = DicomJson.read("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"00081030\":{\"vr\":\"LO\",\"Value\":[\"Müller\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"山田\"}]}}");

        assertThat(ds.getStrings(Tag.SpecificCharacterSet)).containsExactly("ISO_IR 192");
        assertThat(ds.getStrings(0x00081030)).containsExactly("Müller");
        assertThat(ds.get(Tag.PatientName).bytes()).isEqualTo("山田".getBytes(UTF_8));
    }

    @Test
    void addsNoCharacterSetForAsciiText() throws Exception {
        Dataset ds = DicomJson.read("{\"00100010\":{\"vr\":\"PN\","
                + "\"Value\":[{\"Alphabetic\":\"Doe\"}]}}");

        assertThat(ds.contains(Tag.SpecificCharacterSet)).isFalse();
        assertThat(ds.get(Tag.PatientName).bytes()).isEqualTo("Doe ".getBytes(ISO_8859_1));
    }

    @Test
    void readsNumbersIntoTheirBinaryAndTextForms() throws Exception {
        Dataset ds = DicomJson.read("{"
                + "\"00091001\":{\"vr\":\"US\",\"Value\":[1,513.0]},"
                + "\"00091002\":{\"vr\":\"UV\",\"Value\":[18446744073709551615,\"7\"]},"
                + "\"00091003\":{\"vr\":\"IS\",\"Value\":[12.0,-3]},"
                + "\"00091004\":{\"vr\":\"DS\",\"Value\":[0.1,1.50,123456789.123456789]},"
                + "\"00091005\":{\"vr\":\"AT\",\"Value\":[\"00100020\"]}}");

        assertThat(ds.get(0x00091001).bytes()).containsExactly(1, 0, 1, 2);
        assertThat(ds.get(0x00091002).bytes()).isEqualTo(le(8, -1L, 7L));
        assertThat(ds.getStrings(0x00091003)).containsExactly("12", "-3");
        assertThat(ds.getStrings(0x00091004)).containsExactly("0.1", "1.50", "123456789.123457");
        assertThat(ds.get(0x00091005).bytes()).containsExactly(0x10, 0, 0x20, 0);
    }

    @Test
    void readsBulkDataURIElementsOnlyThroughTheCallback() throws Exception {
        Map<String, String> uris = new LinkedHashMap<>();
        Dataset ds = DicomJson.read("{\"00081115\":{\"vr\":\"SQ\",\"Value\":[{\"00091001\":"
                + "{\"vr\":\"OB\",\"BulkDataURI\":\"http://h/1\"}}]},"
                + "\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"http://h/2\"}}", uris::put);

        assertThat(uris).containsExactly(Map.entry("00081115/0/00091001", "http://h/1"),
                Map.entry("7FE00010", "http://h/2"));
        assertThat(ds.contains(Tag.PixelData)).isFalse();
        assertThat(ds.get(0x00081115).items().get(0).isEmpty()).isTrue();
    }

    @Test
    void readsAnObjectAlreadyParsed() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse(
                "{\"changeDataset\":{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P1\"]}}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> change = (Map<String, Object>) body.get("changeDataset");

        assertThat(DicomJson.read(change).getStrings(0x00100020)).containsExactly("P1");
    }

    @Test
    void namesTheTagAndTheRuleInReadErrors() {
        assertReadFails("{\"00100010\":{\"Value\":[]}}", "Element 00100010: 'vr' is missing");
        assertReadFails("{\"00280010\":{\"vr\":\"US\",\"Value\":[\"abc\"]}}",
                "Element 00280010: value 'abc' is not a number for VR US");
        assertReadFails("{\"00280010\":{\"vr\":\"US\",\"Value\":[70000]}}",
                "Element 00280010: value 70000 is out of range for VR US [0, 65535]");
        assertReadFails("{\"00280010\":{\"vr\":\"US\",\"Value\":[1.5]}}",
                "Element 00280010: value 1.5 is not an integer for VR US");
        assertReadFails("{\"00280010\":{\"vr\":\"US\",\"Value\":[null]}}",
                "Element 00280010: value null is not a number for VR US");
        assertReadFails("{\"00081115\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":{}}]}}",
                "Element 00081115/0/00081150: 'vr' is missing");
        assertReadFails("{\"PatientName\":{\"vr\":\"PN\"}}",
                "Key 'PatientName' is not a tag of eight hex digits");
        assertReadFails("{\"00100010\":{\"vr\":\"XX\"}}",
                "Element 00100010: 'vr' 'XX' is not a VR of PS3.5 §6.2");
        assertReadFails("{\"00100010\":{\"vr\":\"PN\",\"Value\":[\"Doe\"]}}",
                "Element 00100010: PN value 'Doe' is not an object of 'Alphabetic',"
                        + " 'Ideographic' and 'Phonetic'");
    }

    @Test
    void rejectsAHugeExponentInEveryIntegralVRBeforeExpandingIt() {
        // 1e99999999 as an integer has a hundred million digits; the exponent is compared with
        // the VR's range first, so none is ever built
        assertReadFails(number("UV", "1e99999999"), "Element 00091001: value 1E+99999999 is out"
                + " of range for VR UV [0, 18446744073709551615]");
        assertReadFails(number("UV", "\"1e99999999\""), "Element 00091001: value 1E+99999999 is"
                + " out of range for VR UV [0, 18446744073709551615]");
        assertReadFails(number("SV", "-1e99999999"), "Element 00091001: value -1E+99999999 is"
                + " out of range for VR SV [-9223372036854775808, 9223372036854775807]");
        assertReadFails(number("UL", "1e99999999"), "Element 00091001: value 1E+99999999 is out"
                + " of range for VR UL [0, 4294967295]");
        assertReadFails(number("SL", "1e99999999"), "Element 00091001: value 1E+99999999 is out"
                + " of range for VR SL [-2147483648, 2147483647]");
        assertReadFails(number("SS", "1e99999999"), "Element 00091001: value 1E+99999999 is out"
                + " of range for VR SS [-32768, 32767]");
        assertReadFails(number("IS", "1e99999999"), "Element 00091001: value 1E+99999999 is out"
                + " of range for VR IS [-2147483648, 2147483647]");
        assertReadFails(number("US", "1.0e-99999999"), "Element 00091001: value 1.0E-99999999 is"
                + " not an integer for VR US");
    }

    @Test
    void readsIntegralValuesAtTheEdgesOfTheirRange() throws Exception {
        Dataset ds = DicomJson.read("{\"00091001\":{\"vr\":\"SV\",\"Value\":"
                + "[-9223372036854775808,9.223372036854775807E+18]},"
                + "\"00091002\":{\"vr\":\"UV\",\"Value\":[0,1.8446744073709551615e19]}}");

        assertThat(ds.get(0x00091001).bytes()).isEqualTo(le(8, Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(ds.get(0x00091002).bytes()).isEqualTo(le(8, 0L, -1L));
        assertReadFails(number("UV", "18446744073709551616"), "Element 00091001: value"
                + " 18446744073709551616 is out of range for VR UV [0, 18446744073709551615]");
    }

    @Test
    void writesADecimalWithAHugeExponentInScientificFormWithinSixteenCharacters()
            throws Exception {
        Dataset ds = DicomJson.read(number("DS",
                "1.23456789012345678e-99999999,1.5e300,-0.00000000001234567891"));

        assertThat(ds.getStrings(0x00091001))
                .containsExactly("1.2346E-99999999", "1.5E+300", "-1.234567891E-11");
    }

    @Test
    void rejectsADecimalBeyondTheRangeOfADoubleNamingTheTag() throws Exception {
        assertReadFails(number("DS", "1.23456789012345678e999999999"), "Element 00091001: value"
                + " 1.23456789012345678E+999999999 is out of range for VR DS, beyond the largest"
                + " double (1.7976931348623157E308)");
        assertReadFails(number("DS", "-1.8e308"), "Element 00091001: value -1.8E+308 is out of"
                + " range for VR DS, beyond the largest double (1.7976931348623157E308)");
        // rounded to 16 characters, the largest double itself is beyond it
        assertReadFails(number("DS", "1.7976931348623157e308"), "Element 00091001: value"
                + " 1.7976931348623157E+308 is out of range for VR DS, beyond the largest double"
                + " (1.7976931348623157E308)");
        assertReadFails(number("DS", "99999999999999999e2147483647"), "Element 00091001: value"
                + " 9.9999999999999999E+2147483663 is out of range for VR DS, beyond the largest"
                + " double (1.7976931348623157E308)");
        assertThat(DicomJson.read(number("DS", "1.797693134e308")).getStrings(0x00091001))
                .containsExactly("1.797693134E+308");
    }

    @Test
    void showsAtMost64CharactersOfAValueInErrors() {
        String digits = "7".repeat(900);

        assertReadFails(number("US", digits), "Element 00091001: value " + "7".repeat(64)
                + "… is out of range for VR US [0, 65535]");
        assertReadFails(number("UV", "\"" + "1".repeat(Json.MAX_NUMBER_LENGTH + 1) + "\""),
                "Element 00091001: value '" + "1".repeat(64) + "…' is not a number for VR UV");
    }

    @Test
    void readsTheEncapsulatedFormOnlyForOBPixelData() throws Exception {
        // PS3.5 §A.4: encapsulated pixel data is OB; OW pixel data is native whatever its bytes
        byte[] wire = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xE000FFFE).putInt(2).put(new byte[] {1, 2})
                .putInt(0xE0DDFFFE).putInt(0).array();
        String base64 = Base64.getEncoder().encodeToString(wire);

        Element ob = DicomJson.read("{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\""
                + base64 + "\"}}").get(Tag.PixelData);
        Element ow = DicomJson.read("{\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\""
                + base64 + "\"}}").get(Tag.PixelData);

        assertThat(ob.isEncapsulated()).isTrue();
        assertThat(ob.fragments().get(0)).containsExactly(1, 2);
        assertThat(ow.isEncapsulated()).isFalse();
        assertThat(ow.bytes()).isEqualTo(wire);
    }

    @Test
    void rejectsJsonThatBreaksTheModel() {
        assertReadFails("{\"00100020\":{\"vr\":\"LO\",\"value\":[\"x\"]}}",
                "Element 00100020: unknown member 'value'");
        assertReadFails("{\"00100020\":{\"vr\":\"LO\",\"Value\":\"x\"}}",
                "Element 00100020: 'Value' must be an array, not 'x'");
        assertReadFails("{\"00091001\":{\"vr\":\"OB\",\"Value\":[1]}}",
                "Element 00091001: 'Value' is not allowed for VR OB; use 'InlineBinary' or"
                        + " 'BulkDataURI' (PS3.18 F.2.2)");
        assertReadFails("{\"00091001\":{\"vr\":\"OB\",\"InlineBinary\":\"AQ\",\"Value\":[]}}",
                "Element 00091001: has more than one of 'Value', 'InlineBinary' and"
                        + " 'BulkDataURI'");
        assertReadFails("{\"00100020\":{\"vr\":\"LO\",\"InlineBinary\":\"AQ==\"}}",
                "Element 00100020: 'InlineBinary' is only for OB, OD, OF, OL, OV, OW and UN,"
                        + " not LO (PS3.18 F.2.2)");
        assertReadFails("{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"a\\\\b\"]}}",
                "Element 00100020: value 'a\\b' contains '\\', which separates values in VR LO"
                        + " (PS3.18 F.2.4)");
        assertReadFails("{\"00324000\":{\"vr\":\"LT\",\"Value\":[\"a\",\"b\"]}}",
                "Element 00324000: VR LT holds one value, not 2");
        assertReadFails("{\"00100020\":{\"vr\":\"LO\",\"Value\":[7]}}",
                "Element 00100020: value 7 is not a string for VR LO");
        assertReadFails("{\"00209165\":{\"vr\":\"AT\",\"Value\":[\"0010,0010\"]}}",
                "Element 00209165: value '0010,0010' is not a tag of eight hex digits for VR AT");
        assertReadFails("[]", "A DICOM JSON data set must be a JSON object, not an array");
    }

    @Test
    void reportsJsonSyntaxErrorsWithTheirPosition() {
        assertReadFails("{\"00100020\":{\"vr\":\"LO\"},,}",
                "Invalid JSON: Unexpected character ',' at line 1, column 25");
    }

    @Test
    void prefixesArrayErrorsWithTheIndexOfTheDataset() {
        assertThatThrownBy(() -> DicomJson.readArray("[{}, {\"00100010\":{}}]"))
                .isInstanceOf(DicomJsonException.class)
                .hasMessage("Data set [1]: Element 00100010: 'vr' is missing");
    }

    /** One element (0009,1001) of this VR whose Value array holds {@code values} as written. */
    private static String number(String vr, String values) {
        return "{\"00091001\":{\"vr\":\"" + vr + "\",\"Value\":[" + values + "]}}";
    }

    private static void assertReadFails(String json, String message) {
        assertThatThrownBy(() -> DicomJson.read(json)).isInstanceOf(DicomJsonException.class)
                .hasMessage(message);
    }
}
