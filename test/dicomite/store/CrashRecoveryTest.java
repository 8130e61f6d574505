// SPDX-License-Identifier: MIT
package dicomite.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a server (SIGKILL) while several clients store into it, starts it again over the same
 * folder, and checks what a client may rely on (spec §2.2 step 5, §2.3, §5): every instance
 * acknowledged in a ReferencedSOPSequence is there byte for byte and known to the index; every
 * other instance sent is either wholly there (its store committed, the answer lost with the
 * process) or wholly absent, so that storing it again succeeds; and nothing half done is left:
 * no other instance file, no replacement or temporary file, nothing set aside. Three rounds, the
 * instances of each round kept through the next kills.
 *
 * <p>The kill moment and the requests are random; the seed is in every failure message, and
 * {@code -Ddicomite.crashSeed=N} runs it again.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 3;
    private static final int CLIENTS = 6;
    private static final int CHECKERS = 4;
    private static final int LONGEST_KILL_DELAY = 1200; // milliseconds after the first answer

    @TempDir
    Path temp;

    private long seed;
    private int round;
    private ServerProcess server;

    @Test
    void acknowledgedInstancesSurviveKillsAndNothingHalfStoredRemains() throws Exception {
        seed = Long.getLong("dicomite.crashSeed", System.nanoTime());
        Random random = new Random(seed);
        Path data = temp.resolve("data");
        Map<String, TestInstance> kept = new HashMap<>(); // stored in earlier rounds, by SOP
        int inDoubt = 0;
        server = ServerProcess.start(data);
        try {
            for (round = 1; round <= ROUNDS; round++) {
                StoreLoad load = new StoreLoad(server.baseUri(), CLIENTS, random.nextLong());
                load.start();
                awaitKillMoment(load, random);
                server.kill();
                load.stop();
                server = restart(data);
                inDoubt += checkAfterRestart(data, load, kept);
            }
        } finally {
            server.close();
        }
        assertThat(inDoubt).as("instances in flight at a kill, in all rounds (seed %d)", seed)
                .isPositive();
    }

    // Waits for the first acknowledged instance, then a random while.
    private void awaitKillMoment(StoreLoad load, Random random) throws InterruptedException {
        for (int waited = 0; load.acknowledged().isEmpty(); waited += 5) {
            if (waited > 30_000) {
                throw failure("no store was acknowledged within 30 s; unexpected answers "
                        + load.unexpectedAnswers(), null);
            }
            Thread.sleep(5);
        }
        Thread.sleep(random.nextInt(LONGEST_KILL_DELAY));
    }

    private ServerProcess restart(Path data) throws InterruptedException {
        try {
            return ServerProcess.start(data);
        } catch (IOException e) {
            throw failure("the server did not start again over the folder: " + e.getMessage(),
                    e);
        }
    }

    // Checks the restarted server and keeps what it stored anew for the next round; returns how
    // many instances were sent but not acknowledged.
    private int checkAfterRestart(Path data, StoreLoad load, Map<String, TestInstance> kept)
            throws Exception {
        try {
            assertThat(load.unexpectedAnswers()).as("answers to fresh, valid instances")
                    .isEmpty();
            assertNoLeftovers(data);
            Map<String, Path> files = instanceFiles(data);
            List<TestInstance> present = checkFiles(data, files, load, kept);
            List<TestInstance> absent = load.sent().values().stream()
                    .filter(instance -> !files.containsKey(instance.sop())).toList();
            checkThroughTheServer(present, absent, data);
            int inDoubt = load.sent().size() - load.acknowledged().size();
            kept.clear();
            absent.forEach(instance -> kept.put(instance.sop(), instance));
            return inDoubt;
        } catch (AssertionError e) {
            throw failure(e.getMessage(), e);
        }
    }

    private AssertionError failure(String message, Throwable cause) {
        return new AssertionError("Round " + round + " of seed " + seed + " (-Ddicomite.crashSeed="
                + seed + "): " + message + "\nServer log:\n" + server.logTail(), cause);
    }

    /** Nothing temporary, pending or set aside is left after recovery. */
    private static void assertNoLeftovers(Path data) throws IOException {
        assertThat(filesUnder(data.resolve(".tmp"))).as("files left in .tmp").isEmpty();
        assertThat(filesUnder(data.resolve(".unreadable"))).as("files set aside").isEmpty();
        assertThat(filesUnder(data.resolve(".duplicates"))).as("files set aside").isEmpty();
        assertThat(filesUnder(data.resolve(TestInstance.PARTITION_FOLDER)).stream()
                .filter(file -> !file.getFileName().toString().equals("instance.dcm")))
                .as("files other than instance.dcm in the layout").isEmpty();
    }

    // Every acknowledged or kept instance has its file; every file is one sent; bytes match.
    private static List<TestInstance> checkFiles(Path data, Map<String, Path> files,
            StoreLoad load, Map<String, TestInstance> kept) {
        List<String> expected = new ArrayList<>(kept.keySet());
        expected.addAll(load.acknowledged());
        assertThat(files.keySet()).as("instance files (%d acknowledged, %d sent, %d kept)",
                load.acknowledged().size(), load.sent().size(), kept.size())
                .containsAll(expected);
        List<TestInstance> present = new ArrayList<>();
        for (String sop : files.keySet()) {
            TestInstance instance = kept.containsKey(sop) ? kept.get(sop) : load.sent().get(sop);
            assertThat(instance).as("instance file %s, never sent", files.get(sop)).isNotNull();
            assertThat(files.get(sop)).isEqualTo(instance.fileIn(data));
            assertSameBytes(files.get(sop), instance.bytes());
            present.add(instance);
        }
        return present;
    }

    private static void assertSameBytes(Path file, byte[] sent) {
        byte[] stored;
        try {
            stored = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
        assertThat(Arrays.mismatch(stored, sent)).as("first differing byte of %s (%d bytes"
                + " stored, %d sent)", file, stored.length, sent.length).isEqualTo(-1);
    }

    // Present instances are known and deletable; absent ones store anew (and are kept).
    private void checkThroughTheServer(List<TestInstance> present, List<TestInstance> absent,
            Path data) throws Exception {
        StoreProbe probe = new StoreProbe(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build(), server.baseUri());
        List<Check> checks = new ArrayList<>();
        for (TestInstance instance : present) {
            checks.add(() -> {
                probe.assertKnown(instance);
                probe.assertDeletes(instance);
                assertThat(instance.fileIn(data)).as("deleted %s", instance).doesNotExist();
            });
        }
        for (TestInstance instance : absent) {
            checks.add(() -> probe.assertStoresAnew(instance));
        }
        runAll(checks);
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    private static void runAll(List<Check> checks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CHECKERS);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (Check check : checks) {
                results.add(pool.submit(() -> {
                    check.run();
                    return null;
                }));
            }
            for (Future<Object> result : results) {
                rethrow(result);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void rethrow(Future<Object> result) throws Exception {
        try {
            result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw new AssertionError("A check failed: " + e.getCause(), e.getCause());
        }
    }

    /** The instance files in the layout, by SOP Instance UID (the name of their folder). */
    private static Map<String, Path> instanceFiles(Path data) throws IOException {
        Map<String, Path> files = new HashMap<>();
        for (Path file : filesUnder(data.resolve(TestInstance.PARTITION_FOLDER))) {
            if (file.getFileName().toString().equals("instance.dcm")) {
                files.put(file.getParent().getFileName().toString(), file);
            }
        }
        return files;
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
