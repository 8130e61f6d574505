// SPDX-License-Identifier: MIT
package dicomite.storage;

import static dicomite.storage.Instances.PARTITION;
import static dicomite.storage.Instances.bytes;
import static dicomite.storage.Instances.key;
import static dicomite.storage.Instances.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts after a crash at each step of the write protocol (simulated by driving the steps
 * and closing without a clean shutdown) and after the index file is lost or damaged.
 */
class RecoveryTest {
    private static final InstanceKey KEY = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
    private static final InstanceKey OTHER = key("1.2.3", "1.2.3.4", "1.2.3.4.6");

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));

    @Test
    void aMissingIndexIsRebuiltFromTheFiles() throws IOException {
        byte[] first = storeTwoAndClose();
        Files.delete(data.resolve("index.sqlite"));

        assertRebuilt(first);
    }

    @Test
    void anIndexOfGarbageIsSetAsideAndRebuilt() throws IOException {
        byte[] first = storeTwoAndClose();
        Files.write(data.resolve("index.sqlite"), "not a database at all".repeat(300)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertRebuilt(first);
        assertThat(data.resolve("index.sqlite.damaged")).exists();
    }

    @Test
    void aTruncatedIndexIsRebuilt() throws IOException {
        try (Archive archive = Archive.open(data, clock)) {
            for (int i = 0; i < 200; i++) {
                store(archive, bytes(key("1.2.3", "1.2.3.4", "1.2.3.4." + i), "A^B"), false);
            }
        }
        Path index = data.resolve("index.sqlite");
        try (FileChannel channel = FileChannel.open(index, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(index) / 2);
        }

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(archive.index().isNew()).isTrue();
            assertThat(archive.findInstances(PARTITION, "1.2.3", null, null)).hasSize(200);
        }
    }

    @Test
    void anUnacknowledgedStoreLeftByACrashIsRemoved() throws IOException {
        byte[] file = bytes(KEY, "A^B");
        try (Archive archive = Archive.open(data, clock)) {
            archive.index().reserve(KEY, false);
            try (TempFile temp = Instances.temp(archive.storage(), file)) {
                archive.storage().moveIntoPlace(temp, KEY);
            }
            Files.write(data.resolve(".tmp/part-99.tmp"), new byte[] {1, 2});
            archive.closeAbruptly();
        }

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(archive.findInstances(PARTITION, "1.2.3", null, null)).isEmpty();
            assertThat(data.resolve("Microsoft.Default/1.2.3")).doesNotExist();
            assertThat(Files.list(data.resolve(".tmp"))).isEmpty();
            assertThat(archive.index().findUnfinished()).isEmpty();
            assertThat(store(archive, file, false)).isEqualTo(StoreOutcome.STORED);
        }
    }

    @Test
    void aReservationWithoutAFileIsRemovedSoTheKeyCanBeStored() throws IOException {
        try (Archive archive = Archive.open(data, clock)) {
            archive.index().reserve(KEY, false);
            assertThat(store(archive, bytes(KEY, "A^B"), false))
                    .isEqualTo(StoreOutcome.BEING_CREATED);
            archive.closeAbruptly();
        }

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(store(archive, bytes(KEY, "A^B"), false)).isEqualTo(StoreOutcome.STORED);
        }
    }

    @Test
    void aReplacementNotYetCommittedIsDroppedAndTheOldVersionStays() throws IOException {
        byte[] old = bytes(KEY, "Old^Name");
        try (Archive archive = Archive.open(data, clock)) {
            store(archive, old, false);
            archive.index().reserve(KEY, true);
            try (TempFile temp = Instances.temp(archive.storage(), bytes(KEY, "New^Name"))) {
                archive.storage().moveBeside(temp, KEY);
            }
            archive.closeAbruptly();
        }

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(Instances.read(archive.storage(), KEY)).isEqualTo(old);
            assertThat(archive.index().findMetadata(KEY)).get().asString().contains("Old^Name");
            assertThat(pendingFile()).doesNotExist();
            assertThat(ArchiveTest.describe(archive.changeFeed(0, 10)))
                    .containsExactly("Create Current");
            assertThat(store(archive, bytes(KEY, "X^Y"), true)).isEqualTo(StoreOutcome.STORED);
        }
    }

    @Test
    void aCommittedReplacementNotYetSwappedInIsSwappedIn() throws IOException {
        byte[] replacement = bytes(KEY, "New^Name");
        try (Archive archive = Archive.open(data, clock)) {
            store(archive, bytes(KEY, "Old^Name"), false);
            Index.Reservation reservation = archive.index().reserve(KEY, true);
            try (TempFile temp = Instances.temp(archive.storage(), replacement)) {
                archive.storage().moveBeside(temp, KEY);
            }
            archive.index().commit(reservation, Instances.facts(PARTITION, replacement));
            archive.closeAbruptly();
        }

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(Instances.read(archive.storage(), KEY)).isEqualTo(replacement);
            assertThat(archive.index().findMetadata(KEY)).get().asString().contains("New^Name");
            assertThat(pendingFile()).doesNotExist();
            assertThat(ArchiveTest.describe(archive.changeFeed(0, 10)))
                    .containsExactly("Create Replaced", "Create Current");
            assertThat(store(archive, bytes(KEY, "X^Y"), true)).isEqualTo(StoreOutcome.STORED);
        }
    }

    @Test
    void anInterruptedDeleteFinishesAtTheNextStart() throws IOException {
        try (Archive archive = Archive.open(data, clock)) {
            store(archive, bytes(KEY, "A^B"), false);
            store(archive, bytes(OTHER, "A^B"), false);
            archive.index().markDeleting(new Index.Selection(PARTITION, "1.2.3", null, null,
                    null));
            archive.closeAbruptly();
        }

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(data.resolve("Microsoft.Default/1.2.3")).doesNotExist();
            assertThat(archive.index().findUnfinished()).isEmpty();
            assertThat(ArchiveTest.describe(archive.changeFeed(0, 10))).containsExactly(
                    "Create Deleted", "Create Deleted", "Delete Deleted", "Delete Deleted");
            assertThat(store(archive, bytes(KEY, "A^B"), false)).isEqualTo(StoreOutcome.STORED);
        }
    }

    @Test
    void afterAnUncleanStopFilesWithoutRowsAreIndexedAndRowsWithoutFilesRemoved()
            throws IOException {
        byte[] unlisted = bytes(OTHER, "Un^Listed");
        try (Archive archive = Archive.open(data, clock)) {
            store(archive, bytes(KEY, "A^B"), false);
            try (TempFile temp = Instances.temp(archive.storage(), unlisted)) {
                archive.storage().moveIntoPlace(temp, OTHER); // as if its commit were lost
            }
            archive.closeAbruptly();
        }
        Files.delete(data.resolve("Microsoft.Default/1.2.3/1.2.3.4/1.2.3.4.5/instance.dcm"));

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(archive.findInstances(PARTITION, "1.2.3", null, null))
                    .containsExactly(OTHER);
            assertThat(archive.index().findMetadata(OTHER)).get().asString()
                    .contains("Un^Listed");
            assertThat(ArchiveTest.describe(archive.changeFeed(0, 10)))
                    .containsExactly("Create Deleted", "Create Current", "Delete Deleted");
        }
    }

    @Test
    void aFileWhoseUIDsAreNotThoseOfItsFolderIsMovedAside() throws IOException {
        storeTwoAndClose();
        Path misplaced = data.resolve("Microsoft.Default/7.7/7.7.7/7.7.7.7/instance.dcm");
        Files.createDirectories(misplaced.getParent());
        Files.write(misplaced, bytes(key("8.8", "8.8.8", "8.8.8.8"), "A^B"));
        Files.delete(data.resolve("index.sqlite"));

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(archive.findInstances(PARTITION, "7.7", null, null)).isEmpty();
            assertThat(archive.findInstances(PARTITION, "8.8", null, null)).isEmpty();
            assertThat(data.resolve(".unreadable/Microsoft.Default/7.7/7.7.7/7.7.7.7/"
                    + "instance.dcm")).exists();
            assertThat(data.resolve("Microsoft.Default/7.7")).doesNotExist();
        }
    }

    @Test
    void aCleanRestartKeepsTheChangeFeedAndVersions() throws IOException {
        storeTwoAndClose();
        long feed;
        try (Archive archive = Archive.open(data, clock)) {
            feed = archive.changeFeedSize();
            store(archive, bytes(KEY, "New^Name"), true);
        }

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(archive.index().isNew()).isFalse();
            assertThat(archive.changeFeedSize()).isEqualTo(feed + 1);
            assertThat(archive.changeFeed(0, 10)).extracting(ChangeFeedEntry::version)
                    .doesNotHaveDuplicates();
        }
    }

    private byte[] storeTwoAndClose() throws IOException {
        byte[] first = bytes(KEY, "Doe^Jane");
        try (Archive archive = Archive.open(data, clock)) {
            store(archive, first, false);
            store(archive, bytes(OTHER, "Doe^John"), false);
        }
        return first;
    }

    private void assertRebuilt(byte[] first) throws IOException {
        try (Archive archive = Archive.open(data, clock)) {
            assertThat(archive.index().isNew()).isTrue();
            assertThat(archive.findInstances(PARTITION, "1.2.3", null, null))
                    .containsExactlyInAnyOrder(KEY, OTHER);
            assertThat(archive.index().findMetadata(KEY)).get().asString().contains("Doe^Jane");
            assertThat(Instances.read(archive.storage(), KEY)).isEqualTo(first);
            assertThat(ArchiveTest.describe(archive.changeFeed(0, 10)))
                    .containsExactly("Create Current", "Create Current");
            assertThat(store(archive, first, false)).isEqualTo(StoreOutcome.EXISTS);
        }
    }

    private Path pendingFile() {
        return data.resolve("Microsoft.Default/1.2.3/1.2.3.4/1.2.3.4.5/instance.dcm.new");
    }
}
