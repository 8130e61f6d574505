// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static dicomite.dicom.Part10Bytes.UNDEFINED;
import static dicomite.dicom.Part10Bytes.ascii;
import static dicomite.dicom.Part10Bytes.le16;
import static dicomite.dicom.Part10ReaderTest.EXPLICIT;
import static dicomite.dicom.Part10ReaderTest.IMPLICIT;
import static dicomite.dicom.Part10ReaderTest.SQ_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Part10Reader on malformed, truncated and non-DICOM input: always a clear DicomParseException. */
class Part10ReaderErrorsTest {

    private static Part10 read(byte[] bytes) throws IOException {
        return new Part10Reader(new ByteArrayInputStream(bytes)).read();
    }

    private static Part10 stream(byte[] bytes) throws IOException {
        return new Part10Reader(Part10Bytes.streaming(bytes)).read();
    }

    @Test
    void rejectsHugeLengthAgainstKnownInputSize() {
        Part10Bytes b = Part10Bytes.littleEndian().preambleAndMeta(IMPLICIT);
        int offset = b.size();
        byte[] bytes = b.implicitHeader(Tag.PatientName, 0xFFFFFFF0L).raw(new byte[8]).bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessage("Length 0xFFFFFFF0 of (0010,0010) at offset 0x%X exceeds the 8"
                        + " bytes left", offset);
    }

