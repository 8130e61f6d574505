// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.http.ApiError;
import dicomite.http.Errors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Accept grammar of the WADO-RS resource routes, case by case (spec §3.2). */
class RetrieveAcceptTest {
    private static final String EXPLICIT = "1.2.840.10008.1.2.1";
    private static final String JPEG_2000 = "1.2.840.10008.1.2.4.90";
    private static final String DICOM = "multipart/related; type=\"application/dicom\"";

    private static RetrieveAccept.Choice select(ResourceLevel level, String... lines) {
        return RetrieveAccept.select(List.of(lines), level);
    }

    private static void assertNotAcceptable(ResourceLevel level, String... lines) {
        ApiError expected = Errors.notAcceptableHeaders();
        assertThatThrownBy(() -> select(level, lines)).isInstanceOfSatisfying(ApiError.class,
                e -> {
                    assertThat(e.status()).isEqualTo(406);
                    assertThat(e.body()).isEqualTo(expected.body())
                            .isEqualTo("The request headers are not acceptable");
                });
    }

    private static void assertChoice(RetrieveAccept.Choice choice, boolean multipart,
            String transferSyntax) {
        assertThat(choice.multipart()).as("multipart").isEqualTo(multipart);
        assertThat(choice.mediaType()).isEqualTo("application/dicom");
        assertThat(choice.transferSyntax()).isEqualTo(transferSyntax);
    }

    @Test
    void studyMultipartDicomWithoutSyntaxDefaultsToExplicitLittleEndian() {
        assertChoice(select(ResourceLevel.STUDY, DICOM), true, EXPLICIT);
    }

    @Test
    void studyMultipartDicomTakesEachAllowedSyntax() {
        assertChoice(select(ResourceLevel.STUDY, DICOM + "; transfer-syntax=*"), true, "*");
        assertChoice(select(ResourceLevel.SERIES, DICOM + "; transfer-syntax=" + EXPLICIT),
                true, EXPLICIT);
        assertChoice(select(ResourceLevel.STUDY, DICOM + "; transfer-syntax=\"" + JPEG_2000
                + "\""), true, JPEG_2000);
    }

    @Test
    void typeAndSyntaxMayBeUnquoted() {
        assertChoice(select(ResourceLevel.SERIES,
                "multipart/related; type=application/dicom; transfer-syntax=*"), true, "*");
    }

    @Test
    void mediaTypesAndParameterNamesCompareIgnoringCase() {
        assertChoice(select(ResourceLevel.STUDY,
                "Multipart/Related; TYPE=\"Application/DICOM\"; Transfer-Syntax=*"), true, "*");
    }

    @Test
    void multipartAnyDefaultsToTheOriginalSyntaxAsDicom() {
        assertChoice(select(ResourceLevel.STUDY, "multipart/related; type=\"*/*\""), true, "*");
        assertChoice(select(ResourceLevel.SERIES, "multipart/related; type=\"*/*\";"
                + " transfer-syntax=" + EXPLICIT), true, EXPLICIT);
    }

    @Test
    void studyAndSeriesRefuseEverySinglePartEntry() {
        assertNotAcceptable(ResourceLevel.STUDY, "application/dicom");
        assertNotAcceptable(ResourceLevel.SERIES, "application/dicom; transfer-syntax=*");
    }

    @Test
    void bareAnyIsSinglePartSoStudyAndSeriesRefuseIt() {
        assertNotAcceptable(ResourceLevel.STUDY, "*/*");
        assertNotAcceptable(ResourceLevel.SERIES, "*/*");
    }

    @Test
    void bareAnyOnAnInstanceIsMultipartInTheOriginalSyntax() {
        assertChoice(select(ResourceLevel.INSTANCE, "*/*"), true, "*");
        assertChoice(select(ResourceLevel.INSTANCE, "*/*; transfer-syntax=" + EXPLICIT), true,
                EXPLICIT);
    }

    @Test
    void instanceTakesSinglePartDicom() {
        assertChoice(select(ResourceLevel.INSTANCE, "application/dicom"), false, EXPLICIT);
        assertChoice(select(ResourceLevel.INSTANCE, "application/dicom; transfer-syntax=*"),
                false, "*");
        assertChoice(select(ResourceLevel.INSTANCE, DICOM + "; transfer-syntax=*"), true, "*");
    }

