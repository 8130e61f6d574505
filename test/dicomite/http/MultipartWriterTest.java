// SPDX-License-Identifier: MIT
package dicomite.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.http.MultipartReader.Header;
import dicomite.http.MultipartReader.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MultipartWriterTest {
    private static final String DICOM = "application/dicom; transfer-syntax=1.2.840.10008.1.2.1";

    private static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }

    @Test
    void framesPartsAsTheServiceDoes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartWriter writer = new MultipartWriter(out, "b0");

        writer.writePart(DICOM, new ByteArrayInputStream(bytes("AAA")));
        try (OutputStream body = writer.beginPart("application/octet-stream")) {
            body.write(bytes("B\r\nB"));
        }
        writer.finish();

        assertThat(out.toString(ISO_8859_1)).isEqualTo("--b0\r\nContent-Type: " + DICOM
                + "\r\n\r\nAAA\r\n--b0\r\nContent-Type: application/octet-stream\r\n\r\nB\r\nB"
                + "\r\n--b0--\r\n");
    }

    @Test
    void writesOnlyTheCloseDelimiterWithoutParts() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartWriter writer = new MultipartWriter(out, "b0");

        writer.finish();
        writer.finish();

        assertThat(out.toString(ISO_8859_1)).isEqualTo("--b0--\r\n");
    }

    @Test
    void namesTheResponseContentTypeWithOrWithoutType() {
        MultipartWriter writer = new MultipartWriter(OutputStream.nullOutputStream(), "abc-1");

        assertThat(writer.contentType()).isEqualTo("multipart/related; boundary=abc-1");
        assertThat(writer.contentType(MediaType.APPLICATION_DICOM))
                .isEqualTo("multipart/related; type=\"application/dicom\"; boundary=abc-1");
        assertThat(new MultipartWriter(OutputStream.nullOutputStream(), "a b:c").contentType())
                .isEqualTo("multipart/related; boundary=\"a b:c\"");
    }

    @Test
    void makesUniqueUuidBoundaries() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String boundary = MultipartWriter.newBoundary();

            assertThat(UUID.fromString(boundary).toString()).isEqualTo(boundary);
            assertThat(MultipartReader.findBoundaryProblem(boundary)).isEmpty();
            assertThat(seen.add(boundary)).isTrue();
        }
    }

    @Test
    void writesWhatTheReaderReadsBack() throws IOException {
        Random random = new Random(7);
        List<byte[]> sent = new ArrayList<>(List.of(new byte[0], bytes("ends in CR\r"),
                bytes("\r\n--not the boundary\r\n"), bytes("ends in LF\n")));
        for (int size : new int[] {1, 70_000, 200_000}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            sent.add(data);
        }
        String boundary = MultipartWriter.newBoundary();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartWriter writer = new MultipartWriter(out, boundary);
        for (byte[] data : sent) {
            writer.writePart(DICOM, new ByteArrayInputStream(data));
        }
        writer.finish();

        String contentType = writer.contentType(MediaType.APPLICATION_DICOM);
        String parsedBoundary =
                MediaType.parse(contentType).findParameter("boundary").orElseThrow();
        MultipartReader reader = new MultipartReader(
                new ByteArrayInputStream(out.toByteArray()), parsedBoundary);
        List<byte[]> received = new ArrayList<>();
        for (Optional<Part> part = reader.readPart(); part.isPresent(); part = reader.readPart()) {
            assertThat(part.get().headers()).containsExactly(new Header("Content-Type", DICOM));
            received.add(part.get().body().readAllBytes());
        }

        assertThat(received).containsExactlyElementsOf(sent);
    }

    @Test
    void rejectsAnInvalidBoundary() {
        assertThatThrownBy(() -> new MultipartWriter(OutputStream.nullOutputStream(), "a;b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Multipart boundary 'a;b' has the character ';'");
    }

    @Test
    void rejectsAContentTypeThatWouldBreakTheHeader() {
        MultipartWriter writer = new MultipartWriter(OutputStream.nullOutputStream(), "b");

        assertThatThrownBy(() -> writer.beginPart("application/dicom\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has a control or non-ASCII character");
    }

    @Test
    void refusesWritesToAFinishedPartOrBody() throws IOException {
        MultipartWriter writer = new MultipartWriter(OutputStream.nullOutputStream(), "b");
        OutputStream first = writer.beginPart(DICOM);
        OutputStream second = writer.beginPart(DICOM);

        assertThatThrownBy(() -> first.write(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Body of multipart part 1 written after part 2 started");
        writer.finish();
        assertThatThrownBy(() -> second.write(new byte[2]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Body of multipart part 2 written after the end");
        assertThatThrownBy(() -> writer.beginPart(DICOM)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Multipart body already finished");
    }
}
