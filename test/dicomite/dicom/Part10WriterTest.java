// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static dicomite.dicom.Part10Bytes.ascii;
import static dicomite.dicom.Part10Bytes.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Part10WriterTest {
    private static final int SQ_A = Part10ReaderTest.SQ_A;
    private static final int SQ_B = Part10ReaderTest.SQ_B;
    private static final int SQ_C = Part10ReaderTest.SQ_C;
    private static final TransferSyntax PAPYRUS = TransferSyntax.forUID("1.2.840.10008.1.20");
    private static final TransferSyntax JPIP = TransferSyntax.forUID("1.2.840.10008.1.2.4.94");
    private static final TransferSyntax JPIP_DEFLATE =
            TransferSyntax.forUID("1.2.840.10008.1.2.4.95");
    private static final TransferSyntax JPIP_HTJ2K =
            TransferSyntax.forUID("1.2.840.10008.1.2.4.204");
    private static final TransferSyntax JPIP_HTJ2K_DEFLATE =
            TransferSyntax.forUID("1.2.840.10008.1.2.4.205");

    private static byte[] write(Dataset dataset, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.write(out, dataset, ts);
        return out.toByteArray();
    }

    private static Part10 read(byte[] bytes) throws IOException {
        return new Part10Reader(new ByteArrayInputStream(bytes)).read();
    }

    private static Dataset item(Element... elements) {
        Dataset item = new Dataset();
        for (Element e : elements) {
            item.put(e);
        }
        return item;
    }

    /** Elements whose dictionary VR is the VR used, so that implicit VR keeps them too. */
    static Dataset sample() {
        Dataset ds = new Dataset();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5");
        ds.putString(Tag.PatientName, VR.PN, "M\u00fcller^Hans");
        ds.putString(Tag.PatientID, VR.LO, "ID-42");
        ds.putInts(Tag.Rows, VR.US, 512);
        ds.putInts(0x00289001, VR.UL, 0x01020304); // DataPointRows
        ds.put(Element.of(0x00280009, VR.AT, new byte[] {0x54, 0x00, 0x10, 0x00}));
        ds.put(Element.of(0x00189087, VR.FD, doubleBytes(1.5))); // DiffusionBValue
        ds.put(Element.of(0x00281201, VR.OW, new byte[] {1, 2, 3, 4})); // RedPaletteLUTData
        Dataset deepest = item(Element.of(Tag.StudyID, VR.SH, ascii("S1")));
        Dataset middle = item(Element.sequence(SQ_C, List.of(deepest, new Dataset())));
        Dataset outer = item(Element.sequence(SQ_B, List.of(middle)),
                Element.of(Tag.SeriesNumber, VR.IS, ascii("12")));
        ds.put(Element.sequence(SQ_A, List.of(outer, new Dataset())));
        ds.put(Element.sequence(0x00400275, List.of())); // RequestAttributesSequence, empty
        ds.put(Element.of(Tag.PixelData, VR.OW, new byte[] {9, 8, 7, 6, 5, 4}));
        return ds;
    }

    private static byte[] doubleBytes(double value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array();
    }

    @Test
    void roundTripsEveryNativeTransferSyntax() throws IOException {
        Dataset ds = sample();
        for (TransferSyntax ts : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, PAPYRUS, JPIP, JPIP_DEFLATE,
                JPIP_HTJ2K, JPIP_HTJ2K_DEFLATE)) {
            Part10 file = read(write(ds, ts));

            assertThat(ts.isNative()).as(ts.name()).isTrue();
            assertThat(file.transferSyntax()).as(ts.name()).isEqualTo(ts);
            assertThat(describe(file.dataset())).as(ts.name()).isEqualTo(describe(ds));
        }
    }

    @Test
    void readWriteReadKeepsTheDataSet() throws IOException {
        Part10 first = read(write(sample(), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.write(out, first.fileMeta(), first.dataset(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Part10 second = read(out.toByteArray());

        assertThat(describe(second.dataset())).isEqualTo(describe(first.dataset()));
        assertThat(second.fileMeta().getString(Tag.TransferSyntaxUID, ""))
                .isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
    }

    @Test
    void roundTripsEncapsulatedPixelDataWithAndWithoutOffsetTable() throws IOException {
        for (List<byte[]> fragments : List.of(
                List.of(new byte[] {0, 0, 0, 0}, new byte[] {(byte) 0xFF, (byte) 0xD8}),
                List.of(new byte[0], new byte[] {1, 2}, new byte[] {3, 4, 5, 6}))) {
            Dataset ds = sample();
            ds.put(Element.encapsulated(Tag.PixelData, VR.OB, fragments));

            Part10 file = read(write(ds, TransferSyntax.JPEG_BASELINE));

            assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.JPEG_BASELINE);
            assertThat(describe(file.dataset())).isEqualTo(describe(ds));
        }
    }

    @Test
    void writesEmptyOffsetTableWhenThereAreNoFragments() throws IOException {
        Dataset ds = sample();
        ds.put(Element.encapsulated(Tag.PixelData, VR.OB, List.of()));

        Element pixels = read(write(ds, TransferSyntax.RLE_LOSSLESS)).dataset().get(Tag.PixelData);

        assertThat(pixels.fragments()).hasSize(1);
        assertThat(pixels.fragments().get(0)).isEmpty();
    }

    @Test
    void writesPreambleAndFileMetaInformation() throws IOException {
        byte[] bytes = write(sample(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Part10 file = read(bytes);
        Dataset meta = file.fileMeta();

        assertThat(Arrays.copyOf(bytes, 128)).containsOnly(0);
        assertThat(Arrays.copyOfRange(bytes, 128, 132)).isEqualTo(ascii("DICM"));
        long groupLength = meta.findInt(Tag.FileMetaInformationGroupLength).orElseThrow();
        long firstDataElement = file.dataset().elements().iterator().next().offset();
        assertThat(144 + groupLength).isEqualTo(firstDataElement);
        assertThat(meta.get(Tag.FileMetaInformationVersion).bytes()).containsExactly(0, 1);
        assertThat(meta.getString(Tag.MediaStorageSOPClassUID, ""))
                .isEqualTo("1.2.840.10008.5.1.4.1.1.7");
        assertThat(meta.getString(Tag.MediaStorageSOPInstanceUID, "")).isEqualTo("1.2.3.4.5");
        assertThat(meta.getString(Tag.TransferSyntaxUID, ""))
                .isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(meta.getString(Tag.ImplementationClassUID, ""))
                .isEqualTo(Part10Writer.IMPLEMENTATION_CLASS_UID).startsWith("2.25.");
        assertThat(meta.getString(Tag.ImplementationVersionName, ""))
                .startsWith("DICOMITE").hasSizeLessThanOrEqualTo(16);
    }

    @Test
    void replacesGroupLengthAndTransferSyntaxOfGivenMeta() throws IOException {
        Dataset meta = new Dataset();
        meta.putInts(Tag.FileMetaInformationGroupLength, VR.UL, 9999);
        meta.putString(Tag.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.4.50");
        meta.putString(0x00020016, VR.AE, "SOURCE");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Part10Writer.write(out, meta, sample(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Part10 file = read(out.toByteArray());

        assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(file.fileMeta().getString(0x00020016, "")).isEqualTo("SOURCE");
        long groupLength = file.fileMeta().findInt(Tag.FileMetaInformationGroupLength)
                .orElseThrow();
        assertThat(144 + groupLength)
                .isEqualTo(file.dataset().elements().iterator().next().offset());
    }

    @Test
    void padsOddValuesWithTheVRPaddingByte() throws IOException {
        Dataset ds = sample();
        ds.put(Element.of(Tag.PatientID, VR.LO, ascii("ABC")));
        ds.put(Element.of(Tag.StudyInstanceUID, VR.UI, ascii("1.2.3")));
        ds.put(Element.of(0x00091001, VR.OB, new byte[] {7}));

        Dataset back = read(write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).dataset();

        assertThat(back.get(Tag.PatientID).bytes()).isEqualTo(ascii("ABC "));
        assertThat(back.get(Tag.StudyInstanceUID).bytes()).isEqualTo(ascii("1.2.3\0"));
        assertThat(back.get(0x00091001).bytes()).containsExactly(7, 0);
    }

    @Test
    void writesBigEndianNumbersMostSignificantByteFirst() throws IOException {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.3");
        ds.putInts(Tag.Rows, VR.US, 0x0102);

        byte[] bytes = write(ds, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);

        byte[] rows = {0x00, 0x28, 0x00, 0x10, 'U', 'S', 0x00, 0x02, 0x01, 0x02};
        assertThat(Arrays.copyOfRange(bytes, bytes.length - rows.length, bytes.length))
                .isEqualTo(rows);
    }

    @Test
    void writesSequencesAndItemsWithUndefinedLength() throws IOException {
        Dataset ds = new Dataset();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2");
        ds.putString(Tag.SOPInstanceUID, VR.UI, "1.3");
        ds.put(Element.sequence(SQ_A, List.of(new Dataset())));

        byte[] bytes = write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        byte[] tail = Part10Bytes.littleEndian()
                .explicitHeader(SQ_A, "SQ", Part10Bytes.UNDEFINED)
                .item(Part10Bytes.UNDEFINED).itemEnd().sequenceEnd().bytes();
        assertThat(Arrays.copyOfRange(bytes, bytes.length - tail.length, bytes.length))
                .isEqualTo(tail);
        assertThat(read(bytes).dataset().get(SQ_A).length()).isEqualTo(Element.UNDEFINED_LENGTH);
    }

    @Test
    void writesTooLongValueOfShortVRAsUNWhichReadsBackAsItsDictionaryVR() throws IOException {
        Dataset ds = sample();
        byte[] longText = new byte[70_000];
        Arrays.fill(longText, (byte) 'A');
        ds.put(Element.of(Tag.StudyDescription, VR.LO, longText));

        byte[] file = write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Element back = read(file).dataset().get(Tag.StudyDescription);

        // (0008,1030) UN, two reserved bytes, then the 32-bit length (PS3.5 §6.2.2)
        assertThat(file).containsSequence(0x08, 0x00, 0x30, 0x10, 'U', 'N', 0, 0, 0x70, 0x11,
                0x01, 0x00);
        assertThat(back.vr()).isEqualTo(VR.LO);
        assertThat(back.bytes()).isEqualTo(longText);
    }

    @Test
    void leavesOutGroupLengthsAndFileMetaElementsOfTheDataSet() throws IOException {
        Dataset ds = sample();
        ds.putInts(0x00080000, VR.UL, 1234);
        ds.putString(Tag.TransferSyntaxUID, VR.UI, "1.2.3");

        Part10 file = read(write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(file.dataset().contains(0x00080000)).isFalse();
        assertThat(file.dataset().contains(Tag.TransferSyntaxUID)).isFalse();
        assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void rejectsDataSetWithoutSOPInstanceUID() {
        Dataset ds = sample();
        ds.remove(Tag.SOPInstanceUID);

        assertThatThrownBy(() -> write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0008,0018) SOPInstanceUID");
    }

    @Test
    void deflatesTheJpipReferencedDeflateSyntaxesLikeDeflatedExplicitVR() throws IOException {
        // PS3.5 §A.7: explicit VR little endian, deflated; pixel data is referenced by URL
        Dataset ds = sample();
        ds.remove(Tag.PixelData);
        ds.put(Element.of(0x00287FE0, VR.UR, ascii("http://h/jp2"))); // PixelDataProviderURL
        for (TransferSyntax ts : List.of(JPIP_DEFLATE, JPIP_HTJ2K_DEFLATE)) {
            byte[] bytes = write(ds, ts);

            assertThat(ts.deflated()).as(ts.name()).isTrue();
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as(ts.name())
                    .doesNotContain("http://h/jp2");
            assertThat(describe(read(bytes).dataset())).as(ts.name()).isEqualTo(describe(ds));
        }
        assertThat(JPIP_DEFLATE.name()).isEqualTo("JPIP Referenced Deflate");
        assertThat(PAPYRUS.explicitVR() || PAPYRUS.encapsulated()).isFalse();
    }

    @Test
    void namesTheEncapsulatedSyntaxesOfPs35AnnexA() {
        assertThat(TransferSyntax.find("1.2.840.10008.1.2.1.98").map(TransferSyntax::name))
                .contains("Encapsulated Uncompressed Explicit VR Little Endian");
        assertThat(TransferSyntax.find("1.2.840.10008.1.2.4.112").map(TransferSyntax::name))
                .contains("JPEG XL");
        assertThat(TransferSyntax.find("1.2.840.10008.1.2.4.202").orElseThrow().encapsulated())
                .isTrue();
    }

    @Test
    void deflatesTheDataSetToAnEvenLength() throws IOException {
        Dataset ds = sample();
        ds.put(Element.of(0x00091001, VR.OB, new byte[10_000]));

        byte[] deflated = write(ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] plain = write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(deflated.length).isLessThan(plain.length / 4);
        assertThat(deflated.length % 2).isZero();
        assertThat(read(deflated).dataset().get(0x00091001).bytes()).hasSize(10_000);
    }
}
