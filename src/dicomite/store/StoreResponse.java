// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.dicom.Dataset;
import dicomite.dicom.DicomJson;
import dicomite.dicom.Element;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import dicomite.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The answer to a store request (spec §2.3, v1 differences of §13): the response data set with
 * one item per instance, in request order, in the Referenced SOP Sequence (stored) or the Failed
 * SOP Sequence (not stored), written as DICOM JSON; and the status: 200 when every instance was
 * stored without a WarningReason (v1: whatever its WarningReason), 202 when some were stored and
 * some failed or had one, 409 when none was stored.
 *
 * <p>Retrieve URLs are absolute, built from the request's base URI and the version segment of its
 * path. Not thread-safe: one per request.
 */
final class StoreResponse {
    /** Spec §2.3 FailureReason: general processing failure. */
    static final int PROCESSING_FAILURE = 272;
    /** Spec §2.3 FailureReason: unreadable file, missing or invalid required attribute. */
    static final int VALIDATION_FAILURE = 43264;
    /** Spec §2.3 FailureReason: the instance exists already. */
    static final int INSTANCE_EXISTS = 45070;
    /** Spec §2.3 FailureReason: another request is creating the instance. */
    static final int INSTANCE_BEING_CREATED = 45071;

    static final String MEDIA_TYPE = "application/dicom+json; charset=utf-8";
    // Spec §2.3: the text of the Warning header when an indexed attribute has several values.
    static final String MULTIPLE_VALUES_WARNING = "One or more indexed Dicom tag(s) have"
            + " multiple values, only first value is indexed.";

    private static final int ErrorComment = 0x00000902;
    private static final int ReferencedSOPClassUID = 0x00081150;
    private static final int ReferencedSOPInstanceUID = 0x00081155;
    private static final int RetrieveURL = 0x00081190;
    private static final int WarningReason = 0x00081196;
    private static final int FailureReason = 0x00081197;
    private static final int FailedSOPSequence = 0x00081198;
    private static final int ReferencedSOPSequence = 0x00081199;
    private static final int FailedAttributesSequence = 0x00741048;

    private final String versionBase; // e.g. "http://host:8080/v2", no trailing '/'
    private final Optional<String> routeStudy;
    private final int major; // 1 or 2
    private final List<Dataset> referenced = new ArrayList<>();
    private final List<Dataset> failed = new ArrayList<>();
    private boolean anyWarningReason;
    private boolean multipleValues;

    /**
     * @param versionBase the base URI and version segment, e.g. "http://host:8080/v2"
     * @param routeStudy the route's study UID, padding removed, if it has one
     * @param major the API's major version, 1 or 2
     */
    StoreResponse(String versionBase, Optional<String> routeStudy, int major) {
        this.versionBase = versionBase;
        this.routeStudy = routeStudy;
        this.major = major;
    }

    /** Adds a stored instance, with its WarningReason and, in v2, its ErrorComments. */
    void addStored(Dataset ds, InstanceValidator.Validation validation) {
        Dataset item = referenceTo(Optional.of(ds));
        String url = versionBase + "/studies/" + ds.getString(Tag.StudyInstanceUID, "")
                + "/series/" + ds.getString(Tag.SeriesInstanceUID, "") + "/instances/"
                + ds.getString(Tag.SOPInstanceUID, "");
        item.putString(RetrieveURL, VR.UR, url);
        OptionalInt reason = validation.warningReason();
        if (reason.isPresent()) {
            item.putInts(WarningReason, VR.US, reason.getAsInt());
            anyWarningReason = true;
        }
        if (major >= 2) { // spec §14.3: always there in v2, if only empty
            item.put(Element.sequence(FailedAttributesSequence, errorComments(validation
                    .comments())));
        }
        referenced.add(item);
    }

    /**
     * Adds an instance that was not stored.
     *
     * @param ds its data set, or empty when it is not readable
     * @param comments its ErrorComments; none leaves out the Failed Attributes Sequence
     */
    void addFailed(Optional<Dataset> ds, int reason, List<String> comments) {
        Dataset item = referenceTo(ds);
        item.putInts(FailureReason, VR.US, reason);
        if (!comments.isEmpty()) {
            item.put(Element.sequence(FailedAttributesSequence, errorComments(comments)));
        }
        failed.add(item);
    }

    /** Notes that an instance has an indexed attribute with several values (spec §1.6). */
    void noteMultipleValues() {
        multipleValues = true;
    }

    /** The status of spec §2.3 for the items added; at least one must have been. */
    int status() {
        assert !referenced.isEmpty() || !failed.isEmpty();
        if (referenced.isEmpty()) {
            return 409;
        }
        boolean warned = major >= 2 && anyWarningReason; // spec §13: not in v1
        return failed.isEmpty() && !warned ? 200 : 202;
    }

    /**
     * The response.
     *
     * @param host the request's host name for the Warning header, "-" when it has none
     */
    Response toResponse(String host) {
        Dataset body = new Dataset();
        if (routeStudy.isPresent() && !referenced.isEmpty()) {
            body.putString(RetrieveURL, VR.UR, versionBase + "/studies/" + routeStudy.get());
        }
        if (!failed.isEmpty()) {
            body.put(Element.sequence(FailedSOPSequence, failed));
        }
        if (!referenced.isEmpty()) {
            body.put(Element.sequence(ReferencedSOPSequence, referenced));
        }
        Response response = Response.text(status(), MEDIA_TYPE,
                DicomJson.toJson(body, DicomJson.Options.METADATA));
        if (multipleValues) { // spec §1.6: Warning: 299 {host}: "{message}"
            response.header("Warning", "299 " + host + ": \"" + MULTIPLE_VALUES_WARNING + "\"");
        }
        return response;
    }

    // The UIDs an item names when the data set has them (spec §2.3: "only if readable").
    private static Dataset referenceTo(Optional<Dataset> ds) {
        Dataset item = new Dataset();
        ds.flatMap(d -> d.findString(Tag.SOPClassUID)).filter(uid -> !uid.isEmpty())
                .ifPresent(uid -> item.putString(ReferencedSOPClassUID, VR.UI, uid));
        ds.flatMap(d -> d.findString(Tag.SOPInstanceUID)).filter(uid -> !uid.isEmpty())
                .ifPresent(uid -> item.putString(ReferencedSOPInstanceUID, VR.UI, uid));
        return item;
    }

    private static List<Dataset> errorComments(List<String> comments) {
        List<Dataset> items = new ArrayList<>(comments.size());
        for (String comment : comments) {
            items.add(new Dataset().putString(ErrorComment, VR.LO, comment));
        }
        return items;
    }
}
