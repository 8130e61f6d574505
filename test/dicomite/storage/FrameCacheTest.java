// SPDX-License-Identifier: MIT
package dicomite.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Tag;
import dicomite.dicom.UIDRules;
import dicomite.dicom.VR;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame cache over a real archive in a temp folder (DESIGN "FrameCache"), its extractions
 * run by the loading thread unless said otherwise: frames extracted once and served from
 * {@code frames/}, a failure remembered for its TTL on a clock the test moves, one extraction
 * for many concurrent first requests, least-recently-used eviction, and clearing when an
 * instance is deleted or replaced.
 */
class FrameCacheTest {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final int FRAME = 8; // bytes: 2 x 2 pixels of 16 bits

    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-02T03:04:05Z"));
    private Archive archive;

    @BeforeEach
    void openArchive() throws IOException {
        archive = Archive.open(folder, clock);
    }

    @AfterEach
    void closeArchive() throws IOException {
        archive.close();
    }

    /** A cache whose extractions run in the loading thread, so the tests see them done. */
    private FrameCache cache(long maxBytes) {
        return FrameCache.open(archive, new FrameCache(archive.storage(), clock, TTL, maxBytes,
                Runnable::run));
    }

    /** A 2 x 2, 16-bit instance of {@code frames} frames whose bytes are 0, 1, 2, ... */
    private static Dataset multiframe(InstanceKey key, int frames) {
        Dataset ds = Instances.dataset(key, "Frames^Test");
        byte[] pixels = new byte[FRAME * frames];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        ds.putInts(Tag.BitsAllocated, VR.US, 16);
        ds.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        return ds.put(Element.of(Tag.PixelData, VR.OW, pixels));
    }

    private StoredInstance store(Dataset ds, boolean upsert) throws IOException {
        assertThat(Instances.store(archive, Instances.bytes(ds), upsert))
                .isEqualTo(StoreOutcome.STORED);
        InstanceKey key = Instances.key(ds.getString(Tag.StudyInstanceUID, ""),
                ds.getString(Tag.SeriesInstanceUID, ""), ds.getString(Tag.SOPInstanceUID, ""));
        return archive.index().findStoredInstances(key.partition(), key.study(), key.series(),
                key.sop()).get(0);
    }

    private static InstanceKey newKey() {
        return Instances.key(UIDRules.newUID(), UIDRules.newUID(), UIDRules.newUID());
    }

    private static byte[] read(FrameCache.Frames frames, int frame) throws IOException {
        try (InputStream in = frames.open(frame)) {
            return in.readAllBytes();
        }
    }

    @Test
    void extractsEachFrameOnceIntoTheFramesFolder() throws IOException {
        FrameCache cache = cache(1 << 20);
        StoredInstance instance = store(multiframe(newKey(), 15), false);

        FrameCache.Frames frames = cache.load(instance);
        FrameCache.Frames again = cache.load(instance);

        assertThat(frames.count()).isEqualTo(15);
        assertThat(again.count()).isEqualTo(15);
        assertThat(cache.extractions()).isEqualTo(1);
        byte[] tenth = read(again, 10);
        assertThat(tenth).hasSize(FRAME);
        assertThat(tenth[0]).isEqualTo((byte) (9 * FRAME));
        Path framesFolder = archive.storage().framesFolder(instance.key());
        assertThat(Files.readAllBytes(framesFolder.resolve("10.raw"))).isEqualTo(tenth);
        assertThat(framesFolder.resolve(FrameCache.MARKER)).exists();
        assertThat(cache.size()).isEqualTo(15L * FRAME);
    }

    @Test
    void aNewCacheAdoptsTheFramesAnEarlierOneWrote() throws IOException {
        StoredInstance instance = store(multiframe(newKey(), 3), false);
        cache(1 << 20).load(instance);

        FrameCache later = cache(1 << 20);
        FrameCache.Frames frames = later.load(instance);

        assertThat(later.extractions()).isZero();
        assertThat(frames.count()).isEqualTo(3);
        assertThat(later.size()).isEqualTo(3L * FRAME);
    }

    @Test
    void remembersAFailureUntilTheTtlPasses() throws IOException {
        Dataset broken = multiframe(newKey(), 2);
        broken.remove(Tag.BitsAllocated);
        StoredInstance instance = store(broken, false);
        FrameCache cache = cache(1 << 20);

        assertThatThrownBy(() -> cache.load(instance))
                .isInstanceOf(FrameExtractionException.class)
                .hasMessageContaining(instance.key().toString())
                .hasMessageContaining("(0028,0100) BitsAllocated");
        String first = messageOf(cache, instance);
        clock.advance(TTL.minusSeconds(1));
        String remembered = messageOf(cache, instance);
        assertThat(cache.extractions()).isEqualTo(1);
        assertThat(remembered).isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        messageOf(cache, instance);
        assertThat(cache.extractions()).isEqualTo(2);
    }

