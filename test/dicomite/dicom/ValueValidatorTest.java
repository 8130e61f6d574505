// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.dicom.ValueValidator.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Valid and invalid values per VR, with the service's exact messages (spec §2.2). */
class ValueValidatorTest {
    private static final int ACQUISITION_DATE_TIME = 0x0008002A;
    private static final int RETRIEVE_AE_TITLE = 0x00080054;
    private static final int INSTITUTION_ADDRESS = 0x00080081;
    private static final int LONG_CODE_VALUE = 0x00080119;
    private static final int STATION_NAME = 0x00081010;
    private static final int RETRIEVE_URL = 0x00081190;
    private static final int IMAGE_TYPE = 0x00080008;
    private static final int REFERENCED_IMAGE_SEQUENCE = 0x00081140;
    private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    private static final int PATIENT_AGE = 0x00101010;
    private static final int ADDITIONAL_PATIENT_HISTORY = 0x001021B0;
    private static final int SLICE_THICKNESS = 0x00180050;
    private static final int PIXEL_SPACING = 0x00280030;
    private static final int WINDOW_CENTER = 0x00281050;
    private static final int TEXT_VALUE = 0x0040A160;
    private static final int DIMENSION_INDEX_POINTER = 0x00209165;
    private static final int PRIVATE_TAG = 0x00091010;

    private static Element text(int tag, VR vr, String value) {
        return Element.of(tag, vr, value.getBytes(ISO_8859_1));
    }

    private static Optional<String> check(int tag, VR vr, String value) {
        return ValueValidator.validate(text(tag, vr, value), new Dataset());
    }

    private static void assertValid(int tag, VR vr, String... values) {
        for (String value : values) {
            assertThat(check(tag, vr, value)).as("%s %s", vr, value).isEmpty();
        }
    }

    private static void assertProblem(int tag, VR vr, String value, String message) {
        assertThat(check(tag, vr, value)).as("%s %s", vr, value).contains(message);
    }

    @Test
    void datesFollowYyyyMmDd() {
        assertValid(Tag.StudyDate, VR.DA, "20200101", "20200101 ", "19991231", "");
        assertProblem(Tag.StudyDate, VR.DA, "NotAValidDate", "Content \"NotAValidDate\" does not"
                + " validate VR DA: one of the date values does not match the pattern YYYYMMDD");
        assertProblem(Tag.StudyDate, VR.DA, "20201301",
                "Content \"20201301\" does not validate VR DA: month component exceeds the"
                + " value 12");
        assertProblem(Tag.StudyDate, VR.DA, "20200132",
                "Content \"20200132\" does not validate VR DA: day component exceeds the value 31");
        assertProblem(Tag.StudyDate, VR.DA, "2020-01-01", "Content \"2020-01-01\" does not"
                + " validate VR DA: value contains too many range separators '-'");
    }

    @Test
    void datesAcceptRangesAndZeroMonthsAsFoDicomDoes() {
        assertValid(Tag.StudyDate, VR.DA, "20200101-20201231", "-20201231", "20200000");
    }

    @Test
    void dateTimesFollowTheDtPattern() {
        assertValid(ACQUISITION_DATE_TIME, VR.DT, "2020", "202001", "20200101120000.123456+0100",
                "20200101120000-0500", "20200101-20200102", "20200101+1400");
        assertProblem(ACQUISITION_DATE_TIME, VR.DT, "NotAValidDate", "Content \"NotAValidDate\""
                + " does not validate VR DT: value does not mach pattern"
                + " YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]]");
        assertProblem(ACQUISITION_DATE_TIME, VR.DT, "20200100",
                "Content \"20200100\" does not validate VR DT: day component cannot be 0");
        assertProblem(ACQUISITION_DATE_TIME, VR.DT, "202013",
                "Content \"202013\" does not validate VR DT: month component exceeds 12");
        assertProblem(ACQUISITION_DATE_TIME, VR.DT, "2020010125",
                "Content \"2020010125\" does not validate VR DT: hours component exceeds 23");
        assertProblem(ACQUISITION_DATE_TIME, VR.DT, "2020-0000", "Content \"2020-0000\" does"
                + " not validate VR DT: negative UTC hours component with value -0000 is not"
                + " allowed");
        assertProblem(ACQUISITION_DATE_TIME, VR.DT, "2020+1500", "Content \"2020+1500\" does not"
                + " validate VR DT: positive UTC hours component exceeds 14 (allowed range is"
                + " -1200 to +1400)");
        assertProblem(ACQUISITION_DATE_TIME, VR.DT, "2020+01", "Content \"2020+01\" does not"
                + " validate VR DT: value does not match the UTC pattern &ZZXX");
        assertProblem(ACQUISITION_DATE_TIME, VR.DT, "2020+0100+0100", "Content"
                + " \"2020+0100+0100\" does not validate VR DT: value contains too many UTC"
                + " separators '+' or '-'");
        assertValid(ACQUISITION_DATE_TIME, VR.DT, "20200101-0500", "2020-0100-2021+0200");
    }

