// SPDX-License-Identifier: MIT
package dicomite.store;

import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index is a cache of the files: when its SQLite file is lost or damaged between two runs,
 * the server rebuilds it from the instance files, and answers over HTTP as before: stored
 * instances are known (45070, spec §2.2 step 5) and deletable (spec §5), deleted ones stay
 * deleted.
 */
class IndexRebuildTest {
    private static final byte[] GARBAGE = "this page is not SQLite".repeat(8)
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;

    /** What the first run stored and kept, and the instance it deleted before stopping. */
    private record FirstRun(List<TestInstance> kept, TestInstance deleted) {
    }

    // Stores a study of two series (one multipart request) and one more instance alone,
    // deletes one of the study's instances, and stops cleanly.
    private FirstRun storeAndStop() throws Exception {
        TestInstance a = TestInstance.fresh(0);
        TestInstance b = TestInstance.inSeries(a.study(), a.series(), 32 * 1024);
        TestInstance c = TestInstance.inSeries(a.study(), DicomFiles.uid(), 0);
        TestInstance d = TestInstance.inSeries(a.study(), c.series(), 0);
        TestInstance e = TestInstance.fresh(0);
        try (ServerFixture server = ServerFixture.start(data)) {
            StoreProbe probe = new StoreProbe(server.client(), server.baseUri());
            assertThat(probe.storeMultipart(a.bytes(), b.bytes(), c.bytes(), d.bytes())
                    .statusCode()).isEqualTo(200);
            assertThat(probe.storeSingle(e.bytes()).statusCode()).isEqualTo(200);
            probe.assertDeletes(d);
        }
        return new FirstRun(List.of(a, b, c, e), d);
    }

    @Test
    void aMissingIndexIsRebuiltFromTheInstanceFiles() throws Exception {
        FirstRun first = storeAndStop();
        Path index = findIndexFile();
        for (Path file : List.of(index, sibling(index, "-wal"), sibling(index, "-shm"))) {
            Files.deleteIfExists(file);
        }

        assertAnswersAsBefore(first);
        assertThat(index).as("a new index").exists();
    }

    @Test
    void aDamagedIndexIsRebuiltFromTheInstanceFilesAndKeptAside() throws Exception {
        FirstRun first = storeAndStop();
        Path index = findIndexFile();
        try (FileChannel channel = FileChannel.open(index, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(GARBAGE), 0);
        }

        assertAnswersAsBefore(first);
        assertThat(filesStartingWith(GARBAGE)).as("the damaged index, kept aside").hasSize(1);
    }

    @Test
    void aRebuiltIndexSurvivesTheNextRestart() throws Exception {
        FirstRun first = storeAndStop();
        Files.delete(findIndexFile());
        try (ServerFixture rebuilt = ServerFixture.start(data)) {
            new StoreProbe(rebuilt.client(), rebuilt.baseUri()).assertKnown(first.kept().get(0));
        }

        assertAnswersAsBefore(first);
    }

    // Restarts over the folder and checks every instance the first run left, through HTTP.
    private void assertAnswersAsBefore(FirstRun first) throws Exception {
        try (ServerFixture server = ServerFixture.start(data)) {
            StoreProbe probe = new StoreProbe(server.client(), server.baseUri());
            TestInstance deleted = first.deleted();
            assertThat(deleted.fileIn(data)).doesNotExist();
            probe.assertDeleteFindsNothing(deleted);
            for (TestInstance instance : first.kept()) {
                assertThat(Files.readAllBytes(instance.fileIn(data))).as("bytes of %s", instance)
                        .isEqualTo(instance.bytes());
                probe.assertKnown(instance);
                probe.assertDeletes(instance);
                assertThat(instance.fileIn(data)).as("deleted %s", instance).doesNotExist();
                probe.assertStoresAnew(instance);
            }
            probe.assertStoresAnew(deleted);
        }
    }

    /** The SQLite file of the index: the one file under the data folder that is a database. */
    private Path findIndexFile() throws IOException {
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        List<Path> databases = filesStartingWith(magic);
        assertThat(databases).as("SQLite files under %s", data).hasSize(1);
        return databases.get(0);
    }

    private List<Path> filesStartingWith(byte[] prefix) throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            return paths.filter(Files::isRegularFile).filter(path -> startsWith(path, prefix))
                    .toList();
        }
    }

    private static boolean startsWith(Path file, byte[] prefix) {
        try (var in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(prefix.length), prefix);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
