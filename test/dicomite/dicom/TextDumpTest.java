// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static dicomite.dicom.Part10Bytes.UNDEFINED;
import static dicomite.dicom.Part10Bytes.ascii;
import static dicomite.dicom.Part10Bytes.le16;
import static dicomite.dicom.Part10ReaderTest.EXPLICIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDumpTest {

    private static String dump(byte[] bytes, boolean stop) throws IOException {
        Part10 file = new Part10Reader(new ByteArrayInputStream(bytes))
                .withStopBeforePixelData(stop).read();
        StringBuilder out = new StringBuilder();
        TextDump.print(file, out);
        return out.toString();
    }

    private static String lineWith(String dump, String text) {
        return Arrays.stream(dump.split("\n")).filter(line -> line.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + text + " in\n" + dump));
    }

    @Test
    void printsOffsetTagVRLengthKeywordAndValueOnOneLine() throws IOException {
        Part10Bytes b = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT);
        int offset = b.size();
        byte[] bytes = b.explicit(Tag.PatientName, "PN", ascii("Doe^John")).bytes();

        String line = lineWith(dump(bytes, false), "(0010,0010)");

        assertThat(line).matches(String.format(
                "%08X \\(0010,0010\\) PN +8 +PatientName +Doe\\^John", offset));
    }

    @Test
    void printsHeadingsForMetaAndDataSet() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(Tag.PatientID, "LO", ascii("ID")).bytes();

        List<String> lines = List.of(dump(bytes, false).split("\n"));

        assertThat(lines.get(0)).isEqualTo("# Preamble: yes");
        assertThat(lines).contains("# Data set: 1.2.840.10008.1.2.1 (Explicit VR Little Endian)");
        assertThat(lineWith(String.join("\n", lines), "(0002,0010)"))
                .contains("TransferSyntaxUID").endsWith("(Explicit VR Little Endian)");
    }

    @Test
    void indentsItemsAndTheirElements() throws IOException {
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .raw(Part10ReaderTest.nestedSequences()).bytes();

        String dump = dump(bytes, false);

        assertThat(lineWith(dump, "(0008,1115)")).contains("SQ").contains("u/l")
                .endsWith("1 item");
        assertThat(lineWith(dump, "(FFFE,E000) item 1 of 1")).startsWith("  0");
        assertThat(lineWith(dump, "(0028,0010)")).startsWith("    0").endsWith("7");
        assertThat(lineWith(dump, "(0040,A730)")).startsWith("        0").endsWith("2 items");
        assertThat(lineWith(dump, "item 2 of 2")).startsWith("          -------- (FFFE,E000)");
        assertThat(lineWith(dump, "(0010,0020)")).startsWith("            0").endsWith("DEEP");
    }

    @Test
    void listsFragmentsWithOffsetsAndLengths() throws IOException {
        Part10Bytes b = Part10Bytes.littleEndian()
                .preambleAndMeta(TransferSyntax.JPEG_BASELINE.uid());
        int offset = b.size();
        byte[] bytes = b.explicitHeader(Tag.PixelData, "OB", UNDEFINED).item(new byte[0])
                .item(new byte[] {1, 2, 3, 4}).sequenceEnd().bytes();

        String dump = dump(bytes, false);

        assertThat(lineWith(dump, "(7FE0,0010)")).endsWith("1 fragment");
        assertThat(lineWith(dump, "basic offset table")).isEqualTo(String.format(
                "  %08X (FFFE,E000) basic offset table, 0 bytes", offset + 12));
        assertThat(lineWith(dump, "fragment 1,")).isEqualTo(String.format(
                "  %08X (FFFE,E000) fragment 1, 4 bytes: 01 02 03 04", offset + 20));
    }

    @Test
    void decodesTextWithTheCharacterSetInForceIncludingInItems() throws IOException {
        byte[] name = "M\u00fcller^J\u00f6rg".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(Tag.SpecificCharacterSet, "CS", ascii("ISO_IR 192"))
                .explicitHeader(Part10ReaderTest.SQ_A, "SQ", UNDEFINED).item(UNDEFINED)
                .explicit(Tag.ReferringPhysicianName, "PN", name).itemEnd().sequenceEnd()
                .explicit(Tag.PatientName, "PN", name).bytes();

        String dump = dump(bytes, false);

        assertThat(lineWith(dump, "(0010,0010)")).endsWith("M\u00fcller^J\u00f6rg");
        assertThat(lineWith(dump, "(0008,0090)")).endsWith("M\u00fcller^J\u00f6rg");
    }

    @Test
    void showsNumbersTagsUIDNamesAndShortenedBulkAndText() throws IOException {
        byte[] longText = new byte[100];
        Arrays.fill(longText, (byte) 'x');
        byte[] bulk = new byte[20];
        for (int i = 0; i < bulk.length; i++) {
            bulk[i] = (byte) i;
        }
        byte[] bytes = Part10Bytes.littleEndian().preambleAndMeta(EXPLICIT)
                .explicit(Tag.SOPClassUID, "UI", Part10Bytes.uid("1.2.840.10008.5.1.4.1.1.2"))
                .explicit(Tag.StudyDescription, "LO", longText)
                .explicit(0x00280009, "AT", new byte[] {0x54, 0x00, 0x10, 0x00})
                .explicit(Tag.Rows, "US", le16(1, 2, 3))
                .explicit(0x00091001, "OB", bulk)
                .explicit(0x00091002, "OB", new byte[0]).bytes();

        String dump = dump(bytes, false);

        assertThat(lineWith(dump, "(0008,0016)")).endsWith("1.2.840.10008.5.1.4.1.1.2"
                + " (CT Image Storage)");
        assertThat(lineWith(dump, "(0008,1030)")).endsWith("x".repeat(64) + "\u2026");
        assertThat(lineWith(dump, "(0028,0009)")).endsWith("(0054,0010)");
        assertThat(lineWith(dump, "(0028,0010)")).endsWith("1\\2\\3");
        assertThat(lineWith(dump, "(0009,1001)")).contains("(private)")
                .endsWith("00 01 02 03 04 05 06 07 \u2026");
        assertThat(lineWith(dump, "(0009,1002)")).endsWith("(empty)");
    }

    @Test
    void notesWhereReadingStoppedBeforePixelData() throws IOException {
        byte[] bytes = Part10ReaderTest.imageWithTrailer(Tag.PixelData, "OW");
        int offset = Part10ReaderTest.offsetOf(bytes, Tag.PixelData);

        String dump = dump(bytes, true);

        assertThat(dump).endsWith(String.format("# Stopped before pixel data at offset %08X%n",
                offset));
        assertThat(dump).doesNotContain("(7FE0,0010)");
    }

    @Test
    void marksElementsMadeInMemoryWithoutOffset() throws IOException {
        Dataset ds = new Dataset();
        ds.putString(Tag.PatientID, VR.LO, "MEM");
        ds.put(Element.sequence(Part10ReaderTest.SQ_A, List.of()));
        Part10 file = new Part10(new Dataset(), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                false, -1);
        StringBuilder out = new StringBuilder();

        TextDump.print(file, out);

        assertThat(lineWith(out.toString(), "(0010,0020)")).startsWith("-------- ")
                .endsWith("MEM");
        assertThat(lineWith(out.toString(), "(0008,1115)")).contains(" u/l ")
                .endsWith("0 items");
    }
}