    @Test
    void timesFollowHhMmSsFraction() {
        assertValid(Tag.StudyTime, VR.TM, "12", "1230", "123059", "123059.123456", "1200-1300", "");
        assertProblem(Tag.StudyTime, VR.TM, "251000",
                "Content \"251000\" does not validate VR TM: hour component exceeds 23");
        assertProblem(Tag.StudyTime, VR.TM, "1260",
                "Content \"1260\" does not validate VR TM: minutes component exceeds 59");
        assertProblem(Tag.StudyTime, VR.TM, "12:30", "Content \"12:30\" does not validate VR TM:"
                + " value does not mach pattern HH or HHMM or HHMMSS or HHMMSS.F{1-6}");
    }

    @Test
    void codeStringsAreUpperCaseDigitsSpaceAndUnderscore() {
        assertValid(Tag.Modality, VR.CS, "CT", "MR_1 2", "");
        assertProblem(Tag.Modality, VR.CS, "X\0X", "Content \"X\0X\" does not validate VR CS: value"
                + " contains invalid character. Only uppercase character, digits, space and"
                + " underscore alre allowed");
        assertProblem(Tag.Modality, VR.CS, "ct", "Content \"ct\" does not validate VR CS: value"
                + " contains invalid character. Only uppercase character, digits, space and"
                + " underscore alre allowed");
        assertProblem(Tag.Modality, VR.CS, "A".repeat(17), "Content \"" + "A".repeat(17)
                + "\" does not validate VR CS: value exceeds maximum length of 16 characters");
    }

    @Test
    void decimalStringsAreTrimmedNumbersOfSixteenCharacters() {
        assertValid(SLICE_THICKNESS, VR.DS, "1.5", " 12 ", "-1.5e3", ".5", "+3.");
        assertProblem(SLICE_THICKNESS, VR.DS, " abc",
                "Content \"abc\" does not validate VR DS: value is no decimal string");
        assertProblem(SLICE_THICKNESS, VR.DS, "1.00000000000000001", "Content"
                + " \"1.00000000000000001\" does not validate VR DS: value exceeds maximum length"
                + " of 16 characters");
    }

    @Test
    void integerStringsFitThirtyTwoBits() {
        assertValid(Tag.InstanceNumber, VR.IS, "1", " -12 ", "+7", "2147483647", "-2147483648");
        assertProblem(Tag.InstanceNumber, VR.IS, "12a",
                "Content \"12a\" does not validate VR IS: value is not an integer string");
        assertProblem(Tag.InstanceNumber, VR.IS, "2147483648", "Content \"2147483648\" does not"
                + " validate VR IS: value too large to fit 32 bit integer");
    }

    @Test
    void uidsAreDigitsAndDotsWithoutLeadingZerosOrEmptyComponents() {
        assertValid(Tag.StudyInstanceUID, VR.UI, "1.2.840.10008.1.2", "1.2.3\0", "1.2.3 ", "");
        assertProblem(Tag.StudyInstanceUID, VR.UI, "abc.123", "Content \"abc.123\" does not"
                + " validate VR UI: value contains invalid characters other than '0'-'9' and '.'");
        assertProblem(Tag.StudyInstanceUID, VR.UI, "1.02", "Content \"1.02\" does not validate"
                + " VR UI: components must not have leading zeros");
        assertProblem(Tag.StudyInstanceUID, VR.UI, "0.1", "Content \"0.1\" does not validate"
                + " VR UI: components must not have leading zeros");
        assertProblem(Tag.StudyInstanceUID, VR.UI, "1..2", "Content \"1..2\" does not validate"
                + " VR UI: a component can not be empty");
        String longUid = "1." + "2".repeat(63);
        assertProblem(Tag.StudyInstanceUID, VR.UI, longUid, "Content \"" + longUid
                + "\" does not validate VR UI: value exceeds maximum length of 64 characters");
    }

