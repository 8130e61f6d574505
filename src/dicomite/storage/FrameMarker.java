// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What a frames folder holds, as its marker file {@value #FILE} records it: the version of the
 * instance the frames were cut from, BitsAllocated (0028,0100) and the length of each frame
 * {@code {n}.raw}. The marker is written last, through a temp file and a rename, so a folder
 * without one was left half written. Immutable (the lengths array is not changed after
 * construction).
 *
 * @param version the instance version the frames belong to
 * @param bitsAllocated BitsAllocated, 0 when absent
 * @param lengths the length in bytes of frame n at index n - 1
 */
record FrameMarker(long version, int bitsAllocated, long[] lengths) {
    static final String FILE = "extracted.properties";

    /** The bytes of all frames. */
    long bytes() {
        return Arrays.stream(lengths).sum();
    }

    /**
     * Writes the marker into the folder, replacing one there.
     *
     * @throws IOException when writing or renaming fails
     */
    void write(Path folder) throws IOException {
        Properties marker = new Properties();
        marker.setProperty("version", Long.toString(version));
        marker.setProperty("bitsAllocated", Integer.toString(bitsAllocated));
        marker.setProperty("lengths", Arrays.stream(lengths).mapToObj(Long::toString)
                .collect(Collectors.joining(",")));
        Path temp = folder.resolve(FILE + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.ISO_8859_1)) {
            marker.store(out, "Frames extracted by Dicomite");
        }
        Files.move(temp, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The marker of the folder when it names this version and every frame file has the length
     * it records; empty when missing, unreadable, of another version or not matching.
     */
    static Optional<FrameMarker> find(Path folder, long version) {
        Properties marker = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve(FILE),
                StandardCharsets.ISO_8859_1)) {
            marker.load(in);
            if (Long.parseLong(marker.getProperty("version", "-1")) != version) {
                return Optional.empty();
            }
            String list = marker.getProperty("lengths", "");
            long[] lengths = list.isEmpty() ? new long[0]
                    : Arrays.stream(list.split(",")).mapToLong(Long::parseLong).toArray();
            for (int n = 1; n <= lengths.length; n++) {
                if (Files.size(folder.resolve(n + ".raw")) != lengths[n - 1]) {
                    return Optional.empty();
                }
            }
            return Optional.of(new FrameMarker(version,
                    Integer.parseInt(marker.getProperty("bitsAllocated", "0")), lengths));
        } catch (IOException | IllegalArgumentException unusable) {
            return Optional.empty();
        }
    }
}
