// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The write statements of the {@link Index} (split from it for size; no other class has SQL):
 * reserving, committing and deleting instance rows with their study, series, metadata and
 * change-feed rows. Every method runs inside a transaction the index opened on its writer
 * connection. Stateless.
 */
final class IndexRows {
    static final int CREATE = 0; // change-feed actions, as stored
    static final int DELETE = 1;
    static final String VISIBLE = "status IN (1, 2, 3)";
    static final String KEY_MATCH = "partition_key = ? AND study_uid = ? AND series_uid = ?"
            + " AND sop_uid = ?";
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private static final String RESERVE = "INSERT INTO instance (partition_key, study_uid,"
            + " series_uid, sop_uid, status, version, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, 0, 0, ?, ?) ON CONFLICT DO NOTHING RETURNING instance_key";
    private static final String FIND_STATUS = "SELECT instance_key, status FROM instance WHERE "
            + KEY_MATCH;
    private static final String SET_STATUS = "UPDATE instance SET status = ? WHERE"
            + " instance_key = ? AND status = ?";
    private static final String DROP_ROW = "DELETE FROM instance WHERE instance_key = ?"
            + " AND status = ?";
    private static final String UPSERT_STUDY = "INSERT INTO study (partition_key, study_uid,"
            + " patient_id, patient_name, patient_name_fold, patient_birth_date, accession_number,"
            + " referring_physician_name, referring_physician_name_fold, study_date,"
            + " study_description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (partition_key, study_uid) DO UPDATE SET"
            + " patient_id = coalesce(excluded.patient_id, patient_id),"
            + " patient_name = coalesce(excluded.patient_name, patient_name),"
            + " patient_name_fold = coalesce(excluded.patient_name_fold, patient_name_fold),"
            + " patient_birth_date = coalesce(excluded.patient_birth_date, patient_birth_date),"
            + " accession_number = coalesce(excluded.accession_number, accession_number),"
            + " referring_physician_name = coalesce(excluded.referring_physician_name,"
            + " referring_physician_name), referring_physician_name_fold ="
            + " coalesce(excluded.referring_physician_name_fold, referring_physician_name_fold),"
            + " study_date = coalesce(excluded.study_date, study_date),"
            + " study_description = coalesce(excluded.study_description, study_description)"
            + " RETURNING study_key";
    private static final String UPSERT_SERIES = "INSERT INTO series (study_key, partition_key,"
            + " series_uid, modality, performed_procedure_step_start_date,"
            + " manufacturer_model_name, series_description, series_number)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (study_key, series_uid) DO UPDATE SET"
            + " modality = coalesce(excluded.modality, modality),"
            + " performed_procedure_step_start_date = coalesce("
            + "excluded.performed_procedure_step_start_date, performed_procedure_step_start_date),"
            + " manufacturer_model_name = coalesce(excluded.manufacturer_model_name,"
            + " manufacturer_model_name),"
            + " series_description = coalesce(excluded.series_description, series_description),"
            + " series_number = coalesce(excluded.series_number, series_number)"
            + " RETURNING series_key";
    private static final String COMMIT_INSTANCE = "UPDATE instance SET series_key = ?,"
            + " status = ?, version = ?, sop_class_uid = ?, transfer_syntax_uid = ?, size = ?,"
            + " frames = ?, instance_number = ?, updated_at = ?"
            + " WHERE instance_key = ? AND status = ?";
    private static final String PUT_METADATA = "INSERT OR REPLACE INTO metadata (instance_key,"
            + " json) VALUES (?, ?)";
    private static final String ADD_CHANGE = "INSERT INTO change_feed (partition_key, study_uid,"
            + " series_uid, sop_uid, action, timestamp, version) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String MARK_DELETING = "UPDATE instance SET status = 4,"
            + " series_key = NULL, updated_at = ? WHERE instance_key = ?";
    private static final String DROP_METADATA = "DELETE FROM metadata WHERE instance_key = ?";
    private static final String DROP_EMPTY_SERIES = "DELETE FROM series WHERE series_key = ?"
            + " AND NOT EXISTS (SELECT 1 FROM instance WHERE series_key = ?)";
    private static final String DROP_EMPTY_STUDY = "DELETE FROM study WHERE partition_key = ?"
            + " AND study_uid = ? AND NOT EXISTS (SELECT 1 FROM series"
            + " WHERE series.study_key = study.study_key)";
    private static final String FORGET = "DELETE FROM instance WHERE " + KEY_MATCH
            + " AND status = 4";

    /** A visible instance row picked for deletion. */
    record Doomed(long instanceKey, InstanceKey key, long version, long seriesKey) {
    }

    /** A reserved row moving from status {@code from} to {@code to} at a new version. */
    record Transition(long partition, long instanceKey, int from, int to, long version,
            long now) {
    }

    /** A change-feed entry to add; {@code action} as stored (0 Create, 1 Delete, 2 Update). */
    record Change(long partition, InstanceKey key, int action, long timestamp, long version) {
    }

