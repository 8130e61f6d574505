// SPDX-License-Identifier: MIT
package dicomite.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.UIDRules;
import dicomite.dicom.VR;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame cache's first requests, answered from the stored file by the plan before the
 * worker has extracted the frames, on an executor that holds the extraction until the test runs
 * it: native, 1-bit and encapsulated frames read right; one extraction for many requests;
 * a delete or replace while the extraction runs leaves no frames behind; a failed plan is
 * remembered for the TTL.
 */
class FrameCacheBackgroundTest {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int FRAME = 8; // bytes: 2 x 2 pixels of 16 bits

    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-02T03:04:05Z"));
    private final HeldTasks held = new HeldTasks();
    private Archive archive;
    private FrameCache cache;

    /** Runs the tasks handed to it only when the test says so. */
    private static final class HeldTasks implements Executor {
        private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int size() {
            return tasks.size();
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    @BeforeEach
    void openArchive() throws IOException {
        archive = Archive.open(folder, clock);
        cache = FrameCache.open(archive, new FrameCache(archive.storage(), clock, TTL, 1 << 20,
                held));
    }

    @AfterEach
    void closeArchive() throws IOException {
        archive.close();
    }

    /** Polls the condition until it holds, failing after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + PATIENCE + " for " + what);
            }
            Thread.sleep(2);
        }
    }

    private static InstanceKey newKey() {
        return Instances.key(UIDRules.newUID(), UIDRules.newUID(), UIDRules.newUID());
    }

    /** A 2 x 2, 16-bit instance of {@code frames} frames whose bytes are seed, seed + 1, ... */
    private static Dataset multiframe(InstanceKey key, int frames, int seed) {
        Dataset ds = Instances.dataset(key, "Frames^Test");
        byte[] pixels = new byte[FRAME * frames];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i + seed);
        }
        ds.putInts(Tag.BitsAllocated, VR.US, 16);
        ds.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        return ds.put(Element.of(Tag.PixelData, VR.OW, pixels));
    }