    private static String messageOf(FrameCache cache, StoredInstance instance) {
        try {
            cache.load(instance);
            throw new AssertionError("The extraction of " + instance.key() + " succeeded");
        } catch (IOException e) {
            assertThat(e).isInstanceOf(FrameExtractionException.class);
            return e.getMessage();
        }
    }

    @Test
    void concurrentFirstRequestsExtractOnce() throws Exception {
        FrameCache cache = FrameCache.open(archive, clock, TTL, OptionalLong.of(1 << 20));
        StoredInstance instance = store(multiframe(newKey(), 40), false);
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<byte[]> task = () -> {
                    start.await();
                    return read(cache.load(instance), 40);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<byte[]> result : results) {
                assertThat(result.get()[0]).isEqualTo((byte) (39 * FRAME));
            }
        } finally {
            pool.shutdownNow();
        }
        FrameCacheBackgroundTest.await("the extraction", () -> cache.pendingExtractions() == 0);
        assertThat(cache.extractions()).isEqualTo(1);
        assertThat(archive.storage().framesFolder(instance.key()).resolve(FrameCache.MARKER))
                .exists();
        assertThat(cache.size()).isEqualTo(40L * FRAME);
    }

    @Test
    void evictsTheLeastRecentlyUsedInstanceBeyondTheBound() throws IOException {
        FrameCache cache = cache(2L * 4 * FRAME); // two instances of 4 frames
        StoredInstance a = store(multiframe(newKey(), 4), false);
        StoredInstance b = store(multiframe(newKey(), 4), false);
        StoredInstance c = store(multiframe(newKey(), 4), false);
        cache.load(a);
        cache.load(b);
        cache.load(a); // b is now the least recently used

        cache.load(c);

        assertThat(cache.size()).isEqualTo(2L * 4 * FRAME);
        assertThat(archive.storage().framesFolder(b.key())).doesNotExist();
        assertThat(archive.storage().framesFolder(a.key())).exists();
        cache.load(a);
        assertThat(cache.extractions()).isEqualTo(3);
        cache.load(b);
        assertThat(cache.extractions()).isEqualTo(4);
    }

    @Test
    void anInstanceLargerThanTheBoundIsStillServed() throws IOException {
        FrameCache cache = cache(FRAME);
        StoredInstance instance = store(multiframe(newKey(), 3), false);

        FrameCache.Frames frames = cache.load(instance);

        assertThat(read(frames, 3)[0]).isEqualTo((byte) (2 * FRAME));
    }

    @Test
    void anEvictedFrameIsExtractedAgainWhenOpened() throws IOException {
        FrameCache cache = cache(1 << 20);
        StoredInstance instance = store(multiframe(newKey(), 2), false);
        FrameCache.Frames frames = cache.load(instance);
        cache.clear(instance.key());

        assertThat(read(frames, 2)[0]).isEqualTo((byte) FRAME);
        assertThat(cache.extractions()).isEqualTo(2);
    }

    @Test
    void deletingTheInstanceClearsItsFramesAndFailure() throws IOException {
        FrameCache cache = cache(1 << 20);
        InstanceKey key = newKey();
        StoredInstance instance = store(multiframe(key, 2), false);
        cache.load(instance);

        archive.delete(key.partition(), key.study(), key.series(), key.sop());

        assertThat(cache.size()).isZero();
        assertThat(archive.storage().framesFolder(key)).doesNotExist();
        assertThat(archive.storage().framesFolder(key).getParent()).doesNotExist();
    }

    @Test
    void replacingTheInstanceServesTheNewFrames() throws IOException {
        FrameCache cache = cache(1 << 20);
        InstanceKey key = newKey();
        Dataset first = multiframe(key, 2);
        StoredInstance old = store(first, false);
        assertThat(cache.load(old).count()).isEqualTo(2);

        StoredInstance replaced = store(multiframe(key, 5), true);

        assertThat(cache.size()).isZero();
        FrameCache.Frames frames = cache.load(replaced);
        assertThat(frames.count()).isEqualTo(5);
        assertThat(read(frames, 5)[0]).isEqualTo((byte) (4 * FRAME));
    }

    @Test
    void replacingABrokenInstanceForgetsItsFailure() throws IOException {
        FrameCache cache = cache(1 << 20);
        InstanceKey key = newKey();
        Dataset broken = multiframe(key, 2);
        broken.remove(Tag.BitsAllocated);
        StoredInstance old = store(broken, false);
        assertThatThrownBy(() -> cache.load(old)).isInstanceOf(FrameExtractionException.class);

        StoredInstance fixed = store(multiframe(key, 2), true);

        assertThat(cache.load(fixed).count()).isEqualTo(2);
    }

    @Test
    void anInstanceWithoutPixelDataHasNoFrames() throws IOException {
        FrameCache cache = cache(1 << 20);
        Dataset ds = multiframe(newKey(), 1);
        ds.remove(Tag.PixelData);

        assertThat(cache.load(store(ds, false)).count()).isZero();
    }
}
