// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One SQLite connection of the {@link Index} with its prepared statements, kept for reuse and
 * keyed by their SQL text (every statement's text comes from {@code Index}). Used by one thread
 * at a time, which the index ensures: the writer under its lock, readers from its pool.
 */
final class IndexConnection implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private IndexConnection(Connection connection) {
        this.connection = connection;
    }

    /**
     * Connects to the database file, creating it when missing.
     *
     * @throws SQLException when the file cannot be opened
     */
    static IndexConnection open(Path file) throws SQLException {
        return new IndexConnection(DriverManager.getConnection("jdbc:sqlite:" + file));
    }

    /** The statement for this SQL, prepared on first use; parameters are cleared. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Runs a statement that is not worth keeping (a pragma, a schema statement). */
    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Runs transaction control (BEGIN IMMEDIATE, COMMIT) as plain statements: the driver stays
     * in auto-commit mode, so its idea of the transaction state can never differ from SQLite's
     * after a failed commit.
     */
    void control(String sql) throws SQLException {
        prepare(sql).execute();
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
        connection.close();
    }
}