    private IndexRows() {
    }

    /** Inserts a creating row; returns its key, or 0 when the key has a row already. */
    static long insertReservation(IndexConnection c, long partition, InstanceKey key, long now)
            throws SQLException {
        PreparedStatement insert = c.prepare(RESERVE);
        bindKey(insert, 1, partition, key);
        insert.setLong(5, now);
        insert.setLong(6, now);
        try (ResultSet rs = insert.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The existing row of the key as {instance_key, status}. */
    static long[] findStatus(IndexConnection c, long partition, InstanceKey key)
            throws SQLException {
        PreparedStatement find = c.prepare(FIND_STATUS);
        bindKey(find, 1, partition, key);
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("No row for " + key + " although inserting it conflicted");
            }
            return new long[] {rs.getLong(1), rs.getInt(2)};
        }
    }

    static int setStatus(IndexConnection c, long instanceKey, int from, int to)
            throws SQLException {
        PreparedStatement update = c.prepare(SET_STATUS);
        update.setInt(1, to);
        update.setLong(2, instanceKey);
        update.setInt(3, from);
        return update.executeUpdate();
    }

    static int dropRow(IndexConnection c, long instanceKey, int status) throws SQLException {
        PreparedStatement delete = c.prepare(DROP_ROW);
        delete.setLong(1, instanceKey);
        delete.setInt(2, status);
        return delete.executeUpdate();
    }

    /**
     * Writes the committed state of a reserved row (status {@code from} → {@code to}) with its
     * study, series, metadata and Create entry.
     *
     * @throws SQLException when a statement fails or the row is no longer in {@code from}
     */
    static void commitRows(IndexConnection c, Transition t, InstanceFacts facts)
            throws SQLException {
        long partition = t.partition();
        long series = upsertSeries(c, upsertStudy(c, partition, facts), partition, facts);
        PreparedStatement update = c.prepare(COMMIT_INSTANCE);
        update.setLong(1, series);
        update.setInt(2, t.to());
        update.setLong(3, t.version());
        update.setString(4, facts.sopClassUID());
        update.setString(5, facts.transferSyntaxUID());
        update.setLong(6, facts.size());
        update.setInt(7, facts.frames());
        setNumber(update, 8, facts.attribute("InstanceNumber"));
        update.setLong(9, t.now());
        update.setLong(10, t.instanceKey());
        update.setInt(11, t.from());
        if (update.executeUpdate() == 0) {
            throw new SQLException("The reservation of " + facts.key() + " is gone (deleted"
                    + " while being stored)");
        }
        PreparedStatement metadata = c.prepare(PUT_METADATA);
        metadata.setLong(1, t.instanceKey());
        metadata.setString(2, facts.metadataJson());
        metadata.executeUpdate();
        addChange(c, new Change(partition, facts.key(), CREATE, t.now(), t.version()));
    }

    // Spec §2.2: study values are "last non-null value wins"; facts hold no empty values.
    private static long upsertStudy(IndexConnection c, long partition, InstanceFacts facts)
            throws SQLException {
        PreparedStatement upsert = c.prepare(UPSERT_STUDY);
        upsert.setLong(1, partition);
        upsert.setString(2, facts.key().study());
        upsert.setString(3, IndexSearch.textKey(facts.attribute("PatientID")));
        upsert.setString(4, facts.attribute("PatientName"));
        upsert.setString(5, foldPersonName(facts.attribute("PatientName")));
        upsert.setString(6, facts.attribute("PatientBirthDate"));
        upsert.setString(7, IndexSearch.textKey(facts.attribute("AccessionNumber")));
        upsert.setString(8, facts.attribute("ReferringPhysicianName"));
        upsert.setString(9, foldPersonName(facts.attribute("ReferringPhysicianName")));
        upsert.setString(10, facts.attribute("StudyDate"));
        upsert.setString(11, IndexSearch.textKey(facts.attribute("StudyDescription")));
        long study = queryLong(upsert);
        writeNameWords(c, study, IndexSearch.PATIENT_NAME_WORDS, facts.attribute("PatientName"));
        writeNameWords(c, study, IndexSearch.REFERRING_PHYSICIAN_NAME_WORDS,
                facts.attribute("ReferringPhysicianName"));
        return study;
    }

    // A name the instance gives replaces the study's ("last non-null value wins").
    private static void writeNameWords(IndexConnection c, long study, int attribute,
            String name) throws SQLException {
        if (name != null) {
            IndexSearch.writeNameWords(c, study, attribute, foldPersonName(name));
        }
    }

    private static long upsertSeries(IndexConnection c, long study, long partition,
            InstanceFacts facts) throws SQLException {
        PreparedStatement upsert = c.prepare(UPSERT_SERIES);
        upsert.setLong(1, study);
        upsert.setLong(2, partition);
        upsert.setString(3, facts.key().series());
        upsert.setString(4, facts.attribute("Modality"));
        upsert.setString(5, facts.attribute("PerformedProcedureStepStartDate"));
        upsert.setString(6, IndexSearch.textKey(facts.attribute("ManufacturerModelName")));
        upsert.setString(7, facts.attribute("SeriesDescription"));
        setNumber(upsert, 8, facts.attribute("SeriesNumber"));
        return queryLong(upsert);
    }

