// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The read statements of the {@link Index} (split from it for size; no other class has SQL).
 * Each method runs on a connection the index lends it; UIDs are compared as stored, without
 * padding. Stateless.
 */
final class IndexQueries {
    private static final String[] ACTIONS = {ChangeFeedEntry.CREATE, ChangeFeedEntry.DELETE,
        ChangeFeedEntry.UPDATE};
    private static final String KEYS = "SELECT p.name, i.study_uid, i.series_uid, i.sop_uid"
            + " FROM instance i JOIN partition p USING (partition_key)";
    private static final String NAMED_KEY = " WHERE p.name = ? AND i.study_uid = ?"
            + " AND i.series_uid = ? AND i.sop_uid = ? AND i." + IndexRows.VISIBLE;
    private static final String UNFINISHED = "SELECT p.name, i.study_uid, i.series_uid,"
            + " i.sop_uid, i.instance_key, i.status FROM instance i"
            + " JOIN partition p USING (partition_key) WHERE i.status <> 1";
    private static final String METADATA = "SELECT m.json FROM instance i"
            + " JOIN partition p USING (partition_key) JOIN metadata m USING (instance_key)"
            + NAMED_KEY;
    private static final String VERSION = "SELECT i.version FROM instance i"
            + " JOIN partition p USING (partition_key)" + NAMED_KEY;
    private static final String CHANGES = "SELECT f.sequence, p.name, f.study_uid,"
            + " f.series_uid, f.sop_uid, f.action, f.timestamp, f.version, i.version"
            + " FROM change_feed f JOIN partition p USING (partition_key)"
            + " LEFT JOIN instance i ON i.partition_key = f.partition_key"
            + " AND i.study_uid = f.study_uid AND i.series_uid = f.series_uid"
            + " AND i.sop_uid = f.sop_uid AND i." + IndexRows.VISIBLE
            + " ORDER BY f.sequence LIMIT ? OFFSET ?";
    private static final String EXPIRED = "SELECT p.name, s.study_uid FROM study s"
            + " JOIN partition p USING (partition_key) WHERE s.expires_at <= ?"
            + " ORDER BY s.expires_at";
    private static final String EXPIRY = "SELECT s.expires_at FROM study s"
            + " JOIN partition p USING (partition_key) WHERE p.name = ? AND s.study_uid = ?"
            + " AND s.expires_at IS NOT NULL";

    private IndexQueries() {
    }

    static List<InstanceKey> findInstances(IndexConnection c, String partition, String study,
            String series, String sop) throws SQLException {
        PreparedStatement find = c.prepare(KEYS + " WHERE p.name = ? AND i.study_uid = ?"
                + (series == null ? "" : " AND i.series_uid = ?")
                + (sop == null ? "" : " AND i.sop_uid = ?")
                + " AND i." + IndexRows.VISIBLE + " ORDER BY i.instance_key");
        int n = 1;
        find.setString(n++, partition);
        find.setString(n++, study);
        if (series != null) {
            find.setString(n++, series);
        }
        if (sop != null) {
            find.setString(n, sop);
        }
        List<InstanceKey> keys = new ArrayList<>();
        try (ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
                keys.add(keyAt(rs));
            }
        }
        return keys;
    }

    static Set<InstanceKey> visibleKeys(IndexConnection c) throws SQLException {
        Set<InstanceKey> keys = new HashSet<>();
        try (ResultSet rs = c.prepare(KEYS + " WHERE i." + IndexRows.VISIBLE).executeQuery()) {
            while (rs.next()) {
                keys.add(keyAt(rs));
            }
        }
        return keys;
    }

    static List<Index.Unfinished> findUnfinished(IndexConnection c) throws SQLException {
        List<Index.Unfinished> rows = new ArrayList<>();
        try (ResultSet rs = c.prepare(UNFINISHED).executeQuery()) {
            while (rs.next()) {
                rows.add(new Index.Unfinished(rs.getLong(5), keyAt(rs), rs.getInt(6)));
            }
        }
        return rows;
    }

    static Optional<String> findMetadata(IndexConnection c, InstanceKey key)
            throws SQLException {
        PreparedStatement find = c.prepare(METADATA);
        bindNamedKey(find, key);
        try (ResultSet rs = find.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    static OptionalLong findVersion(IndexConnection c, InstanceKey key) throws SQLException {
        PreparedStatement find = c.prepare(VERSION);
        bindNamedKey(find, key);
        try (ResultSet rs = find.executeQuery()) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
    }

    static List<ChangeFeedEntry> changeFeed(IndexConnection c, long offset, int limit)
            throws SQLException {
        PreparedStatement find = c.prepare(CHANGES);
        find.setInt(1, limit);
        find.setLong(2, offset);
        List<ChangeFeedEntry> entries = new ArrayList<>();
        try (ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
                entries.add(entryAt(rs));
            }
        }
        return entries;
    }

    // Spec §6.1: no visible instance → Deleted; its current version → Current; else Replaced.
    private static ChangeFeedEntry entryAt(ResultSet rs) throws SQLException {
        long version = rs.getLong(8);
        long current = rs.getLong(9);
        String state = rs.wasNull() ? ChangeFeedEntry.DELETED
                : current == version ? ChangeFeedEntry.CURRENT : ChangeFeedEntry.REPLACED;
        return new ChangeFeedEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), ACTIONS[rs.getInt(6)],
                instantOf(rs.getLong(7)), state, version);
    }

    static long changeFeedSize(IndexConnection c) throws SQLException {
        return IndexRows.queryLong(c.prepare("SELECT count(*) FROM change_feed"));
    }

    static List<Index.StudyRef> findExpiredStudies(IndexConnection c, long now)
            throws SQLException {
        PreparedStatement find = c.prepare(EXPIRED);
        find.setLong(1, now);
        List<Index.StudyRef> studies = new ArrayList<>();
        try (ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
                studies.add(new Index.StudyRef(rs.getString(1), rs.getString(2)));
            }
        }
        return studies;
    }

    static Optional<Instant> findStudyExpiry(IndexConnection c, String partition, String study)
            throws SQLException {
        PreparedStatement find = c.prepare(EXPIRY);
        find.setString(1, partition);
        find.setString(2, study);
        try (ResultSet rs = find.executeQuery()) {
            return rs.next() ? Optional.of(instantOf(rs.getLong(1))) : Optional.empty();
        }
    }

    private static void bindNamedKey(PreparedStatement statement, InstanceKey key)
            throws SQLException {
        statement.setString(1, key.partition());
        statement.setString(2, key.study());
        statement.setString(3, key.series());
        statement.setString(4, key.sop());
    }

    // The key from columns 1 to 4: partition name, study, series and SOP Instance UIDs.
    private static InstanceKey keyAt(ResultSet rs) throws SQLException {
        return new InstanceKey(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4));
    }

    static Instant instantOf(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
