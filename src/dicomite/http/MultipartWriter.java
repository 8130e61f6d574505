// SPDX-License-Identifier: MIT
package dicomite.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Streaming writer of a multipart/related response body (RFC 2046 §5.1, RFC 2387) as WADO-RS
 * answers (spec §3.3): {@code --b CRLF headers CRLF CRLF bytes}, then {@code CRLF --b CRLF ...}
 * for each further part and {@code CRLF --b-- CRLF} at the end. Each part has one header,
 * Content-Type. Bodies go straight to the output; nothing is held in memory.
 *
 * <p>The caller chooses the boundary (normally {@link #newBoundary()}, a UUID as the service
 * uses, injected as a {@code Supplier<String>} where tests need a fixed one) and must call
 * {@link #finish()}: a body without its close delimiter tells the client that the response was
 * cut short. The output is neither buffered nor closed here. Not thread-safe.
 *
 * <pre>{@code
 * MultipartWriter writer = new MultipartWriter(out, MultipartWriter.newBoundary());
 * exchange.getResponseHeaders().set("Content-Type", writer.contentType());
 * writer.writePart("application/dicom; transfer-syntax=1.2.840.10008.1.2.1", fileStream);
 * writer.finish();
 * }</pre>
 */
public final class MultipartWriter {
    private final OutputStream out;
    private final String boundary;
    private int partCount;
    private boolean finished;

    /**
     * A writer of parts separated by {@code boundary}.
     *
     * @throws IllegalArgumentException if the boundary breaks RFC 2046 §5.1.1
     */
    public MultipartWriter(OutputStream out, String boundary) {
        Optional<String> problem = MultipartReader.findBoundaryProblem(boundary);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        this.out = Objects.requireNonNull(out);
        this.boundary = boundary;
    }

    /** A fresh random boundary: a UUID such as {@code 0f6c2a4e-5d3b-4b8e-9a51-6d0c1e7f2a93}. */
    public static String newBoundary() {
        return UUID.randomUUID().toString();
    }

    public String boundary() {
        return boundary;
    }

    /** {@code multipart/related; boundary=...}, the service's response type (spec §3.3). */
    public String contentType() {
        return MediaType.MULTIPART_RELATED.withParameter("boundary", boundary).toString();
    }

    /** {@code multipart/related; type="application/dicom"; boundary=...} for a given type. */
    public String contentType(MediaType type) {
        return MediaType.MULTIPART_RELATED.withParameter("type", type.toString())
                .withParameter("boundary", boundary).toString();
    }

    /**
     * Starts a part with this Content-Type and returns the stream for its body, valid until
     * the next part starts or {@link #finish()}; closing it flushes but does not close the
     * output.
     *
     * @throws IllegalArgumentException if the content type holds a control character
     * @throws IllegalStateException after {@link #finish()}
     * @throws IOException if writing fails
     */
    public OutputStream beginPart(String contentType) throws IOException {
        if (finished) {
            throw new IllegalStateException("Multipart body already finished");
        }
        if (contentType.chars().anyMatch(c -> c < ' ' && c != '\t' || c >= 0x7F)) {
            throw new IllegalArgumentException("Content type '" + contentType
                    + "' has a control or non-ASCII character");
        }
        String delimiter = partCount == 0 ? "--" : "\r\n--";
        String head = delimiter + boundary + "\r\nContent-Type: " + contentType + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        return new PartBody(++partCount);
    }

    /**
     * Writes a whole part, copying {@code body} to its end (without closing it).
     *
     * @throws IOException if reading the body or writing fails
     */
    public void writePart(String contentType, InputStream body) throws IOException {
        body.transferTo(beginPart(contentType));
    }

    /**
     * Writes the close delimiter and flushes the output; later calls do nothing.
     *
     * @throws IOException if writing fails
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        String close = (partCount == 0 ? "--" : "\r\n--") + boundary + "--\r\n";
        out.write(close.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The body of one part, passing writes through to the output. */
    private final class PartBody extends OutputStream {
        private final int number;

        PartBody(int number) {
            this.number = number;
        }

        @Override
        public void write(int b) throws IOException {
            checkCurrent();
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            checkCurrent();
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }

        private void checkCurrent() {
            if (number != partCount || finished) {
                throw new IllegalStateException("Body of multipart part " + number
                        + " written after " + (finished ? "the end" : "part " + partCount
                        + " started"));
            }
        }
    }
}
