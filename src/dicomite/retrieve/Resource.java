// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.UIDRules;
import dicomite.http.Errors;
import dicomite.http.Request;
import dicomite.storage.InstanceKey;

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

    private static String requireUID(Request request, String parameter, String name) {
        String uid = request.pathParameter(parameter);
        if (!UIDRules.isValid(uid)) {
            throw Errors.invalidUID(name);
        }
        return InstanceKey.trim(uid);
    }
}
