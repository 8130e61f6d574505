// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.json.Json;
import dicomite.json.JsonException;
import dicomite.json.JsonWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Writing DICOM JSON (PS3.18 Annex F.2) and round trips through reading it back. */
class DicomJsonTest {
    private static final DicomJson.Options INLINE = DicomJson.Options.INLINE;
    private static final DicomJson.Options METADATA = DicomJson.Options.METADATA;
    /** PS3.5 Annex H.3.1: the name in ISO 2022 IR 87, escape sequences around the kanji. */
    private static final String JAPANESE_ISO_2022 = "Yamada^Tarou="
            + "\u001B$B;3ED\u001B(B^\u001B$BB@O:\u001B(B="
            + "\u001B$B$d$^$@\u001B(B^\u001B$B$?$m$&\u001B(B";

    @Test
    void writesTagsAsUpperCaseHexInAscendingOrderPrivateTagsIncluded() {
        Dataset ds = new Dataset()
                .put(text(0x7FE00010, VR.OB, "\u0001\u0002"))
                .put(text(0x00291010, VR.LO, "PRIV"))
                .put(text(0x00290010, VR.LO, "ACME"))
                .put(text(0x0010ABCD, VR.LO, "x"))
                .put(text(0x00020010, VR.UI, "1.2.840.10008.1.2.1\0"))
                .put(text(0x00100010, VR.PN, "Doe"));

        Map<?, ?> json = parse(DicomJson.toJson(ds, INLINE));

        assertThat(new ArrayList<Object>(json.keySet())).containsExactly(
                "00020010", "00100010", "0010ABCD", "00290010", "00291010", "7FE00010");
    }

    @Test
    void leavesOutGroupLengths() {
        Dataset ds = new Dataset().putInts(0x00100000, VR.UL, 8).putString(0x00100020, VR.LO, "P");

        assertThat(DicomJson.toJson(ds, INLINE))
                .isEqualTo("{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P\"]}}");
    }

    @Test
    void writesEmptyElementsAndSequencesWithoutValue() {
        Dataset ds = new Dataset()
                .put(Element.of(0x00100010, VR.PN, new byte[0]))
                .put(text(0x00100020, VR.LO, "  "))
                .put(Element.of(0x00280010, VR.US, new byte[0]))
                .put(Element.sequence(0x00081115, new ArrayList<>()))
                .put(Element.sequence(0x00081199, List.of(new Dataset())));

        assertThat(DicomJson.toJson(ds, INLINE)).isEqualTo("{\"00081115\":{\"vr\":\"SQ\"},"
                + "\"00081199\":{\"vr\":\"SQ\",\"Value\":[{}]},"
                + "\"00100010\":{\"vr\":\"PN\"},\"00100020\":{\"vr\":\"LO\"},"
                + "\"00280010\":{\"vr\":\"US\"}}");
    }

    @Test
    void writesEmptyValuesOfMultiValuedStringsAsNull() {
        Dataset ds = new Dataset().put(text(0x00080008, VR.CS, "ORIGINAL\\\\PRIMARY\\ "));

        assertThat(values(ds, "00080008")).containsExactly("ORIGINAL", null, "PRIMARY", null);
    }

    @Test
    void writesPersonNamesAsObjectsOfTheirNonEmptyComponentGroups() {
        Dataset ds = new Dataset().put(text(0x00100010, VR.PN,
                "Doe^John\\=Ideo\\==Phon\\==\\\\Smith=I=P"));

        assertThat(DicomJson.toJson(ds, INLINE)).isEqualTo("{\"00100010\":{\"vr\":\"PN\","
                + "\"Value\":[{\"Alphabetic\":\"Doe^John\"},{\"Ideographic\":\"Ideo\"},"
                + "{\"Phonetic\":\"Phon\"},null,null,"
                + "{\"Alphabetic\":\"Smith\",\"Ideographic\":\"I\",\"Phonetic\":\"P\"}]}}");
    }

