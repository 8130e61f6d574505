// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.storage.SearchQuery.Computed;
import dicomite.storage.SearchQuery.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The search statements of the {@link Index} (QIDO-RS, spec §4): the matching keys the index
 * keeps for search, the words of person names for fuzzy matching, and the page of a
 * {@link SearchQuery} with each row's representative instance (spec §4.4).
 *
 * <p>Keys (shared by indexing and searching, so both sides fold alike): UIDs and codes as
 * stored, padding removed; other text lower case; person names lower case without accents
 * ({@link IndexRows#foldPersonName}); dates yyyyMMdd. Trailing spaces and NULs never count
 * (spec §4.3, §4.8). A person name's words are split on space, '^' and '=' and kept with their
 * position, so that the fuzzy phrase "jo do" (each word a prefix, consecutive) is a chain of
 * index range lookups.
 *
 * <p>Every condition runs on an indexed column. The page query ({@link SearchStatement}) starts
 * from the most selective index of the conditions, which the planner statistics of
 * {@code index-schema.sql} let SQLite recognise, or without conditions from the index of the
 * order (study and series keys grow with creation, instances are ordered by their watermark);
 * then each of at most {@code limit} rows is completed by key lookups. A search reads in one
 * transaction, so that a row and its representative come from the same state. Stateless.
 */
final class IndexSearch {
    /** The attribute column of person_name_word. */
    static final int PATIENT_NAME_WORDS = 1;
    static final int REFERRING_PHYSICIAN_NAME_WORDS = 2;

    private static final Pattern NAME_SEPARATORS = Pattern.compile("[ ^=]+");
    private static final String DELETE_WORDS = "DELETE FROM person_name_word"
            + " WHERE study_key = ? AND attribute = ?";
    private static final String INSERT_WORD = "INSERT INTO person_name_word (study_key,"
            + " attribute, position, word) VALUES (?, ?, ?, ?)";
    private static final String ROW = "SELECT p.name, i.study_uid, i.series_uid, i.sop_uid,"
            + " m.json, x.study_key, x.series_key FROM instance i"
            + " JOIN partition p USING (partition_key) JOIN metadata m USING (instance_key)"
            + " JOIN series x ON x.series_key = i.series_key WHERE ";
    // The latest instance of a study: the latest of each series' latest, each found by the
    // (series_key, version) index rather than by sorting every instance of the study.
    private static final String STUDY_ROW = ROW + "i.partition_key = (SELECT partition_key"
            + " FROM study WHERE study_key = ?) AND i.version = (SELECT max((SELECT max(version)"
            + " FROM instance WHERE series_key = y.series_key)) FROM series y"
            + " WHERE y.study_key = ?)";
    private static final String SERIES_ROW = ROW + "i.partition_key = (SELECT partition_key"
            + " FROM series WHERE series_key = ?) AND i.version = (SELECT max(version)"
            + " FROM instance WHERE series_key = ?)";
    private static final String INSTANCE_ROW = ROW + "i.instance_key = ?";
    private static final String MODALITIES = "SELECT modality FROM series WHERE study_key = ?"
            + " AND modality IS NOT NULL GROUP BY modality ORDER BY min(series_key)";
    private static final String STUDY_SERIES = "SELECT count(*) FROM series WHERE study_key = ?";
    private static final String STUDY_INSTANCES = "SELECT count(*) FROM series y"
            + " JOIN instance i ON i.series_key = y.series_key WHERE y.study_key = ?";
    private static final String SERIES_INSTANCES = "SELECT count(*) FROM instance"
            + " WHERE series_key = ?";

    private IndexSearch() {
    }

    /** The text key: padding removed, lower case; null stays null. */
    static String textKey(String value) {
        return value == null ? null : InstanceKey.trim(value).toLowerCase(Locale.ROOT);
    }

    /** The words of a folded person name, in order: "doe^john=" → [doe, john]. */
    static List<String> nameWords(String folded) {
        List<String> words = new ArrayList<>();
        for (String word : NAME_SEPARATORS.split(folded)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * Replaces the words kept for a study's person name (one of the {@code *_WORDS}
     * attributes); runs in the writer's transaction.
     *
     * @throws SQLException when SQLite fails
     */
    static void writeNameWords(IndexConnection c, long studyKey, int attribute, String folded)
            throws SQLException {
        PreparedStatement delete = c.prepare(DELETE_WORDS);
        delete.setLong(1, studyKey);
        delete.setInt(2, attribute);
        delete.executeUpdate();
        List<String> words = nameWords(folded);
        PreparedStatement insert = c.prepare(INSERT_WORD);
        for (int position = 0; position < words.size(); position++) {
            insert.setLong(1, studyKey);
            insert.setInt(2, attribute);
            insert.setInt(3, position);
            insert.setString(4, words.get(position));
            insert.executeUpdate();
        }
    }

    /**
     * The page of the query, newest first, each row with its representative instance and the
     * computed attributes asked for.
     *
     * @throws SQLException when SQLite fails
     */
    static List<SearchMatch> search(IndexConnection c, SearchQuery query) throws SQLException {
        c.control("BEGIN");
        try {
            List<SearchMatch> matches = new ArrayList<>();
            for (long rowKey : page(c, query)) {
                SearchMatch match = matchOf(c, query, rowKey);
                if (match != null) {
                    matches.add(match);
                }
            }
            return matches;
        } finally {
            c.control("COMMIT");
        }
    }

    // The statement's text depends on the conditions, so it is prepared for this search only
    // rather than kept by the connection.
    private static List<Long> page(IndexConnection c, SearchQuery query) throws SQLException {
        SearchStatement sql = SearchStatement.of(query);
        List<Long> keys = new ArrayList<>();
        try (PreparedStatement select = c.connection().prepareStatement(sql.text())) {
            sql.bind(select);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
        }
        return keys;
    }

    // The row's representative instance and counts; null when a delete took the row.
    private static SearchMatch matchOf(IndexConnection c, SearchQuery query, long rowKey)
            throws SQLException {
        PreparedStatement find = c.prepare(query.level() == Level.STUDY ? STUDY_ROW
                : query.level() == Level.SERIES ? SERIES_ROW : INSTANCE_ROW);
        find.setLong(1, rowKey);
        if (query.level() != Level.INSTANCE) {
            find.setLong(2, rowKey);
        }
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            InstanceKey key = new InstanceKey(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4));
            String json = rs.getString(5);
            long study = rs.getLong(6);
            long series = rs.getLong(7);
            return new SearchMatch(key, json, query.computed().contains(
                    Computed.MODALITIES_IN_STUDY) ? modalities(c, study) : List.of(),
                    counts(c, query, study, series));
        }
    }

    private static List<String> modalities(IndexConnection c, long study) throws SQLException {
        PreparedStatement find = c.prepare(MODALITIES);
        find.setLong(1, study);
        List<String> modalities = new ArrayList<>();
        try (ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
                modalities.add(rs.getString(1));
            }
        }
        return modalities;
    }

    private static Map<Computed, Long> counts(IndexConnection c, SearchQuery query, long study,
            long series) throws SQLException {
        Map<Computed, Long> counts = new EnumMap<>(Computed.class);
        for (Computed computed : query.computed()) {
            switch (computed) {
                case STUDY_RELATED_SERIES:
                    counts.put(computed, count(c, STUDY_SERIES, study));
                    break;
                case STUDY_RELATED_INSTANCES:
                    counts.put(computed, count(c, STUDY_INSTANCES, study));
                    break;
                case SERIES_RELATED_INSTANCES:
                    counts.put(computed, count(c, SERIES_INSTANCES, series));
                    break;
                default:
                    break; // modalities are a list, read by modalities()
            }
        }
        return counts;
    }

    private static long count(IndexConnection c, String sql, long key) throws SQLException {
        PreparedStatement count = c.prepare(sql);
        count.setLong(1, key);
        return IndexRows.queryLong(count);
    }
}
