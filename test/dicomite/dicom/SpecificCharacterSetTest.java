// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Specific Character Set decoding and encoding (PS3.3 C.12.1.1.2, PS3.5 §6.1). The byte arrays are
 * written out by hand: the names of the well-known charset test files (chrFren, chrRuss, chrGreek,
 * chrArab, chrHbrw, chrX1, chrX2...) and the examples of PS3.5 Annexes H (Japanese), I (Korean),
 * J and K (Chinese).
 */
class SpecificCharacterSetTest {

    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    // PS3.5 H.3.1: "\ISO 2022 IR 87"
    private static final String ANNEX_H_EXAMPLE_1 = "59 61 6D 61 64 61 5E 54 61 72 6F 75 3D"
            + " 1B 24 42 3B 33 45 44 1B 28 42 5E 1B 24 42 42 40 4F 3A 1B 28 42 3D"
            + " 1B 24 42 24 64 24 5E 24 40 1B 28 42 5E 1B 24 42 24 3F 24 6D 24 26 1B 28 42";
    // PS3.5 H.3.2: "ISO 2022 IR 13\ISO 2022 IR 87"
    private static final String ANNEX_H_EXAMPLE_2 = "D4 CF C0 DE 5E C0 DB B3 3D"
            + " 1B 24 42 3B 33 45 44 1B 28 4A 5E 1B 24 42 42 40 4F 3A 1B 28 4A 3D"
            + " 1B 24 42 24 64 24 5E 24 40 1B 28 4A 5E 1B 24 42 24 3F 24 6D 24 26 1B 28 4A";
    // "ISO 2022 IR 6\ISO 2022 IR 87\ISO 2022 IR 159": 鷗 is JIS X 0212 0x6C3F
    private static final String MORI_OGAI = "4D 6F 72 69 5E 4F 67 61 69 3D 1B 24 42 3F 39"
            + " 1B 28 42 5E 1B 24 28 44 6C 3F 1B 24 42 33 30 1B 28 42 3D 1B 24 42 24 62 24 6A"
            + " 1B 28 42 5E 1B 24 42 24 2A 24 26 24 2C 24 24 1B 28 42";
    // PS3.5 I.2: "\ISO 2022 IR 149"
    private static final String ANNEX_I = "48 6F 6E 67 5E 47 69 6C 64 6F 6E 67 3D"
            + " 1B 24 29 43 FB F3 5E 1B 24 29 43 D1 CE D4 D7 3D"
            + " 1B 24 29 43 C8 AB 5E 1B 24 29 43 B1 E6 B5 BF";
    // PS3.5 Annex K: "\ISO 2022 IR 58" (GB 2312 in G1)
    private static final String ANNEX_K_IR_58 = "5A 68 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D"
            + " 1B 24 29 41 D5 C5 5E 1B 24 29 41 D0 A1 B6 AB 3D";

