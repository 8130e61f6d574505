// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.storage.SearchQuery.Attribute;
import dicomite.storage.SearchQuery.Condition;
import dicomite.storage.SearchQuery.Level;
import dicomite.storage.SearchQuery.Match;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The page statement of a {@link SearchQuery} (split from {@link IndexSearch} for size): the
 * SELECT of the matching study, series or instance keys, newest first, and the values to bind
 * in order. Values become index keys as {@link IndexSearch} describes.
 *
 * <p>Join order: a search whose conditions are all on its own rows reads one table and lets
 * SQLite pick the index. A series or instance search with conditions on the study or the series
 * starts from them ({@code CROSS JOIN} fixes the order for SQLite): were SQLite to walk the
 * instances newest first and test each one's study, as it likes to for a LIMIT, a patient with
 * few instances would cost a scan of the whole archive. The cost of the chosen order grows with
 * the number of matches, not with the archive. One object per search; not thread-safe.
 */
final class SearchStatement {
    private static final String PARTITION = "(SELECT partition_key FROM partition WHERE name = ?)";
    private static final int MAX_FUZZY_WORDS = 32; // a join per word; no name has that many
    /** The key column of each study (s) and series (x) attribute but the UIDs. */
    private static final Map<Attribute, String> COLUMNS = new EnumMap<>(Map.of(
            Attribute.PATIENT_NAME, "s.patient_name_fold",
            Attribute.REFERRING_PHYSICIAN_NAME, "s.referring_physician_name_fold",
            Attribute.PATIENT_ID, "s.patient_id",
            Attribute.PATIENT_BIRTH_DATE, "s.patient_birth_date",
            Attribute.ACCESSION_NUMBER, "s.accession_number",
            Attribute.STUDY_DATE, "s.study_date",
            Attribute.STUDY_DESCRIPTION, "s.study_description",
            Attribute.MODALITY, "x.modality",
            Attribute.PERFORMED_PROCEDURE_STEP_START_DATE, "x.performed_procedure_step_start_date",
            Attribute.MANUFACTURER_MODEL_NAME, "x.manufacturer_model_name"));

    private final Level level;
    private final boolean fromStudy; // the study table drives (series and instance searches)
    private final boolean fromSeries; // the series table is joined (instance searches)
    private final StringBuilder where = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    private SearchStatement(Level level, boolean fromStudy, boolean fromSeries) {
        this.level = level;
        this.fromStudy = fromStudy;
        this.fromSeries = fromSeries;
    }

    /** The statement of the query. */
    static SearchStatement of(SearchQuery query) {
        Level level = query.level();
        List<Condition> conditions = query.conditions();
        boolean onStudy = conditions.stream().anyMatch(c -> c.attribute().level() == Level.STUDY);
        boolean onOwnRows = conditions.stream().allMatch(c -> isInstanceColumn(c.attribute()));
        boolean fromStudy = level != Level.STUDY && onStudy
                && !(level == Level.INSTANCE && onOwnRows);
        boolean fromSeries = level == Level.INSTANCE && !onOwnRows;
        SearchStatement statement = new SearchStatement(level, fromStudy, fromSeries);
        statement.values.add(query.partition());
        for (Condition condition : conditions) {
            statement.append(condition, query.partition());
        }
        statement.values.add((long) query.limit());
        statement.values.add(query.offset());
        return statement;
    }

    // The UIDs that instance rows carry themselves.
    private static boolean isInstanceColumn(Attribute attribute) {
        return attribute == Attribute.STUDY_INSTANCE_UID
                || attribute == Attribute.SERIES_INSTANCE_UID
                || attribute == Attribute.SOP_INSTANCE_UID;
    }

    /** The SQL text. */
    String text() {
        String driver = fromStudy ? "study s" : level == Level.INSTANCE && !fromSeries
                ? "instance i" : level == Level.STUDY ? "study s" : "series x";
        StringBuilder sql = new StringBuilder("SELECT ").append(level == Level.STUDY
                ? "s.study_key" : level == Level.SERIES ? "x.series_key" : "i.instance_key")
                .append(" FROM ").append(driver);
        if (fromStudy) {
            sql.append(" CROSS JOIN series x ON x.study_key = s.study_key");
        }
        if (level == Level.INSTANCE && (fromStudy || fromSeries)) {
            sql.append(" CROSS JOIN instance i ON i.series_key = x.series_key");
        }
        sql.append(" WHERE ").append(driver.substring(driver.length() - 1))
                .append(".partition_key = ").append(PARTITION);
        if (level == Level.INSTANCE) {
            sql.append(" AND i.").append(IndexRows.VISIBLE);
        }
        return sql.append(where).append(" ORDER BY ").append(level == Level.STUDY
                ? "s.study_key" : level == Level.SERIES ? "x.series_key" : "i.version")
                .append(" DESC LIMIT ? OFFSET ?").toString();
    }

