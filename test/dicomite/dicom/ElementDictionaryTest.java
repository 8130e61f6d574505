// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static dicomite.dicom.Part10Bytes.UNDEFINED;
import static dicomite.dicom.Part10Bytes.le16;
import static dicomite.dicom.Part10ReaderTest.IMPLICIT;
import static dicomite.dicom.Part10ReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.dicom.ElementDictionary.Entry;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {

    @Test
    void findsPatientNameAsPersonNameWithItsPs36Name() {
        Entry entry = ElementDictionary.find(Tag.PatientName).orElseThrow();

        assertThat(entry.tag()).isEqualTo(0x00100010);
        assertThat(entry.vrs()).containsExactly(VR.PN);
        assertThat(entry.vm()).isEqualTo("1");
        assertThat(entry.keyword()).isEqualTo("PatientName");
        assertThat(entry.name()).isEqualTo("Patient's Name");
        assertThat(entry.retired()).isFalse();
        assertThat(ElementDictionary.vrOf(Tag.PatientName)).isEqualTo(VR.PN);
    }

    @Test
    void pixelDataAllowsObAndOwAndDefaultsToOwAsImplicitVrRequires() {
        Entry entry = ElementDictionary.find(Tag.PixelData).orElseThrow();

        assertThat(entry.vrs()).containsExactlyInAnyOrder(VR.OB, VR.OW);
        assertThat(ElementDictionary.vrOf(Tag.PixelData)).isEqualTo(VR.OW);
    }

    @Test
    void smallestImagePixelValueAllowsUsAndSsAndDefaultsToUs() {
        Entry entry = ElementDictionary.find(0x00280106).orElseThrow();

        assertThat(entry.keyword()).isEqualTo("SmallestImagePixelValue");
        assertThat(entry.vrs()).containsExactly(VR.US, VR.SS);
        assertThat(ElementDictionary.vrOf(0x00280106)).isEqualTo(VR.US);
    }

    @Test
    void lutDataKeepsTheVrsOfPs36() {
        assertThat(ElementDictionary.find(0x00283006).orElseThrow().vrs())
                .containsExactly(VR.US, VR.OW);
    }

    @Test
    void overlayRowsResolvesInEveryEvenOverlayGroup() {
        for (int group : new int[] {0x6000, 0x6002, 0x601E, 0x60FE}) {
            int tag = group << 16 | 0x0010;
            assertThat(ElementDictionary.keywordOf(tag)).as(Tag.toString(tag))
                    .isEqualTo("OverlayRows");
            assertThat(ElementDictionary.vrOf(tag)).isEqualTo(VR.US);
        }
        Entry entry = ElementDictionary.find(0x60020010).orElseThrow();
        assertThat(entry.tag()).isEqualTo(0x60000010);
        assertThat(entry.name()).isEqualTo("Overlay Rows");
    }

    @Test
    void overlayDataAndRetiredCurveDataResolveInTheirRepeatingGroups() {
        assertThat(ElementDictionary.vrOf(0x60043000)).isEqualTo(VR.OW);
        Entry curve = ElementDictionary.find(0x50063000).orElseThrow();
        assertThat(curve.keyword()).isEqualTo("CurveData");
        assertThat(curve.retired()).isTrue();
        assertThat(ElementDictionary.keywordOf(0x7F020010)).isEqualTo("VariablePixelData");
        assertThat(ElementDictionary.keywordOf(0x002031A7)).isEqualTo("SourceImageIDs");
    }

    @Test
    void oddGroupsInsideARepeatingRangeArePrivate() {
        assertThat(ElementDictionary.find(0x60010010)).isEmpty();
        assertThat(ElementDictionary.vrOf(0x60010010)).isEqualTo(VR.LO);
        assertThat(ElementDictionary.vrOf(0x60011010)).isEqualTo(VR.UN);
    }

    @Test
    void groupLengthsAreUnsignedLong() {
        assertThat(ElementDictionary.vrOf(Tag.FileMetaInformationGroupLength)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.vrOf(0x00080000)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.vrOf(0x00290000)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.keywordOf(Tag.FileMetaInformationGroupLength))
                .isEqualTo("FileMetaInformationGroupLength");
    }

    @Test
    void privateCreatorsAreLongString() {
        assertThat(ElementDictionary.vrOf(0x00090010)).isEqualTo(VR.LO);
        assertThat(ElementDictionary.vrOf(0x001900FF)).isEqualTo(VR.LO);
        assertThat(ElementDictionary.find(0x00090010)).isEmpty();
    }

    @Test
    void unknownPrivateAndPublicElementsAreUnknownVr() {
        assertThat(ElementDictionary.vrOf(0x00091001)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.vrOf(0x00290100)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.vrOf(0x00180001)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.find(0x00091001)).isEmpty();
        assertThat(ElementDictionary.keywordOf(0x00180001)).isEmpty();
    }

    @Test
    void keywordAndTagRoundTrip() {
        assertThat(ElementDictionary.tagOf("StudyInstanceUID")).hasValue(Tag.StudyInstanceUID);
        assertThat(ElementDictionary.keywordOf(Tag.StudyInstanceUID))
                .isEqualTo("StudyInstanceUID");
        assertThat(ElementDictionary.tagOf("OverlayRows")).hasValue(0x60000010);
        assertThat(ElementDictionary.tagOf("NoSuchKeyword")).isEmpty();
        assertThat(ElementDictionary.tagOf("patientname")).isEmpty();
    }

    @Test
    void retiredAttributesKeepTheirKeywordWithoutPrefix() {
        Entry entry = ElementDictionary.find(0x00280005).orElseThrow();

        assertThat(entry.keyword()).isEqualTo("ImageDimensions");
        assertThat(entry.retired()).isTrue();
        assertThat(ElementDictionary.tagOf("ImageDimensions")).hasValue(0x00280005);
    }

    @Test
    void sequencesAndMultiValuedAttributesCarryVrAndVm() {
        Entry sequence = ElementDictionary.find(0x00081115).orElseThrow();
        assertThat(sequence.keyword()).isEqualTo("ReferencedSeriesSequence");
        assertThat(sequence.vrs()).containsExactly(VR.SQ);
        Entry orientation = ElementDictionary.find(0x00200037).orElseThrow();
        assertThat(orientation.vrs()).containsExactly(VR.DS);
        assertThat(orientation.vm()).isEqualTo("6");
    }

    @Test
    void tagConstantsCarryTheirDictionaryKeywords() {
        Map<Integer, String> constants = Map.of(Tag.SOPInstanceUID, "SOPInstanceUID",
                Tag.TransferSyntaxUID, "TransferSyntaxUID", Tag.Rows, "Rows",
                Tag.PixelRepresentation, "PixelRepresentation",
                Tag.ExtendedOffsetTable, "ExtendedOffsetTable",
                Tag.FloatPixelData, "FloatPixelData", Tag.SeriesDescription, "SeriesDescription");
        constants.forEach((tag, keyword) -> {
            assertThat(ElementDictionary.keywordOf(tag)).isEqualTo(keyword);
            assertThat(ElementDictionary.tagOf(keyword)).hasValue(tag);
        });
        assertThat(ElementDictionary.vrOf(Tag.ExtendedOffsetTable)).isEqualTo(VR.OV);
    }

    @Test
    void readsUsOrSsPixelValuesAsSSWhenPixelRepresentationIsSigned() throws IOException {
        // PS3.6 "US or SS": SS when (0028,0103) is 1 in the data set or an enclosing one, as
        // dcmtk and pydicom read implicit VR; LUT descriptors stay US (PS3.5 §A.1)
        byte[] item = Part10Bytes.littleEndian().implicit(0x00409216, le16(-3)).bytes();
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(IMPLICIT)
                .implicit(0x00189810, le16(-1)) // ZeroVelocityPixelValue, before (0028,0103)
                .implicit(Tag.PixelRepresentation, le16(1))
                .implicit(0x00280106, le16(-5)) // SmallestImagePixelValue
                .implicit(0x00280120, le16(-10)) // PixelPaddingValue
                .implicit(0x00283002, le16(1, -2, 16)) // LUTDescriptor
                .implicitHeader(0x00409096, UNDEFINED).item(item) // RealWorldValueMapping
                .sequenceEnd().bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(0x00189810).vr()).isEqualTo(VR.US);
        assertThat(ds.get(0x00280106).vr()).isEqualTo(VR.SS);
        assertThat(ds.findInt(0x00280106)).contains(-5);
        assertThat(ds.get(0x00280120).vr()).isEqualTo(VR.SS);
        assertThat(ds.get(0x00283002).vr()).isEqualTo(VR.US);
        Dataset mapping = ds.get(0x00409096).items().get(0);
        assertThat(mapping.get(0x00409216).vr()).isEqualTo(VR.SS);
        assertThat(mapping.findInt(0x00409216)).contains(-3);
    }

    @Test
    void readsUsOrSsPixelValuesAsUSWhenPixelRepresentationIsUnsignedOrAbsent() throws IOException {
        byte[] unsigned = Part10Bytes.littleEndian().preambleAndMeta(IMPLICIT)
                .implicit(Tag.PixelRepresentation, le16(0))
                .implicit(0x00280106, le16(65531)).bytes();
        byte[] absent = Part10Bytes.littleEndian().preambleAndMeta(IMPLICIT)
                .implicit(0x00280106, le16(65531)).bytes();

        assertThat(read(unsigned).dataset().findInt(0x00280106)).contains(65531);
        assertThat(read(absent).dataset().get(0x00280106).vr()).isEqualTo(VR.US);
    }
}
