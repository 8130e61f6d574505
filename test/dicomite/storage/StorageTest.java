// SPDX-License-Identifier: MIT
package dicomite.storage;

import static dicomite.storage.Instances.bytes;
import static dicomite.storage.Instances.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
    @TempDir
    Path data;

    @Test
    void openingCreatesTheFolderAndItsTempFolderAndTheLayoutFileOnceMarked() throws IOException {
        Path folder = data.resolve("new/data");
        try (Storage storage = Storage.open(folder)) {
            assertThat(folder.resolve(".tmp")).isDirectory();
            storage.markLayoutCurrent();
        }
        assertThat(folder.resolve("layout-version")).hasContent("1");
    }

    @Test
    void refusesAFolderWithANewerLayout() throws IOException {
        Files.writeString(data.resolve("layout-version"), "2\n");

        assertThatThrownBy(() -> Storage.open(data)).isInstanceOf(IOException.class)
                .hasMessageContaining("layout version '2'");
    }

    @Test
    void aSecondOpenOfTheSameFolderFailsUntilTheFirstCloses() throws IOException {
        try (Storage first = Storage.open(data)) {
            assertThat(first.indexFile().getFileName()).hasToString("index.sqlite");
            assertThatThrownBy(() -> Storage.open(data)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use by another Dicomite server");
        }
        Storage.open(data).close();
    }

    @Test
    void tempFileIsDeletedOnCloseUnlessMovedIntoPlace() throws IOException {
        try (Storage storage = Storage.open(data)) {
            TempFile discarded = Instances.temp(storage, new byte[] {1, 2, 3});
            assertThat(discarded.size()).isEqualTo(3);
            assertThat(discarded.openInput()).hasBinaryContent(new byte[] {1, 2, 3});
            discarded.close();
            assertThat(discarded.path()).doesNotExist();

            InstanceKey key = key("1.2", "1.2.3", "1.2.3.4");
            try (TempFile kept = Instances.temp(storage, new byte[] {4, 5})) {
                storage.moveIntoPlace(kept, key);
            }
            assertThat(Instances.read(storage, key)).containsExactly(4, 5);
            assertThat(Files.list(data.resolve(".tmp"))).isEmpty();
        }
    }

    @Test
    void leftoverTempFilesAreDeletedAtOpen() throws IOException {
        Files.createDirectories(data.resolve(".tmp"));
        Files.write(data.resolve(".tmp/part-1.tmp"), new byte[] {1});

        Storage.open(data).close();

        assertThat(Files.list(data.resolve(".tmp"))).isEmpty();
    }

    @Test
    void refusesKeysThatCouldLeaveTheRoot() throws IOException {
        try (Storage storage = Storage.open(data)) {
            for (InstanceKey bad : List.of(new InstanceKey("", "1", "2", "3"),
                    new InstanceKey("a/b", "1", "2", "3"),
                    new InstanceKey("../..", "1", "2", "3"),
                    new InstanceKey("P", "..", "2", "3"),
                    new InstanceKey("P", "1/../../..", "2", "3"),
                    new InstanceKey("P", "1", "2", "/etc"),
                    new InstanceKey("P", "1", "2", "3 "),
                    new InstanceKey("P", "1", "2", ""))) {
                assertThatThrownBy(() -> storage.open(bad)).as(bad.toString())
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> storage.checkPathWithinRoot(data.resolve("x/../..")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside the data folder");
        }
    }

    @Test
    void partitionNamesStartingWithADotStayOrdinaryFolders() throws IOException {
        try (Storage storage = Storage.open(data)) {
            for (String partition : List.of("..", ".", ".tmp")) {
                InstanceKey key = InstanceKey.of(partition, "1.2", "1.2.3", "1.2.3.4");
                try (TempFile temp = Instances.temp(storage, bytes(key, "A^B"))) {
                    storage.moveIntoPlace(temp, key);
                }
                Path file = data.resolve("%2E" + partition.substring(1)
                        + "/1.2/1.2.3/1.2.3.4/instance.dcm");
                assertThat(file).as(partition).isRegularFile();
                assertThat(storage.findKeyOf(data.relativize(file))).contains(key);
            }
        }
    }

    @Test
    void deletingAnInstanceRemovesItsFramesAndEmptiedParentsButNotThePartition()
            throws IOException {
        try (Storage storage = Storage.open(data)) {
            InstanceKey key = key("1.2", "1.2.3", "1.2.3.4");
            try (TempFile temp = Instances.temp(storage, new byte[] {1})) {
                storage.moveIntoPlace(temp, key);
            }
            Files.createDirectories(storage.framesFolder(key));
            Files.write(storage.framesFolder(key).resolve("1.raw"), new byte[] {1});

            storage.deleteInstance(key);

            assertThat(data.resolve("Microsoft.Default")).isEmptyDirectory();
        }
    }
}