    /** Binds the values in order; fails with an SQLException when the driver does. */
    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
    }

    private void append(Condition condition, String partition) {
        Attribute attribute = condition.attribute();
        if (condition.match() == Match.FUZZY) {
            appendFuzzy(attribute, condition.values().get(0));
        } else if (attribute == Attribute.MODALITIES_IN_STUDY) {
            where.append(" AND ").append(studyKey()).append(" IN (SELECT m.study_key FROM"
                    + " series m WHERE m.partition_key = ").append(PARTITION).append(" AND ");
            values.add(partition);
            appendComparison("m.modality", condition);
            where.append(')');
        } else {
            where.append(" AND ");
            appendComparison(column(attribute), condition);
        }
    }

    private void appendComparison(String column, Condition condition) {
        Attribute attribute = condition.attribute();
        List<String> given = condition.values();
        switch (condition.match()) {
            case EXACT:
                where.append(column).append(" = ?");
                values.add(key(attribute, given.get(0)));
                break;
            case ANY_OF:
                where.append(column).append(" IN (?").append(", ?".repeat(given.size() - 1))
                        .append(')');
                given.forEach(value -> values.add(key(attribute, value)));
                break;
            case WILDCARD:
                where.append(column).append(" LIKE ? ESCAPE '\\'");
                values.add(likePattern(key(attribute, given.get(0))));
                break;
            default:
                appendRange(column, given.get(0), given.get(1));
                break;
        }
    }

    private void appendRange(String column, String from, String to) {
        where.append('(').append(from == null ? "1" : column + " >= ?");
        where.append(" AND ").append(to == null ? "1" : column + " <= ?").append(')');
        if (from != null) {
            values.add(from);
        }
        if (to != null) {
            values.add(to);
        }
    }

    // Spec §4.3: each query word starts a word of the name, the words consecutive (a full-text
    // prefix phrase): one range lookup per word, chained by position.
    private void appendFuzzy(Attribute attribute, String value) {
        List<String> words = IndexSearch.nameWords(IndexRows.foldPersonName(
                InstanceKey.trim(value)));
        if (words.isEmpty() || words.size() > MAX_FUZZY_WORDS) {
            where.append(" AND 0");
            return;
        }
        where.append(" AND ").append(studyKey())
                .append(" IN (SELECT w0.study_key FROM person_name_word w0");
        for (int k = 1; k < words.size(); k++) {
            String w = "w" + k;
            where.append(" JOIN person_name_word ").append(w).append(" ON ").append(w)
                    .append(".study_key = w0.study_key AND ").append(w)
                    .append(".attribute = w0.attribute AND ").append(w)
                    .append(".position = w0.position + ").append(k);
        }
        where.append(" WHERE w0.attribute = ?");
        values.add(attribute == Attribute.PATIENT_NAME ? IndexSearch.PATIENT_NAME_WORDS
                : IndexSearch.REFERRING_PHYSICIAN_NAME_WORDS);
        for (int k = 0; k < words.size(); k++) {
            appendPrefix("w" + k + ".word", words.get(k));
        }
        where.append(')');
    }

    // word >= prefix AND word < the prefix with its last code point increased: an index range.
    private void appendPrefix(String column, String prefix) {
        where.append(" AND ").append(column).append(" >= ?");
        values.add(prefix);
        int last = prefix.codePointBefore(prefix.length());
        if (last < Character.MAX_CODE_POINT) {
            int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1
                    : last + 1;
            where.append(" AND ").append(column).append(" < ?");
            values.add(prefix.substring(0, prefix.length() - Character.charCount(last))
                    + new String(Character.toChars(next)));
        }
    }

    private String studyKey() {
        return level == Level.STUDY || fromStudy ? "s.study_key" : "x.study_key";
    }

    private String column(Attribute attribute) {
        switch (attribute) {
            case STUDY_INSTANCE_UID:
                return level == Level.INSTANCE && !fromStudy ? "i.study_uid" : "s.study_uid";
            case SERIES_INSTANCE_UID:
                return level == Level.INSTANCE && !fromSeries ? "i.series_uid" : "x.series_uid";
            case SOP_INSTANCE_UID:
                return "i.sop_uid";
            default:
                return COLUMNS.get(attribute);
        }
    }

    /** The index key of a query value of the attribute (see {@link IndexSearch}). */
    private static String key(Attribute attribute, String value) {
        switch (attribute.key()) {
            case NAME:
                return IndexRows.foldPersonName(InstanceKey.trim(value));
            case TEXT:
                return IndexSearch.textKey(value);
            default:
                return InstanceKey.trim(value);
        }
    }

    // PS3.4 §C.2.2.2.4: '*' any run of characters, '?' one character; the rest literal.
    private static String likePattern(String wildcard) {
        StringBuilder like = new StringBuilder(wildcard.length() + 8);
        wildcard.codePoints().forEach(c -> {
            if (c == '\\' || c == '%' || c == '_') {
                like.append('\\').appendCodePoint(c);
            } else {
                like.appendCodePoint(c == '*' ? '%' : c == '?' ? '_' : c);
            }
        });
        return like.toString();
    }
}
