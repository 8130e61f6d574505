// SPDX-License-Identifier: MIT
package dicomite.search;

import dicomite.dicom.Tag;
import dicomite.json.Json;
import dicomite.json.JsonException;
import dicomite.json.JsonWriter;
import dicomite.storage.SearchMatch;
import dicomite.storage.SearchQuery.Computed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of a QIDO-RS answer (spec §4.5, §4.6): a DICOM JSON array (PS3.18 Annex F), one
 * object per row, holding the returned attributes that the row's representative instance has in
 * its stored metadata, as stored (values, padding and VRs untouched), and the computed
 * attributes the index counted, which take the place of any stored ones. Elements are in
 * ascending tag order (spec §1.8). Stateless.
 */
final class ResultJson {
    private static final Map<Integer, Computed> COUNTS = Map.of(
            ReturnedAttributes.NumberOfStudyRelatedSeries, Computed.STUDY_RELATED_SERIES,
            ReturnedAttributes.NumberOfStudyRelatedInstances, Computed.STUDY_RELATED_INSTANCES,
            ReturnedAttributes.NumberOfSeriesRelatedInstances,
            Computed.SERIES_RELATED_INSTANCES);

    private ResultJson() {
    }

    /**
     * The JSON array of the rows.
     *
     * @param computed the computed attributes the index was asked for
     * @throws IllegalStateException when stored metadata is not a JSON object (a damaged index)
     */
    static String write(List<SearchMatch> matches, ReturnedAttributes returned,
            Set<Computed> computed) {
        StringBuilder out = new StringBuilder(matches.size() * 512 + 2);
        JsonWriter writer = new JsonWriter(out);
        try {
            writer.beginArray();
            for (SearchMatch match : matches) {
                writeRow(writer, match, returned, computed);
            }
            writer.endArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    private static void writeRow(JsonWriter writer, SearchMatch match,
            ReturnedAttributes returned, Set<Computed> computed) throws IOException {
        Map<?, ?> metadata = parse(match);
        writer.beginObject();
        for (int tag : returned.tags()) {
            String key = Tag.toHex(tag);
            Object element = computed.isEmpty() ? metadata.get(key)
                    : computedOr(tag, match, computed, metadata.get(key));
            if (element != null) {
                writer.name(key).tree(element);
            }
        }
        writer.endObject();
    }

    // A computed attribute the index counted replaces the stored one; no modality, no element.
    private static Object computedOr(int tag, SearchMatch match, Set<Computed> computed,
            Object stored) {
        if (tag == FilterParser.ModalitiesInStudy
                && computed.contains(Computed.MODALITIES_IN_STUDY)) {
            List<String> modalities = match.modalitiesInStudy();
            return modalities.isEmpty() ? null : element("CS", modalities);
        }
        Long count = COUNTS.containsKey(tag) ? match.counts().get(COUNTS.get(tag)) : null;
        return count == null ? stored : element("IS", List.of(count));
    }

    // PS3.18 F.2.2: "vr" first, then "Value".
    private static Map<String, Object> element(String vr, List<?> values) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("vr", vr);
        element.put("Value", values);
        return element;
    }

    private static Map<?, ?> parse(SearchMatch match) {
        try {
            Object parsed = Json.parse(match.metadataJson());
            if (parsed instanceof Map) {
                return (Map<?, ?>) parsed;
            }
        } catch (JsonException e) {
            throw new IllegalStateException("The stored metadata of " + match.key()
                    + " is not JSON: " + e.getMessage(), e);
        }
        throw new IllegalStateException("The stored metadata of " + match.key()
                + " is not a JSON object");
    }
}
