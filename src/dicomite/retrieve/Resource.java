// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.UIDRules;
import dicomite.http.Errors;
import dicomite.http.Request;
import dicomite.storage.Archive;
import dicomite.storage.InstanceKey;
import dicomite.storage.StoredInstance;
import java.io.IOException;
import java.util.List;

/**
 * The resource a WADO-RS path names (spec §3.1): its level and its UIDs, each UID-valid
 * (spec §0) and without its trailing padding. {@code series} is null at study level and
 * {@code sop} below instance level. Immutable.
 *
 * <pre>{@code
 * Resource resource = Resource.of(request, ResourceLevel.SERIES); // 400 for a bad UID
 * }</pre>
 */
record Resource(ResourceLevel level, String study, String series, String sop) {
    /**
     * The resource of the request's path.
     *
     * @throws dicomite.http.ApiError 400 naming the first UID that is not valid, in the order
     *     study, series, instance (spec §3.1, §15)
     */
    static Resource of(Request request, ResourceLevel level) {
        String study = requireUID(request, "study", "StudyInstanceUid");
        String series = level == ResourceLevel.STUDY ? null
                : requireUID(request, "series", "SeriesInstanceUid");
        String sop = level == ResourceLevel.INSTANCE
                ? requireUID(request, "instance", "SopInstanceUid") : null;
        return new Resource(level, study, series, sop);
    }

    /**
     * The stored instance this instance-level resource names.
     *
     * @throws dicomite.http.ApiError 404 "The specified instance cannot be found." when there
     *     is none
     * @throws IOException when the index cannot be read
     */
    StoredInstance loadInstance(Archive archive) throws IOException {
        assert level == ResourceLevel.INSTANCE;
        List<StoredInstance> found = archive.index().findStoredInstances(
                InstanceKey.DEFAULT_PARTITION, study, series, sop);
        if (found.isEmpty()) {
            throw Errors.instanceNotFound();
        }
        return found.get(0);
    }

    private static String requireUID(Request request, String parameter, String name) {
        String uid = request.pathParameter(parameter);
        if (!UIDRules.isValid(uid)) {
            throw Errors.invalidUID(name);
        }
        return InstanceKey.trim(uid);
    }
}