    @Test
    void longStringsRejectControlCharactersButEscape() {
        assertValid(Tag.PatientID, VR.LO, "ABC-123", "\u001b$B", "x".repeat(64));
        assertProblem(Tag.PatientID, VR.LO, "A\u0001B",
                "Content \"A\u0001B\" does not validate VR LO: value contains invalid character");
        assertProblem(Tag.PatientID, VR.LO, "x".repeat(65), "Content \"" + "x".repeat(65)
                + "\" does not validate VR LO: value exceeds maximum length of 64 characters");
    }

    @Test
    void personNamesHaveThreeGroupsOfFiveComponents() {
        assertValid(Tag.PatientName, VR.PN, "Doe^John^M^Dr^Jr", "=Doe^John=", "Doe^John");
        assertProblem(Tag.PatientName, VR.PN, "A=B=C=D",
                "Content \"A=B=C=D\" does not validate VR PN: value contains too many groups");
        assertProblem(Tag.PatientName, VR.PN, "A^B^C^D^E^F",
                "Content \"A^B^C^D^E^F\" does not validate VR PN: value contains too many"
                + " components");
        String longGroup = "D".repeat(65) + "=Doe";
        assertProblem(Tag.PatientName, VR.PN, longGroup, "Content \"" + longGroup
                + "\" does not validate VR PN: value exceeds maximum length of 64 characters");
        assertProblem(Tag.PatientName, VR.PN, "Doe\nJohn", "Content \"Doe\nJohn\" does not"
                + " validate VR PN: value contains invalid control character");
    }

    @Test
    void ageStringsAreThreeDigitsAndUnit() {
        assertValid(PATIENT_AGE, VR.AS, "045Y", "003M", "012W", "001D", "");
        assertProblem(PATIENT_AGE, VR.AS, "45Y",
                "Content \"45Y\" does not validate VR AS: value does not have pattern 000[DWMY]");
        assertProblem(PATIENT_AGE, VR.AS, "045X",
                "Content \"045X\" does not validate VR AS: value does not have pattern 000[DWMY]");
    }

    @Test
    void applicationEntitiesAreShortAndNotBlank() {
        assertValid(RETRIEVE_AE_TITLE, VR.AE, "STORESCP", "AE1\\AE2");
        assertProblem(RETRIEVE_AE_TITLE, VR.AE, "AE1\\", "Content \"\" does not validate VR AE:"
                + " value may not consist only of spaces");
        assertProblem(RETRIEVE_AE_TITLE, VR.AE, "A".repeat(17), "Content \"" + "A".repeat(17)
                + "\" does not validate VR AE: value exceeds maximum length of 16 characters");
        assertProblem(RETRIEVE_AE_TITLE, VR.AE, "AE\tX",
                "Content \"AE\tX\" does not validate VR AE: value contains invalid control"
                + " character");
    }

    @Test
    void shortStringsCheckCharactersBeforeLength() {
        assertValid(STATION_NAME, VR.SH, "STATION 1", "S".repeat(16));
        assertProblem(STATION_NAME, VR.SH, "S".repeat(17), "Content \"" + "S".repeat(17)
                + "\" does not validate VR SH: value exceeds maximum length of 16 characters");
        assertProblem(STATION_NAME, VR.SH, "S\u007f" + "S".repeat(16), "Content \"S\u007f"
                + "S".repeat(16) + "\" does not validate VR SH: value contains invalid character");
    }

    @Test
    void textsHaveOnlyLengthLimitsAndMayHoldBackslashes() {
        assertValid(INSTITUTION_ADDRESS, VR.ST, "Main St\\5\r\n", "a".repeat(1024));
        assertValid(ADDITIONAL_PATIENT_HISTORY, VR.LT, "a".repeat(10240));
        assertThat(check(INSTITUTION_ADDRESS, VR.ST, "a".repeat(1025))).get().asString()
                .endsWith("VR ST: value exceeds maximum length of 1024 characters");
        assertThat(check(ADDITIONAL_PATIENT_HISTORY, VR.LT, "a".repeat(10241))).get().asString()
                .endsWith("VR LT: value exceeds maximum length of 10240 characters");
    }

    @Test
    void unlimitedVrsAcceptAnyLength() {
        assertValid(TEXT_VALUE, VR.UT, "t".repeat(70000) + "\u0001");
        assertValid(LONG_CODE_VALUE, VR.UC, "c".repeat(70000));
        assertValid(RETRIEVE_URL, VR.UR, "https://example.org/" + "p".repeat(70000));
    }

