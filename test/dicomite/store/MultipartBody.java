// SPDX-License-Identifier: MIT
package dicomite.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A multipart/related request body for the tests (RFC 2046 §5.1.1): parts with a Content-Type
 * header, another header or none, then the close delimiter.
 *
 * <pre>{@code
 * byte[] body = new MultipartBody("xyz").part("application/dicom", bytes).build();
 * }</pre>
 */
public final class MultipartBody {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public MultipartBody(String boundary) {
        this.boundary = boundary;
    }

    /** A multipart body of these files, each {@code application/dicom}, boundary "dicomite". */
    public static byte[] of(byte[]... files) {
        MultipartBody body = new MultipartBody("dicomite");
        for (byte[] file : files) {
            body.part("application/dicom", file);
        }
        return body.build();
    }

    /** Adds a part; a null type sends the part without a Content-Type header. */
    public MultipartBody part(String contentType, byte[] content) {
        ascii("--" + boundary + "\r\n");
        if (contentType != null) {
            ascii("Content-Type: " + contentType + "\r\n");
        }
        ascii("\r\n");
        out.writeBytes(content);
        ascii("\r\n");
        return this;
    }

    /** The body: the parts and the close delimiter. */
    public byte[] build() {
        ascii("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private void ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
