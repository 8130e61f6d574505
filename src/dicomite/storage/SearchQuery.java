// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One search of the index (QIDO-RS, spec §4) in the index's terms: the level of the rows
 * returned, the conditions every row must meet, the page, and the computed attributes to count.
 * The caller has parsed and checked the query; values here are raw query values, which the
 * index turns into its matching keys (case and accents folded as spec §4.3 says). Immutable.
 *
 * <pre>{@code
 * SearchQuery query = new SearchQuery(InstanceKey.DEFAULT_PARTITION, SearchQuery.Level.STUDY,
 *         List.of(SearchQuery.Condition.exact(SearchQuery.Attribute.PATIENT_ID, "P-1")),
 *         Set.of(), 0, 100);
 * List<SearchMatch> page = archive.search(query);
 * }</pre>
 *
 * @param partition the partition name
 * @param level the rows returned: studies, series or instances
 * @param offset the number of matching rows to skip, newest first (spec §4.4)
 * @param limit the most rows to return, at least 1
 */
public record SearchQuery(String partition, Level level, List<Condition> conditions,
        Set<Computed> computed, long offset, int limit) {

    /** What one row of the result is (spec §4.1, "result level"). */
    public enum Level { STUDY, SERIES, INSTANCE }

    /**
     * The attributes the index matches on (spec §4.1), with the level of the row that holds
     * them. ModalitiesInStudy is held by the study's series.
     */
    public enum Attribute {
        STUDY_INSTANCE_UID(Level.STUDY, Key.UID),
        PATIENT_NAME(Level.STUDY, Key.NAME),
        PATIENT_ID(Level.STUDY, Key.TEXT),
        PATIENT_BIRTH_DATE(Level.STUDY, Key.DATE),
        ACCESSION_NUMBER(Level.STUDY, Key.TEXT),
        REFERRING_PHYSICIAN_NAME(Level.STUDY, Key.NAME),
        STUDY_DATE(Level.STUDY, Key.DATE),
        STUDY_DESCRIPTION(Level.STUDY, Key.TEXT),
        MODALITIES_IN_STUDY(Level.STUDY, Key.CODE),
        SERIES_INSTANCE_UID(Level.SERIES, Key.UID),
        MODALITY(Level.SERIES, Key.CODE),
        PERFORMED_PROCEDURE_STEP_START_DATE(Level.SERIES, Key.DATE),
        MANUFACTURER_MODEL_NAME(Level.SERIES, Key.TEXT),
        SOP_INSTANCE_UID(Level.INSTANCE, Key.UID);

        private final Level level;
        private final Key key;

        Attribute(Level level, Key key) {
            this.level = level;
            this.key = key;
        }

        /** The level whose rows hold the attribute. */
        public Level level() {
            return level;
        }

        Key key() {
            return key;
        }
    }

    /** How the index keys an attribute's values, which decides how they compare. */
    enum Key {
        UID, // as stored, padding removed
        NAME, // person name: lower case, accents removed
        TEXT, // lower case
        CODE, // code string: ASCII only, compared ignoring case
        DATE // yyyyMMdd, compared as text
    }

    /** How a condition compares (spec §4.3, and PS3.18 §8.3.4 for the loose extensions). */
    public enum Match {
        /** Equal to the one value, padding and (for text) case ignored. */
        EXACT,
        /** Equal to any of the values: UID-list matching, {@code --loose} only. */
        ANY_OF,
        /** The one value with {@code *} and {@code ?} wildcards, {@code --loose} only. */
        WILDCARD,
        /** Between the two values, inclusive; either may be null for an open side. */
        RANGE,
        /** Each word of the one value starts a word of the name, in order (spec §4.3). */
        FUZZY
    }

    /** Computed attributes (spec §4.5) that the index counts for each row. */
    public enum Computed {
        MODALITIES_IN_STUDY,
        STUDY_RELATED_SERIES,
        STUDY_RELATED_INSTANCES,
        SERIES_RELATED_INSTANCES
    }

    /**
     * One condition on one attribute. Values are as the query gave them (trimmed); the index
     * removes trailing spaces and NULs and folds them into its keys.
     *
     * @param values one value; for ANY_OF one or more; for RANGE two, each possibly null
     */
    public record Condition(Attribute attribute, Match match, List<String> values) {
        /** Checks the number of values against the match. */
        public Condition {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(match, "match");
            values = Collections.unmodifiableList(new ArrayList<>(values));
            int expected = match == Match.RANGE ? 2 : 1;
            if (match == Match.ANY_OF ? values.isEmpty() : values.size() != expected) {
                throw new IllegalArgumentException("A " + match + " condition on " + attribute
                        + " has " + values.size() + " values");
            }
            if (match == Match.FUZZY && attribute.key() != Key.NAME) {
                throw new IllegalArgumentException("Fuzzy matching applies to person names, not "
                        + attribute);
            }
        }

        /** Equal to the value. */
        public static Condition exact(Attribute attribute, String value) {
            return new Condition(attribute, Match.EXACT, List.of(value));
        }

        /** Equal to any of the values. */
        public static Condition anyOf(Attribute attribute, List<String> values) {
            return new Condition(attribute, Match.ANY_OF, values);
        }

        /** Matching the pattern, {@code *} for any characters and {@code ?} for one. */
        public static Condition wildcard(Attribute attribute, String pattern) {
            return new Condition(attribute, Match.WILDCARD, List.of(pattern));
        }

        /** Between the dates (yyyyMMdd), inclusive; null for an open side. */
        public static Condition range(Attribute attribute, String from, String to) {
            return new Condition(attribute, Match.RANGE, Arrays.asList(from, to));
        }

        /** Word-prefix matching of a person name. */
        public static Condition fuzzy(Attribute attribute, String value) {
            return new Condition(attribute, Match.FUZZY, List.of(value));
        }
    }

    /** Checks the page and copies the lists. */
    public SearchQuery {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(level, "level");
        conditions = List.copyOf(conditions);
        computed = computed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(computed));
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("A search page needs offset >= 0 and limit >= 1,"
                    + " not offset " + offset + " and limit " + limit);
        }
    }
}
