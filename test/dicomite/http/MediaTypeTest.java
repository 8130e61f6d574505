// SPDX-License-Identifier: MIT
package dicomite.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

    @Test
    void lowerCasesTypeAndSubtypeAndFindsTheSuffix() {
        MediaType type = MediaType.parse("Application/DICOM+Json");

        assertThat(type.type()).isEqualTo("application");
        assertThat(type.subtype()).isEqualTo("dicom+json");
        assertThat(type.essence()).isEqualTo("application/dicom+json");
        assertThat(type.suffix()).contains("json");
        assertThat(type.parameters()).isEmpty();
        assertThat(type.quality()).isEqualTo(1.0);
    }

    @Test
    void hasNoSuffixWithoutPlusOrWithNothingAfterIt() {
        assertThat(MediaType.parse("application/dicom").suffix()).isEmpty();
        assertThat(MediaType.parse("application/dicom+").suffix()).isEmpty();
        assertThat(MediaType.parse("application/a+b+c").suffix()).contains("c");
    }

    @Test
    void findsParametersWhateverTheCaseOfTheirNamesAndKeepsValueCase() {
        MediaType type = MediaType.parse(
                "multipart/related; Type=\"application/dicom\"; BOUNDARY=AbC-123");

        assertThat(type.parameters()).containsExactly(
                org.assertj.core.api.Assertions.entry("type", "application/dicom"),
                org.assertj.core.api.Assertions.entry("boundary", "AbC-123"));
        assertThat(type.findParameter("TYPE")).contains("application/dicom");
        assertThat(type.findParameter("Boundary")).contains("AbC-123");
        assertThat(type.findParameter("start")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "application/dicom; transfer-syntax=1.2.840.10008.1.2.1",
        "application/dicom; transfer-syntax=\"1.2.840.10008.1.2.1\"",
        "application/dicom;transfer-syntax=1.2.840.10008.1.2.1",
        "application/dicom ;  Transfer-Syntax = \"1.2.840.10008.1.2.1\"  ",
        "  application / dicom; transfer-syntax=1.2.840.10008.1.2.1"})
    void readsTransferSyntaxQuotedOrNot(String text) {
        MediaType type = MediaType.parse(text);

        assertThat(type.essence()).isEqualTo("application/dicom");
        assertThat(type.findParameter("transfer-syntax")).contains("1.2.840.10008.1.2.1");
    }

    @Test
    void readsWildcardTransferSyntaxQuotedOrNot() {
        assertThat(MediaType.parse("application/dicom; transfer-syntax=*")
                .findParameter("transfer-syntax")).contains("*");
        assertThat(MediaType.parse("application/dicom; transfer-syntax=\"*\"")
                .findParameter("transfer-syntax")).contains("*");
    }

    @Test
    void removesQuotesAndBackslashEscapesFromQuotedValues() {
        MediaType type = MediaType.parse("a/b; x=\"say \\\"hi\\\" \\\\ ;,= \\q\"; y=\"\"");

        assertThat(type.findParameter("x")).contains("say \"hi\" \\ ;,= q");
        assertThat(type.findParameter("y")).contains("");
    }

    @Test
    void skipsEmptyParameters() {
        MediaType type = MediaType.parse("a/b;; c=d ;");

        assertThat(type.parameters()).containsOnlyKeys("c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.", "0.5", "0.125", "1", "1.0", "1.000"})
    void readsValidWeights(String q) {
        MediaType type = MediaType.parse("application/json; q=" + q);

        assertThat(type.quality()).isEqualTo(Double.parseDouble(q));
        assertThat(type.parameters()).doesNotContainKey("q");
    }

    @Test
    void keepsParametersAfterTheWeight() {
        MediaType type = MediaType.parse("a/b; Q=0.4; transfer-syntax=*");

        assertThat(type.quality()).isEqualTo(0.4);
        assertThat(type.parameters()).containsOnlyKeys("transfer-syntax");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "0.1234", "2", "-1", "abc", ".5", "1.01"})
    void rejectsWeightsOutsideTheRfcGrammar(String q) {
        assertThatThrownBy(() -> MediaType.parse("application/json;q=" + q))
                .isInstanceOf(InvalidMediaTypeException.class)
                .hasMessageContaining("q=" + q)
                .hasMessageContaining("RFC 9110 §12.4.2");
    }

    @Test
    void namesTheValuePositionAndRuleWhenMalformed() {
        assertThatThrownBy(() -> MediaType.parse("application"))
                .isInstanceOf(InvalidMediaTypeException.class)
                .hasMessage("Media type 'application' ends where a '/' between type and subtype"
                        + " belongs at position 11");
        assertThatThrownBy(() -> MediaType.parse("a/b; c=\"x"))
                .hasMessage("Media type 'a/b; c=\"x' has an unterminated quoted string"
                        + " at position 7");
        assertThatThrownBy(() -> MediaType.parse("a/b; c"))
                .hasMessage("Media type 'a/b; c' ends where a '=' after the parameter name 'c'"
                        + " belongs at position 6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "application/", "/json", "application/dicom json",
        "a/b; c=", "a/b; =d", "a/b c=d", "a/b, c/d", "a/b; c=d e", "*/json", "a@b/c",
        "a/b; c=\"x\u0001y\"", "a/b; c=d; C=e"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> MediaType.parse(text))
                .isInstanceOf(InvalidMediaTypeException.class)
                .hasMessageStartingWith("Media type '" + text + "' ");
    }

    @Test
    void rejectsARepeatedParameterWhateverItsCase() {
        assertThatThrownBy(() -> MediaType.parse("multipart/related; boundary=a; Boundary=b"))
                .hasMessageContaining("repeats the parameter 'boundary'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/dicom+json", "applicAtion/dICOM+Json",
        "application/dicom+json; transfer-syntax=*", "application/dicom+json; q=0.1",
        "application/json", "APPLICATION/JSON; charset=utf-8", "application/*", "*/*"})
    void admitsDicomJsonAsTheServiceAcceptFilterDoes(String range) {
        assertThat(MediaType.parse(range).includes(MediaType.APPLICATION_DICOM_JSON)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/dicom", "application/dicom+json+something",
        "application/xml", "application/dicom+xml", "text/*", "image/png", "text/json",
        "multipart/related; type=\"application/dicom+json\""})
    void doesNotAdmitDicomJsonForOtherTypes(String range) {
        assertThat(MediaType.parse(range).includes(MediaType.APPLICATION_DICOM_JSON)).isFalse();
    }

    @Test
    void aSuffixedRangeDoesNotAdmitTheBareSyntax() {
        assertThat(MediaType.APPLICATION_DICOM_JSON.includes(MediaType.APPLICATION_JSON))
                .isFalse();
        assertThat(MediaType.APPLICATION_DICOM.includes(MediaType.APPLICATION_DICOM)).isTrue();
    }

    @Test
    void writesCanonicalTextThatParsesBack() {
        MediaType type = MediaType.parse(
                "Multipart/Related; Type=application/dicom;boundary=\"a b\"; q=0.5; x=\"q\\\"\"");

        assertThat(type.toString()).isEqualTo("multipart/related; type=\"application/dicom\";"
                + " boundary=\"a b\"; x=\"q\\\"\"; q=0.5");
        assertThat(MediaType.parse(type.toString())).isEqualTo(type);
    }

    @Test
    void addsParametersForResponseTypes() {
        MediaType type = MediaType.APPLICATION_DICOM
                .withParameter("Transfer-Syntax", "1.2.840.10008.1.2.1");

        assertThat(type.toString())
                .isEqualTo("application/dicom; transfer-syntax=1.2.840.10008.1.2.1");
        assertThat(type.withParameter("transfer-syntax", "*").toString())
                .isEqualTo("application/dicom; transfer-syntax=*");
        assertThat(MediaType.APPLICATION_DICOM.parameters()).isEmpty();
    }

    @Test
    void comparesTypeWithoutRegardToCase() {
        assertThat(MediaType.parse("Application/DICOM; transfer-syntax=*")
                .is("application/Dicom")).isTrue();
        assertThat(MediaType.parse("application/dicom+json").is("application/dicom")).isFalse();
    }

    @Test
    void equalTypesHaveEqualHashCodes() {
        MediaType a = MediaType.parse("Application/Dicom; Transfer-Syntax=*");
        MediaType b = MediaType.parse("application/dicom;transfer-syntax=\"*\"");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(MediaType.parse("application/dicom; transfer-syntax=*;q=0.5"));
    }
}
