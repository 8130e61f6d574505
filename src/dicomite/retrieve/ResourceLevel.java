// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.http.ApiError;
import dicomite.http.Errors;
import java.util.function.Supplier;

/**
 * The three levels of WADO-RS resources (spec §3.3, §3.6), each with the route of its files and
 * the 404 of spec §3.1. The 404 names the route's level whatever is missing, as the service's
 * does: a series route answers "series cannot be found" for an unknown study too.
 */
enum ResourceLevel {
    STUDY("/v{version}/studies/{study}", Errors::studyNotFound),
    SERIES("/v{version}/studies/{study}/series/{series}", Errors::seriesNotFound),
    INSTANCE("/v{version}/studies/{study}/series/{series}/instances/{instance}",
            Errors::instanceNotFound);

    private final String route;
    private final Supplier<ApiError> notFound;

    ResourceLevel(String route, Supplier<ApiError> notFound) {
        this.route = route;
        this.notFound = notFound;
    }

    /** The route template of the resource, e.g. {@code /v{version}/studies/{study}}. */
    String route() {
        return route;
    }

    /** The route template of the resource's metadata (spec §3.6). */
    String metadataRoute() {
        return route + "/metadata";
    }

    /** Spec §3.1: the 404 when nothing of the resource is stored. */
    ApiError notFound() {
        return notFound.get();
    }
}
