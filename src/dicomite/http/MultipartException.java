// SPDX-License-Identifier: MIT
package dicomite.http;

import java.io.IOException;

/**
 * A multipart body does not follow RFC 2046 §5.1, or exceeds one of the reader's bounds. The
 * message names the part, the hex byte offset in the body and the rule, e.g.
 * {@code Multipart body ends before the closing boundary '--xyz--'}; {@link #reason()} tells the
 * kind of failure so that a handler can choose the status without reading the message.
 */
public final class MultipartException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The boundary parameter breaks RFC 2046 §5.1.1 (1 to 70 characters of a fixed set). */
        INVALID_BOUNDARY,
        /** The framing or a part's header section is malformed. */
        MALFORMED,
        /** The body ends before the close delimiter. */
        TRUNCATED,
        /** More parts than the reader allows. */
        TOO_MANY_PARTS,
        /** A part's header section is longer than the reader allows. */
        HEADERS_TOO_LARGE
    }

    private final Reason reason;

    public MultipartException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