    @Test
    void noAcceptHeaderIsNotAcceptable() {
        assertNotAcceptable(ResourceLevel.INSTANCE);
        assertNotAcceptable(ResourceLevel.STUDY);
        assertNotAcceptable(ResourceLevel.INSTANCE, "");
    }

    @Test
    void multipartWithoutTypeOrWithAnotherTypeIsNotAcceptable() {
        assertNotAcceptable(ResourceLevel.STUDY, "multipart/related");
        assertNotAcceptable(ResourceLevel.INSTANCE, "multipart/related; transfer-syntax=*");
        assertNotAcceptable(ResourceLevel.STUDY,
                "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
        assertNotAcceptable(ResourceLevel.INSTANCE, "application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.2",
        "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5",
        "1.2.840.10008.1.2.4.100", "**", "abc"})
    void unsupportedSyntaxesAreNotAcceptable(String syntax) {
        assertNotAcceptable(ResourceLevel.STUDY, DICOM + "; transfer-syntax=" + syntax);
        assertNotAcceptable(ResourceLevel.INSTANCE, "application/dicom; transfer-syntax="
                + syntax);
    }

    @Test
    void anEmptySyntaxCountsAsOmitted() {
        assertChoice(select(ResourceLevel.INSTANCE, "application/dicom; transfer-syntax=\"\""),
                false, EXPLICIT);
    }

    @Test
    void theHighestWeightWins() {
        assertChoice(select(ResourceLevel.STUDY, DICOM + "; transfer-syntax=" + EXPLICIT
                + "; q=0.5, " + DICOM + "; transfer-syntax=*; q=0.9"), true, "*");
        assertChoice(select(ResourceLevel.INSTANCE, "application/dicom; q=0.2, */*; q=0.3"),
                true, "*");
        assertChoice(select(ResourceLevel.INSTANCE, "*/*; q=0.2, application/dicom; q=0.3"),
                false, EXPLICIT);
    }

    @Test
    void aLaterOriginalEntryOfEqualWeightReplacesTheChoice() {
        assertChoice(select(ResourceLevel.STUDY, DICOM + "; transfer-syntax=" + EXPLICIT
                + ", " + DICOM + "; transfer-syntax=*"), true, "*");
        assertChoice(select(ResourceLevel.INSTANCE, DICOM + "; transfer-syntax=" + EXPLICIT,
                "application/dicom; transfer-syntax=*"), false, "*");
    }

    @Test
    void aLaterOriginalEntryOfLowerWeightDoesNot() {
        assertChoice(select(ResourceLevel.STUDY, DICOM + "; transfer-syntax=" + EXPLICIT
                + "; q=0.9, " + DICOM + "; transfer-syntax=*; q=0.5"), true, EXPLICIT);
    }

    @Test
    void onlyAnExplicitOriginalSyntaxReplacesTheChoice() {
        // */* defaults to '*', but its own parameter is absent, so it does not replace
        assertChoice(select(ResourceLevel.INSTANCE, "application/dicom, */*"), false, EXPLICIT);
    }

    @Test
    void unacceptableEntriesAreSkipped() {
        assertChoice(select(ResourceLevel.STUDY, "application/xml, " + DICOM), true, EXPLICIT);
        assertChoice(select(ResourceLevel.STUDY, "application/xml", DICOM
                + "; transfer-syntax=*"), true, "*");
    }

    @Test
    void entriesOnALineStartingWithMultipartRelatedAreMultipart() {
        // Spec §3.2 quirk: the second entry is single part by its type, multipart by its line
        assertChoice(select(ResourceLevel.STUDY, "multipart/related;"
                + " type=\"application/octet-stream\", application/dicom; transfer-syntax=*"),
                true, "*");
        assertNotAcceptable(ResourceLevel.STUDY, "application/xml",
                "application/dicom; transfer-syntax=*");
    }

    @Test
    void aMalformedHeaderIsNotAcceptableWhateverItsOtherEntries() {
        assertNotAcceptable(ResourceLevel.STUDY, DICOM + "; transfer-syntax=*, application/");
        assertNotAcceptable(ResourceLevel.INSTANCE, "application/dicom; q=2");
        assertNotAcceptable(ResourceLevel.INSTANCE, "application/dicom", "text/");
    }
}
