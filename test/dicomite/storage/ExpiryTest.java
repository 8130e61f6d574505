// SPDX-License-Identifier: MIT
package dicomite.storage;

import static dicomite.storage.Instances.PARTITION;
import static dicomite.storage.Instances.bytes;
import static dicomite.storage.Instances.key;
import static dicomite.storage.Instances.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §2.1: the msdicom-expiry headers delete the whole study once its time has passed. */
class ExpiryTest {
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(START);

    @Test
    void aStudyIsDeletedOnceItsExpiryHasPassedAndNotBefore() throws IOException {
        try (Archive archive = Archive.open(data, clock)) {
            storeTwoStudies(archive);
            archive.setStudyExpiry(PARTITION, "1.1", START.plusSeconds(60));

            clock.advance(Duration.ofSeconds(59));
            assertThat(archive.deleteExpired()).isZero();

            clock.advance(Duration.ofSeconds(1));
            assertThat(archive.deleteExpired()).isEqualTo(1);
            assertThat(archive.findInstances(PARTITION, "1.1", null, null)).isEmpty();
            assertThat(archive.findInstances(PARTITION, "2.2", null, null)).hasSize(1);
            assertThat(ArchiveTest.describe(archive.changeFeed(0, 10)))
                    .containsExactly("Create Deleted", "Create Deleted", "Create Current",
                            "Delete Deleted", "Delete Deleted");
            assertThat(data.resolve("Microsoft.Default/1.1")).doesNotExist();
            assertThat(archive.deleteExpired()).isZero();
        }
    }

    @Test
    void aLaterStoreWithoutExpiryCancelsIt() throws IOException {
        try (Archive archive = Archive.open(data, clock)) {
            storeTwoStudies(archive);
            archive.setStudyExpiry(PARTITION, "1.1", START.plusSeconds(60));
            archive.setStudyExpiry(PARTITION, "1.1", null);

            clock.advance(Duration.ofDays(1));

            assertThat(archive.deleteExpired()).isZero();
            assertThat(archive.index().findStudyExpiry(PARTITION, "1.1")).isEmpty();
            assertThat(archive.findInstances(PARTITION, "1.1", null, null)).hasSize(2);
        }
    }

    @Test
    void expirySurvivesARestart() throws IOException {
        try (Archive archive = Archive.open(data, clock)) {
            storeTwoStudies(archive);
            archive.setStudyExpiry(PARTITION, "2.2", START.plusSeconds(30));
        }
        clock.advance(Duration.ofMinutes(1));

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(archive.index().findStudyExpiry(PARTITION, "2.2"))
                    .contains(START.plusSeconds(30));
            assertThat(archive.deleteExpired()).isEqualTo(1);
            assertThat(archive.findInstances(PARTITION, "2.2", null, null)).isEmpty();
            assertThat(archive.findInstances(PARTITION, "1.1", null, null)).hasSize(2);
        }
    }

    @Test
    void settingTheExpiryOfAnUnknownStudyDoesNothing() throws IOException {
        try (Archive archive = Archive.open(data, clock)) {
            archive.setStudyExpiry(PARTITION, "9.9", START);

            assertThat(archive.index().findStudyExpiry(PARTITION, "9.9")).isEmpty();
            assertThat(archive.deleteExpired()).isZero();
        }
    }

    private static void storeTwoStudies(Archive archive) throws IOException {
        store(archive, bytes(key("1.1", "1.1.1", "1.1.1.1"), "A^B"), false);
        store(archive, bytes(key("1.1", "1.1.2", "1.1.2.1"), "A^B"), false);
        store(archive, bytes(key("2.2", "2.2.1", "2.2.1.1"), "C^D"), false);
    }
}
