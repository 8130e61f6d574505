// SPDX-License-Identifier: MIT
package dicomite.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.http.MultipartException.Reason;
import dicomite.http.MultipartReader.Header;
import dicomite.http.MultipartReader.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartReaderTest {
    private static final String CT = "Content-Type: application/dicom\r\n";

    private record ReadPart(List<Header> headers, String body) {
    }

    private static InputStream text(String body) {
        return new ByteArrayInputStream(body.getBytes(ISO_8859_1));
    }

    private static List<ReadPart> readAll(InputStream in, String boundary) throws IOException {
        MultipartReader reader = new MultipartReader(in, boundary);
        List<ReadPart> parts = new ArrayList<>();
        for (Optional<Part> part = reader.readPart(); part.isPresent(); part = reader.readPart()) {
            String body = new String(part.get().body().readAllBytes(), ISO_8859_1);
            parts.add(new ReadPart(part.get().headers(), body));
        }
        return parts;
    }

    private static List<String> bodies(String body, String boundary) throws IOException {
        return readAll(text(body), boundary).stream().map(ReadPart::body).toList();
    }

    private static MultipartException failure(String body, String boundary) {
        return (MultipartException) org.assertj.core.api.Assertions.catchThrowable(
                () -> readAll(text(body), boundary));
    }

    @Test
    void readsPartsWithTheirHeadersAndBodies() throws IOException {
        List<ReadPart> parts = readAll(text("--xyz\r\n" + CT + "X-Extra:  a b \r\n\r\nfirst"
                + "\r\n--xyz\r\ncontent-type:application/octet-stream\r\n\r\nsecond"
                + "\r\n--xyz--\r\n"), "xyz");

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).headers()).containsExactly(
                new Header("Content-Type", "application/dicom"), new Header("X-Extra", "a b"));
        assertThat(parts.get(0).body()).isEqualTo("first");
        assertThat(parts.get(1).body()).isEqualTo("second");
    }

    @Test
    void findsHeadersWhateverTheCaseOfTheirNames() throws IOException {
        MultipartReader reader = new MultipartReader(
                text("--b\r\ncontent-TYPE: application/dicom\r\n\r\nx\r\n--b--"), "b");
        Part part = reader.readPart().orElseThrow();

        assertThat(part.number()).isEqualTo(1);
        assertThat(part.findHeader("Content-Type")).contains("application/dicom");
        assertThat(part.findHeader("CONTENT-type")).contains("application/dicom");
        assertThat(part.findHeader("Content-Length")).isEmpty();
        assertThat(reader.readPart()).isEmpty();
        assertThat(reader.readPart()).isEmpty();
    }

    @Test
    void ignoresPreambleAndEpilogue() throws IOException {
        assertThat(bodies("This is a preamble.\r\n--c is not the boundary\r\n-b\r\n--b\r\n" + CT
                + "\r\ndata\r\n--b--\r\nThis is the epilogue\r\n--b\r\nnot a part", "b"))
                .containsExactly("data");
        assertThat(bodies("\r\n--b\r\n" + CT + "\r\ndata\r\n--b--", "b"))
                .containsExactly("data");
    }

    @Test
    void acceptsTransportPaddingAfterBoundaries() throws IOException {
        assertThat(bodies("--b \t \r\n" + CT + "\r\none\r\n--b\t\r\n" + CT + "\r\ntwo"
                + "\r\n--b-- \r\n", "b")).containsExactly("one", "two");
    }

    @Test
    void keepsLineEndsThatEndTheData() throws IOException {
        String body = "--b\r\n" + CT + "\r\nends in CR\r\r\n--b\r\n" + CT + "\r\nends in LF\n"
                + "\r\n--b\r\n" + CT + "\r\nends in CRLF\r\n\r\n--b\r\n" + CT + "\r\n\r\n"
                + "\r\n--b\r\n" + CT + "\r\n\n\r\r\n--b--\r\n";

        assertThat(bodies(body, "b")).containsExactly("ends in CR\r", "ends in LF\n",
                "ends in CRLF\r\n", "\r\n", "\n\r");
    }

    @Test
    void keepsDashesInDataThatDoNotFormTheDelimiter() throws IOException {
        String data = "--xyz at start of data? no: it follows no CRLF in the data\r\n"
                + "\r\n-xyz\r\n--xy\r\n--XYZ\r\n---xyz\r\n \r\n--\r\n--x\r--xyz\n--xyz";
        String body = "--xyz\r\n" + CT + "\r\n" + "a" + data + "\r\n--xyz--";

        assertThat(bodies(body, "xyz")).containsExactly("a" + data);
    }

    @Test
    void readsTheCloseDelimiterAloneAsNoParts() throws IOException {
        assertThat(bodies("--b--\r\n", "b")).isEmpty();
        assertThat(bodies("--b--", "b")).isEmpty();
        assertThat(bodies("preamble\r\n--b--", "b")).isEmpty();
    }

    @Test
    void readsPartsWithoutHeadersOrWithoutBody() throws IOException {
        List<ReadPart> parts = readAll(text("--b\r\n\r\n--b\r\n\r\n\r\n--b\r\n\r\nbody only"
                + "\r\n--b\r\n" + CT + "\r\n--b--"), "b");

        assertThat(parts).extracting(ReadPart::body).containsExactly("", "", "body only", "");
        assertThat(parts).extracting(p -> p.headers().size()).containsExactly(0, 0, 0, 1);
    }

    @Test
    void joinsFoldedHeaderLines() throws IOException {
        List<ReadPart> parts = readAll(text("--b\r\nContent-Type: multipart/related;\r\n"
                + "\ttype=\"application/dicom\"\r\n\r\nx\r\n--b--"), "b");

        assertThat(parts.get(0).headers()).containsExactly(new Header("Content-Type",
                "multipart/related; type=\"application/dicom\""));
    }

    @Test
    void readsBoundariesQuotedOrNotInTheContentType() throws IOException {
        for (String contentType : List.of(
                "multipart/related; type=\"application/dicom\"; boundary=\"simple boundary:1\"",
                "multipart/related; boundary=simple-boundary.1; type=application/dicom")) {
            String boundary = MediaType.parse(contentType).findParameter("boundary").orElseThrow();
            String body = "--" + boundary + "\r\n" + CT + "\r\ndata\r\n--" + boundary + "--";

            assertThat(bodies(body, boundary)).containsExactly("data");
        }
    }

    @Test
    void findsBoundariesSplitAcrossReads() throws IOException {
        String boundary = "0f6c2a4e-5d3b-4b8e-9a51-6d0c1e7f2a93";
        StringBuilder body = new StringBuilder("preamble\r\n");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String data = "part " + i + "\r\n--" + boundary.substring(0, i) + "\r" + "x".repeat(i);
            expected.add(data);
            body.append("--").append(boundary).append("\r\n").append(CT).append("\r\n")
                    .append(data).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        byte[] bytes = body.toString().getBytes(ISO_8859_1);
        for (long seed = 0; seed < 20; seed++) {
            List<ReadPart> parts = readAll(new TrickleInputStream(bytes, seed), boundary);

            assertThat(parts).extracting(ReadPart::body).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void findsTheDelimiterAfterNearMissesOfEveryShape() throws IOException {
        String boundary = "bench-7d1e2f30-aa55";
        String delimiter = "\r\n--" + boundary;
        StringBuilder body = new StringBuilder();
        List<String> expected = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 1; i < delimiter.length(); i++) {
            char[] wrong = delimiter.toCharArray();
            wrong[i] = (char) (wrong[i] ^ 0x20);
            String data = randomText(random, i) + delimiter.substring(i) + new String(wrong)
                    + delimiter.substring(0, i) + randomText(random, 3 * i);
            expected.add(data);
            body.append("--").append(boundary).append("\r\n\r\n").append(data).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        byte[] bytes = body.toString().getBytes(ISO_8859_1);

        assertThat(readAll(new ByteArrayInputStream(bytes), boundary))
                .extracting(ReadPart::body).containsExactlyElementsOf(expected);
        assertThat(readAll(new TrickleInputStream(bytes, 3), boundary))
                .extracting(ReadPart::body).containsExactlyElementsOf(expected);
    }

    private static String randomText(Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) random.nextInt(256);
        }
        return new String(chars);
    }

    @Test
    void skipsWhatIsLeftOfAPartAndRefusesToReadItAfterwards() throws IOException {
        MultipartReader reader = new MultipartReader(text("--b\r\n" + CT + "\r\n0123456789"
                + "\r\n--b\r\n" + CT + "\r\nsecond\r\n--b--"), "b");
        Part first = reader.readPart().orElseThrow();
        byte[] start = first.body().readNBytes(3);
        Part second = reader.readPart().orElseThrow();

        assertThat(new String(start, ISO_8859_1)).isEqualTo("012");
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.body().readAllBytes()).isEqualTo("second".getBytes(ISO_8859_1));
        assertThatThrownBy(() -> first.body().read()).isInstanceOf(IOException.class)
                .hasMessage("Body of multipart part 1 was read after part 2 started");
        assertThat(second.body().read()).isEqualTo(-1);
    }

    @Test
    void failsWhenTheBodyEndsBeforeTheCloseDelimiter() {
        for (String body : List.of("--xyz\r\n" + CT + "\r\ndata", "--xyz\r\n" + CT,
                "--xyz\r\n" + CT + "\r\ndata\r\n--xyz", "--xyz\r\n" + CT + "\r\ndata\r\n--xyz  ",
                "--xyz\r\n" + CT + "\r\ndata\r\n--xyz\r\n", "--xyz")) {
            MultipartException e = failure(body, "xyz");

            assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
            assertThat(e).hasMessage("Multipart body ends before the closing boundary '--xyz--'");
        }
    }

    @Test
    void failsWhenTheBodyHasNoBoundary() {
        for (String body : List.of("", "hello", "-", "--xy", "\r\n--xy")) {
            MultipartException e = failure(body, "xyz");

            assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
            assertThat(e).hasMessage("Multipart body ends before its first boundary '--xyz'");
        }
    }

    @Test
    void rejectsTextAfterTheBoundaryOnItsLine() {
        MultipartException e = failure("--b\r\n" + CT + "\r\nx\r\n--bc\r\n" + CT + "\r\ny", "b");

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessage("Multipart boundary '--b' is followed by 0x63 at offset 0x2E;"
                + " RFC 2046 §5.1.1 requires CRLF or '--' after the boundary and optional spaces");
    }

    @Test
    void rejectsBareLineFeeds() {
        assertThat(failure("--b\n" + CT + "\r\nx\r\n--b--", "b").reason())
                .isEqualTo(Reason.MALFORMED);
        MultipartException e = failure("--b\r\nContent-Type: a\n\nx\r\n--b--", "b");

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessage("Multipart part 1 header line 'Content-Type: a' at offset 0x5"
                + " ends in a bare LF; RFC 2046 §5.1.1 requires CRLF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no colon", ": no name", "bad name: x", "X: \u0001",
        " folded first: x", "X\u0000Y: z", "X: a\u007F"})
    void rejectsMalformedHeaderLines(String headerLines) {
        MultipartException e = failure("--b\r\n" + headerLines + "\r\n\r\nx\r\n--b--", "b");

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e).hasMessageStartingWith("Multipart part 1 header line '");
    }

    @Test
    void rejectsAHeaderLineCutShortByTheBoundary() {
        MultipartException e = failure("--b\r\nContent-Type: a\r\n--b--", "b");

        assertThat(e).hasMessage("Multipart part 1 header line 'Content-Type: a' at offset 0x5"
                + " runs into the boundary without CRLF");
    }

    @Test
    void boundsTheNumberOfHeaderLines() throws IOException {
        String lines = "X-Header: value\r\n".repeat(MultipartReader.MAX_HEADER_LINES);
        assertThat(readAll(text("--b\r\n" + lines + "\r\nx\r\n--b--"), "b").get(0).headers())
                .hasSize(MultipartReader.MAX_HEADER_LINES);

        MultipartException e = failure("--b\r\n" + lines + "X: y\r\n\r\nx\r\n--b--", "b");

        assertThat(e.reason()).isEqualTo(Reason.HEADERS_TOO_LARGE);
        assertThat(e).hasMessageStartingWith("Multipart part 1 has more than 100 header lines");
    }

    @Test
    void boundsTheBytesOfHeaders() {
        String longLine = "X-Long: " + "v".repeat(MultipartReader.MAX_HEADER_BYTES) + "\r\n";

        MultipartException e = failure("--b\r\n" + longLine + "\r\nx\r\n--b--", "b");

        assertThat(e.reason()).isEqualTo(Reason.HEADERS_TOO_LARGE);
        assertThat(e).hasMessage("Multipart part 1 has more than 16384 bytes of headers"
                + " (offset 0x5)");
    }

    @Test
    void boundsTheNumberOfParts() throws IOException {
        String part = "--b\r\n" + CT + "\r\nx\r\n";
        MultipartReader reader = new MultipartReader(text(part.repeat(3) + "--b--"), "b", 2);
        reader.readPart();
        reader.readPart();

        assertThatThrownBy(reader::readPart).isInstanceOf(MultipartException.class)
                .hasMessage("Multipart body has more than 2 parts (part 3 starts at offset 0x5B)")
                .extracting(e -> ((MultipartException) e).reason())
                .isEqualTo(Reason.TOO_MANY_PARTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\"b", "a;b", "ends in space ", "tab\there", "é"})
    void rejectsBoundariesOutsideRfc2046(String boundary) {
        assertThatThrownBy(() -> new MultipartReader(text(""), boundary))
                .isInstanceOf(MultipartException.class)
                .hasMessageContaining("Multipart boundary '" + boundary + "'")
                .hasMessageContaining("RFC 2046 §5.1.1")
                .extracting(e -> ((MultipartException) e).reason())
                .isEqualTo(Reason.INVALID_BOUNDARY);
    }

    @Test
    void acceptsBoundariesOfOneToSeventyAllowedCharacters() throws IOException {
        String longest = "'()+_,-./:=? 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU";
        assertThat(longest).hasSize(70);
        for (String boundary : List.of("a", longest)) {
            String body = "--" + boundary + "\r\n" + CT + "\r\nx\r\n--" + boundary + "--";

            assertThat(bodies(body, boundary)).containsExactly("x");
        }
        assertThat(MultipartReader.findBoundaryProblem(longest + "V"))
                .contains("Multipart boundary '" + longest + "V' has 71 characters;"
                        + " RFC 2046 §5.1.1 allows 1 to 70");
    }

    @Test
    void streamsALargePartInConstantMemory() throws IOException, NoSuchAlgorithmException {
        String boundary = "dicomite-0f6c2a4e5d3b4b8e";
        long size = 50L * 1024 * 1024 + 17;
        GeneratedBody sent = new GeneratedBody(boundary, size);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[64 * 1024];
        long count = 0;
        long allocatedBefore = allocatedBytes();

        MultipartReader reader = new MultipartReader(sent, boundary);
        InputStream body = reader.readPart().orElseThrow().body();
        for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
            received.update(chunk, 0, n);
            count += n;
        }
        boolean more = reader.readPart().isPresent();
        long allocated = allocatedBytes() - allocatedBefore;

        assertThat(more).isFalse();
        assertThat(count).isEqualTo(size);
        assertThat(received.digest()).isEqualTo(sent.digest());
        assertThat(allocated).as("bytes allocated while streaming").isLessThan(4L * 1024 * 1024);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** Returns 1 to 7 bytes per read, as a slow network might. */
    private static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private final Random random;
        private int position;

        TrickleInputStream(byte[] data, long seed) {
            this.data = data;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position == data.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, 1 + random.nextInt(7)), data.length - position);
            System.arraycopy(data, position, target, offset, count);
            position += count;
            return count;
        }
    }

    /**
     * A one-part body whose data is made on the fly: pseudo-random bytes, each block starting
     * with a near miss of the delimiter. Keeps a digest of the data it sent.
     */
    private static final class GeneratedBody extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final byte[] nearMiss;
        private final long size; // bytes of data
        private final byte[] block = new byte[60_000];
        private final SplittableRandom random = new SplittableRandom(42);
        private final MessageDigest digest;
        private long produced; // bytes of data made so far
        private int blockPosition;
        private int blockLength;
        private int headPosition;
        private int tailPosition;

        GeneratedBody(String boundary, long size) throws NoSuchAlgorithmException {
            this.head = ("--" + boundary + "\r\n" + CT + "\r\n").getBytes(ISO_8859_1);
            this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(ISO_8859_1);
            String almost = boundary.substring(0, boundary.length() - 1) + "X";
            this.nearMiss = ("\r\n--" + almost).getBytes(ISO_8859_1);
            this.size = size;
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        byte[] digest() {
            return digest.digest();
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("reads go through read(byte[], int, int)");
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (headPosition < head.length) {
                int count = Math.min(length, head.length - headPosition);
                System.arraycopy(head, headPosition, target, offset, count);
                headPosition += count;
                return count;
            }
            if (blockPosition == blockLength && produced < size) {
                makeBlock();
            }
            if (blockPosition < blockLength) {
                int count = Math.min(length, blockLength - blockPosition);
                System.arraycopy(block, blockPosition, target, offset, count);
                blockPosition += count;
                return count;
            }
            if (tailPosition == tail.length) {
                return -1;
            }
            int count = Math.min(length, tail.length - tailPosition);
            System.arraycopy(tail, tailPosition, target, offset, count);
            tailPosition += count;
            return count;
        }

        private void makeBlock() {
            random.nextBytes(block);
            System.arraycopy(nearMiss, 0, block, 0, nearMiss.length);
            blockLength = (int) Math.min(block.length, size - produced);
            blockPosition = 0;
            produced += blockLength;
            digest.update(block, 0, blockLength);
        }
    }
}
