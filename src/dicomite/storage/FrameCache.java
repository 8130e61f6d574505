// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frames of stored instances, each extracted once into {@code {sop}/frames/{n}.raw}
 * ({@link Storage#framesFolder}) by {@link FrameExtraction}, as stored (spec §3.4: frame
 * retrieval answers the stored encoding), and served from there after.
 *
 * <p>Invariants and behaviour:
 * <ul>
 *   <li>The first request only plans the frames (header and item headers, no copy) and is
 *       answered straight from the stored file by the plan ({@link FrameInput}); a worker
 *       thread then writes the frames into a folder under {@code {data}/.tmp} with a marker
 *       file ({@link FrameMarker}) and renames it to {@code frames/}, so a frame is never read
 *       half written. A deflated data set has no offsets to plan and is extracted by the
 *       request, as it needs the whole inflated value anyway.</li>
 *   <li>A folder is used only when its marker names the version asked for, so a folder left by
 *       an older version of a replaced instance is extracted again.</li>
 *   <li>Requests for one instance at the same time extract once: a lock per instance (striped)
 *       is held while its frames are found, planned or adopted, and a request that finds a
 *       planned extraction ({@link FrameJob}) of the same version reads by its plan.</li>
 *   <li>A failed plan or extraction ({@link FrameExtractionException}) is remembered for the
 *       failure TTL (the injected clock): until then the same version answers the same message
 *       without reading the file. Other I/O errors are not remembered.</li>
 *   <li>Deleting or replacing an instance clears its frames and its remembered failure
 *       ({@link Archive} calls {@link #clear} before it touches the file). Clearing retires
 *       the instance's extraction: the worker puts its folder in place only under the
 *       instance's lock and only while its job is live, and reads by a retired plan fall back
 *       to loading again.</li>
 *   <li>Size bound: the bytes of the frames written or adopted by this run are counted in
 *       memory; past the bound the least recently used instances' folders are deleted whole,
 *       never the one just loaded (which alone may exceed the bound). Folders left by an
 *       earlier run are counted when first used again (adopted from their marker); folders
 *       never used again are not counted, and go with their instance.</li>
 * </ul>
 * Thread-safe. One worker thread (a daemon, ended when idle) extracts in request order, each
 * instance once no frames were asked for during a short quiet period (or after at most a few
 * seconds), so that copying does not slow the requests being answered ({@link FrameWorker}).
 *
 * <pre>{@code
 * FrameCache cache = FrameCache.open(archive, clock, Duration.ofHours(1), OptionalLong.empty());
 * FrameCache.Frames frames = cache.load(storedInstance);
 * try (InputStream in = frames.open(10)) { ... }   // frame 10, numbered from 1
 * }</pre>
 */
public final class FrameCache {
    static final String MARKER = FrameMarker.FILE;
    /** The share of the data folder's disk the frames may take when no bound is set. */
    public static final int DISK_PERCENT = 10; // percent
    static final long FALLBACK_MAX = 1L << 30; // bytes
    private static final int LOCK_STRIPES = 256;
    // Extraction starts once no frames were asked for during QUIET, or after LONGEST_WAIT.
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(FrameCache.class.getName());

    private final Storage storage;
    private final Clock clock;
    private final Duration failureTtl;
    private final long maxBytes; // bytes
    private final FrameWorker worker;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final Map<InstanceKey, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long totalBytes; // bytes in entries; guarded by entries
    private final Map<InstanceKey, Failure> failures = new ConcurrentHashMap<>();
    private final Map<InstanceKey, FrameJob> jobs = new ConcurrentHashMap<>(); // planned
    private final AtomicInteger extractions = new AtomicInteger();

    /** Extracted frames of one version; {@code origin} is the job that wrote them, or null. */
    private record Entry(FrameMarker frames, FrameJob origin) {
    }

    /** A failed extraction, remembered until {@code until}. */
    private record Failure(long version, String message, Instant until) {
    }

    FrameCache(Storage storage, Clock clock, Duration failureTtl, long maxBytes) {
        this(storage, clock, failureTtl, maxBytes, FrameWorker.afterQuiet(QUIET, LONGEST_WAIT));
    }

    /** As the public factory, with the executor that runs extractions (tests drive it). */
    FrameCache(Storage storage, Clock clock, Duration failureTtl, long maxBytes,
            Executor worker) {
        this(storage, clock, failureTtl, maxBytes, FrameWorker.on(worker));
    }

    private FrameCache(Storage storage, Clock clock, Duration failureTtl, long maxBytes,
            FrameWorker worker) {
        this.storage = storage;
        this.clock = clock;
        this.failureTtl = failureTtl;
        this.maxBytes = maxBytes;
        this.worker = worker;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * A cache over the archive's instances, cleared for each instance the archive deletes or
     * replaces.
     *
     * @param failureTtl how long a failed extraction is remembered; zero remembers none
     * @param maxBytes the bound on the cached frames; empty for {@value #DISK_PERCENT} % of the
     *     size of the disk that holds the data folder ({@value #FALLBACK_MAX} bytes when that
     *     size cannot be read)
     */
    public static FrameCache open(Archive archive, Clock clock, Duration failureTtl,
            OptionalLong maxBytes) {
        long bound = maxBytes.isPresent() ? maxBytes.getAsLong()
                : shareOfDisk(archive.storage().root());
        return open(archive, new FrameCache(archive.storage(), clock, failureTtl, bound));
    }

    /**
     * Registers the cache to be cleared with the archive's instances, and its worker to stop
     * when the archive closes; returns it.
     */
    static FrameCache open(Archive archive, FrameCache cache) {
        archive.onInstanceRemoved(cache::clear);
        archive.onClose(cache.worker::close);
        return cache;
    }

    private static long shareOfDisk(Path folder) {
        try {
            return Files.getFileStore(folder).getTotalSpace() / 100 * DISK_PERCENT;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The size of the disk holding " + folder + " cannot be read;"
                    + " cached frames are bound to " + FALLBACK_MAX + " bytes", e);
            return FALLBACK_MAX;
        }
    }

    /**
     * The frames of the instance's current version: extracted ones, or, when there are none
     * yet, planned ones read from the stored file while the worker extracts them.
     *
     * @throws FrameExtractionException when its pixel data cannot be split into frames, now or
     *     within the failure TTL
     * @throws NoSuchFileException when the instance has no file (deleted meanwhile)
     * @throws IOException when reading or writing fails
     */
    public Frames load(StoredInstance instance) throws IOException {
        worker.touch();
        ReentrantLock lock = lockOf(instance.key());
        Frames frames;
        lock.lock();
        try {
            frames = loadLocked(instance);
        } finally {
            lock.unlock();
        }
        if (frames.job != null && frames.job.claimSubmission()) {
            submit(frames.job);
        }
        evictBeyondBound(instance.key());
        return frames;
    }

    private Frames loadLocked(StoredInstance instance) throws IOException {
        InstanceKey key = instance.key();
        Failure failure = failures.get(key);
        if (failure != null && failure.version() == instance.version()
                && clock.instant().isBefore(failure.until())) {
            throw new FrameExtractionException(failure.message());
        }
        synchronized (entries) {
            Entry known = entries.get(key);
            if (known != null && known.frames().version() == instance.version()) {
                return new Frames(this, instance, known.frames(), null);
            }
        }
        FrameJob planned = jobs.get(key);
        if (planned != null && planned.instance().version() == instance.version()) {
            return new Frames(this, instance, planned.marker(), planned);
        }
        Optional<FrameMarker> adopted = FrameMarker.find(storage.framesFolder(key),
                instance.version());
        if (adopted.isPresent()) {
            remember(key, new Entry(adopted.get(), null));
            return new Frames(this, instance, adopted.get(), null);
        }
        return plan(instance);
    }

    // Under the instance's lock.
    private Frames plan(StoredInstance instance) throws IOException {
        InstanceKey key = instance.key();
        extractions.incrementAndGet();
        Optional<FrameExtraction.Planned> planned;
        try (FileChannel channel = FileChannel.open(storage.instanceFile(key))) {
            planned = FrameExtraction.plan(channel);
        } catch (FrameExtractionException e) {
            throw rememberFailure(instance, e);
        }
        if (planned.isEmpty()) { // deflated: extracted now, as it is inflated whole anyway
            FrameMarker extracted;
            try {
                extracted = FrameExtraction.extractAfresh(storage.instanceFile(key),
                        storage.framesFolder(key), instance.version());
            } catch (FrameExtractionException e) {
                throw rememberFailure(instance, e);
            }
            failures.remove(key);
            remember(key, new Entry(extracted, null));
            return new Frames(this, instance, extracted, null);
        }
        FrameJob job = new FrameJob(instance, planned.get());
        FrameJob other = jobs.put(key, job);
        if (other != null) {
            other.retire(); // a plan of another version
        }
        return new Frames(this, instance, job.marker(), job);
    }

    // Under the instance's lock.
    private FrameExtractionException rememberFailure(StoredInstance instance,
            FrameExtractionException e) {
        String message = "The frames of " + instance.key() + " cannot be extracted: "
                + e.getMessage();
        LOG.log(Level.WARNING, message);
        failures.put(instance.key(), new Failure(instance.version(), message,
                clock.instant().plus(failureTtl)));
        return new FrameExtractionException(message, e);
    }

    private void submit(FrameJob job) {
        try {
            worker.execute(() -> extractInBackground(job));
        } catch (RejectedExecutionException busy) {
            if (!worker.isClosed()) {
                extractInBackground(job); // the worker cannot take it: extract in this thread
            } // closed: the data folder is being released, so nothing more is written
        }
    }

    private void extractInBackground(FrameJob job) {
        InstanceKey key = job.instance().key();
        Path temp = null;
        try {
            if (job.state() != FrameJob.State.PLANNED) {
                return; // cleared while waiting
            }
            temp = storage.newTempFolder("frames-");
            if (extractInto(job, temp)) {
                commit(job, temp);
            }
        } catch (IOException | RuntimeException e) {
            abandon(job, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp); // gone already when it was put in place
            }
        }
        evictBeyondBound(key);
    }

    // False when the job was retired before the file was opened: it may be another version.
    private boolean extractInto(FrameJob job, Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(storage.instanceFile(job.instance().key()))) {
            if (job.state() != FrameJob.State.PLANNED) {
                return false;
            }
            FrameExtraction.write(channel, job.planned(), temp);
            job.marker().write(temp);
            return true;
        }
    }

    // The folder goes in place only while the job is the instance's live one; clear() takes
    // the same lock, so it either comes first and the frames are dropped, or after and
    // deletes them.
    private void commit(FrameJob job, Path temp) throws IOException {
        InstanceKey key = job.instance().key();
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            if (jobs.get(key) != job || job.state() != FrameJob.State.PLANNED) {
                return;
            }
            Path folder = storage.framesFolder(key);
            Storage.deleteTree(folder);
            Storage.move(temp, folder);
            jobs.remove(key);
            job.markExtracted();
            failures.remove(key);
            remember(key, new Entry(job.marker(), job));
        } finally {
            lock.unlock();
        }
    }

    private void abandon(FrameJob job, Exception e) {
        InstanceKey key = job.instance().key();
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            if (!jobs.remove(key, job)) {
                return; // cleared meanwhile: the failure is of a version that is gone
            }
            job.retire();
            if (e instanceof FrameExtractionException failed) {
                rememberFailure(job.instance(), failed);
            } else if (e instanceof ClosedByInterruptException) {
                LOG.log(Level.DEBUG, "Extracting the frames of " + key + " stopped: closing");
            } else {
                LOG.log(Level.WARNING, "Extracting the frames of " + key + " failed; the next"
                        + " request tries again", e);
            }
        } finally {
            lock.unlock();
        }
    }

    private void remember(InstanceKey key, Entry entry) {
        synchronized (entries) {
            Entry old = entries.put(key, entry);
            totalBytes += entry.frames().bytes() - (old == null ? 0 : old.frames().bytes());
            retire(old);
        }
    }

    private void forget(InstanceKey key) {
        synchronized (entries) {
            Entry old = entries.remove(key);
            totalBytes -= old == null ? 0 : old.frames().bytes();
            retire(old);
        }
    }

    // Readers of the entry's plan then load again: the file is no longer vouched for.
    private static void retire(Entry entry) {
        if (entry != null && entry.origin() != null) {
            entry.origin().retire();
        }
    }

    // Least recently used first; an instance being loaded (its lock held) is skipped.
    private void evictBeyondBound(InstanceKey keep) {
        List<InstanceKey> candidates;
        synchronized (entries) {
            if (totalBytes <= maxBytes) {
                return;
            }
            candidates = new ArrayList<>(entries.keySet());
        }
        for (InstanceKey victim : candidates) {
            if (victim.equals(keep) || size() <= maxBytes) {
                continue;
            }
            ReentrantLock lock = lockOf(victim);
            if (lock.tryLock()) {
                try {
                    forget(victim);
                    deleteQuietly(storage.framesFolder(victim));
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Drops the instance's frames and remembered failure, and retires its planned extraction
     * (whose frames are then dropped when written); waits for a plan or an extraction by a
     * request in progress. Failures to delete are logged; the folder goes with the instance
     * anyway.
     */
    void clear(InstanceKey key) {
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            failures.remove(key);
            FrameJob planned = jobs.remove(key);
            if (planned != null) {
                planned.retire();
            }
            forget(key);
            deleteQuietly(storage.framesFolder(key));
        } finally {
            lock.unlock();
        }
    }

    /** The bytes of the frames counted now. */
    long size() {
        synchronized (entries) {
            return totalBytes;
        }
    }

    /** How many extractions this cache started (tests count them). */
    int extractions() {
        return extractions.get();
    }

    /** How many planned extractions wait for or run in the worker (tests wait for none). */
    int pendingExtractions() {
        return jobs.size();
    }

    ReentrantLock lockOf(InstanceKey key) { // package-private: tests hold it
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    private static void deleteQuietly(Path folder) {
        try {
            Storage.deleteTree(folder);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Deleting the cached frames in " + folder + " failed; they"
                    + " go with their instance", e);
        }
    }

    /**
     * The frames of one version of an instance: how many, their lengths, and their bytes as
     * stored. Immutable; a frame evicted or cleared after loading is loaded again on open.
     */
    public static final class Frames {
        private final FrameCache cache;
        private final StoredInstance instance;
        private final FrameMarker frames;
        private final FrameJob job; // the planned extraction; null when extracted at load

        private Frames(FrameCache cache, StoredInstance instance, FrameMarker frames,
                FrameJob job) {
            this.cache = cache;
            this.instance = instance;
            this.frames = frames;
            this.job = job;
        }

        /** NumberOfFrames; 0 for an instance without pixel data. */
        public int count() {
            return frames.lengths().length;
        }

        /** BitsAllocated (0028,0100), 0 when absent. */
        public int bitsAllocated() {
            return frames.bitsAllocated();
        }

        /** The length in bytes of frame {@code frame}, from 1 to {@link #count()}. */
        public long length(int frame) {
            return frames.lengths()[frame - 1];
        }

        /**
         * The bytes of frame {@code frame}, from 1 to {@link #count()}; the caller closes it.
         *
         * @throws IOException when the frame cannot be read nor loaded again
         */
        public InputStream open(int frame) throws IOException {
            if (frame < 1 || frame > count()) {
                throw new IllegalArgumentException("Frame " + frame + " is outside 1 to "
                        + count());
            }
            try {
                return openOnce(frame);
            } catch (NoSuchFileException evicted) {
                return cache.load(instance).openOnce(frame);
            }
        }

        // From the stored file while the extraction is planned, else from frames/.
        private InputStream openOnce(int frame) throws IOException {
            InstanceKey key = instance.key();
            if (job != null && job.state() == FrameJob.State.PLANNED) {
                Optional<InputStream> planned = job.openPlanned(
                        cache.storage.instanceFile(key), frame);
                if (planned.isPresent()) {
                    return planned.get();
                }
            }
            return Files.newInputStream(cache.storage.framesFolder(key)
                    .resolve(frame + ".raw"));
        }
    }
}
