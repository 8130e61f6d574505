// SPDX-License-Identifier: MIT
package dicomite.http;

/**
 * A Content-Type or Accept header value is not a media type as RFC 9110 §8.3.1 and §12.5.1
 * define it. The message quotes the header value, names the position (0-based) and states the
 * rule, e.g. {@code Media type 'application/dicom; type="x' has an unterminated quoted string
 * at position 25}. Handlers translate it into the spec's 415 or 406.
 */
public final class InvalidMediaTypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidMediaTypeException(String message) {
        super(message);
    }
}
