// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.DicomJson;
import dicomite.dicom.DicomJsonException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * Store requests and a reading of their answers (spec §2.3) for the tests: requests go to a
 * {@link ServerFixture}; answers are read back with {@link DicomJson#read} so that tests ask for
 * items, reasons and comments by tag.
 */
public final class StoreCalls {
    /** The Content-Type of a multipart body made by {@link MultipartBody#of}. */
    public static final String MULTIPART =
            "multipart/related; type=\"application/dicom\"; boundary=dicomite";
    public static final String DICOM_JSON = "application/dicom+json";

    static final int ErrorComment = 0x00000902;
    static final int ReferencedSOPClassUID = 0x00081150;
    static final int ReferencedSOPInstanceUID = 0x00081155;
    static final int RetrieveURL = 0x00081190;
    static final int WarningReason = 0x00081196;
    static final int FailureReason = 0x00081197;
    static final int FailedSOPSequence = 0x00081198;
    static final int ReferencedSOPSequence = 0x00081199;
    static final int FailedAttributesSequence = 0x00741048;

    private StoreCalls() {
    }

    /** POSTs the files as one multipart body, accepting DICOM JSON. */
    public static HttpResponse<String> store(ServerFixture server, String path, byte[]... files)
            throws IOException, InterruptedException {
        return send(server, "POST", path, MULTIPART, MultipartBody.of(files), "Accept",
                DICOM_JSON);
    }

    /**
     * Sends a request with a body.
     *
     * @param contentType the Content-Type, or null to send none
     * @param headers header name/value pairs
     */
    public static HttpResponse<String> send(ServerFixture server, String method, String path,
            String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = server.request(path)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return server.send(builder.build());
    }

    /** The response data set of a store. */
    public static Dataset parse(HttpResponse<String> response) throws DicomJsonException {
        return DicomJson.read(response.body());
    }

    /** The items of the Referenced SOP Sequence (stored instances); none when absent. */
    public static List<Dataset> referenced(Dataset response) {
        return items(response, ReferencedSOPSequence);
    }

    /** The items of the Failed SOP Sequence; none when absent. */
    public static List<Dataset> failed(Dataset response) {
        return items(response, FailedSOPSequence);
    }

    /** The FailureReason of a failed item. */
    public static int failureReason(Dataset item) {
        return item.findInt(FailureReason).orElseThrow();
    }

    /** The WarningReason of a stored item, if any. */
    public static Optional<Integer> warningReason(Dataset item) {
        return item.findInt(WarningReason);
    }

    /** The ErrorComments of an item's Failed Attributes Sequence; none when absent. */
    public static List<String> comments(Dataset item) {
        return items(item, FailedAttributesSequence).stream()
                .map(comment -> comment.getString(ErrorComment, "")).toList();
    }

    private static List<Dataset> items(Dataset ds, int tag) {
        return ds.find(tag).map(e -> e.items()).orElse(List.of());
    }
}
