// SPDX-License-Identifier: MIT
package dicomite.http;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request the service refuses: an HTTP status, the body the service sends with it and, for
 * errors about one DICOM instance, the failure reason code of PS3.18 §10.5 / PS3.4 (e.g. 43264).
 *
 * <p>Most bodies are the plain-text message (spec §1.5); routing errors have an empty body and
 * API-version errors a JSON one. Instances are made only by {@link Errors}, and only the
 * {@link Router} catches them. No stack trace is captured: an ApiError is an answer, not a bug.
 */
public final class ApiError extends RuntimeException {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";

    private final int status;
    private final OptionalInt reasonCode;
    private final String contentType; // "" for an empty body
    private final String body;

    private ApiError(int status, String message, OptionalInt reasonCode, String contentType,
            String body) {
        super(Objects.requireNonNull(message), null, false, false);
        assert status >= 400 && status <= 599 : status;
        this.status = status;
        this.reasonCode = reasonCode;
        this.contentType = contentType;
        this.body = body;
    }

    /** An error whose body is its message as plain text (spec §1.5). */
    static ApiError text(int status, String message) {
        return new ApiError(status, message, OptionalInt.empty(), TEXT, message);
    }

    /** A plain-text error about one instance, carrying its failure reason code. */
    static ApiError text(int status, String message, int reasonCode) {
        return new ApiError(status, message, OptionalInt.of(reasonCode), TEXT, message);
    }

    /** An error sent with an empty body; the message is for logs and test names only. */
    static ApiError empty(int status, String message) {
        return new ApiError(status, message, OptionalInt.empty(), "", "");
    }

    /** An error whose body is the given JSON document. */
    static ApiError json(int status, String message, String json) {
        return new ApiError(status, message, OptionalInt.empty(), JSON, json);
    }

    /** The HTTP status, 400 to 599. */
    public int status() {
        return status;
    }

    /** The DICOM failure reason code, when the error is about one instance. */
    public OptionalInt reasonCode() {
        return reasonCode;
    }

    /** The media type of the body, or empty when the body is empty. */
    public Optional<String> contentType() {
        return contentType.isEmpty() ? Optional.empty() : Optional.of(contentType);
    }

    /** The exact response body ("" when empty). */
    public String body() {
        return body;
    }

    /** The response the router sends for this error. */
    Response toResponse() {
        return contentType.isEmpty() ? Response.empty(status)
                : Response.text(status, contentType, body);
    }
}
