// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The frames of stored instances, each extracted once into {@code {sop}/frames/{n}.raw}
 * ({@link Storage#framesFolder}) by {@link FrameExtraction}, as stored (spec §3.4: frame
 * retrieval answers the stored encoding), and served from there after.
 *
 * <p>Invariants and behaviour:
 * <ul>
 *   <li>Extraction writes every frame through a temp file and a rename, then a marker file
 *       ({@value #MARKER}) with the instance's version, BitsAllocated and the frame lengths.
 *       A folder is used only when its marker names the version asked for, so a folder left
 *       half written, or by an older version of a replaced instance, is extracted again.</li>
 *   <li>Requests for one instance at the same time extract once: a lock per instance (striped)
 *       is held while its frames are found, extracted or adopted.</li>
 *   <li>A failed extraction ({@link FrameExtractionException}) is remembered for the failure TTL
 *       (the injected clock): until then the same version answers the same message without
 *       reading the file. Other I/O errors are not remembered.</li>
 *   <li>Deleting or replacing an instance clears its frames and its remembered failure
 *       ({@link Archive} calls {@link #clear}).</li>
 *   <li>Size bound: the bytes of the frames written or adopted by this run are counted in
 *       memory; past the bound the least recently used instances' folders are deleted whole,
 *       never the one just loaded (which alone may exceed the bound). Folders left by an
 *       earlier run are counted when first used again (adopted from their marker); folders
 *       never used again are not counted, and go with their instance.</li>
 * </ul>
 * Thread-safe.
 *
 * <pre>{@code
 * FrameCache cache = FrameCache.open(archive, clock, Duration.ofHours(1), OptionalLong.empty());
 * FrameCache.Frames frames = cache.load(storedInstance);
 * try (InputStream in = frames.open(10)) { ... }   // frame 10, numbered from 1
 * }</pre>
 */
public final class FrameCache {
    static final String MARKER = "extracted.properties";
    /** The share of the data folder's disk the frames may take when no bound is set. */
    public static final int DISK_PERCENT = 10; // percent
    static final long FALLBACK_MAX = 1L << 30; // bytes
    private static final int LOCK_STRIPES = 256;
    private static final System.Logger LOG = System.getLogger(FrameCache.class.getName());

    private final Storage storage;
    private final Clock clock;
    private final Duration failureTtl;
    private final long maxBytes; // bytes
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final Map<InstanceKey, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long totalBytes; // bytes in entries; guarded by entries
    private final Map<InstanceKey, Failure> failures = new ConcurrentHashMap<>();
    private final AtomicInteger extractions = new AtomicInteger();

    /** The frames of one version of an instance, as extracted. */
    private record Entry(long version, int bitsAllocated, long[] lengths) {
        long bytes() {
            return Arrays.stream(lengths).sum();
        }
    }

    /** A failed extraction, remembered until {@code until}. */
    private record Failure(long version, String message, Instant until) {
    }

    FrameCache(Storage storage, Clock clock, Duration failureTtl, long maxBytes) {
        this.storage = storage;
        this.clock = clock;
        this.failureTtl = failureTtl;
        this.maxBytes = maxBytes;
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
        FrameCache cache = new FrameCache(archive.storage(), clock, failureTtl, bound);
        archive.onInstanceRemoved(cache::clear);
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
     * The frames of the instance's current version, extracted now if they are not cached.
     *
     * @throws FrameExtractionException when its pixel data cannot be split into frames, now or
     *     within the failure TTL
     * @throws NoSuchFileException when the instance has no file (deleted meanwhile)
     * @throws IOException when reading or writing fails
     */
    public Frames load(StoredInstance instance) throws IOException {
        ReentrantLock lock = lockOf(instance.key());
        Entry entry;
        lock.lock();
        try {
            entry = loadLocked(instance);
        } finally {
            lock.unlock();
        }
        evictBeyondBound(instance.key());
        return new Frames(this, instance, entry);
    }

    private Entry loadLocked(StoredInstance instance) throws IOException {
        InstanceKey key = instance.key();
        Failure failure = failures.get(key);
        if (failure != null && failure.version() == instance.version()
                && clock.instant().isBefore(failure.until())) {
            throw new FrameExtractionException(failure.message());
        }
        synchronized (entries) {
            Entry known = entries.get(key);
            if (known != null && known.version() == instance.version()) {
                return known;
            }
        }
        Path folder = storage.framesFolder(key);
        Entry entry = readMarker(folder, instance.version()).orElse(null);
        if (entry == null) {
            entry = extract(instance, folder);
        }
        remember(key, entry);
        return entry;
    }

    private Entry extract(StoredInstance instance, Path folder) throws IOException {
        InstanceKey key = instance.key();
        extractions.incrementAndGet();
        Storage.deleteTree(folder);
        Files.createDirectory(folder); // not its parents: a deleted instance stays deleted
        try {
            FrameExtraction.Extracted extracted = FrameExtraction.extract(
                    storage.instanceFile(key), folder);
            Entry entry = new Entry(instance.version(), extracted.bitsAllocated(),
                    extracted.lengths());
            writeMarker(folder, entry);
            failures.remove(key);
            return entry;
        } catch (FrameExtractionException e) {
            String message = "The frames of " + key + " cannot be extracted: " + e.getMessage();
            LOG.log(Level.WARNING, message);
            failures.put(key, new Failure(instance.version(), message,
                    clock.instant().plus(failureTtl)));
            deleteQuietly(folder);
            throw new FrameExtractionException(message, e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(folder);
            throw e;
        }
    }

    private void remember(InstanceKey key, Entry entry) {
        synchronized (entries) {
            Entry old = entries.put(key, entry);
            totalBytes += entry.bytes() - (old == null ? 0 : old.bytes());
        }
    }

    private void forget(InstanceKey key) {
        synchronized (entries) {
            Entry old = entries.remove(key);
            totalBytes -= old == null ? 0 : old.bytes();
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
     * Drops the instance's frames and remembered failure; waits for an extraction of it in
     * progress. Failures to delete are logged; the folder goes with the instance anyway.
     */
    void clear(InstanceKey key) {
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            failures.remove(key);
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

    private ReentrantLock lockOf(InstanceKey key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    private static void writeMarker(Path folder, Entry entry) throws IOException {
        Properties marker = new Properties();
        marker.setProperty("version", Long.toString(entry.version()));
        marker.setProperty("bitsAllocated", Integer.toString(entry.bitsAllocated()));
        marker.setProperty("lengths", Arrays.stream(entry.lengths()).mapToObj(Long::toString)
                .collect(Collectors.joining(",")));
        Path temp = folder.resolve(MARKER + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.ISO_8859_1)) {
            marker.store(out, "Frames extracted by Dicomite");
        }
        Files.move(temp, folder.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    // A marker of another version, unreadable, or naming frames of other sizes: none.
    private static Optional<Entry> readMarker(Path folder, long version) {
        Properties marker = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve(MARKER),
                StandardCharsets.ISO_8859_1)) {
            marker.load(in);
            if (Long.parseLong(marker.getProperty("version", "-1")) != version) {
                return Optional.empty();
            }
            String list = marker.getProperty("lengths", "");
            long[] lengths = list.isEmpty() ? new long[0]
                    : Arrays.stream(list.split(",")).mapToLong(Long::parseLong).toArray();
            for (int n = 1; n <= lengths.length; n++) {
                if (Files.size(folder.resolve(n + ".raw")) != lengths[n - 1]) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Entry(version,
                    Integer.parseInt(marker.getProperty("bitsAllocated", "0")), lengths));
        } catch (IOException | IllegalArgumentException unusable) {
            return Optional.empty();
        }
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
     * stored. Immutable; a frame evicted or cleared after loading is extracted again on open.
     */
    public static final class Frames {
        private final FrameCache cache;
        private final StoredInstance instance;
        private final Entry entry;

        private Frames(FrameCache cache, StoredInstance instance, Entry entry) {
            this.cache = cache;
            this.instance = instance;
            this.entry = entry;
        }

        /** NumberOfFrames; 0 for an instance without pixel data. */
        public int count() {
            return entry.lengths().length;
        }

        /** BitsAllocated (0028,0100), 0 when absent. */
        public int bitsAllocated() {
            return entry.bitsAllocated();
        }

        /** The length in bytes of frame {@code frame}, from 1 to {@link #count()}. */
        public long length(int frame) {
            return entry.lengths()[frame - 1];
        }

        /**
         * The bytes of frame {@code frame}, from 1 to {@link #count()}; the caller closes it.
         *
         * @throws IOException when the frame cannot be read nor extracted again
         */
        public InputStream open(int frame) throws IOException {
            if (frame < 1 || frame > count()) {
                throw new IllegalArgumentException("Frame " + frame + " is outside 1 to "
                        + count());
            }
            Path file = cache.storage.framesFolder(instance.key()).resolve(frame + ".raw");
            try {
                return Files.newInputStream(file);
            } catch (NoSuchFileException evicted) {
                cache.load(instance);
                return Files.newInputStream(file);
            }
        }
    }
}