    @Test
    void trailingNulPaddingIsAcceptedForTextVrs() {
        assertValid(Tag.Modality, VR.CS, "CT\0");
        assertValid(Tag.PatientID, VR.LO, "123\0", "123\0 ");
        assertValid(Tag.PatientName, VR.PN, "Doe^John\0");
        assertValid(PATIENT_AGE, VR.AS, "045Y\0\0");
    }

    @Test
    void nulPaddedMultiValueIsJudgedAsOneValueAsTheServiceDoes() {
        assertProblem(Tag.PatientID, VR.LO, "A\\B\0",
                "Content \"A\\B\" does not validate VR LO: value contains invalid character");
    }

    @Test
    void nulPaddingIsNotRelaxedForDatesAndNumbers() {
        assertProblem(Tag.StudyDate, VR.DA, "20200101\0", "Content \"20200101\0\" does not"
                + " validate VR DA: one of the date values does not match the pattern YYYYMMDD");
        assertThat(check(Tag.InstanceNumber, VR.IS, "12\0")).isPresent();
    }

    @Test
    void reportsTheBadValueOfAMultiValuedElement() {
        assertValid(WINDOW_CENTER, VR.DS, "40\\400\\-20.5");
        assertProblem(WINDOW_CENTER, VR.DS, "40\\abc\\50",
                "Content \"abc\" does not validate VR DS: value is no decimal string");
        assertProblem(Tag.StudyInstanceUID, VR.UI, "1.2\\1.a", "Content \"1.a\" does not validate"
                + " VR UI: value contains invalid characters other than '0'-'9' and '.'");
    }

    @Test
    void emptyValuesAreValidForEveryVr() {
        for (VR vr : VR.values()) {
            if (vr != VR.SQ) {
                assertThat(ValueValidator.validate(Element.of(0x00080050, vr, new byte[0]),
                        new Dataset())).as("%s", vr).isEmpty();
            }
        }
    }

    @Test
    void emptyOrBlankPatientIdIsReportedMissing() {
        assertProblem(Tag.PatientID, VR.LO, "", "The required tag '(0010,0020)' is missing.");
        assertProblem(Tag.PatientID, VR.LO, "    ", "The required tag '(0010,0020)' is missing.");
        assertValid(Tag.AccessionNumber, VR.SH, "");
    }

    @Test
    void valueCountMustFitTheMultiplicity() {
        assertProblem(IMAGE_TYPE, VR.CS, "ORIGINAL", "Content \"(0008,0008) CS Image Type\" does"
                + " not validate VR CS: Number of items 1 does not match ValueMultiplicity 2-n");
        assertProblem(PIXEL_SPACING, VR.DS, "0.5\\0.5\\0.5", "Content \"(0028,0030) DS Pixel"
                + " Spacing\" does not validate VR DS: Number of items 3 does not match"
                + " ValueMultiplicity 2");
        assertValid(IMAGE_TYPE, VR.CS, "ORIGINAL\\PRIMARY\\AXIAL");
        assertValid(PRIVATE_TAG, VR.CS, "A\\B\\C");
    }

    @Test
    void binaryElementsGetOnlyTheCountCheck() {
        Dataset owner = new Dataset();
        Element rows = Element.of(Tag.Rows, VR.US, new byte[] {0, 2});
        Element twoRows = Element.of(Tag.Rows, VR.US, new byte[] {0, 2, 0, 2});
        Element pointer = Element.of(DIMENSION_INDEX_POINTER, VR.AT, new byte[] {0x20, 0, 0x32, 0});

        assertThat(ValueValidator.validate(rows, owner)).isEmpty();
        assertThat(ValueValidator.validate(pointer, owner)).isEmpty();
        assertThat(ValueValidator.validate(twoRows, owner)).contains("Content \"(0028,0010) US"
                + " Rows\" does not validate VR US: Number of items 2 does not match"
                + " ValueMultiplicity 1");
        assertThat(ValueValidator.validate(Element.of(Tag.PixelData, VR.OW, new byte[6]), owner))
                .isEmpty();
    }

    @Test
    void lengthOfBinaryValuesIsCheckedSeparately() {
        Element threeBytes = Element.of(Tag.Rows, VR.US, new byte[] {1, 2, 3});

        assertThat(ValueValidator.validate(threeBytes, new Dataset())).isEmpty();
        assertThat(ValueValidator.findLengthProblem(threeBytes))
                .contains("Value length 3 of (0028,0010) US is not a multiple of 2");
        assertThat(ValueValidator.findLengthProblem(
                Element.of(DIMENSION_INDEX_POINTER, VR.AT, new byte[6]))).isPresent();
        assertThat(ValueValidator.findLengthProblem(Element.of(Tag.Rows, VR.US, new byte[4])))
                .isEmpty();
        assertThat(ValueValidator.findLengthProblem(Element.of(Tag.PixelData, VR.OB, new byte[3])))
                .isEmpty();
    }

