// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.Config;
import dicomite.dicom.UIDRules;
import dicomite.http.AcceptHeader;
import dicomite.http.Errors;
import dicomite.http.MediaType;
import dicomite.http.Request;
import dicomite.http.Response;
import dicomite.http.Router;
import dicomite.storage.Archive;
import dicomite.storage.InstanceKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * STOW-RS (spec §2): {@code POST /v{version}/studies[/{study}]} stores DICOM files, and
 * {@code PUT} on the same routes stores them replacing instances that exist (upsert, spec §2.1).
 * Versions 1.0-prerelease, 1 and 2; v1 validates and answers as spec §13 says.
 *
 * <p>Checks run in the order of spec §1.3, which decides which error a bad request gets: the
 * content-type filter (415, empty body), the expiry headers (400), the Accept header (406, empty
 * body), the study UID of the route (400), the content type in words (415; 400 for a
 * {@code start} parameter); then the files are received, every one before any is stored (413 for
 * a file over {@value #MAX_FILE_SIZE} bytes), stored one by one, and the expiry headers applied to
 * the studies that got an instance (a store without them cancels an expiry).
 *
 * <pre>{@code
 * StoreHandler.register(router, archive, config);
 * }</pre>
 *
 * Thread-safe: requests run at once; the archive serializes what must be.
 */
public final class StoreHandler {
    /** Spec §2.1: the largest file, whole single-part body or one part. */
    static final long MAX_FILE_SIZE = Integer.MAX_VALUE; // bytes

    private final Archive archive;
    private final Config config;
    private final InstanceReceiver receiver;

    /** A handler refusing files over {@code maxFileSize} bytes (tests use small limits). */
    StoreHandler(Archive archive, Config config, long maxFileSize) {
        this.archive = archive;
        this.config = config;
        this.receiver = new InstanceReceiver(archive.storage(), maxFileSize);
    }

    /** Adds the POST and PUT routes of spec §2.1 to the router. */
    public static void register(Router router, Archive archive, Config config) {
        new StoreHandler(archive, config, MAX_FILE_SIZE).register(router);
    }

    /** Adds this handler's routes to the router. */
    void register(Router router) {
        router.add("POST", "/v{version}/studies", request -> store(request, false, false));
        router.add("POST", "/v{version}/studies/{study}", request -> store(request, true, false));
        router.add("PUT", "/v{version}/studies", request -> store(request, false, true));
        router.add("PUT", "/v{version}/studies/{study}", request -> store(request, true, true));
    }

    // The order of the checks is spec §1.3's; each step is one line so that it can be read.
    private Response store(Request request, boolean withStudy, boolean upsert)
            throws IOException {
        Optional<String> contentType = request.header("Content-Type").filter(v -> !v.isBlank());
        StoreContentType.requireConsumed(contentType); // step 4
        Optional<Duration> expiry = ExpiryHeaders.parse(request); // step 5: bound headers
        requireAcceptable(request); // step 7
        Optional<String> routeStudy = withStudy ? Optional.of(requireStudy(request))
                : Optional.empty(); // step 8, before the reader: spec §2.1
        StoreContentType type = StoreContentType.parse(contentType);
        List<ReceivedInstance> received = receiver.receive(request.body(), type);
        try {
            if (received.isEmpty()) {
                return Response.empty(204); // spec §2.3: multipart without parts
            }
            int major = request.apiVersion().major();
            StoreResponse response = new StoreResponse(versionBase(request), routeStudy, major);
            StoreBatch batch = new StoreBatch(archive, routeStudy, major, upsert, response);
            batch.storeAll(received);
            applyExpiry(batch, expiry);
            return response.toResponse(hostOf(request));
        } finally {
            InstanceReceiver.closeAll(received);
        }
    }

    // Spec §1.4; spec §0: --loose takes a missing Accept as application/dicom+json.
    private void requireAcceptable(Request request) {
        AcceptHeader accept = AcceptHeader.parse(request.headers("Accept"));
        boolean defaulted = config.loose() && !accept.isPresent();
        if (!defaulted && !accept.accepts(MediaType.APPLICATION_DICOM_JSON)) {
            throw Errors.notAcceptable(String.join(", ", accept.values()));
        }
    }

    /** The route's study UID without its padding; 400 when not UID-valid (spec §2.1). */
    private static String requireStudy(Request request) {
        String study = request.pathParameter("study");
        if (!UIDRules.isValid(study)) {
            throw Errors.invalidUID("StudyInstanceUid");
        }
        return InstanceKey.trim(study);
    }

    // Spec §2.1: the last store of a study decides its expiry; one without the headers cancels.
    private void applyExpiry(StoreBatch batch, Optional<Duration> expiry) throws IOException {
        Instant now = config.clock().instant();
        Instant expiresAt = expiry.map(d -> plusSaturated(now, d)).orElse(null);
        for (String study : batch.storedStudies()) {
            archive.setStudyExpiry(InstanceKey.DEFAULT_PARTITION, study, expiresAt);
        }
    }

    // Expiry is kept in epoch milliseconds, so a time beyond their range waits forever.
    private static Instant plusSaturated(Instant now, Duration duration) {
        long millis = now.toEpochMilli();
        long limit = Long.MAX_VALUE - millis;
        return Instant.ofEpochMilli(millis + Math.min(duration.toMillis(), limit));
    }

    /** "http://host:port/v2": the base URI and the version segment as the path spells it. */
    private static String versionBase(Request request) {
        String path = request.path();
        int end = path.indexOf('/', 1);
        return request.baseUri() + path.substring(1, end < 0 ? path.length() : end);
    }

    /** Spec §1.6: the request's host name for the Warning header, "-" without a Host header. */
    private static String hostOf(Request request) {
        return request.header("Host").isPresent() ? request.baseUri().getHost() : "-";
    }
}
