// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.dicom.Dataset;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Tag;
import dicomite.dicom.UIDRules;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Moves the DICOM files of an older or foreign layout into the layout of {@link Storage}: every
 * {@code .dcm} file in the data folder that is not an instance or original file of the layout,
 * for example a flat {@code {study}/{series}/{sop}.dcm} tree, goes to the place the UIDs read
 * from the file (not its name) give, in the default partition. Nothing is lost: a file that
 * cannot be read or lacks a valid Study, Series or SOP Instance UID goes to
 * {@code .unreadable/}, and a second file with the UIDs of one already in place to
 * {@code .duplicates/}, both under its old relative path. One log line per file. Folders the
 * moves leave empty are removed; other files are left where they are.
 *
 * <p>Runs once, when {@link Storage#open} finds no layout-version file; a crash part way leaves
 * each file either moved or not, and the next start carries on. Single-threaded.
 */
final class LayoutMigration {
    private static final System.Logger LOG = System.getLogger(LayoutMigration.class.getName());
    private static final int BUFFER = 64 * 1024; // bytes

    private final Storage storage;
    private final Path root;

    LayoutMigration(Storage storage) {
        this.storage = storage;
        this.root = storage.root();
    }

    /**
     * Finds and moves every foreign file.
     *
     * @throws IOException when a folder cannot be listed or a file cannot be moved
     */
    void run() throws IOException {
        List<Path> foreign = findForeignFiles();
        if (foreign.isEmpty()) {
            return;
        }
        LOG.log(Level.INFO, "Migrating {0} DICOM files in {1} into the layout", foreign.size(),
                root);
        for (Path file : foreign) {
            migrate(file);
            storage.deleteEmptyFolders(file.getParent(), root);
        }
    }

    private List<Path> findForeignFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return storage.isSkipped(dir) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && isForeign(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    private boolean isForeign(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".dcm") && storage.findKeyOf(root.relativize(file)).isEmpty();
    }

    private void migrate(Path file) throws IOException {
        Path relative = root.relativize(file);
        InstanceKey key;
        try {
            key = keyOf(readHeader(file));
        } catch (IOException | IllegalArgumentException e) {
            Path aside = storage.moveAside(file, Storage.UNREADABLE_FOLDER);
            LOG.log(Level.WARNING, "Moved unreadable {0} aside to {1}: {2}", relative,
                    root.relativize(aside), e.getMessage());
            return;
        }
        Path target = storage.instanceFile(key);
        if (Files.exists(target)) {
            Path aside = storage.moveAside(file, Storage.DUPLICATES_FOLDER);
            LOG.log(Level.WARNING, "Moved {0} aside to {1}: instance {2} is already at {3}",
                    relative, root.relativize(aside), key, root.relativize(target));
            return;
        }
        Files.createDirectories(target.getParent());
        Storage.move(file, target);
        LOG.log(Level.INFO, "Migrated {0} to {1}", relative, root.relativize(target));
    }

    private static Part10 readHeader(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            return new Part10Reader(in).withStopBeforePixelData(true).read();
        }
    }

    private static InstanceKey keyOf(Part10 header) {
        Dataset dataset = header.dataset();
        return new InstanceKey(InstanceKey.DEFAULT_PARTITION,
                requireUID(dataset, Tag.StudyInstanceUID, "StudyInstanceUID"),
                requireUID(dataset, Tag.SeriesInstanceUID, "SeriesInstanceUID"),
                requireUID(dataset, Tag.SOPInstanceUID, "SOPInstanceUID"));
    }

    private static String requireUID(Dataset dataset, int tag, String keyword) {
        String value = dataset.getString(tag, "");
        if (!UIDRules.isValid(value)) {
            throw new IllegalArgumentException(keyword + " " + Tag.toString(tag) + " '" + value
                    + "' is missing or not a valid UID");
        }
        return value;
    }
}