    static Stream<Arguments> singleByteSets() {
        return Stream.of(
                Arguments.of("ISO_IR 100", "42 75 63 5E 4A E9 72 F4 6D 65", "Buc^Jérôme"),
                Arguments.of("ISO_IR 101", "44 76 6F F8 E1 6B 5E 41 6E 74 6F 6E ED 6E",
                        "Dvořák^Antonín"),
                Arguments.of("ISO_IR 109", "A1 61 F5 61 72 5E 51 69 6D", "Ħaġar^Qim"),
                Arguments.of("ISO_IR 110", "AB 69 72 74 73 5E D3 65 6E 69 F1 B9", "Ģirts^Ķeniņš"),
                Arguments.of("ISO_IR 144", "BB EE DA 63 65 DC D1 79 70 D3", "Люкceмбypг"),
                Arguments.of("ISO_IR 127", "E2 C8 C7 E6 EA 5E E4 E6 D2 C7 D1", "قباني^لنزار"),
                Arguments.of("ISO_IR 126", "C4 E9 EF ED F5 F3 E9 EF F2", "Διονυσιος"),
                Arguments.of("ISO_IR 138", "F9 F8 E5 EF 5E E3 E1 E5 F8 E4", "שרון^דבורה"),
                Arguments.of("ISO_IR 148", "C7 61 76 75 FE 6F F0 6C 75 5E 49 FE FD 6C",
                        "Çavuşoğlu^Işıl"),
                Arguments.of("ISO_IR 166", "CA C1 AA D2 C2 5E E3 A8 B4 D5", "สมชาย^ใจดี"),
                Arguments.of("ISO_IR 13", "D4 CF C0 DE 5E C0 DB B3", "ﾔﾏﾀﾞ^ﾀﾛｳ"),
                Arguments.of("ISO_IR 192", "57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D E7 8E 8B"
                        + " 5E E5 B0 8F E6 9D B1 3D", "Wang^XiaoDong=王^小東="),
                Arguments.of("GB18030", "57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D CD F5 5E"
                        + " D0 A1 B6 AB 3D", "Wang^XiaoDong=王^小东="),
                Arguments.of("GBK", "57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D CD F5 5E"
                        + " D0 A1 B6 AB 3D", "Wang^XiaoDong=王^小东="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleByteSets")
    void decodesEachTermWithoutCodeExtensions(String term, String hex, String expected) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(term);
        assertThat(cs.decode(bytes(hex), VR.PN)).isEqualTo(expected);
        assertThat(cs.decode(bytes(hex))).isEqualTo(expected);
        assertThat(cs.isKnown()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleByteSets")
    void encodesEachTermWithoutCodeExtensionsBackToTheSameBytes(String term, String hex,
            String text) {
        assertThat(hex(SpecificCharacterSet.of(term).encode(text))).isEqualTo(hex);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleByteSets")
    void decodesTheIso2022FormOfEachSingleByteTermLikeThePlainOne(String term, String hex,
            String expected) {
        if (term.startsWith("ISO_IR ") && !term.equals("ISO_IR 192")) {
            String iso2022 = term.replace("ISO_IR", "ISO 2022 IR");
            assertThat(SpecificCharacterSet.of(iso2022).decode(bytes(hex), VR.PN))
                    .isEqualTo(expected);
        }
        assertThat(SpecificCharacterSet.of(term).unknownTerms()).isEmpty();
    }

    @Test
    void defaultRepertoireDecodesAsciiAndReadsHighBytesAsLatin1() {
        assertThat(SpecificCharacterSet.DEFAULT.decode(bytes("44 4F 45 5E 4A 4F 48 4E")))
                .isEqualTo("DOE^JOHN");
        assertThat(SpecificCharacterSet.DEFAULT.decode(bytes("4A E9")))
                .isEqualTo("Jé");
        assertThat(SpecificCharacterSet.DEFAULT.encode("Jé")).containsExactly(0x4A, 0xE9);
    }

    @Test
    void absentOrEmptyTermsGiveTheDefault() {
        assertThat(SpecificCharacterSet.of()).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of("")).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of("  ")).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.DEFAULT.terms()).isEmpty();
    }

    @Test
    void cachesInstancesByTerms() {
        assertThat(SpecificCharacterSet.of("ISO_IR 100"))
                .isSameAs(SpecificCharacterSet.of(" ISO_IR 100 "));
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87"))
                .isSameAs(SpecificCharacterSet.of("", "ISO 2022 IR 87"))
                .isNotSameAs(SpecificCharacterSet.of("ISO 2022 IR 87"));
    }

    @Test
    void decodesJapaneseExampleOfAnnexH1WithIr87() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(cs.decode(bytes(ANNEX_H_EXAMPLE_1), VR.PN))
                .isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
    }

    @Test
    void encodesJapaneseExampleOfAnnexH1ByteForByte() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(hex(cs.encode("Yamada^Tarou=山田^太郎=やまだ^たろう")))
                .isEqualTo(ANNEX_H_EXAMPLE_1);
    }

    @Test
    void decodesJapaneseExampleOfAnnexH2WithIr13AndIr87() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
        assertThat(cs.decode(bytes(ANNEX_H_EXAMPLE_2), VR.PN))
                .isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
        assertThat(hex(cs.encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")))
                .isEqualTo(ANNEX_H_EXAMPLE_2);
    }

    @Test
    void decodesSupplementaryKanjiWithIr87AndIr159() {
        SpecificCharacterSet cs = SpecificCharacterSet.of(
                "ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159");
        assertThat(cs.decode(bytes(MORI_OGAI), VR.PN)).isEqualTo("Mori^Ogai=森^鷗外=もり^おうがい");
        assertThat(hex(cs.encode("Mori^Ogai=森^鷗外=もり^おうがい"))).isEqualTo(MORI_OGAI);
    }

    @Test
    void decodesKoreanExampleOfAnnexIWithIr149() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        assertThat(cs.decode(bytes(ANNEX_I), VR.PN)).isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
        assertThat(hex(cs.encode("Hong^Gildong=洪^吉洞=홍^길동"))).isEqualTo(ANNEX_I);
    }

