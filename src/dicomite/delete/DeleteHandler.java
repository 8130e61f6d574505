// SPDX-License-Identifier: MIT
package dicomite.delete;

import dicomite.dicom.UIDRules;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.http.Request;
import dicomite.http.Response;
import dicomite.http.Router;
import dicomite.storage.Archive;
import dicomite.storage.InstanceKey;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Delete (spec §5): {@code DELETE /v{version}/studies/{study}}, {@code …/series/{series}} and
 * {@code …/series/{series}/instances/{instance}} remove every matching instance of the partition,
 * with its files, and answer 204 with no body. A path UID that is not UID-valid is a 400 naming
 * it ('StudyInstanceUid', 'SeriesInstanceUid', 'SopInstanceUid', checked in that order); when
 * nothing matches, as for a second identical delete, the answer is the 404 of the route's level.
 * No Accept or Content-Type requirement; a body is ignored. Versions 1.0-prerelease, 1 and 2
 * behave alike (spec §13).
 *
 * <pre>{@code
 * DeleteHandler.register(router, archive);
 * }</pre>
 *
 * Thread-safe.
 */
public final class DeleteHandler {
    private final Archive archive;

    private DeleteHandler(Archive archive) {
        this.archive = archive;
    }

    /** Adds the three DELETE routes of spec §5 to the router. */
    public static void register(Router router, Archive archive) {
        DeleteHandler handler = new DeleteHandler(archive);
        router.add("DELETE", "/v{version}/studies/{study}", request ->
                handler.delete(request, false, false, Errors::studyNotFound));
        router.add("DELETE", "/v{version}/studies/{study}/series/{series}", request ->
                handler.delete(request, true, false, Errors::seriesNotFound));
        router.add("DELETE", "/v{version}/studies/{study}/series/{series}/instances/{instance}",
                request -> handler.delete(request, true, true, Errors::instanceNotFound));
    }

    private Response delete(Request request, boolean series, boolean instance,
            Supplier<ApiError> notFound) throws IOException {
        String studyUID = requireUID(request, "study", "StudyInstanceUid");
        String seriesUID = series ? requireUID(request, "series", "SeriesInstanceUid") : null;
        String sopUID = instance ? requireUID(request, "instance", "SopInstanceUid") : null;
        if (archive.delete(InstanceKey.DEFAULT_PARTITION, studyUID, seriesUID, sopUID)
                .isEmpty()) {
            throw notFound.get();
        }
        return Response.empty(204);
    }

    /** The path UID without its padding; 400 naming it when not UID-valid (spec §5, §15). */
    private static String requireUID(Request request, String parameter, String name) {
        String uid = request.pathParameter(parameter);
        if (!UIDRules.isValid(uid)) {
            throw Errors.invalidUID(name);
        }
        return InstanceKey.trim(uid);
    }
}
