// SPDX-License-Identifier: MIT
package dicomite.search;

import dicomite.Config;
import dicomite.dicom.Tag;
import dicomite.dicom.UIDRules;
import dicomite.http.AcceptHeader;
import dicomite.http.Errors;
import dicomite.http.MediaType;
import dicomite.http.Request;
import dicomite.http.Response;
import dicomite.http.Router;
import dicomite.storage.Archive;
import dicomite.storage.InstanceKey;
import dicomite.storage.SearchMatch;
import dicomite.storage.SearchQuery;
import dicomite.storage.SearchQuery.Attribute;
import dicomite.storage.SearchQuery.Computed;
import dicomite.storage.SearchQuery.Condition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * QIDO-RS (spec §4): {@code GET /v{version}/studies}, {@code /series}, {@code /instances},
 * {@code /studies/{study}/series}, {@code /studies/{study}/instances} and
 * {@code /studies/{study}/series/{series}/instances} search the index and answer a DICOM JSON
 * array of the matching studies, series or instances, newest first, or 204 when nothing
 * matches. Versions 1.0-prerelease, 1 and 2; v1 returns the larger default attribute sets of
 * spec §13.
 *
 * <p>Checks run in the order of spec §1.3, which decides which error a bad request gets: the
 * model-bound parameters {@code fuzzymatching}, {@code offset}, {@code limit} (400); the Accept
 * header (406, empty body; with {@code --loose} a missing one means application/dicom+json,
 * spec §0); then in the handler: a key given twice, the UIDs of the route, each filter in the
 * order given, the included fields (400, spec §4.2, §4.3).
 *
 * <pre>{@code
 * SearchHandler.register(router, archive, config);
 * }</pre>
 *
 * Thread-safe: no state beyond the archive, which serves searches in parallel.
 */
public final class SearchHandler {
    static final String MEDIA_TYPE = "application/dicom+json; charset=utf-8";

    private final Archive archive;
    private final Config config;

    private SearchHandler(Archive archive, Config config) {
        this.archive = archive;
        this.config = config;
    }

    /** Adds the six GET routes of spec §4.1 to the router. */
    public static void register(Router router, Archive archive, Config config) {
        SearchHandler handler = new SearchHandler(archive, config);
        router.add("GET", "/v{version}/studies",
                request -> handler.search(request, QidoResource.ALL_STUDIES));
        router.add("GET", "/v{version}/series",
                request -> handler.search(request, QidoResource.ALL_SERIES));
        router.add("GET", "/v{version}/instances",
                request -> handler.search(request, QidoResource.ALL_INSTANCES));
        router.add("GET", "/v{version}/studies/{study}/series",
                request -> handler.search(request, QidoResource.STUDY_SERIES));
        router.add("GET", "/v{version}/studies/{study}/instances",
                request -> handler.search(request, QidoResource.STUDY_INSTANCES));
        router.add("GET", "/v{version}/studies/{study}/series/{series}/instances",
                request -> handler.search(request, QidoResource.STUDY_SERIES_INSTANCES));
    }

    // The order of the checks is spec §1.3's; each step is one line so that it can be read.
    private Response search(Request request, QidoResource resource) throws IOException {
        QueryParameters parameters = QueryParameters.bind(request); // step 5
        requireAcceptable(request); // step 7
        Map<String, String> filters = QueryParameters.filters(request); // step 8 from here
        List<Condition> conditions = new ArrayList<>();
        Set<Integer> filterTags = new LinkedHashSet<>();
        addRouteFilters(request, resource, conditions, filterTags);
        FilterParser parser = new FilterParser(resource, parameters.fuzzyMatching(),
                config.loose());
        for (FilterParser.Filter filter : parser.parse(filters)) {
            filterTags.add(filter.tag());
            filter.condition().ifPresent(conditions::add);
        }
        ReturnedAttributes returned = ReturnedAttributes.of(resource,
                request.apiVersion().major(), parameters.includeFields(), filterTags);
        Set<Computed> computed = returned.computed(resource);
        List<SearchMatch> matches = archive.search(new SearchQuery(
                InstanceKey.DEFAULT_PARTITION, resource.resultLevel(), conditions, computed,
                parameters.offset(), parameters.limit()));
        if (matches.isEmpty()) {
            return Response.empty(204); // spec §4.6
        }
        return Response.text(200, MEDIA_TYPE, ResultJson.write(matches, returned, computed));
    }

    // Spec §1.4; spec §0: --loose takes a missing Accept as application/dicom+json.
    private void requireAcceptable(Request request) {
        AcceptHeader accept = AcceptHeader.parse(request.headers("Accept"));
        boolean defaulted = config.loose() && !accept.isPresent();
        if (!defaulted && !accept.accepts(MediaType.APPLICATION_DICOM_JSON)) {
            throw Errors.notAcceptable(String.join(", ", accept.values()));
        }
    }

    // Spec §4.1: the route's UIDs are exact filters, returned like any filter attribute.
    private static void addRouteFilters(Request request, QidoResource resource,
            List<Condition> conditions, Set<Integer> filterTags) {
        if (resource.hasStudy()) {
            conditions.add(Condition.exact(Attribute.STUDY_INSTANCE_UID,
                    requireUID(request, "study", "StudyInstanceUid")));
            filterTags.add(Tag.StudyInstanceUID);
        }
        if (resource.hasSeries()) {
            conditions.add(Condition.exact(Attribute.SERIES_INSTANCE_UID,
                    requireUID(request, "series", "SeriesInstanceUid")));
            filterTags.add(Tag.SeriesInstanceUID);
        }
    }

    /** The path UID without its padding; 400 naming it when not UID-valid (spec §4.1). */
    private static String requireUID(Request request, String parameter, String name) {
        String uid = request.pathParameter(parameter);
        if (!UIDRules.isValid(uid)) {
            throw Errors.invalidUID(name);
        }
        return InstanceKey.trim(uid);
    }
}
