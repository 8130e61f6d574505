// SPDX-License-Identifier: MIT
package dicomite.http;

import dicomite.json.Json;

/**
 * The catalogue of errors the service answers with: one factory per condition, each citing the
 * spec section that fixes its status and wording (spec §1.5 and the message catalogue of §15).
 *
 * <p>This is the only place that makes {@link ApiError}s; tests compare responses with the same
 * factories. Messages quoted by the spec are reproduced exactly.
 */
public final class Errors {
    static final String INTERNAL = "The server encountered an internal error. Please retry the "
            + "request. If the issue persists, please contact support.";

    private Errors() {
    }

    /** Spec §1.3 step 1, §15: the raw query string contains {@code <} or {@code %3c}. */
    public static ApiError invalidQueryCharacters() {
        return ApiError.text(400, "The query string included invalid characters.");
    }

    /** Spec §1.2: no route has this path (404, empty body). */
    public static ApiError unknownPath(String path) {
        return ApiError.empty(404, "No route matches the path '" + path + "'.");
    }

    /** Spec §1.2: a route has this path but not this method (405, empty body). */
    public static ApiError methodNotAllowed(String method, String path) {
        return ApiError.empty(405, "The method '" + method + "' is not allowed on '" + path + "'.");
    }

    /**
     * Spec §1.1: the path names a version that the route does not serve. The JSON envelope is
     * ASP.NET API Versioning's; the spec marks its message text as approximate.
     *
     * @param requestUri the absolute request URI, query string included
     * @param version the version as the path spells it, without the "v", e.g. "3"
     */
    public static ApiError unsupportedApiVersion(String requestUri, String version) {
        String message = "The HTTP resource that matches the request URI '" + requestUri
                + "' does not support the API version '" + version + "'.";
        String json = "{\"error\":{\"code\":\"UnsupportedApiVersion\",\"message\":"
                + Json.toJson(message) + ",\"innerError\":null}}";
        return ApiError.json(400, message, json);
    }

    /**
     * Spec §1.3 step 4, §2.1: the route's content-type filter refuses a Content-Type that is not
     * among the types it consumes, or not a media type at all (415, empty body).
     */
    public static ApiError contentTypeNotConsumed(String contentType) {
        return ApiError.empty(415, "The route does not consume the content type '" + contentType
                + "'.");
    }

    /** Spec §2.1, §15: a store body in a content type no reader takes (415). */
    public static ApiError unsupportedContentType(String contentType) {
        return ApiError.text(415, "The specified content type '" + contentType
                + "' is not supported.");
    }

    /** Spec §2.1, §15: multipart/related without a usable boundary parameter (415). */
    public static ApiError missingMultipartBoundary(String contentType) {
        return ApiError.text(415, "The content type '" + contentType
                + "' is either not multipart or is missing boundary.");
    }

    /** Spec §2.1: multipart/related naming a start part (400). */
    public static ApiError multipartStartParameter() {
        return ApiError.text(400, "The start parameter in multipart/related request is not"
                + " supported.");
    }

    /**
     * Spec §0, §2.1: a multipart body that breaks RFC 2046 (400). The service's wording is not
     * known; Dicomite names the rule broken.
     *
     * @param problem what is wrong and where, e.g. "Multipart body ends before the closing
     *     boundary '--xyz--'"
     */
    public static ApiError invalidMultipartBody(String problem) {
        return ApiError.text(400, "The multipart request body is invalid. " + problem + ".");
    }

    /**
     * Spec §1.4: no entry of the Accept header admits the media type the route answers with
     * (406, empty body).
     *
     * @param accept the Accept header lines joined with ", ", "" when none was sent
     */
    public static ApiError notAcceptable(String accept) {
        return ApiError.empty(406, "The Accept header '" + accept + "' admits no media type"
                + " the route answers with.");
    }

