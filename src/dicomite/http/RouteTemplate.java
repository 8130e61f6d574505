// SPDX-License-Identifier: MIT
package dicomite.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A route's path template, e.g. {@code /v{version}/studies/{study}/series/{series}}: segments that
 * are literal text, a parameter, or literal text followed by a parameter ({@code v{version}}).
 *
 * <p>Matching follows ASP.NET Core routing, which the service uses: literals compare ignoring
 * case, a parameter takes one non-empty decoded segment, and a literal segment is more specific
 * than a parameter. The parameter named {@value #VERSION} makes the route versioned (spec §1.1);
 * it only matches text shaped like a version ("2", "2.0", "1.0-prerelease", "3"). Immutable.
 */
final class RouteTemplate {
    static final String VERSION = "version";

    private static final Pattern SEGMENT =
            Pattern.compile("([^{}/]*)(?:\\{([A-Za-z][A-Za-z0-9]*)\\})?");

    /** One segment: literal text, then a parameter name ("" when the segment is all literal). */
    private record Segment(String literal, String parameter) {
        boolean isParameter() {
            return !parameter.isEmpty();
        }

        /** 2 for a literal, 1 for literal-then-parameter, 0 for a bare parameter. */
        int precedence() {
            return !isParameter() ? 2 : literal.isEmpty() ? 0 : 1;
        }

        String shape() {
            return literal.toLowerCase(Locale.ROOT) + (isParameter() ? "{}" : "");
        }
    }

    private final String text;
    private final List<Segment> segments;

    private RouteTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException when it does not start with "/", has an empty segment, a
     *     parameter that does not end its segment, or a parameter name used twice
     */
    static RouteTemplate parse(String text) {
        if (!text.startsWith("/") || text.length() == 1) {
            throw new IllegalArgumentException("Route template '" + text + "' must start with "
                    + "'/' and have at least one segment.");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String part : text.substring(1).split("/", -1)) {
            Segment segment = parseSegment(text, part);
            if (segment.isParameter() && !names.add(segment.parameter())) {
                throw new IllegalArgumentException("Route template '" + text
                        + "' uses the parameter '" + segment.parameter() + "' twice.");
            }
            segments.add(segment);
        }
        return new RouteTemplate(text, List.copyOf(segments));
    }

    private static Segment parseSegment(String template, String part) {
        Matcher matcher = SEGMENT.matcher(part);
        if (part.isEmpty() || !matcher.matches()) {
            throw new IllegalArgumentException("Route template '" + template + "' has a bad "
                    + "segment '" + part + "': use text, {name} or text{name}.");
        }
        return new Segment(matcher.group(1), Objects.toString(matcher.group(2), ""));
    }

    /**
     * Matches decoded path segments; the result maps each parameter name to its segment text
     * (the version without its literal prefix, e.g. "2.0").
     */
    Optional<Map<String, String>> match(List<String> path) {
        if (path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            if (!matchSegment(segments.get(i), path.get(i), parameters)) {
                return Optional.empty();
            }
        }
        return Optional.of(Collections.unmodifiableMap(parameters));
    }

    private static boolean matchSegment(Segment segment, String value, Map<String, String> into) {
        String literal = segment.literal();
        if (!value.regionMatches(true, 0, literal, 0, literal.length())) {
            return false;
        }
        if (!segment.isParameter()) {
            return value.length() == literal.length();
        }
        String argument = value.substring(literal.length());
        if (argument.isEmpty() || !fits(segment.parameter(), argument)) {
            return false;
        }
        into.put(segment.parameter(), argument);
        return true;
    }

    private static boolean fits(String parameter, String argument) {
        return !parameter.equals(VERSION) || ApiVersion.isWellFormed(argument);
    }

    /** True when the template has a {@code {version}} parameter. */
    boolean isVersioned() {
        return segments.stream().anyMatch(s -> s.parameter().equals(VERSION));
    }

    /**
     * Compares specificity: positive when this template is more specific than {@code other}
     * at the first segment where their kinds differ (both match the same path).
     */
    int comparePrecedence(RouteTemplate other) {
        int n = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            int difference = segments.get(i).precedence() - other.segments.get(i).precedence();
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    /** The template without parameter names: templates of equal shape match the same paths. */
    String shape() {
        return segments.stream().map(Segment::shape).collect(Collectors.joining("/", "/", ""));
    }

    @Override
    public String toString() {
        return text;
    }
}