    @Test
    void reportsBytesReadWhenStreamEndsInsideValue() {
        Part10Bytes b = Part10Bytes.littleEndian().preambleAndMeta(IMPLICIT);
        int offset = b.size();
        byte[] bytes = b.implicitHeader(Tag.PatientName, 200).raw(new byte[8]).bytes();

        assertThatThrownBy(() -> stream(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessage("File ends inside (0010,0010) at offset 0x%X: 8 of 200 value bytes"
                        + " read", offset);
    }

    @Test
    void streamsHugeDeclaredLengthWithoutAllocatingIt() {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(IMPLICIT)
                .implicitHeader(Tag.PatientName, 0x7FFFFFF0L).raw(new byte[300]).bytes();

        assertThatThrownBy(() -> stream(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("300 of 2147483632 value bytes read");
    }

    @Test
    void rejectsLengthBeyondTwoGibibytesWhileStreaming() {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicitHeader(0x00091001, "OB", 0xFFFFFFF0L).raw(new byte[300]).bytes();

        assertThatThrownBy(() -> stream(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("Length 0xFFFFFFF0 of (0009,1001)")
                .hasMessageContaining("2 GiB");
    }

    @Test
    void rejectsEmptyTextAndImageInput() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I',
            'H', 'D', 'R', 0, 0, 1, 0};
        byte[] text = ascii("Hello, this is a plain text file and certainly no DICOM.\n");

        assertThatThrownBy(() -> read(new byte[0]))
                .hasMessage("Not a DICOM file: the input is empty");
        assertThatThrownBy(() -> read(png)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Not a DICOM file: no 'DICM' at offset 0x80")
                .hasMessageContaining("89 50 4E 47 0D 0A 1A 0A");
        assertThatThrownBy(() -> stream(text)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Not a DICOM file");
        assertThatThrownBy(() -> read(new byte[500])).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Not a DICOM file");
    }

    @Test
    void rejectsPreambleWithNothingAfter() {
        byte[] bytes = Part10Bytes.littleEndian().raw(new byte[128]).raw(ascii("DICM")).bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("offset 0x84");
    }

    @Test
    void rejectsInvalidVRNamingTagAndOffset() {
        Part10Bytes b = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT);
        int offset = b.size();
        byte[] bytes = b.raw(new byte[] {0x10, 0, 0x10, 0, 1, 2, 4, 0, 'A', 'B', 'C', 'D'})
                .bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Invalid VR 0x0102 of (0010,0010) at offset 0x%X"
                        .formatted(offset));
    }

    @Test
    void rejectsItemRunningPastItsSequence() {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicitHeader(SQ_A, "SQ", 16).item(100).raw(new byte[200]).bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("Length 0x00000064 of (FFFE,E000)")
                .hasMessageContaining("where its item or sequence ends");
    }

    @Test
    void rejectsElementRunningPastItsItem() {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicitHeader(SQ_A, "SQ", UNDEFINED).item(10)
                .explicit(Tag.PatientID, "LO", ascii("ABCDEFGH")).sequenceEnd().bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(0010,0020)").hasMessageContaining("ends");
    }

    @Test
    void rejectsSequenceDelimiterWhereItemDelimiterBelongs() {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicitHeader(SQ_A, "SQ", UNDEFINED).item(UNDEFINED)
                .explicit(Tag.PatientID, "LO", ascii("AB")).sequenceEnd().bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Unexpected (FFFE,E0DD) at offset 0x");
    }

    @Test
    void rejectsDelimiterAtTopLevel() {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT).itemEnd().bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Unexpected (FFFE,E00D) at offset 0x");
    }

    @Test
    void rejectsNonItemInSequence() {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicitHeader(SQ_A, "SQ", UNDEFINED)
                .explicit(Tag.PatientID, "LO", ascii("AB")).sequenceEnd().bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Expected an item (FFFE,E000) in (0008,1115)");
    }

    @Test
    void rejectsUndefinedLengthOfPlainVR() {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicitHeader(0x00091001, "OB", UNDEFINED).sequenceEnd().bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Undefined length is not allowed for (0009,1001) of VR OB");
    }

    @Test
    void rejectsEncapsulatedPixelDataWithoutOffsetTableItem() {
        byte[] bytes = Part10Bytes.littleEndian()
                .preambleAndMeta(TransferSyntax.JPEG_BASELINE.uid())
                .explicitHeader(Tag.PixelData, "OB", UNDEFINED).sequenceEnd().bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("has no basic offset table item");
    }

    @Test
    void rejectsFragmentOfUndefinedLength() {
        byte[] bytes = Part10Bytes.littleEndian()
                .preambleAndMeta(TransferSyntax.JPEG_BASELINE.uid())
                .explicitHeader(Tag.PixelData, "OB", UNDEFINED).item(UNDEFINED).bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Expected a fragment item (FFFE,E000) of defined length");
    }

    @Test
    void rejectsCorruptDeflatedData() {
        byte[] bytes = Part10Bytes.littleEndian()
                .preambleAndMeta(Part10ReaderTest.DEFLATED)
                .raw(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3}).bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("Deflated data set at offset 0x");
    }

    /** A deflated data set of one OB value of {@code size} zero bytes: about 1000:1. */
    private static byte[] deflateBomb(long size) throws IOException {
        Part10Bytes head = Part10Bytes.littleEndian().preambleAndMeta(Part10ReaderTest.DEFLATED);
        byte[] header = Part10Bytes.littleEndian()
                .explicitHeader(0x00420011, "OB", size).bytes(); // EncapsulatedDocument
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, deflater)) {
            out.write(header);
            byte[] zeros = new byte[1 << 20];
            for (long left = size; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        } finally {
            deflater.end();
        }
        return head.raw(compressed.toByteArray()).bytes();
    }

    @Test
    void rejectsADeflateBombOnceItInflatesPastTheBoundNamingTheOffset() throws IOException {
        // PS3.5 §A.5: 66 KB that inflate to 66 MiB; reading stops at 64 MiB, before the value is
        // whole, as 100 times the compressed size is under the 64 MiB floor
        byte[] bomb = deflateBomb(66L << 20);
        int start = Part10Bytes.littleEndian().preambleAndMeta(Part10ReaderTest.DEFLATED).size();
        String message = String.format("Deflated data set at offset 0x%X inflates past 67108864"
                + " bytes (inflated offset 0x%X) from ", start, start + (64L << 20));

        assertThat(bomb.length).isLessThan(200_000);
        assertThatThrownBy(() -> read(bomb)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith(message)
                .hasMessageEndingWith("compressed bytes; the limit is 100 inflated bytes per"
                        + " compressed byte, at least 64 MiB and at most 1024 MiB");
        assertThatThrownBy(() -> stream(bomb)).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith(message);
        assertThatThrownBy(() -> new Part10Reader(new ByteArrayInputStream(bomb))
                .withStopBeforePixelData(true).read()).isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void readsADeflatedDataSetThatInflatesToTheFloorWhateverItsRatio() throws IOException {
        Dataset ds = read(deflateBomb(8L << 20)).dataset();

        assertThat(ds.get(0x00420011).bytes()).hasSize(8 << 20);
    }

    private static Part10Bytes nested(int levels) {
        Part10Bytes b = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT);
        for (int i = 0; i < levels; i++) {
            b.explicitHeader(SQ_A, "SQ", UNDEFINED).item(UNDEFINED);
        }
        b.explicit(Tag.PatientID, "LO", ascii("IN"));
        for (int i = 0; i < levels; i++) {
            b.itemEnd().sequenceEnd();
        }
        return b;
    }

    @Test
    void readsSequencesNestedSixtyFourDeep() throws IOException {
        Dataset ds = read(nested(DatasetParser.MAX_DEPTH).bytes()).dataset();

        for (int i = 0; i < DatasetParser.MAX_DEPTH; i++) {
            ds = ds.get(SQ_A).items().get(0);
        }
        assertThat(ds.getString(Tag.PatientID, "")).isEqualTo("IN");
    }

    @Test
    void rejectsSequencesNestedDeeperThanSixtyFour() {
        byte[] bytes = nested(DatasetParser.MAX_DEPTH + 1).bytes();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(0008,1115)").hasMessageContaining("nested more than 64");
    }

    @Test
    void rejectsFileCutInsideMetaAtElementBoundary() {
        byte[] full = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT).bytes();
        byte[] cut = Arrays.copyOf(full, full.length - 28); // drops (0002,0010)

        assertThatThrownBy(() -> read(cut)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("group length (0002,0000)");
    }

    /** A file with meta, nested sequences, private and odd values, and encapsulated pixels. */
    private static byte[] richFile(String ts) {
        return Part10Bytes.littleEndian().preambleAndMeta(ts)
                .explicit(Tag.SpecificCharacterSet, "CS", ascii("ISO_IR 100"))
                .raw(Part10ReaderTest.nestedSequences())
                .explicit(Tag.PatientName, "PN", ascii("Doe^Jo"))
                .explicit(0x00090010, "LO", ascii("ACME"))
                .explicitHeader(0x00091001, "UN", UNDEFINED).item(UNDEFINED)
                .implicit(Tag.PatientID, ascii("ODD")).itemEnd().sequenceEnd()
                .explicit(Tag.Rows, "US", le16(2))
                .explicitHeader(Tag.PixelData, "OB", UNDEFINED).item(new byte[0])
                .item(new byte[] {1, 2, 3, 4}).sequenceEnd().bytes();
    }

    private static Set<Long> cleanCutPoints(byte[] full, String ts) throws IOException {
        Part10 file = read(full);
        Set<Long> points = new HashSet<>();
        file.dataset().elements().forEach(e -> points.add(e.offset()));
        points.add((long) full.length);
        points.add((long) Part10Bytes.littleEndian().preambleAndMeta(ts).size());
        return points;
    }

    @Test
    void everyCutPointGivesParseErrorOrCleanReadAtElementBoundary() throws IOException {
        String ts = TransferSyntax.JPEG_BASELINE.uid();
        byte[] full = richFile(ts);
        Set<Long> clean = cleanCutPoints(full, ts);
        assertThat(read(full).dataset().size()).isEqualTo(7);
        for (int cut = 0; cut <= full.length; cut++) {
            byte[] part = Arrays.copyOf(full, cut);
            for (boolean known : new boolean[] {true, false}) {
                Throwable thrown = catchThrowable(() -> {
                    if (known) {
                        read(part);
                    } else {
                        stream(part);
                    }
                });
                if (thrown == null) {
                    assertThat(clean).as("clean read of cut %d", cut).contains((long) cut);
                } else {
                    assertThat(thrown).as("cut %d", cut).isInstanceOf(DicomParseException.class);
                }
            }
        }
    }

    @Test
    void everyCutPointOfDeflatedFileGivesParseErrorOrCleanRead() throws IOException {
        byte[] body = Arrays.copyOfRange(richFile(EXPLICIT), 132 + Part10Bytes.meta(EXPLICIT)
                .length, richFile(EXPLICIT).length);
        byte[] full = Part10Bytes.littleEndian().preambleAndMeta(Part10ReaderTest.DEFLATED)
                .raw(Part10Bytes.deflate(body)).bytes();
        assertThat(read(full).dataset().size()).isEqualTo(7);
        for (int cut = 0; cut < full.length; cut++) {
            byte[] part = Arrays.copyOf(full, cut);
            Throwable thrown = catchThrowable(() -> read(part));
            if (thrown != null) {
                assertThat(thrown).as("cut %d", cut).isInstanceOf(DicomParseException.class);
            }
        }
    }

    @Test
    void flippedBytesGiveParseErrorOrCleanReadNeverAnotherException() throws IOException {
        Random random = new Random(20240607);
        for (String ts : new String[] {EXPLICIT, IMPLICIT, Part10ReaderTest.BIG_ENDIAN}) {
            byte[] full = richFile(ts);
            for (int round = 0; round < 400; round++) {
                byte[] damaged = full.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    damaged[132 + random.nextInt(full.length - 132)] = (byte) random.nextInt();
                }
                assertParsesOrFailsCleanly(damaged, ts + " round " + round);
            }
        }
    }

    @Test
    void randomBytesGiveParseErrorOrCleanRead() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            byte[] noise = new byte[random.nextInt(400)];
            random.nextBytes(noise);
            assertParsesOrFailsCleanly(noise, "noise " + round);
            byte[] afterMeta = Part10Bytes.littleEndian()
                    .preambleAndMeta(round % 2 == 0 ? EXPLICIT : IMPLICIT).raw(noise).bytes();
            assertParsesOrFailsCleanly(afterMeta, "after meta " + round);
        }
    }

    private static void assertParsesOrFailsCleanly(byte[] bytes, String what) throws IOException {
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(bytes),
            Part10Bytes.streaming(bytes)}) {
            Throwable thrown = catchThrowable(() -> new Part10Reader(in).read());
            if (thrown != null) {
                assertThat(thrown).as(what).isInstanceOf(DicomParseException.class);
                assertThat(thrown.getMessage()).as(what).isNotBlank();
            }
        }
    }
}