    @Test
    void decodesChineseExampleOfAnnexKWithIr58() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");
        assertThat(cs.decode(bytes(ANNEX_K_IR_58), VR.PN)).isEqualTo("Zhang^XiaoDong=张^小东=");
        assertThat(hex(cs.encode("Zhang^XiaoDong=张^小东="))).isEqualTo(ANNEX_K_IR_58);
    }

    @Test
    void personNameResetsG1AtComponentAndGroupDelimiters() {
        // ESC - L designates Cyrillic to G1; after '^' and '=' Latin-1 (value 1) is back in G1
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144");
        byte[] value = bytes("1B 2D 4C B8 D2 D0 DD 5E E9 3D E9");
        assertThat(cs.decode(value, VR.PN)).isEqualTo("Иван^é=é");
        assertThat(cs.decode(value, VR.LO)).isEqualTo("Иван^щ=щ");
    }

    @Test
    void valueDelimiterAndControlCharactersResetG0() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        // a writer that forgot ESC ( B before the delimiter, CR LF or TAB
        assertThat(cs.decode(bytes("1B 24 42 3B 33 0D 0A 41"), VR.LT)).isEqualTo("山\r\nA");
        assertThat(cs.decode(bytes("1B 24 42 3B 33 09 41"), VR.ST)).isEqualTo("山\tA");
    }

    @Test
    void valueDelimiterResetsG1ExceptInSingleValuedText() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144");
        byte[] value = bytes("1B 2D 4C B8 5C B8");
        assertThat(cs.decode(value, VR.LO)).isEqualTo("И\\¸");
        assertThat(cs.decode(value, VR.UT)).isEqualTo("И\\И");
    }

    @Test
    void onlySingleByteDelimitersCountInsideTwoByteSets() {
        // PS3.5 §6.1.2.3: 俑 is JIS 0x505C and 沺 is 0x5E21; their 05/12 and 05/14 are no
        // delimiters
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(cs.decode(bytes("1B 24 42 50 5C 5E 21 1B 28 42"), VR.PN)).isEqualTo("俑沺");
        assertThat(SpecificCharacterSet.of("GBK").decode(bytes("81 5C 5C 41"), VR.LO))
                .isEqualTo("乗\\A");
    }

    @Test
    void gb18030DecodesFourByteSequences() {
        assertThat(SpecificCharacterSet.of("GB18030").decode(bytes("81 30 84 36 95 32 82 36")))
                .isEqualTo("¥\uD840\uDC00");
    }

    @Test
    void isoIr13ReadsYenSignAndOverlineInRomaji() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 13");
        assertThat(cs.decode(bytes("41 5C 42 7E"), VR.LT)).isEqualTo("A¥B‾");
        // in multi-valued VRs 05/12 separates values, whatever its glyph (PS3.5 §6.1.2.3)
        assertThat(cs.decode(bytes("41 5C 42"), VR.LO)).isEqualTo("A\\B");
        assertThat(cs.encode("¥‾ｱ")).containsExactly(0x5C, 0x7E, 0xB1);
    }

    @Test
    void g1CharactersWithoutEscapeUseTheDeclaredG1Set() {
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 149").decode(bytes("C8 AB")))
                .isEqualTo("홍");
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87").decode(bytes("E9")))
                .isEqualTo("é");
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        SpecificCharacterSet jis = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(jis.decode(bytes("1B 24 42 3B"))).isEqualTo("\uFFFD");
        assertThat(jis.decode(bytes("41 1B 25 47 42"))).isEqualTo("A\uFFFDB");
        assertThat(jis.decode(bytes("41 1B"))).isEqualTo("A\uFFFD");
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 149").decode(bytes("1B 24 29 43 C8")))
                .isEqualTo("\uFFFD");
        assertThat(SpecificCharacterSet.of("ISO_IR 192").decode(bytes("41 C3 28")))
                .isEqualTo("A\uFFFD(");
        assertThat(SpecificCharacterSet.of("ISO_IR 13").decode(bytes("E0"))).isEqualTo("\uFFFD");
    }

    @Test
    void unknownTermsAreReportedAndReadAsTheDefault() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 999");
        assertThat(cs.isKnown()).isFalse();
        assertThat(cs.unknownTerms()).containsExactly("ISO_IR 999");
        assertThat(cs.decode(bytes("4A E9"))).isEqualTo("Jé");
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87", "KLINGON").unknownTerms())
                .containsExactly("KLINGON");
    }

    @Test
    void matchesTermsIgnoringCaseSpacesAndPunctuation() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("iso-ir 100");
        assertThat(cs.isKnown()).isTrue();
        assertThat(cs.decode(bytes("E9"))).isEqualTo("é");
        assertThat(SpecificCharacterSet.of("ISO_IR100").decode(bytes("E9"))).isEqualTo("é");
    }

    @Test
    void dataSetDecodesWithItsCharacterSetAsItIsNowAfterPutAndRemove() {
        Dataset ds = new Dataset()
                .put(Element.of(Tag.PatientName, VR.PN, bytes("4D C3 BC 6C 6C 65 72")));
        assertThat(ds.getString(Tag.PatientName, "")).isEqualTo("MÃ¼ller");

        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        assertThat(ds.getString(Tag.PatientName, "")).isEqualTo("Müller");
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        assertThat(ds.getString(Tag.PatientName, "")).isEqualTo("MÃ¼ller");
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.remove(Tag.SpecificCharacterSet);
        assertThat(ds.characterSet()).isSameAs(SpecificCharacterSet.DEFAULT);
    }

    @Test
    void itemSeesALaterChangeOfItsParentsCharacterSet() {
        Dataset item = new Dataset()
                .put(Element.of(Tag.PatientName, VR.PN, bytes("4D C3 BC 6C 6C 65 72")));
        Dataset parent = new Dataset().put(Element.sequence(0x00081115, List.of(item)));
        assertThat(item.getString(Tag.PatientName, "")).isEqualTo("MÃ¼ller");

        parent.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");

        assertThat(item.getString(Tag.PatientName, "")).isEqualTo("Müller");
        assertThat(item.characterSet()).isSameAs(parent.characterSet());
    }

    @Test
    void unicodeTermIgnoresLaterCodeExtensions() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87");
        assertThat(cs.decode(bytes("E7 8E 8B"))).isEqualTo("王");
        assertThat(cs.encode("王")).containsExactly(0xE7, 0x8E, 0x8B);
    }

    @Test
    void stringVrsOutsideTextUseTheDefaultRepertoire() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192");
        assertThat(cs.decode(bytes("E9"), VR.CS)).isEqualTo("é");
        assertThat(cs.decode(bytes("E9"), VR.LO)).isEqualTo("\uFFFD");
    }

    @Test
    void encodesUnmappableCharactersAsQuestionMarks() {
        assertThat(SpecificCharacterSet.of("ISO_IR 100").encode("A王")).containsExactly(0x41, 0x3F);
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 149").encode("Aก"))
                .containsExactly(0x41, 0x3F);
    }

    @Test
    void encodingWithCodeExtensionsRoundTripsMixedScripts() {
        SpecificCharacterSet cs = SpecificCharacterSet.of(
                "ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126");
        String text = "Jérôme Иван Διονυσιος\r\nMüller\\Ωμέγα";
        byte[] encoded = cs.encode(text);
        assertThat(cs.decode(encoded, VR.LT)).isEqualTo(text);
        assertThat(cs.decode(encoded, VR.LO)).isEqualTo(text);
        assertThat(cs.decode(cs.encode("Müller^Иван=é"), VR.PN)).isEqualTo("Müller^Иван=é");
    }

    @Test
    void decodingPlainAsciiWithCodeExtensionsKeepsTheText() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(cs.decode(bytes("44 4F 45 5E 4A 4F 48 4E"), VR.PN)).isEqualTo("DOE^JOHN");
        assertThat(cs.toString()).isEqualTo("SpecificCharacterSet[\\ISO 2022 IR 87]");
    }
}
