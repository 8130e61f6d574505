// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection (RFC 9112) over a plain socket that POSTs bodies held in
 * memory and reads each answer whole: the sender of the timed store runs. It spares the client
 * about 1.3 ms of CPU time per 526 kB request against {@code java.net.http.HttpClient}
 * (measured on 2 cores), time the servers get instead where they share the cores with it.
 *
 * <p>Request: request line, Host, Content-Type, Accept, Content-Length, then the body, written
 * with one flush. Answer: status line, headers, then a body framed by Content-Length or chunked
 * transfer coding (RFC 9112 §7.1; trailers skipped), or, for {@code Connection: close}, read to
 * the end. A connection the server closes is opened again for the next request. Bounded: header
 * lines of at most 8 KiB, bodies of at most 64 MiB. Not thread-safe: one per client thread.
 */
final class PlainHttpConnection implements AutoCloseable {
    /** A status code and the body as UTF-8 text. */
    record Answer(int status, String body) {
    }

    private static final int MAX_LINE = 8 * 1024; // bytes
    private static final int MAX_BODY = 64 << 20; // bytes
    private static final int BUFFER = 64 * 1024; // bytes

    private final URI uri;
    private final int timeout; // milliseconds, for connecting and for each read
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** A connection to the host and port of {@code uri}, opened at the first request. */
    PlainHttpConnection(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeout = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /**
     * Sends a POST to the connection's URI and reads the answer.
     *
     * @throws IOException when the connection fails, times out or the answer is malformed
     */
    Answer post(String contentType, String accept, byte[] body) throws IOException {
        if (socket == null) {
            open();
        }
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                + uri.getPort() + "\r\nContent-Type: " + contentType + "\r\nAccept: " + accept
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return readAnswer();
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeout);
        socket.setSoTimeout(timeout);
        in = new BufferedInputStream(socket.getInputStream(), BUFFER);
        out = socket.getOutputStream();
    }

    private Answer readAnswer() throws IOException {
        String statusLine = readLine();
        String[] words = statusLine.split(" ", 3);
        if (words.length < 2 || !words[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.x status line: '" + statusLine + "'");
        }
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            String lower = line.toLowerCase(Locale.ROOT);
            String value = lower.substring(lower.indexOf(':') + 1).strip();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(value);
            } else if (lower.startsWith("transfer-encoding:")) {
                chunked = value.endsWith("chunked");
            } else if (lower.startsWith("connection:")) {
                close = value.contains("close");
            }
        }
        byte[] body = chunked ? readChunked() : length >= 0 ? readExactly(length)
                : readToEnd();
        if (close || !chunked && length < 0) {
            disconnect();
        }
        return new Answer(Integer.parseInt(words[1]), new String(body, StandardCharsets.UTF_8));
    }

    // RFC 9112 §7.1: size line (extensions ignored), data, CRLF; a zero size, trailers, CRLF.
    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (;;) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine
                    : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    continue; // trailer fields
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY) {
                throw new IOException("Answer body over " + MAX_BODY + " bytes");
            }
            body.writeBytes(readExactly(size));
            readLine();
        }
    }

    private byte[] readExactly(long length) throws IOException {
        if (length > MAX_BODY) {
            throw new IOException("Answer body of " + length + " bytes; at most " + MAX_BODY);
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new IOException("Answer body ends after " + bytes.length + " of " + length
                    + " bytes");
        }
        return bytes;
    }

    private byte[] readToEnd() throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY);
        if (in.read() >= 0) {
            throw new IOException("Answer body over " + MAX_BODY + " bytes");
        }
        return bytes;
    }

    /** A line without its CRLF (a bare LF is taken too); fails at the end of the input. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Connection closed in the middle of an answer");
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("Answer line over " + MAX_LINE + " bytes");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Closes the socket; the next request opens a new one. */
    void disconnect() throws IOException {
        if (socket != null) {
            Socket closing = socket;
            socket = null;
            closing.close();
        }
    }

    @Override
    public void close() throws IOException {
        disconnect();
    }
}