    static void addChange(IndexConnection c, Change change) throws SQLException {
        PreparedStatement insert = c.prepare(ADD_CHANGE);
        bindKey(insert, 1, change.partition(), change.key());
        insert.setInt(5, change.action());
        insert.setLong(6, change.timestamp());
        insert.setLong(7, change.version());
        insert.executeUpdate();
    }

    /** The visible instances the selection names, in row order. */
    static List<Doomed> findDoomed(IndexConnection c, long partition, Index.Selection s,
            long expiredBy) throws SQLException {
        PreparedStatement find = c.prepare(doomedQuery(s));
        int i = 1;
        find.setLong(i++, partition);
        find.setString(i++, s.study());
        if (s.series() != null) {
            find.setString(i++, s.series());
        }
        if (s.sop() != null) {
            find.setString(i++, s.sop());
        }
        if (s.expiredBy() != null) {
            find.setLong(i, expiredBy);
        }
        List<Doomed> doomed = new ArrayList<>();
        try (ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
                doomed.add(new Doomed(rs.getLong(1), new InstanceKey(s.partition(), s.study(),
                        rs.getString(2), rs.getString(3)), rs.getLong(4), rs.getLong(5)));
            }
        }
        return doomed;
    }

    // One of eight texts, each prepared once: the optional filters are present or not.
    private static String doomedQuery(Index.Selection s) {
        return "SELECT instance_key, series_uid, sop_uid, version, series_key FROM instance"
                + " WHERE partition_key = ? AND study_uid = ? AND " + VISIBLE
                + (s.series() == null ? "" : " AND series_uid = ?")
                + (s.sop() == null ? "" : " AND sop_uid = ?")
                + (s.expiredBy() == null ? "" : " AND EXISTS (SELECT 1 FROM study WHERE"
                + " study.partition_key = instance.partition_key AND study.study_uid ="
                + " instance.study_uid AND study.expires_at <= ?)")
                + " ORDER BY instance_key";
    }

    /** Hides the instance (status deleting), drops its metadata and adds its Delete entry. */
    static void markDeleting(IndexConnection c, long partition, Doomed d, long now)
            throws SQLException {
        addChange(c, new Change(partition, d.key(), DELETE, now, d.version()));
        PreparedStatement mark = c.prepare(MARK_DELETING);
        mark.setLong(1, now);
        mark.setLong(2, d.instanceKey());
        mark.executeUpdate();
        PreparedStatement metadata = c.prepare(DROP_METADATA);
        metadata.setLong(1, d.instanceKey());
        metadata.executeUpdate();
    }

    /** Deletes the series row if no instance points to it, then the study row if it is empty. */
    static void dropIfEmpty(IndexConnection c, long partition, String study, long seriesKey)
            throws SQLException {
        PreparedStatement series = c.prepare(DROP_EMPTY_SERIES);
        series.setLong(1, seriesKey);
        series.setLong(2, seriesKey);
        series.executeUpdate();
        PreparedStatement studyRow = c.prepare(DROP_EMPTY_STUDY);
        studyRow.setLong(1, partition);
        studyRow.setString(2, study);
        studyRow.executeUpdate();
    }

    /** Deletes the row of an instance whose files are gone (status deleting). */
    static void forget(IndexConnection c, long partition, InstanceKey key) throws SQLException {
        PreparedStatement delete = c.prepare(FORGET);
        bindKey(delete, 1, partition, key);
        delete.executeUpdate();
    }

    /** Binds partition key and the three UIDs from parameter {@code first} on. */
    static void bindKey(PreparedStatement statement, int first, long partition, InstanceKey key)
            throws SQLException {
        statement.setLong(first, partition);
        statement.setString(first + 1, key.study());
        statement.setString(first + 2, key.series());
        statement.setString(first + 3, key.sop());
    }

    static long queryLong(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("No row from a statement that returns one");
            }
            return rs.getLong(1);
        }
    }

    // IS values such as "0003" index as numbers (spec §4.3); anything else as NULL.
    private static void setNumber(PreparedStatement statement, int index, String value)
            throws SQLException {
        try {
            statement.setLong(index, Long.parseLong(value == null ? "" : value.strip()));
        } catch (NumberFormatException e) {
            statement.setNull(index, Types.INTEGER);
        }
    }

    /**
     * A person name as the {@code *_fold} columns hold it, for the case- and accent-insensitive
     * matching of spec §4.3: lower case, combining marks removed ("Hall^X^Tá" → "hall^x^ta").
     * Search folds its query values the same way. Null stays null.
     */
    static String foldPersonName(String name) {
        if (name == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
