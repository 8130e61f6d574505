// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.http.Errors;
import dicomite.http.InvalidMediaTypeException;
import dicomite.http.MediaType;
import dicomite.http.MultipartReader;
import java.util.Optional;

/**
 * The request Content-Type of a store (spec §2.1), checked in the two steps the service takes:
 * the route's content-type filter (spec §1.3 step 4: a type other than {@code application/dicom}
 * or {@code multipart/related} is a 415 with an empty body; no type at all passes), then, in the
 * handler after the path check, the choice of a reader, which states its 415s and 400 in words.
 *
 * <p>A single part must be sent as exactly {@code application/dicom} (any case, no parameter); a
 * multipart body needs a boundary (quoted or not) and must not name a {@code start} part. The
 * {@code type} parameter, when given, stands for the type of a first part that has none.
 * Immutable.
 *
 * @param multipart whether the body is multipart/related
 * @param boundary the multipart boundary without quotes; empty for a single part
 * @param type the {@code type} parameter of a multipart body, if any
 */
record StoreContentType(boolean multipart, String boundary, Optional<String> type) {
    private static final String APPLICATION_DICOM = "application/dicom";

    /**
     * Spec §1.3 step 4: the content-type filter of the store routes.
     *
     * @param header the Content-Type sent, empty when none or blank
     * @throws dicomite.http.ApiError 415 with an empty body for a type the routes do not take
     */
    static void requireConsumed(Optional<String> header) {
        if (header.isEmpty()) {
            return; // spec §2.1: no Content-Type passes the filter and fails later
        }
        Optional<MediaType> type = findMediaType(header.get());
        boolean consumed = type.isPresent() && (type.get().is(APPLICATION_DICOM)
                || type.get().is("multipart/related"));
        if (!consumed) {
            throw Errors.contentTypeNotConsumed(header.get());
        }
    }

    /**
     * Spec §2.1: the reader for a Content-Type that passed {@link #requireConsumed}.
     *
     * @throws dicomite.http.ApiError 415 "The specified content type '…' is not supported." for
     *     no type or a single part with parameters; 415 for a multipart type without boundary;
     *     400 for a {@code start} parameter
     */
    static StoreContentType parse(Optional<String> header) {
        String text = header.orElse("");
        Optional<MediaType> type = findMediaType(text);
        if (type.isEmpty() || !type.get().is("multipart/related")) {
            if (!text.equalsIgnoreCase(APPLICATION_DICOM)) {
                throw Errors.unsupportedContentType(text);
            }
            return new StoreContentType(false, "", Optional.empty());
        }
        String boundary = type.get().findParameter("boundary").orElse("");
        // A boundary RFC 2046 §5.1.1 forbids cannot delimit parts: Dicomite counts it missing.
        if (MultipartReader.findBoundaryProblem(boundary).isPresent()) {
            throw Errors.missingMultipartBoundary(text);
        }
        if (type.get().findParameter("start").isPresent()) {
            throw Errors.multipartStartParameter();
        }
        return new StoreContentType(true, boundary, type.get().findParameter("type"));
    }

    /** Spec §2.1: whether a part's own Content-Type is exactly application/dicom. */
    static boolean isDicom(String partType) {
        return partType.equalsIgnoreCase(APPLICATION_DICOM);
    }

    private static Optional<MediaType> findMediaType(String text) {
        try {
            return Optional.of(MediaType.parse(text));
        } catch (InvalidMediaTypeException e) {
            return Optional.empty();
        }
    }
}
