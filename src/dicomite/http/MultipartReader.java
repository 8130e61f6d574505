// SPDX-License-Identifier: MIT
package dicomite.http;

import dicomite.http.MultipartException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Streaming reader of a multipart body (RFC 2046 §5.1, multipart/related of RFC 2387), as STOW-RS
 * requests carry (spec §2.1). Parts come one at a time; each part's body is an InputStream that
 * reads straight from the request, so memory stays constant whatever the size of a part.
 *
 * <p>Framing (RFC 2046 §5.1.1): a part ends just before the delimiter CRLF "--" boundary; the
 * bytes of a body are exactly those sent, so a body that ends in CR or LF keeps them. A line that
 * starts with the delimiter is a boundary line; after it come optional spaces and tabs
 * (transport padding) and CRLF, or "--" for the close delimiter. The preamble before the first
 * boundary and the epilogue after the close delimiter are ignored and the epilogue is not read;
 * the body may start with the boundary, without a CRLF before it.
 *
 * <p>Part headers (RFC 2045 §3, RFC 5322 §2.2): "name: value" lines ending in CRLF, names
 * compared without regard to case, folded lines joined with one space; at most 100 lines and
 * 16 KiB per part. Lines ending in a bare LF or CR are rejected, as are delimiters so written:
 * RFC 2046 requires CRLF and no client in use sends otherwise.
 *
 * <p>Workload: one buffer of 64 KiB plus the delimiter length; the delimiter search skips
 * through that array (Horspool), so a large part is copied at the speed of the input.
 * Not thread-safe.
 *
 * <pre>{@code
 * MultipartReader reader = new MultipartReader(request.getRequestBody(), boundary);
 * for (Optional<Part> part = reader.readPart(); part.isPresent(); part = reader.readPart()) {
 *     Optional<String> type = part.get().findHeader("Content-Type");
 *     part.get().body().transferTo(temporaryFile);
 * }
 * }</pre>
 */
public final class MultipartReader {
    public static final int DEFAULT_MAX_PARTS = 10_000;
    static final int MAX_HEADER_BYTES = 16 * 1024; // per part, line ends included
    static final int MAX_HEADER_LINES = 100; // per part
    private static final int BUFFER_SIZE = 64 * 1024; // bytes, plus the delimiter length
    // RFC 2046 §5.1.1: bcharsnospace, plus the space that may not end a boundary
    private static final String BOUNDARY_SYMBOLS = "'()+_,-./:=? ";

    private enum State { BEFORE_FIRST_BOUNDARY, AFTER_BOUNDARY, IN_PART, CLOSED }

    /** One header line of a part: the name as sent and the value without surrounding blanks. */
    public record Header(String name, String value) {
    }

    /**
     * A part: its number (1 for the first), its headers and its body. The body may be read
     * until the next {@link #readPart()}; after that it throws.
     */
    public record Part(int number, List<Header> headers, InputStream body) {

