// SPDX-License-Identifier: MIT
package dicomite.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptHeaderTest {

    private static AcceptHeader accept(String... lines) {
        return AcceptHeader.parse(List.of(lines));
    }

    private static List<String> essences(List<MediaType> types) {
        return types.stream().map(MediaType::essence).toList();
    }

    @Test
    void anAbsentHeaderAcceptsNothing() {
        for (AcceptHeader header : List.of(AcceptHeader.parse(null),
                AcceptHeader.parse(List.of()))) {
            assertThat(header.isPresent()).isFalse();
            assertThat(header.entries()).isEmpty();
            assertThat(header.findProblem()).isEmpty();
            assertThat(header.accepts(MediaType.APPLICATION_DICOM_JSON)).isFalse();
        }
    }

    @Test
    void anEmptyHeaderIsPresentButAcceptsNothing() {
        AcceptHeader header = accept("");

        assertThat(header.isPresent()).isTrue();
        assertThat(header.entries()).isEmpty();
        assertThat(header.findProblem()).isEmpty();
        assertThat(header.accepts(MediaType.APPLICATION_DICOM_JSON)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/dicom+json", "applicAtion/dICOM+Json",
        "application/json", "application/*", "*/*", "application/dicom+json; transfer-syntax=*",
        "application/dicom+json; transfer-syntax=\"*\"", "image/png, image/jpg, application/json",
        "application/dicom+json, application/xml", "application/json; q=0"})
    void acceptsDicomJsonPerSection14(String line) {
        assertThat(accept(line).accepts(MediaType.APPLICATION_DICOM_JSON)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/dicom", "application/dicom+json+something",
        "application/xml", "image/png, image/jpg, application/dicom",
        "application/dicom, application/pdf", " , ,"})
    void rejectsOtherTypesPerSection14(String line) {
        assertThat(accept(line).accepts(MediaType.APPLICATION_DICOM_JSON)).isFalse();
    }

    @Test
    void anyOfSeveralHeaderLinesMayMatch() {
        assertThat(accept("application/dicom", "application/dicom+json")
                .accepts(MediaType.APPLICATION_DICOM_JSON)).isTrue();
        assertThat(accept("image/png", "image/jpg")
                .accepts(MediaType.APPLICATION_DICOM_JSON)).isFalse();
        assertThat(essences(accept("image/png, image/jpeg", "text/plain").entries()))
                .containsExactly("image/png", "image/jpeg", "text/plain");
    }

    @Test
    void doesNotSplitAtCommasInsideQuotedValues() {
        AcceptHeader header = accept("multipart/related; type=\"application/dicom\";"
                + " x=\"a, b\", application/octet-stream;transfer-syntax=*");

        assertThat(header.entries()).hasSize(2);
        assertThat(header.entries().get(0).findParameter("x")).contains("a, b");
        assertThat(header.entries().get(1).findParameter("transfer-syntax")).contains("*");
    }

    @Test
    void skipsEmptyListElements() {
        assertThat(essences(accept(", ,application/json,, image/png ,").entries()))
                .containsExactly("application/json", "image/png");
    }

    @Test
    void flagsAMalformedListAndKeepsNoEntries() {
        AcceptHeader header = accept("application/dicom+json, garbage");

        assertThat(header.isPresent()).isTrue();
        assertThat(header.entries()).isEmpty();
        assertThat(header.accepts(MediaType.APPLICATION_DICOM_JSON)).isFalse();
        assertThat(header.findProblem()).contains("Accept header 'application/dicom+json,"
                + " garbage' ends where a '/' between type and subtype belongs at position 31");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; q=2", "application/json x",
        "application/json; a=\"b", "*/json", "application/json; a", "application/json; a=b=c"})
    void flagsMalformedEntries(String line) {
        AcceptHeader header = accept("application/dicom+json", line);

        assertThat(header.findProblem()).hasValueSatisfying(
                problem -> assertThat(problem).startsWith("Accept header '" + line + "'"));
        assertThat(header.accepts(MediaType.APPLICATION_DICOM_JSON)).isFalse();
    }

    @Test
    void allowsEmptyParameters() {
        AcceptHeader header = accept("application/json;, image/png;;");

        assertThat(header.findProblem()).isEmpty();
        assertThat(essences(header.entries())).containsExactly("application/json", "image/png");
    }

    @Test
    void ordersEntriesByWeightKeepingTheOrderOfEqualWeights() {
        AcceptHeader header = accept("multipart/related; type=application/dicom; q=0.5,"
                + " application/dicom; transfer-syntax=*; q=0.9, image/jp2",
                "image/png;q=0.5, */*;q=0");

        assertThat(essences(header.entriesByQuality())).containsExactly("image/jp2",
                "application/dicom", "multipart/related", "image/png", "*/*");
        assertThat(header.entriesByQuality()).extracting(MediaType::quality)
                .containsExactly(1.0, 0.9, 0.5, 0.5, 0.0);
        assertThat(essences(header.entries())).containsExactly("multipart/related",
                "application/dicom", "image/jp2", "image/png", "*/*");
    }

    @Test
    void readsTheSection32Examples() {
        AcceptHeader header = accept(
                "multipart/related; type=\"application/dicom\"; transfer-syntax=*",
                "multipart/related; type=application/octet-stream; Transfer-Syntax=\"*\"",
                "application/dicom; transfer-syntax=*",
                "MULTIPART/RELATED; TYPE=\"Application/DICOM\";"
                        + " transfer-syntax=1.2.840.10008.1.2.4.90");

        List<MediaType> entries = header.entries();
        assertThat(entries).hasSize(4);
        assertThat(entries).extracting(e -> e.findParameter("transfer-syntax").orElseThrow())
                .containsExactly("*", "*", "*", "1.2.840.10008.1.2.4.90");
        assertThat(entries.get(0).is("multipart/related")).isTrue();
        assertThat(entries.get(0).findParameter("type")).contains("application/dicom");
        assertThat(entries.get(1).findParameter("type")).contains("application/octet-stream");
        assertThat(entries.get(2).essence()).isEqualTo("application/dicom");
        assertThat(MediaType.parse(entries.get(3).findParameter("type").orElseThrow())
                .essence()).isEqualTo("application/dicom");
        assertThat(header.values()).hasSize(4);
    }

    @Test
    void keepsTheLinesAsReceived() {
        AcceptHeader header = accept("Multipart/Related; type=\"*/*\"");

        assertThat(header.values()).containsExactly("Multipart/Related; type=\"*/*\"");
        assertThat(header.entries().get(0).findParameter("type")).contains("*/*");
    }
}