    /**
     * Spec §2.1, §5, §15: a UID in the path is not UID-valid (spec §0).
     *
     * @param name the parameter's name in the message: "StudyInstanceUid",
     *     "SeriesInstanceUid" or "SopInstanceUid"
     */
    public static ApiError invalidUID(String name) {
        return ApiError.text(400, "Dicom element '" + name + "' failed validation for VR 'UI':"
                + " DICOM Identifier is invalid. Value length should not exceed the maximum"
                + " length of 64 characters. Value should contain characters in '0'-'9' and '.'."
                + " Each component must start with non-zero number.");
    }

    /** Spec §1.5, §2.1, §15: a file of a store request is larger than the limit (413). */
    public static ApiError requestTooLarge(long limit) {
        return ApiError.text(413, "The request exceeded the allowed limit of " + limit
                + " bytes.");
    }

    /** Spec §5, §15: no instance of the study exists (404). */
    public static ApiError studyNotFound() {
        return ApiError.text(404, "The specified study cannot be found.");
    }

    /** Spec §5, §15: no instance of the series exists (404). */
    public static ApiError seriesNotFound() {
        return ApiError.text(404, "The specified series cannot be found.");
    }

    /** Spec §5, §15: the instance does not exist (404). */
    public static ApiError instanceNotFound() {
        return ApiError.text(404, "The specified instance cannot be found.");
    }

    /**
     * Spec §0, §2.1: msdicom-expiry-time-milliseconds is not a positive whole number of
     * milliseconds (400; the service's wording is not known).
     */
    public static ApiError invalidExpiryTime(String value) {
        return invalidHeader("msdicom-expiry-time-milliseconds", value,
                "is not a positive integer");
    }

    /** Spec §0, §2.1: msdicom-expiry-option is not RelativeToNow, the only option (400). */
    public static ApiError invalidExpiryOption(String value) {
        return invalidHeader("msdicom-expiry-option", value,
                "is not supported; the only option is 'RelativeToNow'");
    }

    /** Spec §0, §2.1: msdicom-expiry-level is not Study, the only level (400). */
    public static ApiError invalidExpiryLevel(String value) {
        return invalidHeader("msdicom-expiry-level", value,
                "is not supported; the only level is 'Study'");
    }

    /**
     * Spec §0, §2.1: one of the three expiry headers is missing while another was sent (400).
     *
     * @param name the missing header
     */
    public static ApiError missingExpiryHeader(String name) {
        return ApiError.text(400, "The header '" + name + "' is missing. The headers"
                + " 'msdicom-expiry-time-milliseconds', 'msdicom-expiry-option' and"
                + " 'msdicom-expiry-level' must be sent together.");
    }

    private static ApiError invalidHeader(String name, String value, String rule) {
        return ApiError.text(400, "The header '" + name + "' is invalid. Value '" + value + "' "
                + rule + ".");
    }

    /** Spec §1.5, §15: anything unexpected; the cause is logged, never sent. */
    public static ApiError internal() {
        return ApiError.text(500, INTERNAL);
    }

    /**
     * Spec §3.2, §15: no entry of the Accept header names a rendition a WADO-RS resource route
     * answers with, or there is no Accept header (406).
     */
    public static ApiError notAcceptableHeaders() {
        return ApiError.text(406, "The request headers are not acceptable");
    }

    /**
     * Spec §3.3, §15: a study or series of more than one instance asked for in a transfer syntax
     * other than '*' (406).
     *
     * @param transferSyntax the syntax the Accept header selected, e.g. "1.2.840.10008.1.2.1"
     */
    public static ApiError multipleInstancesTranscoding(String transferSyntax) {
        return ApiError.text(406, "Accept transfer syntax '" + transferSyntax + "' is not"
                + " supported when multiple instances are matched. Matching instances can be"
                + " retrieved with their original transfer syntax by specifying"
                + " 'transfer-syntax=*' in the Accept header.");
    }

    /** Spec §3.3, §15: the instance cannot be converted to the requested syntax (406). */
    public static ApiError transcodingNotSupported() {
        return ApiError.text(406, "The specified transcoding is not supported.");
    }

