// SPDX-License-Identifier: MIT
package dicomite.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dicomite.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every fixture (fixtures/README.md) and checks the result against dcmtk: our DICOM JSON
 * (PS3.18 Annex F, bulk data inline) must match dcm2json's up to the normalisations listed in
 * {@link FixtureJsonDiff}, and encapsulated pixel data (PS3.5 §A.4) must have the items dcmdump
 * shows. Invalid fixtures must fail with a {@link DicomParseException} and nothing else. Tests
 * needing dcmtk are skipped when it is not installed; the rest need only the files.
 */
class FixtureOracleTest {
    private static final DicomJson.Options INLINE =
            new DicomJson.Options(DicomJson.BulkData.INLINE_BINARY, null);
    /**
     * Attribute paths where dcm2json 3.6.7 is wrong, left out of the comparison and checked
     * against known strings in the tests below instead:
     * <ul>
     *   <li>charset-changes-in-item: dcmtk converts the item with the data set's ISO_IR 100
     *       although the item declares ISO_IR 192 (PS3.5 §7.5.3), giving mojibake;</li>
     *   <li>charset-chinese-ir58: in the LO (not PN) value, dcmtk drops the ESC of the second
     *       designation ESC $ ) A and prints "$)A" as text.</li>
     * </ul>
     */
    private static final Map<String, Set<String>> DCMTK_FAULTS = Map.of(
            "charset-changes-in-item.dcm", Set.of("0040A730[0].0040A123"),
            "charset-chinese-ir58.dcm", Set.of("00081030"));
    private static final String UNSUPPORTED_CHARSET =
            "is not supported by the utilized character set conversion library";
    /** The element each invalid file's error must name, where there is one to name. */
    private static final Map<String, String> TAG_IN_ERROR = Map.of(
            "huge-length-explicit-vr.dcm", "(7FE0,0010)",
            "huge-length-implicit-vr.dcm", "(0010,0010)",
            "huge-sequence-length.dcm", "(0008,1115)",
            "truncated-in-dataset.dcm", "(0010,0010)",
            "truncated-in-pixel-data.dcm", "(7FE0,0010)");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> writesTheJsonDcm2jsonWritesForEveryReadableFixture() {
        assumeTrue(FixtureTools.find("dcm2json").isPresent(), "dcm2json (dcmtk) is not on PATH");
        return readableFixtures().map(f -> dynamicTest(label(f), () -> matchesDcm2json(f)));
    }

    private void matchesDcm2json(Path file) throws Exception {
        Part10 ours = Part10Reader.read(file);
        Element pixels = ours.dataset().get(Tag.PixelData);
        boolean encapsulated = pixels != null && pixels.isEncapsulated();
        // dcm2json refuses encapsulated pixel data, so it reads a copy without it.
        FixtureTools.Run run = FixtureTools.dcm2json(
                encapsulated ? FixtureTools.withoutPixelData(file, temp) : file);
        assumeFalse(run.stderr().contains(UNSUPPORTED_CHARSET),
                () -> "dcm2json cannot decode " + file + ": " + run.stderr().strip());
        assertThat(run.exitCode()).as("dcm2json on %s: %s", file, run.stderr()).isZero();
        Map<String, Object> json = new LinkedHashMap<>(parseObject(
                DicomJson.toJson(ours.dataset(), INLINE)));
        if (encapsulated) {
            json.remove("7FE00010");
            assertFragmentsMatchDcmdump(file, pixels);
        }
        Set<String> ignored = DCMTK_FAULTS.getOrDefault(file.getFileName().toString(), Set.of());
        assertThat(FixtureJsonDiff.compare(json, Json.parse(run.stdout()), ignored))
                .as("differences between our JSON and dcm2json's for %s", file).isEmpty();
    }

    private static void assertFragmentsMatchDcmdump(Path file, Element pixels) throws Exception {
        List<byte[]> expected = FixtureTools.dcmdumpFragments(file);
        assertThat(pixels.fragments()).as("items of (7FE0,0010) in %s", file)
                .hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(pixels.fragments().get(i)).as("item %d of (7FE0,0010) in %s", i, file)
                    .isEqualTo(expected.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseObject(String json) throws Exception {
        return (Map<String, Object>) Json.parse(json);
    }

    @TestFactory
    Stream<DynamicTest> rejectsEveryInvalidFixtureWithTheOffsetInTheMessage() {
        return FixtureTools.files("invalid").stream()
                .map(f -> dynamicTest(label(f), () -> rejects(f)));
    }

    private static void rejects(Path file) {
        String name = file.getFileName().toString();
        // An empty input has no offset to name; its message says it is empty instead.
        String where = name.equals("empty.dcm") ? "(?s).*empty.*" : "(?s).*0x[0-9A-Fa-f]+.*";
        assertThatThrownBy(() -> Part10Reader.read(file)).as("reading %s", file)
                .isInstanceOf(DicomParseException.class)
                .hasMessageMatching(where)
                .hasMessageContaining(TAG_IN_ERROR.getOrDefault(name, ""));
        // Read as a stream the reader cannot know the length of, and must still bound.
        assertThatThrownBy(() -> readStream(file, false)).as("streaming %s", file)
                .isInstanceOf(DicomParseException.class)
                .hasMessageMatching(where);
    }

    private static Part10 readStream(Path file, boolean stopBeforePixelData) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return new Part10Reader(in).withStopBeforePixelData(stopBeforePixelData).read();
        }
    }

