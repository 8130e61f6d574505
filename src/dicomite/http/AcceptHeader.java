// SPDX-License-Identifier: MIT
package dicomite.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Accept request header (RFC 9110 §12.5.1): every header line sent, each a comma-separated
 * list of media ranges with parameters and weights. Commas inside quoted parameter values do not
 * split entries; empty list elements are skipped (RFC 9110 §5.6.1.2).
 *
 * <p>As in the service (spec §1.4), one malformed entry makes the whole header unusable: the
 * header then has no entries and {@link #findProblem()} says why, so that the caller answers 406.
 * A header that was not sent is {@linkplain #isPresent() absent} and has no entries either.
 * Immutable.
 *
 * <pre>{@code
 * AcceptHeader accept = AcceptHeader.parse(exchange.getRequestHeaders().get("Accept"));
 * if (!accept.accepts(MediaType.APPLICATION_DICOM_JSON)) { ... 406 ... }
 * }</pre>
 */
public final class AcceptHeader {
    private static final AcceptHeader ABSENT = new AcceptHeader(List.of(), List.of(), null);

    private final List<String> values; // header lines as received
    private final List<MediaType> entries; // in received order; empty when malformed
    private final String problem; // why the header is malformed; null when it is well-formed

    private AcceptHeader(List<String> values, List<MediaType> entries, String problem) {
        this.values = values;
        this.entries = entries;
        this.problem = problem;
    }

    /**
     * Parses the values of every Accept header line, in the order received. Never throws: a
     * malformed header comes back with {@link #findProblem()} set.
     *
     * @param values the header lines; {@code null} or empty when no Accept header was sent
     */
    public static AcceptHeader parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return ABSENT;
        }
        List<MediaType> entries = new ArrayList<>();
        try {
            for (String value : values) {
                readList(new HeaderCursor(value, "Accept header"), entries);
            }
        } catch (InvalidMediaTypeException e) {
            return new AcceptHeader(List.copyOf(values), List.of(), e.getMessage());
        }
        return new AcceptHeader(List.copyOf(values), List.copyOf(entries), null);
    }

    // RFC 9110 §5.6.1: #element = [ element ] *( OWS "," OWS [ element ] )
    private static void readList(HeaderCursor cursor, List<MediaType> entries) {
        while (true) {
            cursor.skipWhitespace();
            if (cursor.atEnd()) {
                return;
            }
            if (cursor.peek() == ',') {
                cursor.advance();
                continue;
            }
            entries.add(MediaType.parse(cursor));
            if (!cursor.atEnd()) {
                cursor.expect(',', "between entries");
            }
        }
    }

    /** Whether at least one Accept header line was sent (perhaps empty or malformed). */
    public boolean isPresent() {
        return !values.isEmpty();
    }

    /** Why the header cannot be parsed, quoting the line and position; empty when it can. */
    public Optional<String> findProblem() {
        return Optional.ofNullable(problem);
    }

    /** The header lines as received. */
    public List<String> values() {
        return values;
    }

    /** The media ranges in the order received; empty if absent, empty or malformed. */
    public List<MediaType> entries() {
        return entries;
    }

    /** The media ranges, highest weight first; entries of equal weight keep their order. */
    public List<MediaType> entriesByQuality() {
        List<MediaType> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingDouble(MediaType::quality).reversed());
        return List.copyOf(sorted);
    }

    /**
     * Whether any entry admits {@code offered} ({@link MediaType#includes}), whatever its weight:
     * the service's Accept filter (spec §1.4) ignores {@code q}, so {@code q=0} still admits.
     * False when the header is absent, empty or malformed.
     */
    public boolean accepts(MediaType offered) {
        return entries.stream().anyMatch(entry -> entry.includes(offered));
    }

    @Override
    public String toString() {
        return problem != null ? "malformed Accept " + values : "Accept " + entries;
    }
}
