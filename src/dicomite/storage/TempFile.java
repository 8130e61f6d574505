// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file being received, under {@code {data}/.tmp}: the store handler writes an uploaded part
 * into {@link #output()}, may read it back with {@link #openInput()}, and hands it to
 * {@link Archive#store}, which moves it into place. Closing deletes it unless it was moved, so
 * try-with-resources leaves nothing behind whatever happens; whatever a crash leaves in
 * {@code .tmp} is deleted at the next start. One thread at a time.
 *
 * <pre>{@code
 * try (TempFile temp = storage.newTempFile()) {
 *     body.transferTo(temp.output());
 *     StoreOutcome outcome = archive.store(temp, facts, false);
 * }
 * }</pre>
 */
public final class TempFile implements AutoCloseable {
    private static final int BUFFER = 64 * 1024; // bytes

    private final Path path;
    private final FileChannel channel;
    private final Output output;
    private boolean moved;
    private boolean closed;

    TempFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        this.output = new Output();
    }

    /** Where to write the content; the same stream at every call. Closing it is optional. */
    public OutputStream output() {
        return output;
    }

    /** The number of bytes written so far. */
    public long size() {
        return output.size;
    }

    /**
     * The bytes written so far, from the start (the output is flushed first).
     *
     * @throws IOException when the file cannot be read or was moved or deleted
     */
    public InputStream openInput() throws IOException {
        output.flush();
        return new BufferedInputStream(Files.newInputStream(path), BUFFER);
    }

    /**
     * Flushes the content to the disk (fsync), so that a renamed file is never found empty or
     * short after a power loss; the output is closed.
     *
     * @throws IOException when writing or syncing fails
     */
    void sync() throws IOException {
        output.flush();
        if (channel.isOpen()) {
            channel.force(false);
            channel.close();
        } else {
            try (FileChannel reopened = FileChannel.open(path, StandardOpenOption.WRITE)) {
                reopened.force(false);
            }
        }
    }

    Path path() {
        return path;
    }

    /** Records that the file now lives elsewhere, so that closing does not delete it. */
    void markMoved() {
        moved = true;
    }

    /**
     * Closes the output and deletes the file unless it was moved into place. Calling it again
     * does nothing.
     *
     * @throws IOException when the file cannot be deleted
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        channel.close();
        if (!moved) {
            Files.deleteIfExists(path);
        }
    }

    // Buffers writes and counts them; closing it flushes and closes the channel only.
    private final class Output extends OutputStream {
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        private long size; // bytes written

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.put((byte) b);
            size++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > buffer.remaining()) {
                flush();
            }
            if (length > buffer.capacity()) {
                writeFully(ByteBuffer.wrap(bytes, offset, length));
            } else {
                buffer.put(bytes, offset, length);
            }
            size += length;
        }

        @Override
        public void flush() throws IOException {
            if (buffer.position() == 0) {
                return;
            }
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }

        private void writeFully(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                flush();
                channel.close();
            }
        }
    }
}
