// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.storage.IndexRows.Doomed;
import dicomite.storage.IndexRows.Transition;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The SQLite index of a data folder: partitions, study, series and instance rows with the
 * attributes search matches on (spec §4.1), the DICOM JSON metadata of each instance, the change
 * feed (spec §6) and study expiry (spec §2.1), in one file. The schema is
 * {@code index-schema.sql}, built for indexed queries at 100,000 instances: study rows carry the
 * study-level values, series rows the series-level ones, instance rows point to their series.
 * All SQL is here and in the package-private parts: {@link IndexRows} (write statements),
 * {@link IndexQueries} (read statements), {@link IndexSearch} and {@link SearchStatement}
 * (search, spec §4) and {@link IndexDatabase} (connections, pragmas, schema).
 *
 * <p>Durability: WAL journal with {@code synchronous=NORMAL}. A commit is in the WAL file, in the
 * operating system's hands, before the caller is told, so a killed process (SIGKILL) loses
 * nothing acknowledged; only a power loss can drop the last commits, never corrupting the file,
 * and the start after such an unclean stop re-indexes from the files ({@link Archive}). FULL
 * would add an fsync per commit for the power-loss case only.
 *
 * <p>Concurrency: one writer connection under a lock (reservations are atomic, and writers never
 * meet SQLite's busy lock), a small pool of reader connections that WAL lets read while the
 * writer writes, and a busy timeout for checkpoints ({@link IndexDatabase}). Statements are
 * prepared once per connection. Thread-safe.
 *
 * <p>Instance rows carry a status (see the schema); only statuses 1 to 3 are visible. The
 * change-feed state is computed when read: no visible instance → Deleted; entry version equal to
 * the instance's version → Current; otherwise Replaced (spec §6.1). A damaged file (SQLite's
 * quick check fails) is set aside as {@code index.sqlite.damaged} and, like a missing or empty
 * one, replaced by an empty index, which {@link #isNew()} reports so that the caller rebuilds it.
 */
public final class Index implements AutoCloseable {
    static final int CREATING = 0;
    static final int CREATED = 1;
    static final int REPLACING = 2;
    static final int SWAPPING = 3;
    static final int DELETING = 4;

    private static final String FIND_PARTITION = "SELECT partition_key FROM partition"
            + " WHERE name = ?";
    private static final String ADD_PARTITION = "INSERT INTO partition (name, created_at)"
            + " VALUES (?, ?) RETURNING partition_key";

    private final Clock clock;
    private final IndexDatabase db;
    private final Map<String, Long> partitionKeys = new ConcurrentHashMap<>();
    private final boolean closedCleanly;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long watermark; // the last version given out; guarded by the database's write lock

    /** What {@link #reserve} found: a new or replacing reservation, or why there is none. */
    enum Claim { NEW, REPLACE, EXISTS, BEING_CREATED }

    /** The outcome of {@link #reserve}; {@code instanceKey} is the row, 0 without one. */
    record Reservation(Claim claim, long instanceKey, InstanceKey key) {
    }

    /** An instance row left in a transient status by a crash. */
    record Unfinished(long instanceKey, InstanceKey key, int status) {
    }

    /**
     * Which visible instances to delete: a study, a series or one instance; with
     * {@code expiredBy}, only if the study's expiry is at or before that time.
     */
    record Selection(String partition, String study, String series, String sop,
            Instant expiredBy) {
    }

    /** A study, by partition name and UID. */
    record StudyRef(String partition, String study) {
    }

    private Index(IndexDatabase db, Clock clock) throws IOException {
        this.db = db;
        this.clock = clock;
        closedCleanly = !db.isNew() && "1".equals(db.read(c -> IndexDatabase.queryText(c,
                "SELECT value FROM meta WHERE name = 'clean_shutdown'")));
        setCleanShutdown(false);
        watermark = db.read(c -> queryLong(c, "SELECT max(coalesce((SELECT max(version) FROM"
                + " instance), 0), coalesce((SELECT max(version) FROM change_feed), 0))"));
    }

    /**
     * Opens the index file, creating it when missing and replacing it when damaged (logged).
     *
     * <pre>{@code
     * try (Index index = Index.open(Path.of("data/index.sqlite"), Clock.systemUTC())) { ... }
     * }</pre>
     *
     * @throws IOException when the file cannot be opened or created, or holds a schema newer
     *     than this Dicomite's
     */
    public static Index open(Path file, Clock clock) throws IOException {
        IndexDatabase db = IndexDatabase.open(file);
        try {
            return new Index(db, clock);
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** True when the file was missing, empty or damaged, so the index started empty. */
    public boolean isNew() {
        return db.isNew();
    }

    /** True when the previous server closed this index; false after a crash or a kill. */
    boolean wasClosedCleanly() {
        return closedCleanly;
    }

    private void setCleanShutdown(boolean clean) throws IOException {
        write(c -> {
            c.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('clean_shutdown', '"
                    + (clean ? 1 : 0) + "')");
            return null;
        });
    }

    /**
     * Claims the key for a store (spec §2.2 step 5): a new row in status creating, or for an
     * upsert of a created instance, status replacing. Committed at once, so that a concurrent
     * store of the same key sees it; other claims are EXISTS or BEING_CREATED.
     *
     * @throws IOException when SQLite fails
     */
    Reservation reserve(InstanceKey key, boolean upsert) throws IOException {
        return write(c -> {
            long partition = partitionKey(c, key.partition(), true);
            long row = IndexRows.insertReservation(c, partition, key, micros());
            if (row != 0) {
                return new Reservation(Claim.NEW, row, key);
            }
            long[] found = IndexRows.findStatus(c, partition, key);
            if (found[1] == CREATED && upsert) {
                IndexRows.setStatus(c, found[0], CREATED, REPLACING);
                return new Reservation(Claim.REPLACE, found[0], key);
            }
            boolean visible = found[1] == CREATED || found[1] == REPLACING
                    || found[1] == SWAPPING;
            return new Reservation(visible && !upsert ? Claim.EXISTS : Claim.BEING_CREATED, 0,
                    key);
        });
    }

    /**
     * Commits a reserved instance in one transaction: study and series rows ("last non-null
     * value wins", spec §2.2), the instance row at a new version, its metadata and a Create
     * change-feed entry. A new instance becomes created; a replacement becomes swapping until
     * {@link #finishReplace}. Returns the new version.
     *
     * @throws IOException when SQLite fails or the reservation is gone (a delete took it)
     */
    long commit(Reservation reservation, InstanceFacts facts) throws IOException {
        boolean fresh = reservation.claim() == Claim.NEW;
        return write(c -> {
            long version = ++watermark;
            Transition t = new Transition(partitionKey(c, facts.key().partition(), true),
                    reservation.instanceKey(), fresh ? CREATING : REPLACING,
                    fresh ? CREATED : SWAPPING, version, micros());
            IndexRows.commitRows(c, t, facts);
            return version;
        });
    }

    /**
     * Marks a committed replacement as swapped in (swapping → created); nothing when a delete
     * has taken the instance meanwhile.
     *
     * @throws IOException when SQLite fails
     */
    void finishReplace(long instanceKey) throws IOException {
        write(c -> IndexRows.setStatus(c, instanceKey, SWAPPING, CREATED));
    }

    /**
     * Gives up a reservation that was not committed: a new row goes, a replaced instance is
     * created again.
     *
     * @throws IOException when SQLite fails
     */
    void release(Reservation reservation) throws IOException {
        write(c -> reservation.claim() == Claim.NEW
                ? IndexRows.dropRow(c, reservation.instanceKey(), CREATING)
                : IndexRows.setStatus(c, reservation.instanceKey(), REPLACING, CREATED));
    }

    /**
     * Hides the selected instances in one transaction (status deleting), with one Delete
     * change-feed entry each (spec §5), and removes series and study rows left empty. The
     * caller deletes their files, then calls {@link #forget}. Returns their keys.
     *
     * @throws IOException when SQLite fails
     */
    List<InstanceKey> markDeleting(Selection selection) throws IOException {
        return write(c -> {
            Long partition = partitionKey(c, selection.partition(), false);
            if (partition == null) {
                return List.of();
            }
            long now = micros();
            long expiredBy = selection.expiredBy() == null ? 0 : micros(selection.expiredBy());
            List<InstanceKey> keys = new ArrayList<>();
            Set<Long> series = new HashSet<>();
            for (Doomed d : IndexRows.findDoomed(c, partition, selection, expiredBy)) {
                IndexRows.markDeleting(c, partition, d, now);
                keys.add(d.key());
                series.add(d.seriesKey());
            }
            for (long seriesKey : series) {
                IndexRows.dropIfEmpty(c, partition, selection.study(), seriesKey);
            }
            return keys;
        });
    }

    /**
     * Deletes the rows of instances marked deleting whose files are gone.
     *
     * @throws IOException when SQLite fails
     */
    void forget(List<InstanceKey> keys) throws IOException {
        write(c -> {
            for (InstanceKey key : keys) {
                IndexRows.forget(c, partitionKey(c, key.partition(), true), key);
            }
            return null;
        });
    }

    /**
     * The rows a crash left in a transient status (creating, replacing, swapping, deleting).
     *
     * @throws IOException when SQLite fails
     */
    List<Unfinished> findUnfinished() throws IOException {
        return read(IndexQueries::findUnfinished);
    }

    /**
     * Settles a row left by a crash once its files are settled: creating and deleting rows go,
     * replacing and swapping rows are created again.
     *
     * @throws IOException when SQLite fails
     */
    void settle(Unfinished row) throws IOException {
        write(c -> row.status() == CREATING || row.status() == DELETING
                ? IndexRows.dropRow(c, row.instanceKey(), row.status())
                : IndexRows.setStatus(c, row.instanceKey(), row.status(), CREATED));
    }

    /**
     * The keys of every visible instance.
     *
     * @throws IOException when SQLite fails
     */
    Set<InstanceKey> visibleKeys() throws IOException {
        return read(IndexQueries::visibleKeys);
    }

    /**
     * Indexes instances found on disk but not in the index, in one transaction, as stored
     * instances with a Create entry each; keys that have a row already are skipped.
     *
     * @throws IOException when SQLite fails
     */
    void insertFound(List<InstanceFacts> found) throws IOException {
        write(c -> {
            for (InstanceFacts facts : found) {
                long partition = partitionKey(c, facts.key().partition(), true);
                long now = micros();
                long row = IndexRows.insertReservation(c, partition, facts.key(), now);
                if (row != 0) {
                    IndexRows.commitRows(c, new Transition(partition, row, CREATING, CREATED,
                            ++watermark, now), facts);
                }
            }
            return null;
        });
    }

    /**
     * Sets when a study expires (spec §2.1), or cancels its expiry when {@code expiresAt} is
     * null. Returns false when the study has no row.
     *
     * @throws IOException when SQLite fails
     */
    boolean setStudyExpiry(String partition, String study, Instant expiresAt)
            throws IOException {
        return write(c -> {
            Long key = partitionKey(c, partition, false);
            PreparedStatement update = c.prepare("UPDATE study SET expires_at = ?"
                    + " WHERE partition_key = ? AND study_uid = ?");
            if (expiresAt == null) {
                update.setNull(1, java.sql.Types.INTEGER);
            } else {
                update.setLong(1, micros(expiresAt));
            }
            update.setLong(2, key == null ? -1 : key);
            update.setString(3, study);
            return update.executeUpdate() > 0;
        });
    }

    /**
     * The studies whose expiry is at or before {@code now}, soonest first.
     *
     * @throws IOException when SQLite fails
     */
    List<StudyRef> findExpiredStudies(Instant now) throws IOException {
        return read(c -> IndexQueries.findExpiredStudies(c, micros(now)));
    }

    /**
     * When the study expires, if it has an expiry.
     *
     * @throws IOException when SQLite fails
     */
    public Optional<Instant> findStudyExpiry(String partition, String study) throws IOException {
        return read(c -> IndexQueries.findStudyExpiry(c, partition, study));
    }

    /**
     * The visible instances of a study, series or single instance ({@code series} and
     * {@code sop} may be null), in the order they were first stored. UIDs are compared without
     * their trailing padding (spec §2.4).
     *
     * <pre>{@code
     * List<InstanceKey> keys = index.findInstances("Microsoft.Default", "1.2.3", null, null);
     * }</pre>
     *
     * @throws IOException when SQLite fails
     */
    public List<InstanceKey> findInstances(String partition, String study, String series,
            String sop) throws IOException {
        return read(c -> IndexQueries.findInstances(c, partition, InstanceKey.trim(study),
                InstanceKey.trim(series), InstanceKey.trim(sop)));
    }

    /**
     * The stored DICOM JSON metadata of the instance's current version (spec §3.6), if it is
     * visible.
     *
     * @throws IOException when SQLite fails
     */
    public Optional<String> findMetadata(InstanceKey key) throws IOException {
        return read(c -> IndexQueries.findMetadata(c, key));
    }

    /**
     * The watermark of the instance's current version, if it is visible.
     *
     * @throws IOException when SQLite fails
     */
    public OptionalLong findVersion(InstanceKey key) throws IOException {
        return read(c -> IndexQueries.findVersion(c, key));
    }

    /**
     * Change-feed entries in sequence order, skipping the first {@code offset}, at most
     * {@code limit}, with their state as of now (spec §6.1).
     *
     * @throws IOException when SQLite fails
     */
    public List<ChangeFeedEntry> changeFeed(long offset, int limit) throws IOException {
        return read(c -> IndexQueries.changeFeed(c, offset, limit));
    }

    /**
     * The number of change-feed entries.
     *
     * @throws IOException when SQLite fails
     */
    public long changeFeedSize() throws IOException {
        return read(IndexQueries::changeFeedSize);
    }

    private Long partitionKey(IndexConnection c, String name, boolean create)
            throws SQLException {
        Long cached = partitionKeys.get(name);
        if (cached != null) {
            return cached;
        }
        PreparedStatement find = c.prepare(FIND_PARTITION);
        find.setString(1, name);
        try (ResultSet rs = find.executeQuery()) {
            if (rs.next()) {
                partitionKeys.put(name, rs.getLong(1));
                return rs.getLong(1);
            }
        }
        if (!create) {
            return null;
        }
        PreparedStatement add = c.prepare(ADD_PARTITION);
        add.setString(1, name);
        add.setLong(2, micros());
        long key = IndexRows.queryLong(add); // cached only once committed, by the next lookup
        return key;
    }

    private long micros() {
        return micros(clock.instant());
    }

    // Times are stored as epoch microseconds, the precision of the change feed's timestamps.
    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static long queryLong(IndexConnection c, String sql) throws SQLException {
        return IndexRows.queryLong(c.prepare(sql));
    }

    private <T> T write(IndexDatabase.Work<T> work) throws IOException {
        return db.write(work);
    }

    private <T> T read(IndexDatabase.Work<T> work) throws IOException {
        return db.read(work);
    }

    /**
     * Records a clean shutdown and closes the connections; the last one checkpoints the WAL.
     * Calling it again does nothing.
     *
     * @throws IOException when SQLite fails
     */
    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            setCleanShutdown(true);
        } finally {
            db.close();
        }
    }

    /** Closes the connections as a killed process would leave them: no clean-shutdown mark. */
    void closeAbruptly() {
        if (!closed.getAndSet(true)) {
            db.close();
        }
    }

    /**
     * The visible instances of a study, a series ({@code sop} null) or one instance
     * ({@code series} and {@code sop} may be null) with what retrieval needs (spec §3.3), in
     * storage order: series as first stored, then by InstanceNumber. UIDs are compared without
     * their trailing padding (spec §2.4).
     *
     * @throws IOException when SQLite fails
     */
    public List<StoredInstance> findStoredInstances(String partition, String study,
            String series, String sop) throws IOException {
        return read(c -> IndexReads.findStoredInstances(c, scopeOf(partition, study, series,
                sop)));
    }

    /**
     * The stored metadata of every visible instance of a study, a series or one instance
     * (spec §3.6), with their versions, in the order of {@link #findStoredInstances}.
     *
     * @throws IOException when SQLite fails
     */
    public List<InstanceMetadata> findMetadataOf(String partition, String study,
            String series, String sop) throws IOException {
        return read(c -> IndexReads.findMetadata(c, scopeOf(partition, study, series, sop)));
    }

    private static IndexReads.Scope scopeOf(String partition, String study, String series,
            String sop) {
        return new IndexReads.Scope(partition, InstanceKey.trim(study), InstanceKey.trim(series),
                InstanceKey.trim(sop));
    }

    /**
     * One page of a search (spec §4): the matching studies, series or instances, newest first,
     * each with its representative instance's metadata and the computed attributes asked for.
     *
     * @throws IOException when SQLite fails
     */
    public List<SearchMatch> search(SearchQuery query) throws IOException {
        return read(c -> IndexSearch.search(c, query));
    }
}
