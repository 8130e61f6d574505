// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite file under the {@link Index} (split from it for size): opening it with its pragmas,
 * checking it, creating the schema, and running work on its connections. One writer connection
 * under a lock, so that writers queue in the JVM and never meet SQLite's busy lock; a pool of
 * {@value #READERS} reader connections, which the WAL journal lets read while the writer writes;
 * a busy timeout for the moments a checkpoint holds them all. Thread-safe.
 */
final class IndexDatabase implements AutoCloseable {
    static final int SCHEMA_VERSION = 2;
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT = 10_000; // milliseconds
    private static final System.Logger LOG = System.getLogger(IndexDatabase.class.getName());

    private final Path file;
    private final boolean isNew;
    private final IndexConnection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<IndexConnection> readers = new ArrayBlockingQueue<>(READERS);

    /** Work on a connection, inside a transaction for writes. */
    @FunctionalInterface
    interface Work<T> {
        T run(IndexConnection c) throws SQLException;
    }

    private IndexDatabase(Path file, boolean isNew) throws SQLException, IOException {
        this.file = file;
        this.isNew = isNew;
        this.writer = connect(file);
        try {
            writer.execute("PRAGMA journal_mode = WAL");
            if (isNew) {
                createSchema();
            }
            for (int i = 0; i < READERS; i++) {
                IndexConnection reader = connect(file);
                readers.add(reader);
                reader.execute("PRAGMA query_only = 1");
            }
        } catch (SQLException | IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens the file, creating it when missing; a damaged one is set aside as
     * {@code {file}.damaged} (logged) and replaced by a new one.
     *
     * @throws IOException when the file cannot be opened or created, or holds a newer schema
     */
    static IndexDatabase open(Path file) throws IOException {
        boolean exists = Files.exists(file) && Files.size(file) > 0;
        if (exists) {
            Optional<String> damage = findDamage(file);
            if (damage.isPresent()) {
                LOG.log(Level.WARNING, "The index {0} is damaged ({1}); setting it aside as {2}"
                        + " and rebuilding it from the files", file, damage.get(), damaged(file));
                setAside(file);
                exists = false;
            }
        }
        try {
            return new IndexDatabase(file, !exists);
        } catch (SQLException e) {
            throw new IOException("Cannot open the index " + file + ": " + e.getMessage(), e);
        }
    }

    // SQLite's quick check reads every page: it catches garbage, truncation and torn pages.
    private static Optional<String> findDamage(Path file) throws IOException {
        try (IndexConnection c = IndexConnection.open(file)) {
            String check = queryText(c, "PRAGMA quick_check(1)");
            if (!"ok".equals(check)) {
                return Optional.of(check);
            }
            long version = Long.parseLong(queryText(c, "PRAGMA user_version"));
            if (version > SCHEMA_VERSION) {
                throw new IOException("The index " + file + " has schema version " + version
                        + "; this Dicomite knows version " + SCHEMA_VERSION);
            }
            return version == SCHEMA_VERSION ? Optional.empty() : Optional.of(version == 0
                    ? "no schema" : "schema version " + version + " is older than "
                    + SCHEMA_VERSION);
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Path damaged(Path file) {
        return file.resolveSibling(file.getFileName() + ".damaged");
    }

    private static void setAside(Path file) throws IOException {
        Files.move(file, damaged(file), StandardCopyOption.REPLACE_EXISTING);
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    private static IndexConnection connect(Path file) throws SQLException {
        IndexConnection c = IndexConnection.open(file);
        c.execute("PRAGMA synchronous = NORMAL");
        c.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT);
        c.execute("PRAGMA foreign_keys = ON");
        return c;
    }

    private void createSchema() throws SQLException, IOException {
        String text;
        try (InputStream in = Index.class.getResourceAsStream("index-schema.sql")) {
            if (in == null) {
                throw new IOException("index-schema.sql is missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        writer.control("BEGIN IMMEDIATE");
        for (String statement : text.replaceAll("(?m)^\\s*--.*$", "").split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                writer.execute(statement);
            }
        }
        writer.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        writer.control("COMMIT");
    }

    /** True when the file was missing, empty or damaged, so the database started empty. */
    boolean isNew() {
        return isNew;
    }

    Path file() {
        return file;
    }

    static String queryText(IndexConnection c, String sql) throws SQLException {
        try (ResultSet rs = c.prepare(sql).executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Runs the work in one write transaction on the writer connection, under the write lock;
     * rolls back when it fails.
     *
     * @throws IOException when SQLite fails; the message names the file
     */
    <T> T write(Work<T> work) throws IOException {
        writeLock.lock();
        try {
            writer.control("BEGIN IMMEDIATE");
            try {
                T result = work.run(writer);
                writer.control("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("Index " + file + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private void rollback() {
        try {
            writer.control("ROLLBACK");
        } catch (SQLException e) {
            // no transaction was open (a failed COMMIT may end it), or the connection broke
        }
    }

    /**
     * Runs the work on a reader connection, waiting for one if all are busy.
     *
     * @throws IOException when SQLite fails; InterruptedIOException when interrupted waiting
     */
    <T> T read(Work<T> work) throws IOException {
        IndexConnection reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted waiting for an index connection");
        }
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw new IOException("Index " + file + ": " + e.getMessage(), e);
        } finally {
            readers.add(reader);
        }
    }

    /** Closes every connection; the last one to close checkpoints the WAL into the file. */
    @Override
    public void close() {
        for (IndexConnection reader : readers) {
            closeQuietly(reader);
        }
        closeQuietly(writer);
    }

    private static void closeQuietly(IndexConnection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Closing an index connection failed", e);
        }
    }
}
