// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static dicomite.dicom.Part10Bytes.UNDEFINED;
import static dicomite.dicom.Part10Bytes.ascii;
import static dicomite.dicom.Part10Bytes.le16;
import static dicomite.dicom.Part10Bytes.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Part10Reader on well-formed input of every encoding; malformed input: Part10ReaderErrorsTest. */
class Part10ReaderTest {
    static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String BIG_ENDIAN = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();
    static final String DEFLATED = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid();
    static final int SQ_A = 0x00081115; // ReferencedSeriesSequence
    static final int SQ_B = 0x00081199; // ReferencedSOPSequence
    static final int SQ_C = 0x0040A730; // ContentSequence
    static final int PRIVATE = 0x00091010;

    static Part10 read(byte[] bytes) throws IOException {
        return new Part10Reader(new ByteArrayInputStream(bytes)).read();
    }

    @Test
    void readsExplicitLittleEndianFileWithPreambleAndMeta() throws IOException {
        Part10Bytes b = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT);
        int nameOffset = b.size();
        b.explicit(Tag.PatientName, "PN", ascii("Doe^John")).explicit(Tag.Rows, "US", le16(512));

        Part10 file = read(b.bytes());

        assertThat(file.hasPreamble()).isTrue();
        assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(file.fileMeta().getString(Tag.TransferSyntaxUID, "")).isEqualTo(EXPLICIT);
        assertThat(file.fileMeta().get(Tag.FileMetaInformationGroupLength).offset())
                .isEqualTo(132);
        Element name = file.dataset().get(Tag.PatientName);
        assertThat(name.vr()).isEqualTo(VR.PN);
        assertThat(name.offset()).isEqualTo(nameOffset);
        assertThat(name.length()).isEqualTo(8);
        assertThat(file.dataset().getString(Tag.PatientName, "")).isEqualTo("Doe^John");
        assertThat(file.dataset().findInt(Tag.Rows)).contains(512);
        assertThat(file.pixelDataOffset()).isEqualTo(-1);
    }

    @Test
    void readsImplicitLittleEndianWithDictionaryVRs() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(IMPLICIT)
                .implicit(Tag.PatientName, ascii("Doe^Jane"))
                .implicit(Tag.Rows, le16(256))
                .implicit(0x00090010, ascii("ACME 1.0"))
                .implicit(PRIVATE, new byte[] {1, 2})
                .bytes();

        Part10 file = read(bytes);

        assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(file.dataset().get(Tag.PatientName).vr()).isEqualTo(VR.PN);
        assertThat(file.dataset().get(Tag.Rows).vr()).isEqualTo(VR.US);
        assertThat(file.dataset().findInt(Tag.Rows)).contains(256);
        assertThat(file.dataset().get(0x00090010).vr()).isEqualTo(VR.LO);
        assertThat(file.dataset().get(PRIVATE).vr()).isEqualTo(VR.UN);
        assertThat(file.dataset().get(PRIVATE).bytes()).containsExactly(1, 2);
    }

    @Test
    void swapsBinaryValuesOfBigEndianToLittleEndian() throws IOException {
        byte[] body = Part10Bytes.bigEndian()
                .explicit(Tag.PatientName, "PN", ascii("AB"))
                .explicit(0x00280009, "AT", new byte[] {0x00, 0x28, 0x00, 0x09})
                .explicit(Tag.Rows, "US", new byte[] {0x02, 0x00})
                .explicit(0x00289001, "UL", new byte[] {1, 2, 3, 4})
                .explicit(0x00189087, "FD", new byte[] {0x3F, (byte) 0xF0, 0, 0, 0, 0, 0, 0})
                .explicit(0x00281201, "OW", new byte[] {0x12, 0x34, 0x56, 0x78})
                .explicit(0x00420011, "OB", new byte[] {1, 2, 3, 4})
                .bytes();
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(BIG_ENDIAN).raw(body).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.getString(Tag.PatientName, "")).isEqualTo("AB");
        assertThat(ds.get(0x00280009).bytes()).containsExactly(0x28, 0x00, 0x09, 0x00);
        assertThat(ds.findInt(Tag.Rows)).contains(512);
        assertThat(ds.get(0x00289001).bytes()).containsExactly(4, 3, 2, 1);
        assertThat(ds.get(0x00189087).bytes()).containsExactly(0, 0, 0, 0, 0, 0, 0xF0, 0x3F);
        assertThat(ds.get(0x00281201).bytes()).containsExactly(0x34, 0x12, 0x78, 0x56);
        assertThat(ds.get(0x00420011).bytes()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void readsBigEndianSequenceItems() throws IOException {
        byte[] body = Part10Bytes.bigEndian()
                .explicitHeader(SQ_A, "SQ", UNDEFINED).item(UNDEFINED)
                .explicit(Tag.Rows, "US", new byte[] {0x01, 0x00})
                .itemEnd().sequenceEnd().bytes();
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(BIG_ENDIAN).raw(body).bytes();

        Element sequence = read(bytes).dataset().get(SQ_A);

        assertThat(sequence.items()).hasSize(1);
        assertThat(sequence.items().get(0).findInt(Tag.Rows)).contains(256);
    }

    @Test
    void readsDeflatedDataSet() throws IOException {
        Part10Bytes head = Part10Bytes.littleEndian().preambleAndMeta(DEFLATED);
        int start = head.size();
        byte[] body = nestedSequences().explicit(Tag.PatientID, "LO", ascii("P1")).bytes();
        byte[] bytes = head.raw(Part10Bytes.deflate(body)).bytes();

        Part10 file = read(bytes);

        assertThat(file.transferSyntax().deflated()).isTrue();
        assertThat(file.dataset().getString(Tag.PatientID, "")).isEqualTo("P1");
        assertThat(file.dataset().get(SQ_A).items()).hasSize(1);
        assertThat(file.dataset().get(SQ_A).offset()).isEqualTo(start);
    }

    @Test
    void readsDeflatedDataSetWrappedInZlibHeader() throws IOException {
        byte[] body = Part10Bytes.littleEndian().explicit(Tag.PatientID, "LO", ascii("P2")).bytes();
        java.io.ByteArrayOutputStream zlib = new java.io.ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib, new Deflater())) {
            out.write(body);
        }
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(DEFLATED)
                .raw(zlib.toByteArray()).bytes();

        assertThat(read(bytes).dataset().getString(Tag.PatientID, "")).isEqualTo("P2");
    }

    @Test
    void readsEncapsulatedPixelDataWithBasicOffsetTable() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian()
                .preambleAndMeta(TransferSyntax.JPEG_BASELINE.uid())
                .explicitHeader(Tag.PixelData, "OB", UNDEFINED)
                .item(new byte[] {0, 0, 0, 0, 12, 0, 0, 0})
                .item(new byte[] {(byte) 0xFF, (byte) 0xD8})
                .item(new byte[] {(byte) 0xFF, (byte) 0xD9})
                .sequenceEnd().bytes();

        Element pixels = read(bytes).dataset().get(Tag.PixelData);

        assertThat(pixels.isEncapsulated()).isTrue();
        assertThat(pixels.vr()).isEqualTo(VR.OB);
        assertThat(pixels.length()).isEqualTo(Element.UNDEFINED_LENGTH);
        assertThat(pixels.fragments()).hasSize(3);
        assertThat(pixels.fragments().get(0)).containsExactly(0, 0, 0, 0, 12, 0, 0, 0);
        assertThat(pixels.fragments().get(2)).containsExactly(0xFF, 0xD9);
    }

    @Test
    void readsEncapsulatedPixelDataWithEmptyBasicOffsetTable() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian()
                .preambleAndMeta(TransferSyntax.RLE_LOSSLESS.uid())
                .explicitHeader(Tag.PixelData, "OB", UNDEFINED)
                .item(new byte[0])
                .item(new byte[] {1, 2, 3, 4})
                .sequenceEnd()
                .explicit(0xFFFCFFFC, "OB", new byte[2]).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(Tag.PixelData).fragments()).hasSize(2);
        assertThat(ds.get(Tag.PixelData).fragments().get(0)).isEmpty();
        assertThat(ds.get(Tag.PixelData).fragments().get(1)).containsExactly(1, 2, 3, 4);
        assertThat(ds.contains(0xFFFCFFFC)).isTrue();
    }

    @Test
    void readsExtendedOffsetTableAsOrdinaryElements() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian()
                .preambleAndMeta(TransferSyntax.JPEG_BASELINE.uid())
                .explicit(Tag.ExtendedOffsetTable, "OV", new byte[8])
                .explicit(Tag.ExtendedOffsetTableLengths, "OV", new byte[] {2, 0, 0, 0, 0, 0, 0, 0})
                .explicitHeader(Tag.PixelData, "OB", UNDEFINED)
                .item(new byte[0]).item(new byte[] {9, 9}).sequenceEnd().bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(Tag.ExtendedOffsetTable).vr()).isEqualTo(VR.OV);
        assertThat(ds.get(Tag.ExtendedOffsetTableLengths).bytes()[0]).isEqualTo((byte) 2);
        assertThat(ds.get(Tag.PixelData).fragments()).hasSize(2);
    }

    /** SQ_A (undefined) > item (undefined) > SQ_B (defined) > item (defined) > SQ_C (undefined). */
    static Part10Bytes nestedSequences() {
        byte[] itemC = Part10Bytes.littleEndian()
                .explicit(Tag.PatientID, "LO", ascii("DEEP")).bytes();
        byte[] sequenceC = Part10Bytes.littleEndian().explicitHeader(SQ_C, "SQ", UNDEFINED)
                .item(itemC).item(new byte[0]).sequenceEnd().bytes();
        byte[] itemB = Part10Bytes.littleEndian().raw(sequenceC).bytes();
        byte[] sequenceB = Part10Bytes.littleEndian().explicitHeader(SQ_B, "SQ", 8 + itemB.length)
                .item(itemB).bytes();
        return Part10Bytes.littleEndian().explicitHeader(SQ_A, "SQ", UNDEFINED).item(UNDEFINED)
                .explicit(Tag.Rows, "US", le16(7)).raw(sequenceB).itemEnd().sequenceEnd();
    }

    @Test
    void readsSequencesOfBothLengthKindsNestedThreeDeep() throws IOException {
        Part10Bytes b = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT);
        int start = b.size();
        byte[] bytes = b.raw(nestedSequences()).explicit(Tag.PatientName, "PN", ascii("X^Y"))
                .bytes();

        Dataset ds = read(bytes).dataset();

        Element a = ds.get(SQ_A);
        assertThat(a.length()).isEqualTo(Element.UNDEFINED_LENGTH);
        Dataset itemA = a.items().get(0);
        assertThat(itemA.findInt(Tag.Rows)).contains(7);
        assertThat(itemA.get(Tag.Rows).offset()).isEqualTo(start + 12 + 8);
        Element b2 = itemA.get(SQ_B);
        assertThat(b2.length()).isPositive();
        Element c = b2.items().get(0).get(SQ_C);
        assertThat(c.items()).hasSize(2);
        assertThat(c.items().get(0).getString(Tag.PatientID, "")).isEqualTo("DEEP");
        assertThat(c.items().get(1).isEmpty()).isTrue();
        assertThat(c.items().get(0).parent()).isSameAs(b2.items().get(0));
        assertThat(ds.getString(Tag.PatientName, "")).isEqualTo("X^Y");
    }

    @Test
    void readsImplicitSequencesOfBothLengthKinds() throws IOException {
        byte[] inner = Part10Bytes.littleEndian().implicit(Tag.PatientID, ascii("IN")).bytes();
        byte[] definedItem = Part10Bytes.littleEndian().item(inner).bytes();
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(IMPLICIT)
                .implicitHeader(SQ_A, UNDEFINED).item(UNDEFINED)
                .implicitHeader(SQ_B, definedItem.length).raw(definedItem)
                .itemEnd().sequenceEnd().bytes();

        Dataset ds = read(bytes).dataset();

        Element b = ds.get(SQ_A).items().get(0).get(SQ_B);
        assertThat(b.vr()).isEqualTo(VR.SQ);
        assertThat(b.items().get(0).getString(Tag.PatientID, "")).isEqualTo("IN");
    }

    @Test
    void readsImplicitUndefinedLengthElementAsSequence() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(IMPLICIT)
                .implicitHeader(PRIVATE, UNDEFINED).item(UNDEFINED)
                .implicit(Tag.PatientID, ascii("PV")).itemEnd().sequenceEnd()
                .implicit(Tag.Rows, le16(3)).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(PRIVATE).vr()).isEqualTo(VR.SQ);
        assertThat(ds.get(PRIVATE).items().get(0).getString(Tag.PatientID, "")).isEqualTo("PV");
        assertThat(ds.findInt(Tag.Rows)).contains(3);
    }

    @Test
    void readsAKnownAttributeWrittenAsUNWithItsDictionaryVR() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(Tag.SOPClassUID, "UN", uid("1.2.840.10008.5.1.4.1.1.481.2"))
                .explicit(Tag.Rows, "UN", le16(512))
                .explicit(PRIVATE, "UN", new byte[] {1, 2}).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(Tag.SOPClassUID).vr()).isEqualTo(VR.UI);
        assertThat(ds.getString(Tag.SOPClassUID, "")).isEqualTo("1.2.840.10008.5.1.4.1.1.481.2");
        assertThat(ds.get(Tag.Rows).vr()).isEqualTo(VR.US);
        assertThat(ds.findInt(Tag.Rows)).contains(512);
        assertThat(ds.get(PRIVATE).vr()).isEqualTo(VR.UN);
    }

    @Test
    void aKnownSequenceWrittenAsUNOfDefinedLengthStaysUNEvenWhenItsItemsDoNotParse()
            throws IOException {
        byte[] value = {1, 2, 3, 4, 5, 6}; // not items at all
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(0x00081115, "UN", value) // Referenced Series Sequence
                .explicit(Tag.PatientID, "LO", ascii("P1")).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(0x00081115).vr()).isEqualTo(VR.UN);
        assertThat(ds.get(0x00081115).bytes()).isEqualTo(value);
        assertThat(ds.getString(Tag.PatientID, "")).isEqualTo("P1");
    }

    @Test
    void aKnownAttributeWrittenAsUNInBigEndianKeepsItsLittleEndianValue() throws IOException {
        byte[] body = Part10Bytes.bigEndian().explicit(Tag.Rows, "UN", le16(300))
                .explicit(Tag.Columns, "US", new byte[] {0x01, 0x00}).bytes();
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(BIG_ENDIAN).raw(body).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.findInt(Tag.Rows)).contains(300);
        assertThat(ds.findInt(Tag.Columns)).contains(256);
    }

    @Test
    void readsUndefinedLengthUNAsSequenceInImplicitVR() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicitHeader(PRIVATE, "UN", UNDEFINED).item(UNDEFINED)
                .implicit(Tag.PatientID, ascii("UN")).itemEnd().sequenceEnd()
                .explicit(Tag.Rows, "US", le16(4)).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(PRIVATE).items().get(0).get(Tag.PatientID).vr()).isEqualTo(VR.LO);
        assertThat(ds.findInt(Tag.Rows)).contains(4);
    }

    @Test
    void readsBareImplicitDataSetWithoutPreambleOrMeta() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian()
                .implicit(Tag.SpecificCharacterSet, ascii("ISO_IR 100"))
                .implicit(Tag.PatientName, ascii("Bare")).bytes();

        Part10 file = read(bytes);

        assertThat(file.hasPreamble()).isFalse();
        assertThat(file.fileMeta().isEmpty()).isTrue();
        assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(file.dataset().get(Tag.SpecificCharacterSet).offset()).isZero();
        assertThat(file.dataset().getString(Tag.PatientName, "")).isEqualTo("Bare");
    }

    @Test
    void readsBareExplicitDataSetsOfEitherByteOrder() throws IOException {
        byte[] little = Part10Bytes.littleEndian()
                .explicit(Tag.SpecificCharacterSet, "CS", ascii("ISO_IR 100"))
                .explicit(Tag.Rows, "US", le16(9)).bytes();
        byte[] big = Part10Bytes.bigEndian()
                .explicit(Tag.SpecificCharacterSet, "CS", ascii("ISO_IR 100"))
                .explicit(Tag.Rows, "US", new byte[] {0, 9}).bytes();

        Part10 le = read(little);
        Part10 be = read(big);

        assertThat(le.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(be.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        assertThat(le.dataset().findInt(Tag.Rows)).contains(9);
        assertThat(be.dataset().findInt(Tag.Rows)).contains(9);
    }

    @Test
    void readsDicmPrefixWithoutPreamble() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().raw(ascii("DICM"))
                .raw(Part10Bytes.meta(EXPLICIT))
                .explicit(Tag.PatientID, "LO", ascii("NP")).bytes();

        Part10 file = read(bytes);

        assertThat(file.hasPreamble()).isFalse();
        assertThat(file.fileMeta().get(Tag.FileMetaInformationGroupLength).offset()).isEqualTo(4);
        assertThat(file.dataset().getString(Tag.PatientID, "")).isEqualTo("NP");
    }

    @Test
    void detectsEncodingWhenMetaLacksTransferSyntax() throws IOException {
        byte[] meta = Part10Bytes.littleEndian()
                .explicit(Tag.FileMetaInformationGroupLength, "UL", Part10Bytes.le32(14))
                .explicit(Tag.FileMetaInformationVersion, "OB", new byte[] {0, 1}).bytes();
        byte[] bytes = Part10Bytes.littleEndian().raw(new byte[128]).raw(ascii("DICM")).raw(meta)
                .implicit(Tag.PatientID, ascii("IM")).bytes();

        Part10 file = read(bytes);

        assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(file.dataset().getString(Tag.PatientID, "")).isEqualTo("IM");
    }

    @Test
    void keepsOddLengthAndZeroLengthValues() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(Tag.PatientName, "PN", new byte[0])
                .explicit(Tag.PatientID, "LO", ascii("ABC"))
                .explicitHeader(SQ_A, "SQ", 0)
                .explicit(0x00091001, "OB", new byte[] {5}).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(Tag.PatientName).bytes()).isEmpty();
        assertThat(ds.get(Tag.PatientID).bytes()).isEqualTo(ascii("ABC"));
        assertThat(ds.get(Tag.PatientID).length()).isEqualTo(3);
        assertThat(ds.get(SQ_A).items()).isEmpty();
        assertThat(ds.get(0x00091001).bytes()).containsExactly(5);
    }

    @Test
    void readsUnknownVRWithLongHeaderAsUN() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .unknownVRHeader(PRIVATE, "ZZ", 3).raw(new byte[] {7, 8, 9})
                .explicit(Tag.PatientID, "LO", ascii("OK")).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(PRIVATE).vr()).isEqualTo(VR.UN);
        assertThat(ds.get(PRIVATE).bytes()).containsExactly(7, 8, 9);
        assertThat(ds.getString(Tag.PatientID, "")).isEqualTo("OK");
    }

    @Test
    void reportsPixelDataOffsetAfterReadingAll() throws IOException {
        Part10Bytes b = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(Tag.Rows, "US", le16(2));
        int offset = b.size();
        byte[] bytes = b.explicit(Tag.PixelData, "OW", new byte[8]).bytes();

        Part10 file = read(bytes);

        assertThat(file.pixelDataOffset()).isEqualTo(offset);
        assertThat(file.dataset().get(Tag.PixelData).offset()).isEqualTo(offset);
    }

    static byte[] imageWithTrailer(int pixelTag, String vr) {
        return Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .raw(nestedSequences())
                .explicit(Tag.Rows, "US", le16(2))
                .explicit(pixelTag, vr, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .explicit(0xFFFCFFFC, "OB", new byte[4]).bytes();
    }

    static int offsetOf(byte[] bytes, int tag) {
        byte[] le = {(byte) (tag >> 16), (byte) (tag >> 24), (byte) tag, (byte) (tag >> 8)};
        for (int i = 132; i + 4 <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + 4, le, 0, 4)) {
                return i;
            }
        }
        throw new AssertionError("no " + Tag.toString(tag));
    }

    @Test
    void stopsBeforePixelDataLeavingStreamAtItsTag() throws IOException {
        byte[] bytes = imageWithTrailer(Tag.PixelData, "OW");
        InputStream in = new ByteArrayInputStream(bytes);

        Part10 file = new Part10Reader(in).withStopBeforePixelData(true).read();

        assertThat(file.pixelDataOffset()).isEqualTo(offsetOf(bytes, Tag.PixelData));
        assertThat(file.dataset().contains(Tag.PixelData)).isFalse();
        assertThat(file.dataset().contains(0xFFFCFFFC)).isFalse();
        assertThat(file.dataset().findInt(Tag.Rows)).contains(2);
        byte[] rest = in.readAllBytes();
        assertThat(rest).startsWith(0xE0, 0x7F, 0x10, 0x00);
        assertThat(rest).hasSize(bytes.length - (int) file.pixelDataOffset());
    }

    @Test
    void stopsBeforePixelDataInBufferedStreamBeyondOneBlock() throws IOException {
        Part10Bytes b = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(0x00091001, "OB", new byte[100_001 + 1])
                .explicit(0x00091002, "OB", new byte[70_000]);
        int offset = b.size();
        byte[] bytes = b.explicit(Tag.PixelData, "OB", new byte[200_000]).bytes();
        InputStream in = new BufferedInputStream(Part10Bytes.streaming(bytes), 4096);

        Part10 file = new Part10Reader(in).withStopBeforePixelData(true).read();

        assertThat(file.pixelDataOffset()).isEqualTo(offset);
        assertThat(file.dataset().get(0x00091002).bytes()).hasSize(70_000);
        assertThat(in.readNBytes(4)).containsExactly(0xE0, 0x7F, 0x10, 0x00);
    }

    @Test
    void stopsBeforeFloatPixelDataToo() throws IOException {
        byte[] bytes = imageWithTrailer(Tag.FloatPixelData, "OF");

        Part10 file = new Part10Reader(Part10Bytes.streaming(bytes))
                .withStopBeforePixelData(true).read();

        assertThat(file.pixelDataOffset()).isEqualTo(offsetOf(bytes, Tag.FloatPixelData));
        assertThat(file.dataset().contains(Tag.FloatPixelData)).isFalse();
    }

    @Test
    void doesNotStopAtPixelDataInsideAnItem() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicitHeader(0x00880200, "SQ", UNDEFINED).item(UNDEFINED)
                .explicit(Tag.PixelData, "OB", new byte[] {1, 2}).itemEnd().sequenceEnd()
                .explicit(Tag.PatientID, "LO", ascii("IC")).bytes();

        Part10 file = new Part10Reader(new ByteArrayInputStream(bytes))
                .withStopBeforePixelData(true).read();

        assertThat(file.pixelDataOffset()).isEqualTo(-1);
        assertThat(file.dataset().getString(Tag.PatientID, "")).isEqualTo("IC");
    }

    @Test
    void readsFileFromPath(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("one.dcm");
        Files.write(path, imageWithTrailer(Tag.PixelData, "OW"));

        Part10 file = Part10Reader.read(path);

        assertThat(file.dataset().get(Tag.PixelData).bytes()).hasSize(8);
        assertThat(file.dataset().contains(0xFFFCFFFC)).isTrue();
    }

    @Test
    void readsElementsInTagOrderWhateverTheFileOrder() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(Tag.PatientID, "LO", ascii("B1"))
                .explicit(Tag.PatientName, "PN", ascii("A1")).bytes();

        List<Integer> tags = read(bytes).dataset().elements().stream().map(Element::tag).toList();

        assertThat(tags).containsExactly(Tag.PatientName, Tag.PatientID);
    }

    @Test
    void keepsUIDPaddingInValueBytes() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(Tag.SOPInstanceUID, "UI", uid("1.2.3")).bytes();

        Dataset ds = read(bytes).dataset();

        assertThat(ds.get(Tag.SOPInstanceUID).bytes()).hasSize(6).endsWith(0);
        assertThat(ds.getString(Tag.SOPInstanceUID, "")).isEqualTo("1.2.3");
    }

    @Test
    void failsWithPathInMessageForBadFile(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("text.dcm");
        Files.writeString(path, "just some text that is not DICOM at all, really");

        assertThatThrownBy(() -> Part10Reader.read(path))
                .isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith(path + ": Not a DICOM file");
    }
}