    @Test
    void decodesWithTheCharacterSetInForce() {
        byte[] withC1Control = {'A', (byte) 0x85, 'B'};
        Element id = Element.of(Tag.PatientID, VR.LO, withC1Control);
        Dataset latin1 = new Dataset().putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");

        assertThat(ValueValidator.validate(id, new Dataset())).isEmpty();
        assertThat(ValueValidator.validate(id, latin1)).contains(
                "Content \"A\u0085B\" does not validate VR LO: value contains invalid character");
    }

    @Test
    void sequencesAreLeftToTheCaller() {
        Dataset item = new Dataset().putString(Tag.StudyDate, VR.DA, "bad");
        Element sequence = Element.sequence(REFERENCED_IMAGE_SEQUENCE, List.of(item));

        assertThat(ValueValidator.validate(sequence, new Dataset())).isEmpty();
    }

    @Test
    void validateAllGoesIntoItemsAndKeepsTheFirstProblemPerTag() {
        Dataset first = new Dataset().putString(REFERENCED_SOP_INSTANCE_UID, VR.UI, "1.a");
        Dataset second = new Dataset().putString(REFERENCED_SOP_INSTANCE_UID, VR.UI, "1.b");
        Dataset ds = new Dataset()
                .putString(Tag.StudyDate, VR.DA, "NotAValidDate")
                .putString(Tag.Modality, VR.CS, "CT")
                .put(Element.sequence(REFERENCED_IMAGE_SEQUENCE, List.of(first, second)))
                .putString(Tag.StudyInstanceUID, VR.UI, "1.2.3");

        List<Problem> problems = ValueValidator.validateAll(ds);

        assertThat(problems).extracting(Problem::tag)
                .containsExactly(Tag.StudyDate, REFERENCED_SOP_INSTANCE_UID);
        // The service walks items with a stack: the last item is looked at first.
        assertThat(problems.get(1).message()).startsWith("Content \"1.b\"");
    }

    @Test
    void validateAllFindsNothingInAValidDataset() {
        Dataset ds = new Dataset()
                .putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7")
                .putString(Tag.StudyDate, VR.DA, "20240229")
                .putString(Tag.PatientName, VR.PN, "Doe^Jane")
                .putInts(Tag.Rows, VR.US, 512);

        assertThat(ValueValidator.validateAll(ds)).isEmpty();
    }

    @Test
    void requiredPatientIdUsesTheServiceMessages() {
        Dataset owner = new Dataset();
        Element bad = text(Tag.PatientID, VR.LO, "Before\u0001");

        assertThat(ValueValidator.validateRequired(bad, owner)).contains("Dicom element"
                + " 'PatientID' failed validation for VR 'LO': Value contains invalid character.");
        assertThat(ValueValidator.validateRequired(text(Tag.PatientID, VR.LO, "123\0"), owner))
                .isEmpty();
        assertThat(ValueValidator.validateRequired(text(Tag.PatientID, VR.LO, ""), owner))
                .isEmpty();
        assertThat(ValueValidator.validateRequired(text(Tag.PatientID, VR.LO, "x".repeat(65)),
                owner)).get().asString().startsWith("Dicom element 'PatientID' failed validation"
                + " for VR 'LO': Value length exceeds maximum length of 64");
    }

    @Test
    void requiredUidsUseTheIdentifierMessage() {
        Dataset owner = new Dataset();

        assertThat(ValueValidator.validateRequired(
                text(Tag.StudyInstanceUID, VR.UI, "abc.123"), owner))
                .contains(UIDRules.invalidMessage("StudyInstanceUID"));
        assertThat(ValueValidator.validateRequired(
                text(Tag.SOPInstanceUID, VR.UI, "1.2.3\0"), owner)).isEmpty();
        assertThat(ValueValidator.validateRequired(
                text(Tag.SOPInstanceUID, VR.UI, "01.2"), owner)).isEmpty();
    }

    @Test
    void requiredAttributeWithAnotherVrFails() {
        assertThat(ValueValidator.validateRequired(text(Tag.PatientID, VR.SH, "1"), new Dataset()))
                .contains("Dicom element 'PatientID' failed validation for VR 'SH': The extended"
                        + " query tag 'PatientID' is expected to have VR 'LO' but has 'SH' in"
                        + " file.");
    }
}
