// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a search result (spec §4.4): a study, series or instance, represented by its most
 * recently stored instance, with that instance's stored metadata (DICOM JSON, spec §2.2 step 6)
 * and the computed attributes the query asked for. Immutable.
 *
 * @param key the representative instance
 * @param metadataJson the DICOM JSON object of the representative instance
 * @param modalitiesInStudy the distinct modalities of the study's series, in the order their
 *     series were first stored; empty unless asked for
 * @param counts the asked-for counts: series of the study, instances of the study, instances of
 *     the series
 */
public record SearchMatch(InstanceKey key, String metadataJson, List<String> modalitiesInStudy,
        Map<SearchQuery.Computed, Long> counts) {
    /** Copies the lists. */
    public SearchMatch {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metadataJson, "metadataJson");
        modalitiesInStudy = List.copyOf(modalitiesInStudy);
        counts = Map.copyOf(counts);
    }
}
