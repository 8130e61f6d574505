// SPDX-License-Identifier: MIT
package dicomite.storage;

import dicomite.storage.FrameExtraction.Plan;
import dicomite.storage.FrameExtraction.Segment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Objects;

/**
 * One frame read straight from its stored file by its {@link Plan}, for a request served before
 * the frame cache has written the frame: the byte runs are read at their offsets through a
 * {@link FileChannel} (positional reads, never the whole file), one after the other. A 1-bit
 * frame (PS3.5 §D.2) is read whole and realigned in memory by
 * {@link FrameExtraction#bitsOf}; such frames are small.
 *
 * <p>The stream owns the channel and closes it. One thread at a time.
 */
final class FrameInput extends InputStream {
    private final FileChannel channel;
    private final List<Segment> segments;
    private int segment; // index of the run being read
    private long done; // bytes of that run already read

    private FrameInput(FileChannel channel, List<Segment> segments) {
        this.channel = channel;
        this.segments = segments;
    }

    /**
     * The frame's bytes, read through the channel, which the stream then owns.
     *
     * @throws IOException when a 1-bit frame cannot be read (the channel is closed then)
     */
    static InputStream open(FileChannel channel, Plan plan) throws IOException {
        if (plan instanceof Plan.Bits bits) {
            try (channel) {
                return new ByteArrayInputStream(
                        FrameExtraction.bitsOf(new FrameSource.OfChannel(channel), bits));
            }
        }
        return new FrameInput(channel, ((Plan.Bytes) plan).segments());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /**
     * Reads from the current run at its file offset.
     *
     * @throws java.io.EOFException when the file ends inside a run
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        while (segment < segments.size() && done == segments.get(segment).length()) {
            segment++;
            done = 0;
        }
        if (segment == segments.size()) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        Segment run = segments.get(segment);
        int n = (int) Math.min(len, run.length() - done);
        int read = channel.read(ByteBuffer.wrap(b, off, n), run.offset() + done);
        if (read < 0) {
            throw FrameExtraction.endedEarly(run.offset(), run.length());
        }
        done += read;
        return read;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
