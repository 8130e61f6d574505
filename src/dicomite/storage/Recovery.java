// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Brings the files and the index of a data folder back in step when {@link Archive} opens it.
 *
 * <p>First, every instance row a crash left in a transient status is settled as the write
 * protocol prescribes (see {@link Archive}): creating and deleting → the instance folder and
 * the row go; replacing → {@code instance.dcm.new} goes, the row is created again; swapping →
 * {@code instance.dcm.new} is renamed over the old file, the row is created again.
 *
 * <p>Then, when the index is new (missing or damaged), the folder was just migrated, or the
 * previous run did not close cleanly, the files are compared with the index, the files being
 * the truth: each {@code instance.dcm} without a row is read and indexed, as a store would,
 * with a Create entry; a file that cannot be read or whose UIDs are not those of its folder is
 * moved aside to {@code .unreadable/}; a row without a file is deleted, with a Delete entry; a
 * leftover {@code instance.dcm.new} without a pending row is deleted, the old version being the
 * last one known to be acknowledged. Finally the layout-version file is written. Indexing runs
 * in transactions of {@value #BATCH} instances. Single-threaded, before any request.
 */
final class Recovery {
    private static final int BATCH = 500; // instances per transaction
    private static final int BUFFER = 64 * 1024; // bytes
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    private final Storage storage;
    private final Index index;
    private int indexed;
    private int setAside;

    Recovery(Storage storage, Index index) {
        this.storage = storage;
        this.index = index;
    }

    /**
     * Settles unfinished rows, then compares files and index when needed.
     *
     * @throws IOException when the files or the index fail
     */
    void run() throws IOException {
        settleUnfinished();
        if (index.isNew() || storage.wasMigrated() || !index.wasClosedCleanly()) {
            reconcile();
        }
        if (storage.wasMigrated()) {
            storage.markLayoutCurrent();
        }
    }

    private void settleUnfinished() throws IOException {
        for (Index.Unfinished row : index.findUnfinished()) {
            InstanceKey key = row.key();
            switch (row.status()) {
                case Index.CREATING:
                case Index.DELETING:
                    storage.deleteInstance(key);
                    break;
                case Index.REPLACING:
                    storage.discardPending(key);
                    break;
                default:
                    storage.swapPending(key);
                    break;
            }
            index.settle(row);
            LOG.log(Level.INFO, "Recovered {0} from an interrupted {1}", key,
                    describe(row.status()));
        }
    }

    private static String describe(int status) {
        switch (status) {
            case Index.CREATING:
                return "store (removed: it was not acknowledged)";
            case Index.DELETING:
                return "delete (files removed)";
            case Index.REPLACING:
                return "replacement (the old version stays)";
            default:
                return "replacement (the committed new version swapped in)";
        }
    }

    private void reconcile() throws IOException {
        long start = System.nanoTime();
        Set<InstanceKey> rowsWithoutFiles = index.visibleKeys();
        List<InstanceKey> filesWithoutRows = new ArrayList<>();
        List<InstanceKey> leftoverPending = new ArrayList<>();
        storage.forEachInstance(key -> {
            if (!rowsWithoutFiles.remove(key)) {
                filesWithoutRows.add(key);
            }
        }, leftoverPending::add);
        for (InstanceKey key : leftoverPending) {
            storage.discardPending(key);
            LOG.log(Level.WARNING, "Deleted an uncommitted replacement of {0}", key);
        }
        indexFiles(filesWithoutRows);
        for (InstanceKey key : rowsWithoutFiles) {
            index.markDeleting(new Index.Selection(key.partition(), key.study(), key.series(),
                    key.sop(), null));
            index.forget(List.of(key));
            LOG.log(Level.WARNING, "Removed {0} from the index: its file is gone", key);
        }
        boolean changed = indexed + setAside + rowsWithoutFiles.size() > 0;
        LOG.log(changed ? Level.INFO : Level.DEBUG, "Checked the index against the files in"
                + " {0} ms: indexed {1} files,"
                + " set aside {2}, removed {3} rows without a file",
                (System.nanoTime() - start) / 1_000_000, indexed, setAside,
                rowsWithoutFiles.size());
    }

    private void indexFiles(List<InstanceKey> keys) throws IOException {
        List<InstanceFacts> batch = new ArrayList<>(BATCH);
        for (InstanceKey key : keys) {
            InstanceFacts facts = describeFile(key);
            if (facts != null) {
                batch.add(facts);
            }
            if (batch.size() == BATCH) {
                index.insertFound(batch);
                batch.clear();
            }
        }
        index.insertFound(batch);
    }

    // The facts of a file found on disk, or null when it was moved aside (logged).
    private InstanceFacts describeFile(InstanceKey key) throws IOException {
        InstanceFacts facts;
        try (InputStream in = new BufferedInputStream(storage.open(key), BUFFER)) {
            Part10 header = new Part10Reader(in).withStopBeforePixelData(true).read();
            facts = InstanceFacts.describe(key.partition(), header, storage.size(key));
        } catch (IOException | IllegalArgumentException e) {
            storage.moveAside(key, "it cannot be indexed: " + e.getMessage());
            setAside++;
            return null;
        }
        if (!facts.key().equals(key)) {
            storage.moveAside(key, "its UIDs are " + facts.key());
            setAside++;
            return null;
        }
        LOG.log(Level.DEBUG, "Indexed {0}", key);
        indexed++;
        return facts;
    }
}
