// SPDX-License-Identifier: MIT
package dicomite.storage;

import static dicomite.storage.Instances.PARTITION;
import static dicomite.storage.Instances.bytes;
import static dicomite.storage.Instances.key;
import static dicomite.storage.Instances.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTest {
    private static final Instant START = Instant.parse("2024-05-01T10:00:00.123456789Z");

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(START);
    private Archive archive;

    @BeforeEach
    void open() throws IOException {
        archive = Archive.open(data, clock);
    }

    @AfterEach
    void close() throws IOException {
        archive.close();
    }

    @Test
    void storesFindsReadsBackAndDeletesAnInstance() throws IOException {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        byte[] file = bytes(key, "Doe^Jane");

        assertThat(store(archive, file, false)).isEqualTo(StoreOutcome.STORED);

        assertThat(archive.findInstances(PARTITION, "1.2.3", null, null)).containsExactly(key);
        assertThat(Instances.read(archive.storage(), key)).isEqualTo(file);
        assertThat(archive.storage().size(key)).isEqualTo(file.length);
        assertThat(data.resolve("Microsoft.Default/1.2.3/1.2.3.4/1.2.3.4.5/instance.dcm"))
                .hasBinaryContent(file);
        assertThat(archive.index().findMetadata(key)).get().asString()
                .contains("\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^Jane\"}]}")
                .doesNotContain("7FE00010");

        assertThat(archive.delete(PARTITION, "1.2.3", null, null)).containsExactly(key);
        assertThat(archive.findInstances(PARTITION, "1.2.3", null, null)).isEmpty();
        assertThat(archive.index().findMetadata(key)).isEmpty();
        assertThatThrownBy(() -> archive.storage().open(key))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(data.resolve("Microsoft.Default/1.2.3")).doesNotExist();
        assertThat(data.resolve("Microsoft.Default")).isDirectory();
    }

    @Test
    void secondStoreOfTheSameKeyAnswersExists() throws IOException {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        byte[] first = bytes(key, "First^Name");

        assertThat(store(archive, first, false)).isEqualTo(StoreOutcome.STORED);
        assertThat(store(archive, bytes(key, "Second^Name"), false))
                .isEqualTo(StoreOutcome.EXISTS);

        assertThat(Instances.read(archive.storage(), key)).isEqualTo(first);
        assertThat(tempFiles()).isEmpty();
        assertThat(archive.changeFeedSize()).isEqualTo(1);
    }

    @Test
    void concurrentStoresOfOneKeyStoreItExactlyOnce() throws Exception {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        List<StoreOutcome> outcomes = runConcurrently(16, i -> store(archive,
                bytes(key, "Writer^" + i), false));

        assertThat(outcomes).filteredOn(o -> o == StoreOutcome.STORED).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o != StoreOutcome.STORED)
                .allMatch(o -> o == StoreOutcome.EXISTS || o == StoreOutcome.BEING_CREATED);
        assertThat(archive.findInstances(PARTITION, "1.2.3", null, null)).containsExactly(key);
        assertThat(archive.changeFeedSize()).isEqualTo(1);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void concurrentStoresOfManyKeysAllSucceed() throws Exception {
        List<StoreOutcome> outcomes = runConcurrently(64, i -> store(archive,
                bytes(key("1.2.3", "1.2.3." + (i % 4), "1.2.3.4." + i), "P^" + i), false));

        assertThat(outcomes).containsOnly(StoreOutcome.STORED);
        assertThat(archive.findInstances(PARTITION, "1.2.3", null, null)).hasSize(64);
        assertThat(archive.changeFeed(0, 100)).extracting(ChangeFeedEntry::sequence)
                .doesNotHaveDuplicates().hasSize(64);
    }

    @Test
    void upsertReplacesTheFileWithANewVersionAndMarksOlderEntriesReplaced()
            throws IOException {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        store(archive, bytes(key, "Old^Name"), false);
        long oldVersion = archive.index().findVersion(key).getAsLong();
        Files.createDirectories(archive.storage().framesFolder(key));
        Files.write(archive.storage().framesFolder(key).resolve("1.raw"), new byte[] {9});
        byte[] replacement = bytes(key, "New^Name");

        clock.advance(Duration.ofSeconds(1));
        assertThat(store(archive, replacement, true)).isEqualTo(StoreOutcome.STORED);

        assertThat(archive.index().findVersion(key).getAsLong()).isGreaterThan(oldVersion);
        assertThat(Instances.read(archive.storage(), key)).isEqualTo(replacement);
        assertThat(archive.index().findMetadata(key)).get().asString().contains("New^Name");
        assertThat(archive.storage().framesFolder(key)).doesNotExist();
        assertThat(data.resolve("Microsoft.Default/1.2.3/1.2.3.4/1.2.3.4.5/instance.dcm.new"))
                .doesNotExist();
        assertThat(describe(archive.changeFeed(0, 10)))
                .containsExactly("Create Replaced", "Create Current");
    }

    @Test
    void upsertOfANewKeyStoresIt() throws IOException {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");

        assertThat(store(archive, bytes(key, "A^B"), true)).isEqualTo(StoreOutcome.STORED);

        assertThat(describe(archive.changeFeed(0, 10))).containsExactly("Create Current");
    }

    @Test
    void deleteMarksEveryEntryDeletedAndAStoreAgainMarksThemReplaced() throws IOException {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        store(archive, bytes(key, "A^B"), false);
        store(archive, bytes(key, "A^C"), true);

        archive.delete(PARTITION, "1.2.3", "1.2.3.4", "1.2.3.4.5");
        assertThat(describe(archive.changeFeed(0, 10)))
                .containsExactly("Create Deleted", "Create Deleted", "Delete Deleted");

        store(archive, bytes(key, "A^D"), false);
        assertThat(describe(archive.changeFeed(0, 10))).containsExactly("Create Replaced",
                "Create Replaced", "Delete Replaced", "Create Current");
    }

    @Test
    void deleteOfASeriesKeepsTheOtherSeriesAndRemovesEmptiedFolders() throws IOException {
        store(archive, bytes(key("1.2.3", "1.2.3.1", "1.2.3.1.1"), "A^B"), false);
        store(archive, bytes(key("1.2.3", "1.2.3.1", "1.2.3.1.2"), "A^B"), false);
        store(archive, bytes(key("1.2.3", "1.2.3.2", "1.2.3.2.1"), "A^B"), false);

        assertThat(archive.delete(PARTITION, "1.2.3", "1.2.3.1", null)).hasSize(2);

        assertThat(archive.findInstances(PARTITION, "1.2.3", null, null))
                .containsExactly(key("1.2.3", "1.2.3.2", "1.2.3.2.1"));
        assertThat(data.resolve("Microsoft.Default/1.2.3/1.2.3.1")).doesNotExist();
        assertThat(data.resolve("Microsoft.Default/1.2.3/1.2.3.2/1.2.3.2.1")).isDirectory();
        assertThat(archive.delete(PARTITION, "1.2.3", "1.2.3.1", null)).isEmpty();
    }

    @Test
    void deleteOfNothingReturnsNoKeys() throws IOException {
        assertThat(archive.delete(PARTITION, "9.9", null, null)).isEmpty();
        assertThat(archive.delete("Unknown.Partition", "9.9", "9.9.9", "9.9.9.9")).isEmpty();
        assertThat(archive.changeFeedSize()).isZero();
    }

    @Test
    void changeFeedEntriesCarryTheClockTimeToTheMicrosecond() throws IOException {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        store(archive, bytes(key, "A^B"), false);
        clock.advance(Duration.ofMinutes(5));
        archive.delete(PARTITION, "1.2.3", null, null);

        List<ChangeFeedEntry> feed = archive.changeFeed(0, 10);

        assertThat(feed).extracting(ChangeFeedEntry::timestamp).containsExactly(
                Instant.parse("2024-05-01T10:00:00.123456Z"),
                Instant.parse("2024-05-01T10:05:00.123456Z"));
        assertThat(feed.get(0).key()).isEqualTo(key);
        assertThat(feed.get(1).action()).isEqualTo(ChangeFeedEntry.DELETE);
        assertThat(feed.get(1).version()).isEqualTo(feed.get(0).version());
        assertThat(archive.changeFeed(1, 10)).extracting(ChangeFeedEntry::sequence)
                .containsExactly(feed.get(1).sequence());
    }

    @Test
    void partitionsHoldTheSameUIDsApart() throws IOException {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        byte[] file = bytes(key, "A^B");
        store(archive, file, false);

        assertThat(store(archive, "Other.Partition", file, false))
                .isEqualTo(StoreOutcome.STORED);
        archive.delete(PARTITION, "1.2.3", null, null);

        assertThat(archive.findInstances("Other.Partition", "1.2.3", null, null))
                .containsExactly(InstanceKey.of("Other.Partition", "1.2.3", "1.2.3.4",
                        "1.2.3.4.5"));
        assertThat(data.resolve("Other.Partition/1.2.3/1.2.3.4/1.2.3.4.5/instance.dcm"))
                .hasBinaryContent(file);
    }

    @Test
    void lookupsIgnoreTrailingPaddingOfUIDs() throws IOException {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        store(archive, bytes(key, "A^B"), false);

        assertThat(archive.findInstances(PARTITION, "1.2.3 ", "1.2.3.4\0", "1.2.3.4.5  "))
                .containsExactly(key);
        assertThat(archive.delete(PARTITION, "1.2.3  ", null, null)).containsExactly(key);
    }

    @Test
    void failedMoveLeavesNeitherRowNorFile() throws IOException {
        InstanceKey key = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        byte[] file = bytes(key, "A^B");
        StoreOutcome outcome;
        try (TempFile temp = Instances.temp(archive.storage(), file)) {
            Files.delete(temp.path()); // the upload vanished from under the store
            outcome = archive.store(temp, Instances.facts(PARTITION, file), false);
        }

        assertThat(outcome).isEqualTo(StoreOutcome.FAILED);
        assertThat(archive.findInstances(PARTITION, "1.2.3", null, null)).isEmpty();
        assertThat(data.resolve("Microsoft.Default/1.2.3")).doesNotExist();
        assertThat(store(archive, file, false)).isEqualTo(StoreOutcome.STORED);
    }

    private List<String> tempFiles() throws IOException {
        try (var files = Files.list(data.resolve(".tmp"))) {
            return files.map(Path::toString).collect(Collectors.toList());
        }
    }

    static List<String> describe(List<ChangeFeedEntry> entries) {
        return entries.stream().map(e -> e.action() + " " + e.state())
                .collect(Collectors.toList());
    }

    @FunctionalInterface
    interface Task {
        StoreOutcome run(int i) throws Exception;
    }

    static List<StoreOutcome> runConcurrently(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<StoreOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                calls.add(() -> task.run(n));
            }
            List<StoreOutcome> outcomes = new ArrayList<>();
            for (Future<StoreOutcome> f : pool.invokeAll(calls)) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