    /**
     * Spec §3.3: the instance to convert is larger than the limit (406).
     *
     * @param limit the largest file that is converted, in bytes; the service's is 104857600
     */
    public static ApiError instanceTooLargeToTranscode(long limit) {
        return ApiError.text(406, "Requested DICOM instance size is above the supported limit of "
                + limit + ". The entire instance can be retrieved with the original transfer"
                + " syntax by specifying 'transfer-syntax=*' in the Accept header.");
    }

    /**
     * Spec §1.3 step 5, §3.4: an entry of the frames list is not a 32-bit integer (400).
     *
     * @param value the entry, without the spaces around it
     */
    public static ApiError unparsableFrame(String value) {
        return invalidQueryParameter("frames", "Unable to parse value '" + value
                + "' as Int32.");
    }

    /** Spec §3.5, §15: the quality query parameter is outside 1 to 100 (400). */
    public static ApiError imageQualityOutOfRange() {
        return ApiError.text(400, "Image quality must be between 1 and 100 inclusive");
    }

    /** Spec §3.5, §15: a rendered route sent more than one Accept value (406). */
    public static ApiError multipleAcceptHeaders() {
        return ApiError.text(406, "The request contains multiple accept headers, which is not"
                + " supported.");
    }

    /** Spec §3.5, §15: the file is over the size the service renders (406). */
    public static ApiError instanceTooLargeToRender(long limit) {
        return ApiError.text(406, "Requested DICOM instance size is above the supported limit"
                + " of " + limit + " for rendering. Please retrieve the whole file in the"
                + " original transfer syntax instead of rendering to image media type.");
    }

    /** Spec §3.5, §15: the frame cannot be decoded or rendered (406). */
    public static ApiError renderingFailed() {
        return ApiError.text(406, "An error was encountered when attempting to convert the"
                + " dicom file into an image");
    }

    /** Spec §3.4, §15: the frames list is empty or has a number below 1 (400). */
    public static ApiError invalidFrames() {
        return ApiError.text(400, "The specified frames value is not valid. At least one frame"
                + " must be present, and all requested frames must have value greater than 0.");
    }

    /** Spec §3.4, §15: a frame beyond NumberOfFrames, or an instance without pixel data (404). */
    public static ApiError frameNotFound() {
        return ApiError.text(404, "The specified frame cannot be found.");
    }

    /** Spec §3.4: a single-part Accept for more than one frame (400). */
    public static ApiError singlePartForManyFrames() {
        return ApiError.text(400, "The accept header is supported for single frame retrieval,"
                + " use multi-part accept header instead.");
    }

    /**
     * Spec §1.3 step 5, §4.2, §15: a QIDO-RS parameter bound by the model (FuzzyMatching,
     * Offset, Limit) is not of its type, as ASP.NET words it (400).
     *
     * @param name the parameter as the model names it, e.g. "Limit"
     * @param value every value sent, joined by ","
     */
    public static ApiError invalidQueryParameterValue(String name, String value) {
        return invalidQueryParameter(name, "The value '" + value + "' is not valid for " + name
                + ".");
    }

    /** Spec §1.3 step 5, §4.2: a model-bound parameter sent without a value, e.g. "limit=". */
    public static ApiError missingQueryParameterValue(String name, String value) {
        return invalidQueryParameter(name, "The value '" + value + "' is invalid.");
    }

    /**
     * Spec §4.2: a model-bound parameter out of its range, e.g. "The query parameter 'Limit' is
     * invalid. The field Limit must be between 1 and 200." (400).
     */
    public static ApiError queryParameterOutOfRange(String name, long min, long max) {
        return invalidQueryParameter(name, "The field " + name + " must be between " + min
                + " and " + max + ".");
    }

    private static ApiError invalidQueryParameter(String name, String reason) {
        return ApiError.text(400, "The query parameter '" + name + "' is invalid. " + reason);
    }

    /** Spec §4.2: a QIDO-RS filter key given more than once (400). */
    public static ApiError duplicateQueryAttribute(String key) {
        return ApiError.text(400, "Invalid QIDO-RS query. Duplicate AttributeId '" + key
                + "'. Each attribute is only allowed to be specified once.");
    }

