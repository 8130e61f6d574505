// SPDX-License-Identifier: MIT
package dicomite.store;

import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder in the flat layout of earlier versions, {@code {data}/{study}/{series}/{sop}.dcm},
 * is moved into the current layout when a server first opens it, and the server then answers for
 * those instances over HTTP as if they had been stored through it (spec §2.2 step 5, §5).
 */
class LegacyLayoutTest {
    private static final byte[] GARBAGE = "not DICOM, just text\n".repeat(20)
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;

    /** Five instances in two studies and three series, one with 64 KiB of pixel data. */
    private static List<TestInstance> instances() {
        TestInstance first = TestInstance.fresh(0);
        TestInstance other = TestInstance.fresh(0);
        String series = DicomFiles.uid();
        return List.of(first,
                TestInstance.inSeries(first.study(), first.series(), 64 * 1024),
                TestInstance.inSeries(first.study(), series, 0),
                TestInstance.inSeries(first.study(), series, 0),
                other);
    }

    private Path legacyFile(TestInstance instance) {
        return data.resolve(instance.study()).resolve(instance.series())
                .resolve(instance.sop() + ".dcm");
    }

    private List<TestInstance> writeLegacyTree() throws IOException {
        List<TestInstance> instances = instances();
        for (TestInstance instance : instances) {
            Files.createDirectories(legacyFile(instance).getParent());
            Files.write(legacyFile(instance), instance.bytes());
        }
        return instances;
    }

    private Path writeUnreadable(TestInstance beside) throws IOException {
        Path file = legacyFile(beside).resolveSibling("1.2.3.4.5.6.dcm");
        Files.write(file, GARBAGE);
        return file;
    }

    @Test
    void flatLegacyFilesMoveIntoTheLayoutWithTheirBytesUnchanged() throws Exception {
        List<TestInstance> instances = writeLegacyTree();
        Path unreadable = writeUnreadable(instances.get(0));

        ServerFixture.start(data).close();

        for (TestInstance instance : instances) {
            assertThat(instance.fileIn(data)).as("migrated %s", instance).exists();
            assertThat(Files.readAllBytes(instance.fileIn(data))).as("bytes of %s", instance)
                    .isEqualTo(instance.bytes());
            assertThat(legacyFile(instance)).as("old place of %s", instance).doesNotExist();
        }
        assertThat(unreadable).doesNotExist();
        assertThat(data.resolve(instances.get(0).study())).as("emptied legacy study folder")
                .doesNotExist();
    }

    @Test
    void anUnreadableLegacyFileIsMovedAsideNotDeleted() throws Exception {
        List<TestInstance> instances = writeLegacyTree();
        writeUnreadable(instances.get(0));

        ServerFixture.start(data).close();

        List<Path> copies = filesWithBytes(GARBAGE);
        assertThat(copies).as("files holding the unreadable bytes").hasSize(1);
        assertThat(copies.get(0)).as("where it went").startsWith(data.resolve(".unreadable"));
    }

    @Test
    void migratedInstancesAreKnownDeletableAndStorableAgain() throws Exception {
        List<TestInstance> instances = writeLegacyTree();
        writeUnreadable(instances.get(0));

        try (ServerFixture server = ServerFixture.start(data)) {
            StoreProbe probe = new StoreProbe(server.client(), server.baseUri());
            for (TestInstance instance : instances) {
                probe.assertKnown(instance);
                probe.assertDeletes(instance);
                assertThat(instance.fileIn(data)).as("deleted %s", instance).doesNotExist();
                probe.assertStoresAnew(instance);
                assertThat(Files.readAllBytes(instance.fileIn(data))).isEqualTo(instance.bytes());
            }
        }
    }

    @Test
    void aRestartAfterMigrationKeepsEveryInstanceOnceAndKnown() throws Exception {
        List<TestInstance> instances = writeLegacyTree();
        ServerFixture.start(data).close();

        try (ServerFixture server = ServerFixture.start(data)) {
            StoreProbe probe = new StoreProbe(server.client(), server.baseUri());
            for (TestInstance instance : instances) {
                assertThat(Files.readAllBytes(instance.fileIn(data))).isEqualTo(instance.bytes());
                probe.assertKnown(instance);
            }
            assertThat(instanceFiles()).hasSize(instances.size());
        }
    }

    @Test
    void aLegacyFileIsPlacedByTheUIDsItHoldsNotByItsName() throws Exception {
        TestInstance instance = TestInstance.fresh(0);
        Path misnamed = data.resolve("exports").resolve("scan-0001.dcm");
        Files.createDirectories(misnamed.getParent());
        Files.write(misnamed, instance.bytes());

        try (ServerFixture server = ServerFixture.start(data)) {
            assertThat(Files.readAllBytes(instance.fileIn(data))).isEqualTo(instance.bytes());
            assertThat(misnamed).doesNotExist();
            new StoreProbe(server.client(), server.baseUri()).assertKnown(instance);
        }
    }

    @Test
    void aSecondLegacyCopyOfAnInstanceIsMovedAsideNotDeleted() throws Exception {
        List<TestInstance> instances = writeLegacyTree();
        TestInstance twice = instances.get(0);
        Path copy = data.resolve("copies").resolve(twice.sop() + ".dcm");
        Files.createDirectories(copy.getParent());
        Files.write(copy, twice.bytes());

        try (ServerFixture server = ServerFixture.start(data)) {
            List<Path> found = filesWithBytes(twice.bytes());
            assertThat(found).as("files holding %s", twice).hasSize(2)
                    .contains(twice.fileIn(data));
            assertThat(found).filteredOn(path -> !path.equals(twice.fileIn(data)))
                    .allSatisfy(path -> assertThat(path).startsWith(data.resolve(".duplicates")));
            StoreProbe probe = new StoreProbe(server.client(), server.baseUri());
            probe.assertKnown(twice);
            probe.assertDeletes(twice);
            probe.assertDeleteFindsNothing(twice);
        }
    }

    private List<Path> filesWithBytes(byte[] bytes) throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> Arrays.equals(read(path), bytes)).toList();
        }
    }

    private List<Path> instanceFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".dcm")).toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
