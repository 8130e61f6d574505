// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.http.MediaType;
import dicomite.http.MultipartWriter;
import dicomite.http.Response;
import dicomite.storage.FrameCache;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The 200 answers of the frames route (spec §3.4). Single part:
 * {@code Content-Type: application/octet-stream; transfer-syntax={uid}} and the frame's bytes.
 * Multipart: {@code multipart/related; boundary={b}} with no {@code type} parameter and one
 * part per requested frame, in the order requested (a frame asked twice comes twice), each
 * with the one header {@code Content-Type: {media type}; transfer-syntax={uid}}.
 *
 * <p>Frames stream from the cache's files (or from memory, converted) through one copy buffer of
 * {@value RetrieveResponse#BUFFER_SIZE} bytes, with a Content-Length computed from the frame
 * lengths. Stateless.
 */
final class FrameResponse {
    private FrameResponse() {
    }

    /** The frames a response sends, numbered from 1. */
    interface FrameBytes {
        /** The number of bytes of the frame. */
        long length(int frame);

        /**
         * The frame's bytes; the caller closes the stream.
         *
         * @throws IOException when the frame cannot be read
         */
        InputStream open(int frame) throws IOException;

        /** The frames of the cache, as extracted. */
        static FrameBytes of(FrameCache.Frames frames) {
            return new FrameBytes() {
                @Override
                public long length(int frame) {
                    return frames.length(frame);
                }

                @Override
                public InputStream open(int frame) throws IOException {
                    return frames.open(frame);
                }
            };
        }

        /** Frames held in memory, by number. */
        static FrameBytes of(Map<Integer, byte[]> frames) {
            return new FrameBytes() {
                @Override
                public long length(int frame) {
                    return frames.get(frame).length;
                }

                @Override
                public InputStream open(int frame) {
                    return new ByteArrayInputStream(frames.get(frame));
                }
            };
        }
    }

    /** One frame as the whole body. */
    static Response singlePart(String mediaType, FrameEncoding encoding,
            FrameBytes frames, int frame) {
        return Response.stream(200, partType(mediaType, encoding), frames.length(frame),
                out -> copy(frames, frame, out, newBuffer()));
    }

    /** The frames as the parts of a multipart/related body with this boundary. */
    static Response multipart(String mediaType, FrameEncoding encoding, FrameBytes frames,
            List<Integer> numbers, String boundary) {
        String type = MediaType.MULTIPART_RELATED.withParameter("boundary", boundary).toString();
        String partType = partType(mediaType, encoding);
        return Response.stream(200, type, lengthOf(partType, frames, numbers, boundary), out -> {
            MultipartWriter writer = new MultipartWriter(out, boundary);
            byte[] buffer = newBuffer();
            for (int frame : numbers) {
                copy(frames, frame, writer.beginPart(partType), buffer);
            }
            writer.finish();
        });
    }

    private static String partType(String mediaType, FrameEncoding encoding) {
        return mediaType + "; transfer-syntax=" + encoding.transferSyntax();
    }

    private static byte[] newBuffer() {
        return new byte[RetrieveResponse.BUFFER_SIZE];
    }

    // The framing of MultipartWriter (RFC 2046 §5.1.1), as RetrieveResponse#lengthOf counts it.
    private static long lengthOf(String partType, FrameBytes frames,
            List<Integer> numbers, String boundary) {
        long total = 0;
        String head = "--" + boundary + "\r\nContent-Type: " + partType + "\r\n\r\n";
        for (int frame : numbers) {
            total += ascii(head) + frames.length(frame);
        }
        total += 2L * (numbers.size() - 1); // the CRLF before each later delimiter
        return total + ascii("\r\n--" + boundary + "--\r\n");
    }

    private static long ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII).length;
    }

    /**
     * Copies exactly the frame's length.
     *
     * @throws IOException when the frame cannot be read, is not of its length, or the client
     *     leaves
     */
    private static void copy(FrameBytes frames, int frame, OutputStream out,
            byte[] buffer) throws IOException {
        try (InputStream in = frames.open(frame)) {
            for (long left = frames.length(frame); left > 0; ) {
                int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
                if (n == 0) {
                    throw new EOFException("Frame " + frame + " ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