    private StoredInstance store(Dataset ds, TransferSyntax ts, boolean upsert)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.write(out, ds, ts);
        assertThat(Instances.store(archive, out.toByteArray(), upsert))
                .isEqualTo(StoreOutcome.STORED);
        InstanceKey key = Instances.key(ds.getString(Tag.StudyInstanceUID, ""),
                ds.getString(Tag.SeriesInstanceUID, ""), ds.getString(Tag.SOPInstanceUID, ""));
        return archive.index().findStoredInstances(key.partition(), key.study(), key.series(),
                key.sop()).get(0);
    }

    private StoredInstance store(Dataset ds) throws IOException {
        return store(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, false);
    }

    private static byte[] read(FrameCache.Frames frames, int frame) throws IOException {
        try (InputStream in = frames.open(frame)) {
            return in.readAllBytes();
        }
    }

    private static byte[] frameOf(int frame, int seed) {
        byte[] bytes = new byte[FRAME];
        for (int i = 0; i < FRAME; i++) {
            bytes[i] = (byte) ((frame - 1) * FRAME + i + seed);
        }
        return bytes;
    }

    private Path framesFolder(StoredInstance instance) {
        return archive.storage().framesFolder(instance.key());
    }

    private List<Path> extractionFolders() throws IOException {
        try (Stream<Path> files = Files.list(archive.storage().root().resolve(".tmp"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("frames-")).toList();
        }
    }

    @Test
    void theFirstLoadReadsNativeFramesFromTheFileBeforeTheExtraction() throws IOException {
        StoredInstance instance = store(multiframe(newKey(), 5, 0));

        FrameCache.Frames frames = cache.load(instance);

        assertThat(framesFolder(instance)).doesNotExist();
        assertThat(held.size()).isEqualTo(1);
        assertThat(frames.count()).isEqualTo(5);
        assertThat(frames.bitsAllocated()).isEqualTo(16);
        assertThat(frames.length(3)).isEqualTo(FRAME);
        assertThat(read(frames, 3)).isEqualTo(frameOf(3, 0));
        assertThat(cache.size()).isZero();

        held.runAll();

        assertThat(Files.readAllBytes(framesFolder(instance).resolve("3.raw")))
                .isEqualTo(frameOf(3, 0));
        assertThat(framesFolder(instance).resolve(FrameCache.MARKER)).exists();
        assertThat(read(frames, 5)).isEqualTo(frameOf(5, 0));
        assertThat(cache.size()).isEqualTo(5L * FRAME);
        assertThat(cache.extractions()).isEqualTo(1);
        assertThat(extractionFolders()).isEmpty();
    }

    @Test
    void theFirstLoadRealignsOneBitFramesBeforeTheExtraction() throws IOException {
        byte[] pixels = {(byte) 0xA5, 0x3C, (byte) 0x96, 0x0F, (byte) 0xF1, 0x00};
        Dataset ds = Instances.dataset(newKey(), "Bits^Test");
        ds.putInts(Tag.Rows, VR.US, 3);
        ds.putInts(Tag.Columns, VR.US, 3);
        ds.putInts(Tag.BitsAllocated, VR.US, 1);
        ds.putString(Tag.NumberOfFrames, VR.IS, "4");
        ds.put(Element.of(Tag.PixelData, VR.OB, pixels));
        StoredInstance instance = store(ds);

        FrameCache.Frames frames = cache.load(instance);

        assertThat(held.size()).isEqualTo(1);
        for (int n = 1; n <= 4; n++) {
            assertThat(frames.length(n)).isEqualTo(2);
            assertThat(read(frames, n)).as("frame %d", n).isEqualTo(bits(pixels, (n - 1) * 9, 9));
        }
        held.runAll();
        assertThat(Files.readAllBytes(framesFolder(instance).resolve("2.raw")))
                .isEqualTo(bits(pixels, 9, 9));
    }

    // PS3.5 §D.2: pixel k is bit k % 8 of byte k / 8, the least significant first.
    private static byte[] bits(byte[] value, int first, int count) {
        byte[] frame = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
            int bit = value[(first + i) / 8] >> ((first + i) % 8) & 1;
            frame[i / 8] |= (byte) (bit << (i % 8));
        }
        return frame;
    }

    @Test
    void theFirstLoadJoinsEncapsulatedFragmentsBeforeTheExtraction() throws IOException {
        byte[] first = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4};
        byte[] second = {5, 6, 7, 8};
        byte[] third = {(byte) 0xFF, (byte) 0xD8, 9, 10, 11, 12, 13, 14};
        ByteBuffer table = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0).putInt(8 + first.length + 8 + second.length);
        Dataset ds = multiframe(newKey(), 2, 0);
        ds.put(Element.encapsulated(Tag.PixelData, VR.OB,
                List.of(table.array(), first, second, third)));
        StoredInstance instance = store(ds, TransferSyntax.JPEG_BASELINE, false);

        FrameCache.Frames frames = cache.load(instance);

        byte[] joined = ByteBuffer.allocate(10).put(first).put(second).array();
        assertThat(frames.length(1)).isEqualTo(10);
        assertThat(read(frames, 1)).isEqualTo(joined);
        assertThat(read(frames, 2)).isEqualTo(third);
        held.runAll();
        assertThat(Files.readAllBytes(framesFolder(instance).resolve("1.raw"))).isEqualTo(joined);
    }

    @Test
    void loadsWhileTheExtractionWaitsReadByThePlanAndStartNoOther() throws Exception {
        StoredInstance instance = store(multiframe(newKey(), 30, 0));
        int threads = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int frame = i + 1;
                Callable<byte[]> task = () -> {
                    start.await();
                    return read(cache.load(instance), frame);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (int i = 0; i < threads; i++) {
                assertThat(results.get(i).get()).isEqualTo(frameOf(i + 1, 0));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(held.size()).isEqualTo(1);
        assertThat(cache.extractions()).isEqualTo(1);
        assertThat(cache.pendingExtractions()).isEqualTo(1);
        held.runAll();
        assertThat(cache.pendingExtractions()).isZero();
        cache.load(instance);
        assertThat(held.size()).isZero();
        assertThat(cache.extractions()).isEqualTo(1);
    }

    @Test
    void deletingBeforeTheQueuedExtractionRunsLeavesNoFrames() throws IOException {
        InstanceKey key = newKey();
        StoredInstance instance = store(multiframe(key, 3, 0));
        FrameCache.Frames frames = cache.load(instance);

        archive.delete(key.partition(), key.study(), key.series(), key.sop());
        held.runAll();

        assertThat(framesFolder(instance).getParent()).doesNotExist();
        assertThat(cache.size()).isZero();
        assertThat(extractionFolders()).isEmpty();
        assertThatThrownBy(() -> read(frames, 1)).isInstanceOf(IOException.class);
    }

    /**
     * Runs the held extraction in another thread and lets {@code meanwhile} run once that
     * extraction has written its frames and waits for the instance's lock to put them in place.
     */
    private void duringTheExtraction(StoredInstance instance, IoAction meanwhile)
            throws Exception {
        ReentrantLock lock = cache.lockOf(instance.key());
        lock.lock();
        Thread worker = new Thread(held::runAll, "held-extraction");
        try {
            worker.start();
            await("the extraction to wait for the lock", lock::hasQueuedThreads);
            assertThat(extractionFolders()).singleElement()
                    .satisfies(f -> assertThat(f.resolve(FrameCache.MARKER)).exists());
            meanwhile.run();
        } finally {
            lock.unlock();
        }
        worker.join(PATIENCE.toMillis());
        assertThat(worker.isAlive()).isFalse();
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    @Test
    void deletingDuringTheExtractionLeavesNoFramesFolder() throws Exception {
        InstanceKey key = newKey();
        StoredInstance instance = store(multiframe(key, 4, 0));
        cache.load(instance);

        duringTheExtraction(instance,
                () -> archive.delete(key.partition(), key.study(), key.series(), key.sop()));

        assertThat(framesFolder(instance)).doesNotExist();
        assertThat(framesFolder(instance).getParent()).doesNotExist();
        assertThat(cache.size()).isZero();
        assertThat(cache.pendingExtractions()).isZero();
        assertThat(extractionFolders()).isEmpty();
    }

    @Test
    void replacingDuringTheExtractionServesTheNewVersionAfter() throws Exception {
        InstanceKey key = newKey();
        StoredInstance old = store(multiframe(key, 2, 0));
        FrameCache.Frames oldFrames = cache.load(old);
        List<StoredInstance> replaced = new ArrayList<>();

        duringTheExtraction(old, () -> replaced.add(
                store(multiframe(key, 3, 100), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, true)));

        assertThat(framesFolder(old)).doesNotExist();
        assertThat(cache.size()).isZero();
        StoredInstance now = replaced.get(0);
        assertThat(now.version()).isGreaterThan(old.version());
        FrameCache.Frames frames = cache.load(now);
        assertThat(frames.count()).isEqualTo(3);
        assertThat(read(frames, 3)).isEqualTo(frameOf(3, 100));
        held.runAll();
        assertThat(FrameMarker.find(framesFolder(now), now.version())).isPresent();
        assertThat(Files.readAllBytes(framesFolder(now).resolve("3.raw")))
                .isEqualTo(frameOf(3, 100));
        assertThat(oldFrames.count()).isEqualTo(2);
        assertThat(extractionFolders()).isEmpty();
    }

    @Test
    void aFailedPlanIsRememberedForTheTtlAndQueuesNothing() throws IOException {
        Dataset ds = multiframe(newKey(), 3, 0);
        ds.put(Element.encapsulated(Tag.PixelData, VR.OB,
                List.of(new byte[0], new byte[] {1, 2}, new byte[] {3, 4})));
        StoredInstance instance = store(ds, TransferSyntax.RLE_LOSSLESS, false);

        assertThatThrownBy(() -> cache.load(instance))
                .isInstanceOf(FrameExtractionException.class)
                .hasMessageContaining(instance.key().toString())
                .hasMessageContaining("no start marker");
        clock.advance(TTL.minusSeconds(1));
        assertThatThrownBy(() -> cache.load(instance))
                .isInstanceOf(FrameExtractionException.class);
        assertThat(cache.extractions()).isEqualTo(1);
        assertThat(held.size()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> cache.load(instance))
                .isInstanceOf(FrameExtractionException.class);
        assertThat(cache.extractions()).isEqualTo(2);
    }

    @Test
    void aDeflatedInstanceIsExtractedByTheRequest() throws IOException {
        StoredInstance instance = store(multiframe(newKey(), 3, 0),
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, false);

        FrameCache.Frames frames = cache.load(instance);

        assertThat(held.size()).isZero();
        assertThat(framesFolder(instance).resolve(FrameCache.MARKER)).exists();
        assertThat(read(frames, 2)).isEqualTo(frameOf(2, 0));
    }

    @Test
    void theCacheWorkerExtractsInTheBackground() throws Exception {
        FrameCache real = FrameCache.open(archive, clock, TTL, OptionalLong.of(1 << 20));
        StoredInstance instance = store(multiframe(newKey(), 6, 0));

        FrameCache.Frames frames = real.load(instance);

        assertThat(read(frames, 6)).isEqualTo(frameOf(6, 0));
        await("the extraction", () -> real.pendingExtractions() == 0);
        assertThat(real.size()).isEqualTo(6L * FRAME);
        assertThat(Files.readAllBytes(framesFolder(instance).resolve("6.raw")))
                .isEqualTo(frameOf(6, 0));
    }

    @Test
    void closingTheArchiveDropsAWaitingExtraction() throws Exception {
        FrameCache real = FrameCache.open(archive, clock, TTL, OptionalLong.of(1 << 20));
        StoredInstance instance = store(multiframe(newKey(), 6, 0));
        real.load(instance); // plans the extraction, which waits for a quiet moment
        assertThat(real.pendingExtractions()).isEqualTo(1);

        archive.close();

        Thread.sleep(500); // past the worker's quiet period
        assertThat(framesFolder(instance)).doesNotExist();
        try (Stream<Path> left = Files.walk(folder)) { // no temp folder of a started job
            assertThat(left.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("frames-"));
        }
    }
}
