// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.http.MediaType;
import dicomite.http.MultipartWriter;
import dicomite.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The 200 answers of the WADO-RS resource routes (spec §3.3). Single part:
 * {@code Content-Type: application/dicom; transfer-syntax={uid}} and the Part 10 bytes.
 * Multipart: {@code multipart/related; boundary={b}} with no {@code type} parameter, one part
 * per instance, each with the one header {@code Content-Type: application/dicom;
 * transfer-syntax={uid}}, framed by {@link MultipartWriter}.
 *
 * <p>Bodies stream from the files when the response is sent, through one copy buffer of
 * {@value #BUFFER_SIZE} bytes: memory does not grow with the size of a study. The length is
 * computed from the index when every part's is known, so that the response goes with a
 * Content-Length rather than in chunks; a converted instance makes it chunked. Stateless.
 */
final class RetrieveResponse {
    static final int BUFFER_SIZE = 256 * 1024; // bytes

    private RetrieveResponse() {
    }

    /** The one instance as the whole body. */
    static Response singlePart(String mediaType, Rendition rendition) {
        return Response.stream(200, partType(mediaType, rendition), rendition.length(),
                out -> rendition.writeTo(out, new byte[BUFFER_SIZE]));
    }

    /** The instances as the parts of a multipart/related body with this boundary. */
    static Response multipart(String mediaType, List<Rendition> renditions, String boundary) {
        String type = MediaType.MULTIPART_RELATED.withParameter("boundary", boundary).toString();
        return Response.stream(200, type, lengthOf(mediaType, renditions, boundary), out -> {
            MultipartWriter writer = new MultipartWriter(out, boundary);
            byte[] buffer = new byte[BUFFER_SIZE];
            for (Rendition rendition : renditions) {
                rendition.writeTo(writer.beginPart(partType(mediaType, rendition)), buffer);
            }
            writer.finish();
        });
    }

    /** Spec §3.3: the media type and the syntax of the bytes sent. */
    static String partType(String mediaType, Rendition rendition) {
        return mediaType + "; transfer-syntax=" + rendition.transferSyntax();
    }

    /**
     * The bytes {@link MultipartWriter} writes for these parts (RFC 2046 §5.1.1): "--b" before
     * the first part, CRLF "--b" before each other, the part's header and blank line, its
     * bytes, and CRLF "--b--" CRLF at the end; -1 when a part's length is unknown.
     */
    static long lengthOf(String mediaType, List<Rendition> renditions, String boundary) {
        long total = 0;
        boolean first = true;
        for (Rendition rendition : renditions) {
            if (rendition.length() < 0) {
                return -1;
            }
            String head = (first ? "--" : "\r\n--") + boundary + "\r\nContent-Type: "
                    + partType(mediaType, rendition) + "\r\n\r\n";
            total += ascii(head) + rendition.length();
            first = false;
        }
        return total + ascii((renditions.isEmpty() ? "--" : "\r\n--") + boundary + "--\r\n");
    }

    private static long ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII).length;
    }
}