    @Test
    void writesIntegerAndDecimalStringsAsNumbersWhenTheyParse() {
        Dataset ds = new Dataset()
                .put(text(0x00200013, VR.IS, "+012\\-7\\abc\\2147483648"))
                .put(text(0x00280030, VR.DS, "+1.50\\.5\\-00.25\\1e3\\0.0000001\\5.\\x1"));

        String json = DicomJson.toJson(ds, INLINE);

        assertThat(json).contains("\"00200013\":{\"vr\":\"IS\","
                + "\"Value\":[12,-7,\"abc\",\"2147483648\"]}");
        assertThat(json).contains("\"00280030\":{\"vr\":\"DS\","
                + "\"Value\":[1.50,0.5,-0.25,1E+3,1E-7,5,\"x1\"]}");
    }

    @Test
    void writesEveryBinaryVRAsNumbers() {
        Dataset ds = new Dataset()
                .put(Element.of(0x00091001, VR.US, le(2, 65535, 1)))
                .put(Element.of(0x00091002, VR.SS, le(2, -32768)))
                .put(Element.of(0x00091003, VR.UL, le(4, 0xFFFFFFFFL)))
                .put(Element.of(0x00091004, VR.SL, le(4, Integer.MIN_VALUE)))
                .put(Element.of(0x00091005, VR.UV, le(8, -1L, 1L << 53 | 1)))
                .put(Element.of(0x00091006, VR.SV, le(8, Long.MIN_VALUE)))
                .put(Element.of(0x00091007, VR.FL, le(4, Float.floatToIntBits(0.1f))))
                .put(Element.of(0x00091008, VR.FD, le(8, Double.doubleToLongBits(16),
                        Double.doubleToLongBits(-2.5e-10))))
                .put(Element.of(0x00091009, VR.AT, le(2, 0x0010, 0x0020, 0x7FE0, 0x0010)));

        String json = DicomJson.toJson(ds, INLINE);

        assertThat(json).contains("\"00091001\":{\"vr\":\"US\",\"Value\":[65535,1]}",
                "\"00091002\":{\"vr\":\"SS\",\"Value\":[-32768]}",
                "\"00091003\":{\"vr\":\"UL\",\"Value\":[4294967295]}",
                "\"00091004\":{\"vr\":\"SL\",\"Value\":[-2147483648]}",
                "\"00091005\":{\"vr\":\"UV\",\"Value\":[18446744073709551615,9007199254740993]}",
                "\"00091006\":{\"vr\":\"SV\",\"Value\":[-9223372036854775808]}",
                "\"00091007\":{\"vr\":\"FL\",\"Value\":[0.1]}",
                "\"00091008\":{\"vr\":\"FD\",\"Value\":[16,-2.5E-10]}",
                "\"00091009\":{\"vr\":\"AT\",\"Value\":[\"00100020\",\"7FE00010\"]}");
    }

    @Test
    void writesNonFiniteFloatsAsTheServiceDoesAndReadsThemBack() throws Exception {
        Dataset ds = new Dataset()
                .put(Element.of(0x00720076, VR.FL, le(4, Float.floatToIntBits(Float.NaN),
                        Float.floatToIntBits(Float.NEGATIVE_INFINITY))))
                .put(Element.of(0x00720078, VR.FD,
                        le(8, Double.doubleToLongBits(Double.POSITIVE_INFINITY))));

        String json = DicomJson.toJson(ds, INLINE);
        Dataset back = DicomJson.read(json);

        assertThat(json).isEqualTo("{\"00720076\":{\"vr\":\"FL\","
                + "\"Value\":[\"NaN\",\"-Infinity\"]},"
                + "\"00720078\":{\"vr\":\"FD\",\"Value\":[\"Infinity\"]}}");
        assertThat(back.get(0x00720076).bytes()).isEqualTo(ds.get(0x00720076).bytes());
        assertThat(back.get(0x00720078).bytes()).isEqualTo(ds.get(0x00720078).bytes());
    }