    @TestFactory
    Stream<DynamicTest> stopsBeforePixelDataAtTheOffsetItReports() {
        return readableFixtures().map(f -> dynamicTest(label(f), () -> stopsBeforePixels(f)));
    }

    private static void stopsBeforePixels(Path file) throws IOException {
        Part10 whole = Part10Reader.read(file);
        Part10 head = readStream(file, true);
        assertThat(head.pixelDataOffset()).as("pixel data offset in %s", file)
                .isEqualTo(whole.pixelDataOffset());
        boolean hasPixels = whole.pixelDataOffset() >= 0;
        List<Integer> before = whole.dataset().elements().stream().map(Element::tag)
                .filter(t -> !hasPixels || Integer.compareUnsigned(t, Tag.FloatPixelData) < 0)
                .toList();
        assertThat(head.dataset().elements()).extracting(Element::tag)
                .as("tags read from %s", file).containsExactlyElementsOf(before);
        if (hasPixels && !whole.transferSyntax().deflated()) {
            assertThat(pixelTagAt(file, whole)).as("tag at the reported offset in %s", file)
                    .isIn(Tag.PixelData, Tag.FloatPixelData, Tag.DoubleFloatPixelData);
        }
    }

    private static int pixelTagAt(Path file, Part10 read) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int at = (int) read.pixelDataOffset();
        boolean big = read.transferSyntax().bigEndian();
        return u16(bytes, at, big) << 16 | u16(bytes, at + 2, big);
    }

    private static int u16(byte[] bytes, int at, boolean bigEndian) {
        int first = bytes[at] & 0xFF;
        int second = bytes[at + 1] & 0xFF;
        return bigEndian ? first << 8 | second : second << 8 | first;
    }

    static Stream<Arguments> namesInEachCharacterSet() {
        return Stream.of(
                arguments("charset-latin1.dcm", "Buc^Jérôme"),
                arguments("charset-utf8.dcm", "Wang^XiaoDong=王^小东="),
                arguments("charset-gb18030.dcm", "Wang^XiaoDong=王^小东="),
                arguments("charset-chinese-ir58.dcm", "Zhang^XiaoDong=张^小东="),
                arguments("charset-cyrillic.dcm", "Иванов^Пётр"),
                arguments("charset-greek.dcm", "Παπαδόπουλος^Γιώργος"),
                arguments("charset-japanese-ir13.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ"),
                arguments("charset-japanese-ir87.dcm",
                        "Yamada^Tarou=山田^太郎=やまだ^たろう"),
                arguments("charset-japanese-ir13-ir87.dcm",
                        "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
                arguments("charset-korean-ir149.dcm", "Hong^Gildong=洪^吉洞=홍^길동"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesInEachCharacterSet")
    void decodesPatientNameAndStudyDescriptionInTheDeclaredCharacterSet(String file,
            String expected) throws IOException {
        Dataset dataset = Part10Reader.read(FixtureTools.FIXTURES.resolve("valid/" + file))
                .dataset();
        assertThat(dataset.getString(Tag.PatientName, null)).isEqualTo(expected);
        assertThat(dataset.getString(Tag.StudyDescription, null)).isEqualTo(expected);
    }

    @Test
    void decodesAnItemInTheCharacterSetItDeclares() throws Exception {
        Path file = FixtureTools.FIXTURES.resolve("edge_cases/charset-changes-in-item.dcm");
        Dataset dataset = Part10Reader.read(file).dataset();
        Dataset item = dataset.get(0x0040A730).items().get(0);
        assertThat(dataset.getString(Tag.PatientName, null)).isEqualTo("Buc^Jérôme");
        assertThat(item.getString(0x0040A123, null)).isEqualTo("Wang^XiaoDong=王^小东=");
        assertThat(DicomJson.toJson(dataset, INLINE))
                .contains("\"Alphabetic\":\"Wang^XiaoDong\"", "\"Ideographic\":\"王^小东\"");
    }

    @Test
    void fixturesStaySmallAndEachIsDescribedInTheReadme() throws IOException {
        String readme = Files.readString(FixtureTools.FIXTURES.resolve("README.md"));
        List<Path> all = Stream.of("valid", "edge_cases", "invalid")
                .flatMap(folder -> FixtureTools.files(folder).stream()).toList();
        long total = 0;
        for (Path file : all) {
            assertThat(readme).as("fixtures/README.md")
                    .contains("| " + file.getFileName() + " |");
            assertThat(Files.size(file)).as("size of %s", file).isLessThan(50 * 1024);
            total += Files.size(file);
        }
        assertThat(all).hasSizeGreaterThan(50);
        assertThat(total).as("bytes in fixtures/").isLessThan(2 * 1024 * 1024);
    }

    private static Stream<Path> readableFixtures() {
        return Stream.concat(FixtureTools.files("valid").stream(),
                FixtureTools.files("edge_cases").stream());
    }

    private static String label(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }
}
