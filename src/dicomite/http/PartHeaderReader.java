// SPDX-License-Identifier: MIT
package dicomite.http;

import dicomite.http.MultipartException.Reason;
import dicomite.http.MultipartReader.Header;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the header section of one multipart part (RFC 2046 §5.1.1 MIME-part-headers; field
 * syntax of RFC 5322 §2.2 and §3.2.2): lines "name: value" ending in CRLF, up to the empty line
 * or up to the part's end when the part has no body. Folded lines (starting with a space or tab)
 * continue the previous field, joined with one space.
 *
 * <p>Bounds: at most {@link MultipartReader#MAX_HEADER_BYTES} bytes (line ends included) and
 * {@link MultipartReader#MAX_HEADER_LINES} lines. Bytes are read as ISO-8859-1; a bare CR or LF,
 * a control character or a name outside RFC 5322's printable ASCII is an error. One use only.
 */
final class PartHeaderReader {
    private final MultipartReader reader;
    private final int part; // 1 for the first part
    private int bytes; // read so far, line ends included
    private int lines; // non-empty lines read so far

    PartHeaderReader(MultipartReader reader, int part) {
        this.reader = reader;
        this.part = part;
    }

    /**
     * Reads the header section.
     *
     * @throws MultipartException if a line is malformed or the section exceeds a bound
     */
    List<Header> read() throws IOException {
        List<Header> headers = new ArrayList<>();
        while (true) {
            long start = reader.offset();
            Optional<String> line = readLine(start);
            if (line.isEmpty() || line.get().isEmpty()) {
                return List.copyOf(headers);
            }
            if (++lines > MultipartReader.MAX_HEADER_LINES) {
                throw new MultipartException(Reason.HEADERS_TOO_LARGE, String.format(
                        "Multipart part %d has more than %d header lines (offset 0x%X)",
                        part, MultipartReader.MAX_HEADER_LINES, start));
            }
            String text = line.get();
            if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
                unfold(headers, text, start);
            } else {
                headers.add(parseField(text, start));
            }
        }
    }

    /**
     * Reads one line without its CRLF.
     *
     * @return the line, or empty if the part ends where the line would start
     */
    private Optional<String> readLine(long start) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = reader.readContentByte(part);
            if (b < 0 && line.length() == 0) {
                return Optional.empty();
            }
            if (b < 0) {
                throw malformed(line, start, "runs into the boundary without CRLF");
            }
            if (++bytes > MultipartReader.MAX_HEADER_BYTES) {
                throw new MultipartException(Reason.HEADERS_TOO_LARGE, String.format(
                        "Multipart part %d has more than %d bytes of headers (offset 0x%X)",
                        part, MultipartReader.MAX_HEADER_BYTES, start));
            }
            if (b == '\r' && reader.readContentByte(part) == '\n') {
                bytes++;
                return Optional.of(line.toString());
            }
            if (b == '\r' || b == '\n') {
                throw malformed(line, start, "ends in a bare " + (b == '\r' ? "CR" : "LF")
                        + "; RFC 2046 §5.1.1 requires CRLF");
            }
            line.append((char) b);
        }
    }

    // RFC 5322 §2.2: field-name = 1*(%d33-57 / %d59-126); a value has no controls but HTAB
    private Header parseField(String line, long start) throws MultipartException {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw malformed(line, start, "has no field name before a ':'");
        }
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c < 33 || c > 126) {
                throw malformed(line, start, String.format("has 0x%02X in its field name,"
                        + " which RFC 5322 §2.2 does not allow", (int) c));
            }
        }
        String value = strip(line.substring(colon + 1));
        for (char c : value.toCharArray()) {
            if (c < ' ' && c != '\t' || c == 0x7F) {
                throw malformed(line, start, String.format(
                        "has the control character 0x%02X in its value", (int) c));
            }
        }
        return new Header(line.substring(0, colon), value);
    }

    private void unfold(List<Header> headers, String line, long start)
            throws MultipartException {
        if (headers.isEmpty()) {
            throw malformed(line, start, "starts with a space but continues no field");
        }
        Header last = headers.remove(headers.size() - 1);
        String joined = last.name() + ": " + last.value() + " " + strip(line);
        headers.add(parseField(joined, start));
    }

    private static String strip(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
            to--;
        }
        return text.substring(from, to);
    }

    private MultipartException malformed(CharSequence line, long start, String problem) {
        return new MultipartException(Reason.MALFORMED, String.format(
                "Multipart part %d header line '%s' at offset 0x%X %s", part, line, start,
                problem));
    }
}
