// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.dicom.UIDRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The data folder on disk, and the only class that turns UIDs into paths. Layout (version 1):
 * <pre>
 * {data}/layout-version                    "1"
 * {data}/index.sqlite                      the index (see {@link Index})
 * {data}/.lock                             held while a server uses the folder
 * {data}/.tmp/                             files being received; emptied at start
 * {data}/.unreadable/ and .duplicates/     files set aside by migration and recovery
 * {data}/{partition}/{study}/{series}/{sop}/instance.dcm      the current version
 *                                          /original.dcm      the first version after an update
 *                                          /instance.dcm.new  a replacement not yet swapped in
 *                                          /frames/           the frame cache
 * </pre>
 * A partition folder is the partition name (spec §11: 1 to 64 of A-Z a-z 0-9 . _ -), except
 * that a leading '.' is written "%2E", so that ".", ".." and ".tmp" stay ordinary folders.
 *
 * <p>Invariants: every path handed out is checked to lie under the root
 * ({@link #checkPathWithinRoot}); UIDs must be UID-valid without padding (spec §0), which callers
 * check first, so a bad one here is a programming error. Files arrive only by rename from
 * {@code .tmp}, after an fsync, so an instance file is never seen half written. The folder
 * entry of a rename is not fsynced (about 1 ms each on a plain disk, more than the rest of a
 * store): a killed process loses nothing by it, and after a power loss the next start compares
 * the files with the index ({@link Recovery}).
 *
 * <p>Opening takes an exclusive lock on the folder, so that two servers never share it. A
 * folder without a layout-version file (one Dicomite never opened, or an older or foreign
 * layout such as a flat {@code {study}/{series}/{sop}.dcm} tree) is searched for {@code .dcm}
 * files outside the layout, which {@link LayoutMigration} moves in under the UIDs read from
 * each file. Thread-safe: the methods touch disjoint instance folders or tolerate races on the
 * shared series and study folders (see {@link #moveIntoPlace}).
 */
public final class Storage implements AutoCloseable {
    static final int LAYOUT_VERSION = 1;
    static final String LAYOUT_FILE = "layout-version";
    static final String INDEX_FILE = "index.sqlite";
    static final String INSTANCE_FILE = "instance.dcm";
    static final String ORIGINAL_FILE = "original.dcm";
    static final String PENDING_FILE = "instance.dcm.new";
    static final String FRAMES_FOLDER = "frames";
    static final String UNREADABLE_FOLDER = ".unreadable";
    static final String DUPLICATES_FOLDER = ".duplicates";
    private static final String TEMP_FOLDER = ".tmp";
    private static final String LOCK_FILE = ".lock";
    private static final String ESCAPED_DOT = "%2E";
    private static final Pattern PARTITION_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MOVE_ATTEMPTS = 3;
    private static final System.Logger LOG = System.getLogger(Storage.class.getName());

    private final Path root;
    private final Path temp;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final AtomicLong tempCounter = new AtomicLong();
    private boolean migrated; // the folder had no layout-version file when opened

    private Storage(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.temp = root.resolve(TEMP_FOLDER);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens a data folder, creating it if missing: locks it, empties {@code .tmp}, and migrates
     * {@code .dcm} files outside the layout when the folder has no layout-version file (one log
     * line per file). The layout-version file is written by {@link #markLayoutCurrent}, once
     * the index knows the migrated files.
     *
     * <pre>{@code try (Storage storage = Storage.open(Path.of("data"))) { ... }}</pre>
     *
     * @throws IOException when the folder cannot be created or locked, is in use by another
     *     server, or has a layout version this Dicomite does not know
     */
    public static Storage open(Path dataFolder) throws IOException {
        Files.createDirectories(dataFolder);
        Path root = dataFolder.toRealPath();
        FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        Storage storage = new Storage(root, channel, lockOf(channel, root));
        try {
            storage.prepare();
            return storage;
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static FileLock lockOf(FileChannel channel, Path root) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by another Storage of this JVM: the same answer as another process
        }
        channel.close();
        throw new IOException("The data folder " + root + " is in use by another Dicomite"
                + " server (it holds " + root.resolve(LOCK_FILE) + ")");
    }

    private void prepare() throws IOException {
        deleteTree(temp);
        Files.createDirectories(temp);
        Path layoutFile = root.resolve(LAYOUT_FILE);
        if (Files.exists(layoutFile)) {
            checkLayoutVersion(layoutFile);
            return;
        }
        migrated = true;
        new LayoutMigration(this).run();
    }

    private void checkLayoutVersion(Path layoutFile) throws IOException {
        String text = Files.readString(layoutFile, StandardCharsets.US_ASCII).strip();
        if (!text.equals(String.valueOf(LAYOUT_VERSION))) {
            throw new IOException("The data folder " + root + " has layout version '" + text
                    + "' in " + layoutFile + "; this Dicomite reads version " + LAYOUT_VERSION);
        }
    }

    /** True when opening searched the folder for files outside the layout. */
    boolean wasMigrated() {
        return migrated;
    }

    /**
     * Writes the layout-version file, telling later starts that the folder holds only the
     * layout and needs no search.
     *
     * @throws IOException when the file cannot be written
     */
    void markLayoutCurrent() throws IOException {
        Path staged = temp.resolve(LAYOUT_FILE);
        Files.writeString(staged, LAYOUT_VERSION + "\n", StandardCharsets.US_ASCII);
        Files.move(staged, root.resolve(LAYOUT_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    Path root() {
        return root;
    }

    Path indexFile() {
        return root.resolve(INDEX_FILE);
    }

    /**
     * A new, empty file under {@code .tmp} to receive an upload.
     *
     * @throws IOException when it cannot be created (disk full, folder gone)
     */
    public TempFile newTempFile() throws IOException {
        return new TempFile(temp.resolve("part-" + tempCounter.incrementAndGet() + "-"
                + Long.toHexString(System.nanoTime()) + ".tmp"));
    }

    /** A new, empty folder under {@code .tmp}, named {@code {prefix}…}; IOException if not. */
    Path newTempFolder(String prefix) throws IOException {
        return Files.createTempDirectory(temp, prefix);
    }

    /**
     * The stored bytes of the instance's current version; the caller closes the stream.
     *
     * @throws NoSuchFileException when the instance has no file
     * @throws IllegalArgumentException when the key is not valid (see the class notes)
     */
    public InputStream open(InstanceKey key) throws IOException {
        return Files.newInputStream(instanceFile(key));
    }

    /**
     * The length in bytes of the instance's current version.
     *
     * @throws NoSuchFileException when the instance has no file
     */
    public long size(InstanceKey key) throws IOException {
        return Files.size(instanceFile(key));
    }

    /** The folder of the instance's cached frames (it may not exist yet). */
    public Path framesFolder(InstanceKey key) {
        return checkPathWithinRoot(instanceFolder(key).resolve(FRAMES_FOLDER));
    }

    Path instanceFile(InstanceKey key) {
        return checkPathWithinRoot(instanceFolder(key).resolve(INSTANCE_FILE));
    }

    private Path pendingFile(InstanceKey key) {
        return checkPathWithinRoot(instanceFolder(key).resolve(PENDING_FILE));
    }

    private Path instanceFolder(InstanceKey key) {
        requireValid(key);
        return checkPathWithinRoot(root.resolve(partitionFolder(key.partition()))
                .resolve(key.study()).resolve(key.series()).resolve(key.sop()));
    }

    private static void requireValid(InstanceKey key) {
        if (!PARTITION_NAME.matcher(key.partition()).matches()) {
            throw new IllegalArgumentException("Partition name '" + key.partition()
                    + "' must be 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        for (String uid : new String[] {key.study(), key.series(), key.sop()}) {
            if (!UIDRules.isValid(uid) || !uid.equals(InstanceKey.trim(uid))) {
                throw new IllegalArgumentException("UID '" + uid + "' of " + key + " must be"
                        + " digits and dots, at most 64, ending with a digit, without padding");
            }
        }
    }

    /**
     * The path, normalised, when it lies strictly under the root.
     *
     * @throws IllegalArgumentException when it does not
     */
    Path checkPathWithinRoot(Path path) {
        Path normal = path.toAbsolutePath().normalize();
        if (!normal.startsWith(root) || normal.equals(root)) {
            throw new IllegalArgumentException("Path " + path + " is outside the data folder "
                    + root);
        }
        return normal;
    }

    static String partitionFolder(String partition) {
        return partition.startsWith(".") ? ESCAPED_DOT + partition.substring(1) : partition;
    }

    private static String partitionOfFolder(String folder) {
        return folder.startsWith(ESCAPED_DOT) ? "." + folder.substring(ESCAPED_DOT.length())
                : folder;
    }

    /**
     * The instance whose current or original version is this file, when the path (relative
     * to the root) is in the layout; empty for any other path.
     */
    Optional<InstanceKey> findKeyOf(Path relative) {
        if (relative.getNameCount() != 5) {
            return Optional.empty();
        }
        String name = relative.getFileName().toString();
        if (!name.equals(INSTANCE_FILE) && !name.equals(ORIGINAL_FILE)) {
            return Optional.empty();
        }
        InstanceKey key = new InstanceKey(partitionOfFolder(relative.getName(0).toString()),
                relative.getName(1).toString(), relative.getName(2).toString(),
                relative.getName(3).toString());
        try {
            requireValid(key);
            return Optional.of(key);
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * Fsyncs the received file and renames it to the instance's {@code instance.dcm}, replacing
     * any file there. A concurrent delete may remove the empty series or study folder between
     * creating it and the rename; the move is then tried again.
     *
     * @throws IOException when syncing or moving fails
     */
    void moveIntoPlace(TempFile file, InstanceKey key) throws IOException {
        file.sync();
        moveCreatingFolders(file.path(), instanceFile(key));
        file.markMoved();
    }

    /**
     * As {@link #moveIntoPlace}, but to {@code instance.dcm.new} beside the current version,
     * which stays until {@link #swapPending}.
     *
     * @throws IOException when syncing or moving fails
     */
    void moveBeside(TempFile file, InstanceKey key) throws IOException {
        file.sync();
        moveCreatingFolders(file.path(), pendingFile(key));
        file.markMoved();
    }

    private static void moveCreatingFolders(Path source, Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(target.getParent());
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (NoSuchFileException e) {
                if (attempt == MOVE_ATTEMPTS || !Files.exists(source)) {
                    throw e;
                }
            }
        }
    }

    /** True when a replacement waits beside the instance's current version. */
    boolean hasPending(InstanceKey key) {
        return Files.exists(pendingFile(key));
    }

    /**
     * Makes the waiting replacement the current version (an atomic rename over it) and drops
     * what belonged to the old version: {@code original.dcm} and the frame cache. Does only the
     * second part when there is no replacement waiting, so it can be repeated after a crash.
     *
     * @throws IOException when renaming or deleting fails
     */
    void swapPending(InstanceKey key) throws IOException {
        Path pending = pendingFile(key);
        if (Files.exists(pending)) {
            Files.move(pending, instanceFile(key), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(instanceFolder(key).resolve(ORIGINAL_FILE));
        deleteTree(framesFolder(key));
    }

    /**
     * Deletes a replacement that was not committed.
     *
     * @throws IOException when it cannot be deleted
     */
    void discardPending(InstanceKey key) throws IOException {
        Files.deleteIfExists(pendingFile(key));
    }

    /**
     * Deletes the instance's folder (every version, the frame cache), then its series and study
     * folders if that left them empty. Missing files are not an error.
     *
     * @throws IOException when a file cannot be deleted
     */
    void deleteInstance(InstanceKey key) throws IOException {
        Path folder = instanceFolder(key);
        deleteTree(folder);
        deleteEmptyFolders(folder.getParent(), root.resolve(partitionFolder(key.partition())));
    }

    /** Deletes empty folders from {@code folder} up to, not including, {@code stop}. */
    void deleteEmptyFolders(Path folder, Path stop) throws IOException {
        for (Path f = folder; f != null && f.startsWith(root) && !f.equals(stop)
                && !f.equals(root); f = f.getParent()) {
            try {
                Files.deleteIfExists(f);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /**
     * Moves the instance's folder aside to {@code .unreadable}, keeping its relative path, and
     * logs why; used when a file in the layout turns out not to be what its path says.
     *
     * @throws IOException when it cannot be moved
     */
    void moveAside(InstanceKey key, String reason) throws IOException {
        Path folder = instanceFolder(key);
        Path target = moveAside(folder, UNREADABLE_FOLDER);
        LOG.log(Level.WARNING, "Moved {0} aside to {1}: {2}", root.relativize(folder),
                root.relativize(target), reason);
        deleteEmptyFolders(folder.getParent(), root.resolve(partitionFolder(key.partition())));
    }

    /**
     * Moves a file or folder under the root to the same relative path under
     * {@code {data}/{aside}}, with ".1", ".2"... added when that name is taken; returns where.
     *
     * @throws IOException when it cannot be moved
     */
    Path moveAside(Path path, String aside) throws IOException {
        Path relative = root.relativize(path);
        Path target = checkPathWithinRoot(root.resolve(aside).resolve(relative));
        for (int n = 1; Files.exists(target); n++) {
            target = target.resolveSibling(relative.getFileName() + "." + n);
        }
        Files.createDirectories(target.getParent());
        move(path, target);
        return target;
    }

    /**
     * Renames within the data folder, atomically where the file system can.
     *
     * @throws IOException when it cannot be moved
     */
    static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target); // another file system is mounted inside the folder
        }
    }

    /**
     * Calls back with the key of every instance in the layout (each {@code instance.dcm}) and
     * of every replacement waiting beside one ({@code instance.dcm.new}), skipping the hidden
     * folders and the frame caches.
     *
     * @throws IOException when a folder cannot be listed
     */
    void forEachInstance(Consumer<InstanceKey> instances, Consumer<InstanceKey> pending)
            throws IOException {
        Files.walkFileTree(root, java.util.Set.of(), 5, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return isSkipped(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (name.equals(INSTANCE_FILE)) {
                    findKeyOf(root.relativize(file)).ifPresent(instances);
                } else if (name.equals(PENDING_FILE)) {
                    findKeyOf(root.relativize(file.resolveSibling(INSTANCE_FILE)))
                            .ifPresent(pending);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** True for the hidden folders at the root and the frame caches. */
    boolean isSkipped(Path dir) {
        Path relative = root.relativize(dir);
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return relative.getNameCount() == 1 && name.startsWith(".")
                || relative.getNameCount() == 5 && name.equals(FRAMES_FOLDER);
    }

    /**
     * Deletes a file or a folder with everything in it; nothing when it does not exist.
     *
     * @throws IOException when something cannot be deleted
     */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Releases the folder's lock. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            lockChannel.close();
        }
    }
}
