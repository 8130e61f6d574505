// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The extraction of one version of an instance's frames, planned by the request that found
 * them missing ({@link FrameExtraction#plan}) and run by the {@link FrameCache}'s worker, while
 * requests read frames straight from the stored file by the plan ({@link #openPlanned}).
 *
 * <p>Its state only moves forward: {@code PLANNED}, then {@code EXTRACTED} when the frames
 * folder is in place, and {@code RETIRED} when the cache stops vouching that the stored file is
 * the planned one (the instance was cleared for a delete or a replace, its frames were evicted,
 * or the extraction failed). The cache retires a job before the file is deleted or replaced, so
 * a channel opened while the job is not retired reads the planned file. Thread-safe.
 */
final class FrameJob {
    /** Where the job stands. */
    enum State { PLANNED, EXTRACTED, RETIRED }

    private final StoredInstance instance;
    private final FrameExtraction.Planned planned;
    private final FrameMarker marker;
    private final AtomicReference<State> state = new AtomicReference<>(State.PLANNED);
    private final AtomicBoolean submitted = new AtomicBoolean();

    FrameJob(StoredInstance instance, FrameExtraction.Planned planned) {
        this.instance = instance;
        this.planned = planned;
        this.marker = new FrameMarker(instance.version(), planned.bitsAllocated(),
                planned.lengths());
    }

    StoredInstance instance() {
        return instance;
    }

    FrameExtraction.Planned planned() {
        return planned;
    }

    /** The frames as they will be written. */
    FrameMarker marker() {
        return marker;
    }

    State state() {
        return state.get();
    }

    /** True once, for the caller that hands the job to the worker. */
    boolean claimSubmission() {
        return submitted.compareAndSet(false, true);
    }

    /** Marks the frames written; false when the job was retired first. */
    boolean markExtracted() {
        return state.compareAndSet(State.PLANNED, State.EXTRACTED);
    }

    void retire() {
        state.set(State.RETIRED);
    }

    /**
     * Frame {@code frame} (from 1) read from {@code file} by the plan; empty when the job was
     * retired, as the file may then be another version or gone.
     *
     * @throws java.nio.file.NoSuchFileException when the file is gone
     * @throws IOException when it cannot be opened
     */
    Optional<InputStream> openPlanned(Path file, int frame) throws IOException {
        FileChannel channel = FileChannel.open(file); // read only
        // Checked after opening: a job still live then means the channel has the planned file.
        if (state() == State.RETIRED) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(FrameInput.open(channel, planned.plans().get(frame - 1)));
    }
}
