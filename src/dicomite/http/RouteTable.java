// SPDX-License-Identifier: MIT
package dicomite.http;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The routes of the service (spec §1.2) and the choice of one for a request, in the order of
 * spec §1.3 step 2: a path no route has is a 404; a version no route of that path serves is a 400;
 * a method no route of that path takes is a 405; of the routes left, the most specific wins, so
 * {@code studies/$bulkUpdate} beats {@code studies/{study}} for POST.
 *
 * <p>Routes are added at start-up and read by every request thereafter; adding is thread-safe.
 */
final class RouteTable {
    /** A route: method, path template, the versions it serves (empty when unversioned). */
    record Route(String method, RouteTemplate template, Set<ApiVersion> versions,
            Handler handler) {
        boolean serves(Map<String, String> parameters) {
            String version = parameters.get(RouteTemplate.VERSION);
            return version == null || ApiVersion.find(version).filter(versions::contains)
                    .isPresent();
        }
    }

    /** A route whose template matches the request path, with the parameters it bound. */
    record Candidate(Route route, Map<String, String> parameters) {
        Optional<ApiVersion> version() {
            return Optional.ofNullable(parameters.get(RouteTemplate.VERSION))
                    .flatMap(ApiVersion::find);
        }
    }

    /** The routes whose templates match one request path. */
    record Candidates(List<Candidate> list) {
        /** The versions the routes of this path serve, for {@code api-supported-versions}. */
        Set<ApiVersion> versions() {
            Set<ApiVersion> versions = EnumSet.noneOf(ApiVersion.class);
            list.forEach(candidate -> versions.addAll(candidate.route().versions()));
            return versions;
        }

        /**
         * Chooses the route for the method, or fails with the error of spec §1.2/§1.1.
         *
         * @param requestUri the absolute request URI, for the message of a version error
         */
        Candidate select(String method, String path, Supplier<String> requestUri) {
            if (list.isEmpty()) {
                throw Errors.unknownPath(path);
            }
            List<Candidate> served = list.stream()
                    .filter(c -> c.route().serves(c.parameters())).toList();
            if (served.isEmpty()) {
                String version = list.get(0).parameters().get(RouteTemplate.VERSION);
                throw Errors.unsupportedApiVersion(requestUri.get(), version);
            }
            return served.stream().filter(c -> c.route().method().equals(method))
                    .max((a, b) -> a.route().template().comparePrecedence(b.route().template()))
                    .orElseThrow(() -> Errors.methodNotAllowed(method, path));
        }
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /**
     * Adds a route.
     *
     * @param versions the versions a versioned template serves; must be empty for a template
     *     without {@code {version}}
     * @throws IllegalArgumentException for a bad template, method or version set
     * @throws IllegalStateException when a route of the same method and shape exists
     */
    synchronized void add(String method, String template, Set<ApiVersion> versions,
            Handler handler) {
        RouteTemplate parsed = RouteTemplate.parse(template);
        if (!method.equals(method.toUpperCase(Locale.ROOT)) || method.isEmpty()) {
            throw new IllegalArgumentException("Route method '" + method + "' must be upper case.");
        }
        if (parsed.isVersioned() == versions.isEmpty()) {
            throw new IllegalArgumentException("Route " + template + " has a {version} parameter "
                    + "if and only if it serves versions, here " + versions + ".");
        }
        for (Route route : routes) {
            if (route.method().equals(method) && route.template().shape().equals(parsed.shape())) {
                throw new IllegalStateException("Route " + method + " " + template
                        + " duplicates " + route.method() + " " + route.template() + ".");
            }
        }
        routes.add(new Route(method, parsed, Set.copyOf(versions), handler));
    }

    /** The routes whose templates match these decoded path segments. */
    Candidates candidates(List<String> segments) {
        return new Candidates(routes.stream()
                .flatMap(route -> route.template().match(segments).stream()
                        .map(parameters -> new Candidate(route, parameters)))
                .toList());
    }
}