    @Test
    void keepsNulPaddingExceptForUIDsAsTheServiceDoes() {
        Dataset ds = new Dataset()
                .put(text(0x00080060, VR.CS, "CT\0 "))
                .put(text(0x0020000D, VR.UI, "1.2.3\0"));

        assertThat(values(ds, "00080060")).containsExactly("CT\0");
        assertThat(values(ds, "0020000D")).containsExactly("1.2.3");
    }

    @Test
    void getStringsStripsTheNulPadThatJsonKeeps() {
        // spec §3.6 shows a NUL pad in metadata; indexing and matching ignore it (spec §4.8)
        Dataset ds = new Dataset().put(text(0x00080060, VR.CS, "CT\0 "))
                .put(text(0x00100020, VR.LO, "P1 \0"));

        assertThat(ds.getStrings(0x00080060)).containsExactly("CT");
        assertThat(ds.getStrings(0x00100020)).containsExactly("P1");
        assertThat(values(ds, "00080060")).containsExactly("CT\0");
        assertThat(values(ds, "00100020")).containsExactly("P1 \0");
    }

    @Test
    void writesEncapsulatedPixelDataDeclaredOWAsOB() throws Exception {
        // PS3.5 §A.4: encapsulated pixel data is OB, though some files declare OW
        Dataset ds = new Dataset().put(Element.encapsulated(Tag.PixelData, VR.OW,
                List.of(new byte[0], new byte[] {1, 2})));

        String json = DicomJson.toJson(ds, INLINE);
        Element back = DicomJson.read(json).get(Tag.PixelData);

        assertThat(json).startsWith("{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":");
        assertThat(back.vr()).isEqualTo(VR.OB);
        assertThat(back.fragments()).hasSize(2);
    }

    @Test
    void removesLeadingSpacesExceptFromTexts() {
        Dataset ds = new Dataset()
                .put(text(0x00100020, VR.LO, " a \\ b "))
                .put(text(0x00081030, VR.LO, "c"))
                .put(text(0x00324000, VR.LT, "  indented\\kept  "));

        assertThat(values(ds, "00100020")).containsExactly("a", "b");
        assertThat(values(ds, "00324000")).containsExactly("  indented\\kept");
    }

    @Test
    void leavesOutBulkDataAtEveryDepthForMetadata() {
        Dataset item = new Dataset().put(text(0x00091001, VR.OB, "ab"))
                .put(text(0x00081150, VR.UI, "1.2\0"));
        Dataset ds = new Dataset()
                .put(Element.sequence(0x00081115, List.of(item)))
                .put(text(0x00091002, VR.UN, "un"))
                .put(Element.of(0x00281201, VR.OW, new byte[] {1, 2}))
                .put(Element.encapsulated(Tag.PixelData, VR.OB, List.of(new byte[0], new byte[2])));

        assertThat(DicomJson.toJson(ds, METADATA)).isEqualTo("{\"00081115\":{\"vr\":\"SQ\","
                + "\"Value\":[{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]}}]}}");
    }

    @Test
    void writesBulkDataInlineAsBase64() {
        Dataset ds = new Dataset().put(Element.of(0x00091001, VR.OB, new byte[] {1, 2, 3, 4}))
                .put(Element.of(0x00091002, VR.OF, new byte[0]));

        assertThat(DicomJson.toJson(ds, INLINE)).isEqualTo("{\"00091001\":{\"vr\":\"OB\","
                + "\"InlineBinary\":\"AQIDBA==\"},\"00091002\":{\"vr\":\"OF\"}}");
    }

    @Test
    void writesBulkDataURIsFromTagPaths() {
        Dataset item = new Dataset().put(Element.of(0x00091001, VR.OB, new byte[] {1, 2}));
        Dataset ds = new Dataset()
                .put(Element.sequence(0x00081115, List.of(new Dataset(), item)))
                .put(Element.of(Tag.PixelData, VR.OW, new byte[] {1, 2}));

        String json = DicomJson.toJson(ds,
                DicomJson.Options.uri(path -> "http://h/bulk/" + path));

        assertThat(json).isEqualTo("{\"00081115\":{\"vr\":\"SQ\",\"Value\":[{},"
                + "{\"00091001\":{\"vr\":\"OB\","
                + "\"BulkDataURI\":\"http://h/bulk/00081115/1/00091001\"}}"
                + "]},\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"http://h/bulk/7FE00010\"}}");
    }

    @Test
    void requiresAFunctionForBulkDataURIs() {
        assertThatThrownBy(() -> new DicomJson.Options(DicomJson.BulkData.URI, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesEncapsulatedPixelDataAsItsItemsOnTheWireAndReadsThemBack() throws Exception {
        Dataset ds = new Dataset().put(Element.encapsulated(Tag.PixelData, VR.OB,
                List.of(new byte[0], new byte[] {'a', 'b', 'c', 0})));

        String json = DicomJson.toJson(ds, INLINE);
        Element back = DicomJson.read(json).get(Tag.PixelData);

        byte[] wire = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xE000FFFE).putInt(0)
                .putInt(0xE000FFFE).putInt(4).put(new byte[] {'a', 'b', 'c', 0})
                .putInt(0xE0DDFFFE).putInt(0).array();
        assertThat(json).isEqualTo("{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\""
                + Base64.getEncoder().encodeToString(wire) + "\"}}");
        assertThat(back.isEncapsulated()).isTrue();
        assertThat(back.fragments()).hasSize(2);
        assertThat(back.fragments().get(1)).containsExactly('a', 'b', 'c', 0);
    }

    @Test
    void roundTripsEveryVRToTheSameBytesAndJson() throws Exception {
        Dataset ds = everyVR();

        String json = DicomJson.toJson(ds, INLINE);
        Dataset back = DicomJson.read(json);

        assertThat(DicomJson.toJson(back, INLINE)).isEqualTo(json);
        assertThat(back.size()).isEqualTo(ds.size());
        for (Element e : ds.elements()) {
            Element b = back.get(e.tag());
            assertThat(b.vr()).as(Tag.toString(e.tag())).isEqualTo(e.vr());
            if (!e.isSequence()) {
                assertThat(b.bytes()).as("%s %s", Tag.toString(e.tag()), e.vr())
                        .isEqualTo(e.bytes());
            }
        }
        assertThat(back.get(0x00091020).items().get(0).getString(0x00100020, "")).isEqualTo("in");
    }

    @Test
    void roundTripsNestedAndEmptySequences() throws Exception {
        Dataset inner = new Dataset().putString(0x00100020, VR.LO, "deep");
        Dataset middle = new Dataset()
                .put(Element.sequence(0x00081199, List.of(inner, new Dataset())))
                .put(Element.sequence(0x00081140, new ArrayList<>()));
        Dataset ds = new Dataset().put(Element.sequence(0x00081115, List.of(middle)));

        String json = DicomJson.toJson(ds, INLINE);
        Dataset back = DicomJson.read(json);

        assertThat(json).isEqualTo("{\"00081115\":{\"vr\":\"SQ\",\"Value\":[{"
                + "\"00081140\":{\"vr\":\"SQ\"},\"00081199\":{\"vr\":\"SQ\",\"Value\":["
                + "{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"deep\"]}},{}]}}]}}");
        assertThat(DicomJson.toJson(back, INLINE)).isEqualTo(json);
        Dataset backMiddle = back.get(0x00081115).items().get(0);
        assertThat(backMiddle.parent()).isSameAs(back);
        assertThat(backMiddle.get(0x00081140).items()).isEmpty();
    }

    @Test
    void roundTripsMultiValuedStringsWithEmptyValues() throws Exception {
        Dataset ds = new Dataset().put(text(0x00080008, VR.CS, "A\\\\B\\"))
                .put(text(0x00100010, VR.PN, "\\Doe"));

        Dataset back = DicomJson.read(DicomJson.toJson(ds, INLINE));

        assertThat(back.get(0x00080008).bytes()).isEqualTo("A\\\\B\\ ".getBytes(ISO_8859_1));
        assertThat(back.get(0x00100010).bytes()).isEqualTo("\\Doe".getBytes(ISO_8859_1));
    }

    @Test
    void roundTripsIntegerAndDecimalStringsThatDoNotParseAsStrings() throws Exception {
        Dataset ds = new Dataset().put(text(0x00200013, VR.IS, "1.5\\9999999999"))
                .put(text(0x00280030, VR.DS, "NaN\\1,50"));

        String json = DicomJson.toJson(ds, INLINE);
        Dataset back = DicomJson.read(json);

        assertThat(values(ds, "00200013")).containsExactly("1.5", "9999999999");
        assertThat(values(ds, "00280030")).containsExactly("NaN", "1,50");
        assertThat(back.get(0x00200013).bytes()).isEqualTo(ds.get(0x00200013).bytes());
        assertThat(back.get(0x00280030).bytes()).isEqualTo(ds.get(0x00280030).bytes());
    }

    @Test
    void roundTripsAPersonNameWithThreeGroupsInUtf8() throws Exception {
        Dataset ds = new Dataset().putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.putString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");

        String json = DicomJson.toJson(ds, INLINE);
        Dataset back = DicomJson.read(json);

        assertThat(json).contains("{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\","
                + "\"Phonetic\":\"やまだ^たろう\"}");
        assertThat(back.get(Tag.PatientName).bytes())
                .isEqualTo(ds.get(Tag.PatientName).bytes());
    }

    @Test
    void decodesAJapanesePersonNameInIso2022() throws Exception {
        Dataset ds = new Dataset().put(text(Tag.SpecificCharacterSet, VR.CS, "\\ISO 2022 IR 87"))
                .put(text(Tag.PatientName, VR.PN, JAPANESE_ISO_2022));

        String json = DicomJson.toJson(ds, INLINE);
        Dataset back = DicomJson.read(json);

        assertThat(json).isEqualTo("{\"00080005\":{\"vr\":\"CS\",\"Value\":[null,"
                + "\"ISO 2022 IR 87\"]},\"00100010\":{\"vr\":\"PN\",\"Value\":[{"
                + "\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\","
                + "\"Phonetic\":\"やまだ^たろう\"}]}}");
        assertThat(DicomJson.toJson(back, INLINE)).isEqualTo(json);
        assertThat(back.getStrings(Tag.SpecificCharacterSet))
                .containsExactly("", "ISO 2022 IR 87");
    }

    @Test
    void decodesTextInAnItemWithTheCharacterSetItInherits() {
        Dataset item = new Dataset().put(text(0x0040A123, VR.PN, "M\u00FCller"));
        Dataset ds = new Dataset().putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100")
                .put(Element.sequence(0x0040A730, List.of(item)));

        assertThat(DicomJson.toJson(ds, INLINE)).contains("{\"Alphabetic\":\"Müller\"}");
    }

    @Test
    void writesAndReadsArraysOfDatasets() throws Exception {
        Dataset a = new Dataset().putString(0x00100020, VR.LO, "A");
        Dataset b = new Dataset().putString(0x00100020, VR.LO, "B");

        String json = DicomJson.toJsonArray(List.of(a, b), METADATA);
        List<Dataset> back = DicomJson.readArray(json);

        assertThat(json).isEqualTo("[{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"A\"]}},"
                + "{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"B\"]}}]");
        assertThat(DicomJson.toJsonArray(List.of(), METADATA)).isEqualTo("[]");
        assertThat(back).hasSize(2);
        assertThat(back.get(1).getStrings(0x00100020)).containsExactly("B");
    }

    @Test
    void writesADatasetInsideOtherJson() throws Exception {
        StringBuilder out = new StringBuilder();
        JsonWriter writer = new JsonWriter(out).beginObject().name("metadata");
        DicomJson.write(new Dataset().putString(0x00100020, VR.LO, "P"), writer, METADATA);
        writer.endObject();

        assertThat(out).hasToString(
                "{\"metadata\":{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P\"]}}}");
    }

    /** One element of every VR, under private tags, with values already in canonical form. */
    private static Dataset everyVR() {
        Dataset item = new Dataset().putString(0x00100020, VR.LO, "in");
        return new Dataset()
                .put(text(0x00090010, VR.LO, "ACME"))
                .put(text(0x00091001, VR.AE, "STORESCP"))
                .put(text(0x00091002, VR.AS, "030Y"))
                .put(Element.of(0x00091003, VR.AT, le(2, 0x0010, 0x0010)))
                .put(text(0x00091004, VR.CS, "ORIGINAL\\PRIMARY"))
                .put(text(0x00091005, VR.DA, "20240102"))
                .put(text(0x00091006, VR.DS, "1.5\\-2"))
                .put(text(0x00091007, VR.DT, "20240102030405"))
                .put(Element.of(0x00091008, VR.FD, le(8, Double.doubleToLongBits(2.5))))
                .put(Element.of(0x00091009, VR.FL, le(4, Float.floatToIntBits(0.25f))))
                .put(text(0x0009100A, VR.IS, "12\\-3 "))
                .put(text(0x0009100B, VR.LO, "Lo"))
                .put(text(0x0009100C, VR.LT, "Line1\r\nLine2"))
                .put(Element.of(0x0009100D, VR.OB, new byte[] {1, 2}))
                .put(Element.of(0x0009100E, VR.OD, le(8, Double.doubleToLongBits(1))))
                .put(Element.of(0x0009100F, VR.OF, le(4, Float.floatToIntBits(1))))
                .put(Element.of(0x00091010, VR.OL, le(4, 7)))
                .put(Element.of(0x00091011, VR.OV, le(8, 7)))
                .put(Element.of(0x00091012, VR.OW, le(2, 1, 2)))
                .put(text(0x00091013, VR.PN, "Doe^John"))
                .put(text(0x00091014, VR.SH, "SH"))
                .put(Element.of(0x00091015, VR.SL, le(4, -5)))
                .put(Element.of(0x00091016, VR.SS, le(2, -2)))
                .put(text(0x00091017, VR.ST, "St"))
                .put(Element.of(0x00091018, VR.SV, le(8, -9)))
                .put(text(0x00091019, VR.TM, "101010"))
                .put(text(0x0009101A, VR.UC, "uc\\u2 "))
                .put(text(0x0009101B, VR.UI, "1.2.3\0"))
                .put(Element.of(0x0009101C, VR.UL, le(4, 7)))
                .put(Element.of(0x0009101D, VR.UN, new byte[] {1, 2, 3, 4}))
                .put(text(0x0009101E, VR.UR, "http://h/x"))
                .put(Element.of(0x0009101F, VR.US, le(2, 9)))
                .put(Element.sequence(0x00091020, List.of(item)))
                .put(text(0x00091021, VR.UT, "text\\x"))
                .put(Element.of(0x00091022, VR.UV, le(8, -1L)));
    }

    static Element text(int tag, VR vr, String latin1) {
        return Element.of(tag, vr, latin1.getBytes(ISO_8859_1));
    }

    /** Little-endian values of {@code size} bytes each. */
    static byte[] le(int size, long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(size * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (size) {
                case 2: buffer.putShort((short) v); break;
                case 4: buffer.putInt((int) v); break;
                default: buffer.putLong(v);
            }
        }
        return buffer.array();
    }

    private static Map<?, ?> parse(String json) {
        try {
            return (Map<?, ?>) Json.parse(json);
        } catch (JsonException e) {
            throw new AssertionError(json, e);
        }
    }

    /** The "Value" array of one element in the data set's JSON. */
    private static List<Object> values(Dataset ds, String key) {
        Map<?, ?> attribute = (Map<?, ?>) parse(DicomJson.toJson(ds, INLINE)).get(key);
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) attribute.get("Value");
        return values;
    }
}