    /** Spec §4.2: one attribute filtered by keyword and by tag (400). */
    public static ApiError attributeGivenInTwoFormats(String key) {
        return ApiError.text(400, "Invalid query: attribute '" + key + "' has been specified"
                + " more than once using different ID formats. Each attribute is only allowed to"
                + " be specified once.");
    }

    /** Spec §4.2: a QIDO-RS key that is neither a reserved name nor an attribute (400). */
    public static ApiError unknownQueryParameter(String key) {
        return ApiError.text(400, "Invalid query: unknown query parameter '" + key + "'. If the"
                + " parameter is an attribute keyword, check the casing as they are"
                + " case-sensitive. The conformance statement has a list of supported query"
                + " parameters, attributes and the levels.");
    }

    /**
     * Spec §4.2: an attribute the resource cannot filter on, e.g. Modality on /studies (400;
     * two spaces after "queryable.", as the service writes it).
     */
    public static ApiError attributeNotQueryable(String key) {
        return ApiError.text(400, "Invalid query: AttributeId " + key + " is not queryable. "
                + " If the parameter is an attribute keyword, check the casing as they are"
                + " case-sensitive. The conformance statement has a list of supported query"
                + " parameters, attributes and the levels.");
    }

    /** Spec §4.2: a filter without a value, e.g. "PatientName=" (400). */
    public static ApiError emptyAttributeValue(String key) {
        return ApiError.text(400, "Invalid query: AttributeId '" + key + "' has empty string"
                + " value that is not supported.");
    }

    /** Spec §4.2: includefield=all together with other fields (400). */
    public static ApiError includeAllWithOtherFields() {
        return ApiError.text(400, "Invalid query: cannot specify included fields in addition to"
                + " 'all'.");
    }

    /** Spec §4.2: an includefield entry that names no attribute (400). */
    public static ApiError unknownIncludeField(String field) {
        return ApiError.text(400, "Invalid query: IncludeField has unknown attribute '" + field
                + "'.");
    }

    /** Spec §4.2: a dotted path into a sequence as a filter or included field (400). */
    public static ApiError sequenceAttributeNotSupported(String id) {
        return ApiError.text(400, "Dicom element '" + id + "' failed validation for VR 'SQ':"
                + " Sequential dicom tags are currently not supported.");
    }

    /** Spec §4.3: a date range with both sides empty, "-" (400). */
    public static ApiError emptyDateRange() {
        return ApiError.text(400, "Invalid query: specified range is invalid.\nBoth parts in the"
                + " range cannot be empty.\nFor details on valid range queries, please refer to"
                + " Search Matching section in Conformance Statement (https://github.com/microsoft"
                + "/dicom-server/blob/main/docs/resources/conformance-statement.md"
                + "#search-matching).");
    }

    /**
     * Spec §4.3: a date that is not a valid yyyyMMdd (400).
     *
     * @param value the date as given (one side of a range)
     * @param keyword the attribute's keyword, e.g. "StudyDate"
     */
    public static ApiError invalidDate(String value, String keyword) {
        return ApiError.text(400, "Invalid query: specified Date value '" + value + "' is invalid"
                + " for attribute '" + keyword + "'. Date should be valid and formatted as"
                + " yyyyMMdd.");
    }

    /** Spec §4.3: a date range whose first date is after the second (400). */
    public static ApiError reversedDateRange(String value, String from, String to) {
        return ApiError.text(400, "Invalid query: specified date range '" + value + "' is"
                + " invalid.\nThe first part date " + from + " should be lesser than or equal to"
                + " the second part date " + to + ".");
    }

    /**
     * Spec §4.3: a '"' in a person name matched fuzzily (400; the message ends with a space, as
     * the service writes it).
     *
     * @param keyword the attribute's keyword, e.g. "PatientName"
     */
    public static ApiError fuzzyMatchingUnsupportedCharacter(String keyword, String value) {
        return ApiError.text(400, "Invalid query: specified tag '" + keyword + "' value '" + value
                + "' contains unsupported character '\"'. Character is not supported with Fuzzy"
                + " match, try exact match or removing the invalid character. ");
    }
}
