// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The read statements of retrieval (spec §3.3, §3.6), split from {@link IndexQueries} for size;
 * each runs on a connection the {@link Index} lends it. A scope is a study, a series of it or
 * one instance, UIDs compared as stored (without padding). Rows come in storage order: series
 * in the order they were first stored, then instances by InstanceNumber (none first), then in
 * the order stored. Stateless.
 */
final class IndexReads {
    private static final String FROM = " FROM instance i JOIN partition p USING (partition_key)";
    private static final String INSTANCES = "SELECT p.name, i.study_uid, i.series_uid,"
            + " i.sop_uid, i.transfer_syntax_uid, i.size, i.version" + FROM;
    private static final String METADATA = "SELECT p.name, i.study_uid, i.series_uid,"
            + " i.sop_uid, i.version, m.json" + FROM + " JOIN metadata m USING (instance_key)";
    private static final String ORDER = " ORDER BY i.series_key, i.instance_number,"
            + " i.instance_key";

    /** A study ({@code series} and {@code sop} null), a series ({@code sop} null) or one SOP. */
    record Scope(String partition, String study, String series, String sop) {
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private IndexReads() {
    }

    static List<StoredInstance> findStoredInstances(IndexConnection c, Scope scope)
            throws SQLException {
        return query(c, INSTANCES, scope, rs -> new StoredInstance(keyAt(rs), rs.getString(5),
                rs.getLong(6), rs.getLong(7)));
    }

    static List<InstanceMetadata> findMetadata(IndexConnection c, Scope scope)
            throws SQLException {
        return query(c, METADATA, scope, rs -> new InstanceMetadata(keyAt(rs), rs.getLong(5),
                rs.getString(6)));
    }

    private static <T> List<T> query(IndexConnection c, String select, Scope scope,
            RowReader<T> reader) throws SQLException {
        PreparedStatement find = c.prepare(select + " WHERE p.name = ? AND i.study_uid = ?"
                + (scope.series() == null ? "" : " AND i.series_uid = ?")
                + (scope.sop() == null ? "" : " AND i.sop_uid = ?")
                + " AND i." + IndexRows.VISIBLE + ORDER);
        int n = 1;
        find.setString(n++, scope.partition());
        find.setString(n++, scope.study());
        if (scope.series() != null) {
            find.setString(n++, scope.series());
        }
        if (scope.sop() != null) {
            find.setString(n, scope.sop());
        }
        List<T> rows = new ArrayList<>();
        try (ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
        }
        return rows;
    }

    // The key from columns 1 to 4: partition name, study, series and SOP Instance UIDs.
    private static InstanceKey keyAt(ResultSet rs) throws SQLException {
        return new InstanceKey(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4));
    }
}
