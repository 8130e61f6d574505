// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.storage.Index.Claim;
import dicomite.storage.Index.Reservation;
import dicomite.storage.Index.Selection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The stored instances of a data folder: the files ({@link Storage}) and the index
 * ({@link Index}) kept in step by one write protocol, so that handlers never see a path or SQL.
 *
 * <p>Store (spec §2.2 step 5), for a new key:
 * <ol>
 *   <li>reserve: an instance row in status creating, committed; a concurrent store of the same
 *       key finds it and answers 45071, a store of a visible instance 45070;</li>
 *   <li>fsync the received temp file, rename it to {@code instance.dcm};</li>
 *   <li>one transaction: study and series rows, the instance row (created, a new version), its
 *       metadata and a Create change-feed entry. Only then is the instance visible and the
 *       store acknowledged.</li>
 * </ol>
 * An upsert of a visible instance (PUT, spec §2.1) reserves it as replacing, renames the new file
 * to {@code instance.dcm.new} beside the old one, commits the new version as swapping (the old
 * version's entries become Replaced, spec §5), renames {@code instance.dcm.new} over
 * {@code instance.dcm}, drops the old version's original and frames, and sets the row created.
 * The acknowledged old file is never touched before the new version is committed.
 *
 * <p>Delete (spec §5): one transaction hides the instances (status deleting) and adds their
 * Delete entries, removing emptied series and study rows; then the instance folders go, with
 * series and study folders left empty; then the rows.
 *
 * <p>Recovery at open ({@link Recovery}): each status a crash can leave has one outcome, so a
 * restart never shows a half instance or keeps an orphan file, and every acknowledged instance
 * is there byte for byte: creating → files and row removed (it was never acknowledged);
 * replacing → {@code instance.dcm.new} removed, the old version stays; swapping →
 * {@code instance.dcm.new} renamed over the old file (the new version was committed); deleting →
 * files and row removed. Temp files are deleted. A missing or damaged index, a folder that was
 * migrated, or a previous run that did not close cleanly also make it compare the files with
 * the index and re-index the files it lacks: the files are the truth.
 *
 * <p>Concurrency: stores and deletes of the same key are serialised by a striped lock held
 * around their file work; everything else runs in parallel, the index serialising its write
 * transactions. Thread-safe.
 *
 * <pre>{@code
 * try (Archive archive = Archive.open(Path.of("data"), Clock.systemUTC());
 *         TempFile temp = archive.storage().newTempFile()) {
 *     upload.transferTo(temp.output());
 *     Part10 header = new Part10Reader(temp.openInput()).withStopBeforePixelData(true).read();
 *     InstanceFacts facts = InstanceFacts.describe(InstanceKey.DEFAULT_PARTITION, header,
 *             temp.size());
 *     StoreOutcome outcome = archive.store(temp, facts, false);
 * }
 * }</pre>
 */
public final class Archive implements AutoCloseable {
    private static final int LOCK_STRIPES = 64;
    private static final System.Logger LOG = System.getLogger(Archive.class.getName());

    private final Storage storage;
    private final Index index;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<java.util.function.Consumer<InstanceKey>> removalListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Runnable> closeListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private Archive(Storage storage, Index index, Clock clock) {
        this.storage = storage;
        this.index = index;
        this.clock = clock;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Opens the data folder (creating it when missing), its index, and recovers from whatever
     * a crash left (see the class notes), logging what it did.
     *
     * @param clock the time of change-feed entries and of expiry
     * @throws IOException when the folder or the index cannot be opened, the folder is in use
     *     by another server, or recovery fails
     */
    public static Archive open(Path dataFolder, Clock clock) throws IOException {
        Storage storage = Storage.open(dataFolder);
        Index index = null;
        try {
            index = Index.open(storage.indexFile(), clock);
            new Recovery(storage, index).run();
            return new Archive(storage, index, clock);
        } catch (IOException | RuntimeException e) {
            if (index != null) {
                index.closeAbruptly();
            }
            storage.close();
            throw e;
        }
    }

    /** The files, for temp files and reading instances. */
    public Storage storage() {
        return storage;
    }

    /** The index, for metadata, listings and the change feed. */
    public Index index() {
        return index;
    }

    /**
     * Stores the received file as the instance the facts describe, or replaces a visible one
     * when {@code upsert}; the temp file is moved only on STORED (closing it deletes it
     * otherwise). FAILED means the files or the index failed, which is logged, and nothing of
     * the attempt remains.
     *
     * @throws IOException when the index cannot even be asked to reserve the key
     */
    public StoreOutcome store(TempFile file, InstanceFacts facts, boolean upsert)
            throws IOException {
        ReentrantLock lock = lockOf(facts.key());
        lock.lock();
        try {
            Reservation reservation = index.reserve(facts.key(), upsert);
            switch (reservation.claim()) {
                case EXISTS:
                    return StoreOutcome.EXISTS;
                case BEING_CREATED:
                    return StoreOutcome.BEING_CREATED;
                case NEW:
                    return storeNew(file, facts, reservation);
                default:
                    return replace(file, facts, reservation);
            }
        } finally {
            lock.unlock();
        }
    }

    private StoreOutcome storeNew(TempFile file, InstanceFacts facts, Reservation reservation) {
        try {
            storage.moveIntoPlace(file, facts.key());
            index.commit(reservation, facts);
            return StoreOutcome.STORED;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Storing " + facts.key() + " failed", e);
            undo(reservation, () -> storage.deleteInstance(facts.key()));
            return StoreOutcome.FAILED;
        }
    }

    private StoreOutcome replace(TempFile file, InstanceFacts facts, Reservation reservation) {
        InstanceKey key = facts.key();
        try {
            storage.moveBeside(file, key);
            index.commit(reservation, facts);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Replacing " + key + " failed; the old version stays", e);
            undo(reservation, () -> storage.discardPending(key));
            return StoreOutcome.FAILED;
        }
        try {
            removalListeners.forEach(listener -> listener.accept(key)); // the old frames go
            storage.swapPending(key);
            index.finishReplace(reservation.instanceKey());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Swapping in the new version of " + key + " failed; the next"
                    + " start completes it", e);
        }
        return StoreOutcome.STORED;
    }

    @FunctionalInterface
    private interface FileWork {
        void run() throws IOException;
    }

    // Removes the attempt's file, then its reservation. When that fails too, the row stays
    // reserved (stores of the key answer 45071) and the next start removes both.
    private void undo(Reservation reservation, FileWork removeFile) {
        try {
            removeFile.run();
            index.release(reservation);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Undoing the store of " + reservation.key() + " failed; the"
                    + " next start cleans it up", e);
        }
    }

    /**
     * Deletes every visible instance of a study, a series ({@code sop} null) or one instance
     * (spec §5): rows, Delete change-feed entries (earlier entries of those instances then read
     * Deleted), files, frames, and series and study rows and folders left empty. Returns the
     * deleted keys; empty when nothing matched (the handler answers 404).
     *
     * @param series null for a whole study
     * @param sop null for a whole series or study
     * @throws IOException when the index fails; files that cannot be deleted are logged and
     *     removed at the next start
     */
    public List<InstanceKey> delete(String partition, String study, String series, String sop)
            throws IOException {
        List<InstanceKey> keys = index.markDeleting(new Selection(partition,
                InstanceKey.trim(study), InstanceKey.trim(series), InstanceKey.trim(sop), null));
        removeFiles(keys);
        return keys;
    }

    private void removeFiles(List<InstanceKey> keys) throws IOException {
        List<InstanceKey> removed = new ArrayList<>(keys.size());
        for (InstanceKey key : keys) {
            ReentrantLock lock = lockOf(key);
            lock.lock();
            try {
                removalListeners.forEach(listener -> listener.accept(key));
                storage.deleteInstance(key);
                removed.add(key);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Deleting the files of " + key + " failed; the next start"
                        + " deletes them", e);
            } finally {
                lock.unlock();
            }
        }
        index.forget(removed);
    }

    /**
     * The visible instances of a study, series or instance ({@code series} and {@code sop}
     * may be null), in the order they were first stored.
     *
     * @throws IOException when the index fails
     */
    public List<InstanceKey> findInstances(String partition, String study, String series,
            String sop) throws IOException {
        return index.findInstances(partition, study, series, sop);
    }

    /**
     * Sets when the study is deleted (spec §2.1, the last store of the study decides), or
     * cancels its expiry when {@code expiresAt} is null. Nothing happens for an unknown study.
     * Kept in the index, so it survives a restart.
     *
     * @throws IOException when the index fails
     */
    public void setStudyExpiry(String partition, String study, Instant expiresAt)
            throws IOException {
        index.setStudyExpiry(partition, InstanceKey.trim(study), expiresAt);
    }

    /**
     * Deletes the studies whose expiry has passed by the clock's now, as {@link #delete} does
     * (a study whose expiry a store cancelled meanwhile is kept). Returns how many studies it
     * deleted; the expiry worker calls it periodically.
     *
     * @throws IOException when the index fails
     */
    public int deleteExpired() throws IOException {
        Instant now = clock.instant();
        int deleted = 0;
        for (Index.StudyRef study : index.findExpiredStudies(now)) {
            List<InstanceKey> keys = index.markDeleting(new Selection(study.partition(),
                    study.study(), null, null, now));
            removeFiles(keys);
            if (!keys.isEmpty()) {
                deleted++;
                LOG.log(Level.INFO, "Deleted expired study {0} in partition {1} ({2} instances)",
                        study.study(), study.partition(), keys.size());
            }
        }
        return deleted;
    }

    /**
     * Change-feed entries in sequence order, skipping {@code offset} of them, at most
     * {@code limit} (spec §6).
     *
     * @throws IOException when the index fails
     */
    public List<ChangeFeedEntry> changeFeed(long offset, int limit) throws IOException {
        return index.changeFeed(offset, limit);
    }

    /**
     * The number of change-feed entries.
     *
     * @throws IOException when the index fails
     */
    public long changeFeedSize() throws IOException {
        return index.changeFeedSize();
    }

    /** Calls back, under the instance's lock, before its files are deleted or replaced. */
    void onInstanceRemoved(java.util.function.Consumer<InstanceKey> listener) {
        removalListeners.add(listener);
    }

    /**
     * Calls back when the archive closes, before the index and the folder are released, so
     * that background work over the files ends first.
     */
    void onClose(Runnable listener) {
        closeListeners.add(listener);
    }

    private ReentrantLock lockOf(InstanceKey key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    /**
     * Ends the background work over the files (see {@link #onClose}), closes the index
     * (recording a clean shutdown) and releases the folder. Calling it again does nothing.
     *
     * @throws IOException when the index or the lock fails to close
     */
    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        closeListeners.forEach(Runnable::run);
        try {
            index.close();
        } finally {
            storage.close();
        }
    }

    /** Releases everything as a killed process would: no clean-shutdown mark. For tests. */
    void closeAbruptly() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        closeListeners.forEach(Runnable::run);
        index.closeAbruptly();
        storage.close();
    }

    /**
     * Opens the file of the instance's current version for reading (spec §3.3), without loading
     * it: its size is that of the bytes it reads, even if a replace or a delete then changes
     * the path. The caller closes it.
     *
     * @throws java.nio.file.NoSuchFileException when the instance has no file (deleted)
     * @throws IOException when the file cannot be opened
     */
    public java.nio.channels.FileChannel openInstance(InstanceKey key) throws IOException {
        return java.nio.channels.FileChannel.open(storage.instanceFile(key)); // read only
    }

    /**
     * One page of a search (spec §4), see {@link Index#search}.
     *
     * @throws IOException when the index fails
     */
    public List<SearchMatch> search(SearchQuery query) throws IOException {
        return index.search(query);
    }
}
