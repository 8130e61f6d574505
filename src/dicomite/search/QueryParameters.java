// SPDX-License-Identifier: MIT
package dicomite.search;

import dicomite.http.Errors;
import dicomite.http.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query string of a QIDO-RS request (spec §4.2), read in the two steps of the service.
 *
 * <p>{@link #bind}: the reserved parameters {@code fuzzymatching}, {@code offset},
 * {@code limit} and {@code includefield}, whose names match ignoring case, bound before the
 * Accept check (spec §1.3 step 5), so a bad value beats a bad Accept. As ASP.NET binds them: the
 * first value counts, an error quotes every value joined by ","; of several bad parameters,
 * FuzzyMatching is reported first, then Offset, then Limit. {@code includefield} is every value
 * split at commas, entries trimmed and kept even when empty.
 *
 * <p>{@link #filters}: every other key, trimmed, is an attribute filter with its trimmed value.
 * Keys that differ only in case are one key, as in ASP.NET's query collection; a key given twice
 * is refused (spec §4.2). This runs in the handler, after the Accept check.
 *
 * @param limit 1 to 200, default 100
 * @param offset 0 or more, default 0
 * @param fuzzyMatching default false
 * @param includeFields as given, e.g. ["00081030", "all"]; empty when none
 */
record QueryParameters(int limit, int offset, boolean fuzzyMatching, List<String> includeFields) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 200;
    private static final Set<String> RESERVED = Set.of("fuzzymatching", "includefield", "limit",
            "offset");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final IntParameter OFFSET = new IntParameter("Offset", 0, 0,
            Integer.MAX_VALUE);
    private static final IntParameter LIMIT = new IntParameter("Limit", DEFAULT_LIMIT, 1,
            MAX_LIMIT);

    /** An integer parameter as the model names it, its default and range (inclusive). */
    private record IntParameter(String name, int fallback, int min, int max) {
    }

    /**
     * Binds the reserved parameters.
     *
     * @throws dicomite.http.ApiError 400 "The query parameter '{name}' is invalid. {reason}"
     *     for a value that is not of the parameter's type or not in its range
     */
    static QueryParameters bind(Request request) {
        boolean fuzzy = bindFuzzyMatching(request.queryValues("fuzzymatching"));
        int offset = bindInt(OFFSET, request.queryValues("offset"));
        int limit = bindInt(LIMIT, request.queryValues("limit"));
        List<String> fields = new ArrayList<>();
        for (String value : request.queryValues("includefield")) {
            for (String field : value.split(",", -1)) {
                fields.add(field.strip());
            }
        }
        return new QueryParameters(limit, offset, fuzzy, List.copyOf(fields));
    }

    /**
     * The attribute filters in the order first given, key to value, both trimmed.
     *
     * @throws dicomite.http.ApiError 400 when a key is given more than once (spec §4.2)
     */
    static Map<String, String> filters(Request request) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : mergeIgnoringCase(request.query())) {
            String key = entry.getKey().strip();
            if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (entry.getValue().size() > 1 || filters.containsKey(key)) {
                throw Errors.duplicateQueryAttribute(key);
            }
            filters.put(key, entry.getValue().get(0).strip());
        }
        return filters;
    }

    // ASP.NET's query collection: one entry per key ignoring case, spelled as first sent.
    private static List<Map.Entry<String, List<String>>> mergeIgnoringCase(
            Map<String, List<String>> query) {
        Map<String, Map.Entry<String, List<String>>> merged = new LinkedHashMap<>();
        query.forEach((key, values) -> merged.computeIfAbsent(key.toLowerCase(Locale.ROOT),
                k -> Map.entry(key, new ArrayList<>())).getValue().addAll(values));
        return new ArrayList<>(merged.values());
    }

    private static boolean bindFuzzyMatching(List<String> values) {
        if (values.isEmpty()) {
            return false;
        }
        String value = values.get(0).strip();
        if (value.isEmpty()) {
            throw Errors.missingQueryParameterValue("FuzzyMatching", String.join(",", values));
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw Errors.invalidQueryParameterValue("FuzzyMatching", String.join(",", values));
        }
        return value.equalsIgnoreCase("true");
    }

    // .NET's Int32 converter: surrounding white space and a sign allowed, digits only.
    private static int bindInt(IntParameter parameter, List<String> values) {
        if (values.isEmpty()) {
            return parameter.fallback();
        }
        String name = parameter.name();
        String value = values.get(0).strip();
        if (value.isEmpty()) {
            throw Errors.missingQueryParameterValue(name, String.join(",", values));
        }
        long parsed;
        try {
            parsed = INTEGER.matcher(value).matches() ? Long.parseLong(value) : Long.MIN_VALUE;
        } catch (NumberFormatException tooLong) {
            parsed = Long.MIN_VALUE;
        }
        if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
            throw Errors.invalidQueryParameterValue(name, String.join(",", values));
        }
        if (parsed < parameter.min() || parsed > parameter.max()) {
            throw Errors.queryParameterOutOfRange(name, parameter.min(), parameter.max());
        }
        return (int) parsed;
    }
}