        /** The value of the first header with this name, compared without regard to case. */
        public Optional<String> findHeader(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name))
                    .map(Header::value).findFirst();
        }
    }

    private final InputStream in;
    private final String boundary;
    private final byte[] delimiter; // CR LF '-' '-' boundary
    private final int[] skip; // Horspool shifts of the delimiter, by byte value
    private final int maxParts;
    private final byte[] buffer;
    private int position; // next unread byte in buffer
    private int limit; // end of the bytes read into buffer
    private long bufferOffset; // offset in the body of buffer[0]
    private boolean endOfInput;
    private int dataEnd; // bytes in [position, dataEnd) are content; the rest still unscanned
    private boolean delimiterAtDataEnd;
    private State state = State.BEFORE_FIRST_BOUNDARY;
    private int partCount;

    /**
     * A reader of the body {@code in}, allowing {@link #DEFAULT_MAX_PARTS} parts. The caller
     * keeps ownership of {@code in}.
     *
     * @throws MultipartException with {@link Reason#INVALID_BOUNDARY} if the boundary breaks
     *         RFC 2046 §5.1.1
     */
    public MultipartReader(InputStream in, String boundary) throws MultipartException {
        this(in, boundary, DEFAULT_MAX_PARTS);
    }

    /** As {@link #MultipartReader(InputStream, String)}, allowing {@code maxParts} parts. */
    public MultipartReader(InputStream in, String boundary, int maxParts)
            throws MultipartException {
        Optional<String> problem = findBoundaryProblem(boundary);
        if (problem.isPresent()) {
            throw new MultipartException(Reason.INVALID_BOUNDARY, problem.get());
        }
        this.in = in;
        this.boundary = boundary;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.skip = skipTable(delimiter);
        this.maxParts = maxParts;
        this.buffer = new byte[BUFFER_SIZE + delimiter.length];
    }

    /**
     * Why {@code boundary} is not a boundary of RFC 2046 §5.1.1 (1 to 70 characters of
     * DIGIT, ALPHA, {@code '()+_,-./:=?} and space, not ending in a space); empty if it is one.
     */
    public static Optional<String> findBoundaryProblem(String boundary) {
        if (boundary.isEmpty() || boundary.length() > 70) {
            return Optional.of("Multipart boundary '" + boundary + "' has " + boundary.length()
                    + " characters; RFC 2046 §5.1.1 allows 1 to 70");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || BOUNDARY_SYMBOLS.indexOf(c) >= 0;
            if (!allowed) {
                return Optional.of(String.format("Multipart boundary '%s' has the character '%c'"
                        + " (U+%04X) at position %d, which RFC 2046 §5.1.1 does not allow",
                        boundary, c, (int) c, i));
            }
        }
        if (boundary.endsWith(" ")) {
            return Optional.of("Multipart boundary '" + boundary
                    + "' ends in a space, which RFC 2046 §5.1.1 does not allow");
        }
        return Optional.empty();
    }

    /**
     * Reads the headers of the next part, after skipping what is left of the previous one.
     *
     * @return the part, or empty after the close delimiter
     * @throws MultipartException if the framing or the headers are malformed, the body ends
     *         before the close delimiter, or the part is one too many
     * @throws IOException if reading the input fails
     */
    public Optional<Part> readPart() throws IOException {
        if (state == State.BEFORE_FIRST_BOUNDARY) {
            skipPreamble();
        }
        skipContent();
        if (state == State.CLOSED || readBoundaryLineEnd()) {
            state = State.CLOSED;
            return Optional.empty();
        }
        if (++partCount > maxParts) {
            throw new MultipartException(Reason.TOO_MANY_PARTS, String.format(
                    "Multipart body has more than %d parts (part %d starts at offset 0x%X)",
                    maxParts, partCount, offset()));
        }
        state = State.IN_PART;
        dataEnd = position;
        List<Header> headers = new PartHeaderReader(this, partCount).read();
        return Optional.of(new Part(partCount, headers, new PartBody(partCount)));
    }

    // RFC 2046 §5.1.1: the preamble, if any, ends with the CRLF of the first delimiter
    private void skipPreamble() throws IOException {
        int dashBoundary = delimiter.length - 2;
        fillAtLeast(dashBoundary);
        if (limit - position >= dashBoundary && matches(position, 2)) {
            position += dashBoundary;
            dataEnd = position;
            state = State.AFTER_BOUNDARY;
            return;
        }
        skipContent();
    }

    /** Skips the rest of the preamble or of the current part, and its delimiter. */
    private void skipContent() throws IOException {
        while (state != State.AFTER_BOUNDARY && state != State.CLOSED && ensureContent() >= 0) {
            position = dataEnd;
        }
    }

    /**
     * Reads what follows "--boundary" up to and including its CRLF.
     *
     * @return true for the close delimiter, false for the start of a part
     */
    private boolean readBoundaryLineEnd() throws IOException {
        fillAtLeast(2);
        if (limit - position >= 2 && buffer[position] == '-' && buffer[position + 1] == '-') {
            position += 2;
            return true;
        }
        int b = readRawByte();
        while (b == ' ' || b == '\t') { // RFC 2046 §5.1.1: transport padding
            b = readRawByte();
        }
        if (b == '\r') {
            b = readRawByte();
            if (b == '\n') {
                return false;
            }
        }
        if (b < 0) {
            throw truncated();
        }
        throw new MultipartException(Reason.MALFORMED, String.format("Multipart boundary '--%s'"
                + " is followed by 0x%02X at offset 0x%X; RFC 2046 §5.1.1 requires CRLF or '--'"
                + " after the boundary and optional spaces", boundary, b, offset() - 1));
    }

    private int readRawByte() throws IOException {
        fillAtLeast(1);
        if (position == limit) {
            return -1;
        }
        dataEnd = Math.max(dataEnd, position + 1);
        return buffer[position++] & 0xFF;
    }

    /**
     * Makes content of the current part (or preamble) available at {@code position}.
     *
     * @return the number of content bytes available, or -1 at the delimiter (then consumed)
     */
    private int ensureContent() throws IOException {
        while (position == dataEnd) {
            if (delimiterAtDataEnd) {
                position += delimiter.length;
                dataEnd = position;
                delimiterAtDataEnd = false;
                state = State.AFTER_BOUNDARY;
                return -1;
            }
            scan();
            if (position < dataEnd || delimiterAtDataEnd) {
                continue;
            }
            if (endOfInput) {
                throw truncated();
            }
            fill();
        }
        return dataEnd - position;
    }

    /**
     * Moves {@code dataEnd} to the next delimiter, or as far as no delimiter can start. The
     * search is Horspool's: the buffer byte under the delimiter's last byte says how far the
     * delimiter can move without skipping a match, usually its whole length in pixel data.
     */
    private void scan() {
        int last = limit - delimiter.length; // last index where a whole delimiter fits
        int end = delimiter.length - 1;
        byte lastByte = delimiter[end];
        int i = dataEnd;
        while (i <= last) {
            byte b = buffer[i + end];
            if (b == lastByte && matches(i, 0)) {
                dataEnd = i;
                delimiterAtDataEnd = true;
                return;
            }
            i += skip[b & 0xFF];
        }
        dataEnd = Math.max(dataEnd, last + 1);
    }

    /** Horspool's shift for each byte value: the distance from its last place to the end. */
    private static int[] skipTable(byte[] pattern) {
        int[] skip = new int[256];
        Arrays.fill(skip, pattern.length);
        for (int i = 0; i < pattern.length - 1; i++) {
            skip[pattern[i] & 0xFF] = pattern.length - 1 - i;
        }
        return skip;
    }

    /** Whether the delimiter, from its byte {@code from} on, is in the buffer at {@code at}. */
    private boolean matches(int at, int from) {
        for (int i = from; i < delimiter.length; i++) {
            if (buffer[at + i - from] != delimiter[i]) {
                return false;
            }
        }
        return true;
    }

    private void fillAtLeast(int count) throws IOException {
        while (limit - position < count && !endOfInput) {
            fill();
        }
    }

    /** Moves the unread bytes to the front of the buffer and reads once after them. */
    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            bufferOffset += position;
            limit -= position;
            dataEnd -= position;
            position = 0;
        }
        int count = in.read(buffer, limit, buffer.length - limit);
        if (count < 0) {
            endOfInput = true;
        } else {
            limit += count;
        }
    }

    private MultipartException truncated() {
        String message = state == State.BEFORE_FIRST_BOUNDARY
                ? "Multipart body ends before its first boundary '--" + boundary + "'"
                : "Multipart body ends before the closing boundary '--" + boundary + "--'";
        return new MultipartException(Reason.TRUNCATED, message);
    }

    /** The offset in the body of the next unread byte. */
    long offset() {
        return bufferOffset + position;
    }

    /** The next content byte of part {@code number}, or -1 at its end. */
    int readContentByte(int number) throws IOException {
        checkCurrent(number);
        if (state != State.IN_PART || ensureContent() < 0) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    /** Copies content of part {@code number} into {@code target}; -1 at its end. */
    private int readContent(int number, byte[] target, int offset, int length)
            throws IOException {
        checkCurrent(number);
        if (length == 0) {
            return 0;
        }
        if (state != State.IN_PART || ensureContent() < 0) {
            return -1;
        }
        int count = Math.min(length, dataEnd - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    private void checkCurrent(int number) throws IOException {
        if (number != partCount) {
            throw new IOException("Body of multipart part " + number
                    + " was read after part " + partCount + " started");
        }
    }

    /** The body of one part, reading from the reader's buffer; closing it does nothing. */
    private final class PartBody extends InputStream {
        private final int number;

        PartBody(int number) {
            this.number = number;
        }

        @Override
        public int read() throws IOException {
            return readContentByte(number);
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            return readContent(number, target, offset, length);
        }

        @Override
        public int available() {
            return number == partCount && state == State.IN_PART ? dataEnd - position : 0;
        }
    }
}
