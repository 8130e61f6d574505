// SPDX-License-Identifier: MIT
package dicomite.storage;

import static dicomite.storage.Instances.PARTITION;
import static dicomite.storage.Instances.bytes;
import static dicomite.storage.Instances.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data folder in a foreign layout is moved into ours at start-up and indexed. */
class MigrationTest {
    private static final Logger JUL = Logger.getLogger(LayoutMigration.class.getName());

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        JUL.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        JUL.removeHandler(handler);
    }

    @Test
    void aFlatTreeIsMovedIntoTheLayoutByTheUIDsInTheFilesAndIndexed() throws IOException {
        InstanceKey a = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        InstanceKey b = key("1.2.3", "1.2.3.4", "1.2.3.4.6");
        InstanceKey c = key("1.2.9", "1.2.9.1", "1.2.9.1.1");
        byte[] fileA = bytes(a, "Doe^Jane");
        byte[] fileB = bytes(b, "Doe^Jane");
        byte[] fileC = bytes(c, "Roe^Rick");
        write("1.2.3/1.2.3.4/first.dcm", fileA);
        write("1.2.3/1.2.3.4/second.DCM", fileB);
        write("misnamed/9.9.9.dcm", fileC);
        write("1.2.3/1.2.3.4/copy-of-first.dcm", fileA);
        write("broken/garbage.dcm", "this is not DICOM".getBytes());
        write("1.2.3/notes.txt", "kept".getBytes());

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(archive.findInstances(PARTITION, "1.2.3", null, null))
                    .containsExactlyInAnyOrder(a, b);
            assertThat(archive.findInstances(PARTITION, "1.2.9", null, null)).containsExactly(c);
            assertThat(Instances.read(archive.storage(), a)).isEqualTo(fileA);
            assertThat(Instances.read(archive.storage(), c)).isEqualTo(fileC);
            assertThat(archive.index().findMetadata(c)).get().asString().contains("Roe^Rick");
            assertThat(ArchiveTest.describe(archive.changeFeed(0, 10)))
                    .containsOnly("Create Current").hasSize(3);
        }
        assertThat(data.resolve(".duplicates/1.2.3/1.2.3.4/copy-of-first.dcm"))
                .hasBinaryContent(fileA);
        assertThat(data.resolve(".unreadable/broken/garbage.dcm")).hasContent("this is not DICOM");
        assertThat(data.resolve("1.2.3/notes.txt")).hasContent("kept");
        assertThat(data.resolve("1.2.3/1.2.3.4")).doesNotExist();
        assertThat(data.resolve("misnamed")).doesNotExist();
        assertThat(data.resolve("broken")).doesNotExist();
        assertThat(data.resolve("layout-version")).hasContent("1");
        assertThat(logged()).hasSize(5).anyMatch(m -> m.contains("misnamed/9.9.9.dcm")
                && m.contains("Microsoft.Default/1.2.9/1.2.9.1/1.2.9.1.1/instance.dcm"))
                .anyMatch(m -> m.contains("unreadable") && m.contains("broken/garbage.dcm"));
    }

    @Test
    void theLayoutStaysAndOnlyForeignFilesMoveWhenTheLayoutFileIsMissing() throws IOException {
        InstanceKey ours = key("1.2.3", "1.2.3.4", "1.2.3.4.5");
        InstanceKey foreign = key("5.5", "5.5.5", "5.5.5.5");
        try (Archive archive = Archive.open(data, clock)) {
            Instances.store(archive, bytes(ours, "A^B"), false);
        }
        Files.delete(data.resolve("layout-version"));
        write("Microsoft.Default/1.2.3/1.2.3.4/1.2.3.4.5/extra.dcm", bytes(foreign, "C^D"));

        try (Archive archive = Archive.open(data, clock)) {
            assertThat(archive.findInstances(PARTITION, "1.2.3", null, null))
                    .containsExactly(ours);
            assertThat(archive.findInstances(PARTITION, "5.5", null, null))
                    .containsExactly(foreign);
            assertThat(archive.changeFeedSize()).isEqualTo(2);
        }
        assertThat(logged()).hasSize(1);
    }

    @Test
    void aFolderInTheCurrentLayoutIsNotSearchedAgain() throws IOException {
        write("legacy/a.dcm", bytes(key("1.2", "1.2.3", "1.2.3.4"), "A^B"));
        Archive.open(data, clock).close();
        records.clear();

        try (Storage storage = Storage.open(data)) {
            assertThat(storage.wasMigrated()).isFalse();
        }
        assertThat(logged()).isEmpty();
    }

    private void write(String relative, byte[] bytes) throws IOException {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    // One message per migrated file, parameters filled in (the summary line left out).
    private List<String> logged() {
        return records.stream()
                .map(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                .filter(m -> !m.startsWith("Migrating "))
                .collect(Collectors.toList());
    }
}
