// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes frames are cut from: a stored file read at offsets, or a value held in memory (a
 * deflated file, inflated). Offsets are the file's, or the value's for bytes in memory.
 */
sealed interface FrameSource permits FrameSource.OfChannel, FrameSource.OfBytes {
    /**
     * Appends {@code length} bytes from {@code offset} to the output.
     *
     * @throws IOException when the source ends first or writing fails
     */
    void transferTo(long offset, long length, FileChannel out) throws IOException;

    /**
     * The {@code length} bytes at {@code offset}.
     *
     * @throws IOException when the source ends first
     */
    byte[] read(long offset, int length) throws IOException;

    /** A file, read through its channel without moving its position. */
    record OfChannel(FileChannel channel) implements FrameSource {
        @Override
        public void transferTo(long offset, long length, FileChannel out) throws IOException {
            for (long done = 0; done < length; ) {
                long n = channel.transferTo(offset + done, length - done, out);
                if (n <= 0 && offset + done >= channel.size()) {
                    throw FrameExtraction.endedEarly(offset, length);
                }
                done += n;
            }
        }

        @Override
        public byte[] read(long offset, int length) throws IOException {
            return FrameExtraction.readAt(channel, offset, length).array();
        }
    }

    /** A value in memory. */
    record OfBytes(byte[] bytes) implements FrameSource {
        @Override
        public void transferTo(long offset, long length, FileChannel out) throws IOException {
            if (offset + length > bytes.length) {
                throw FrameExtraction.endedEarly(offset, length);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, (int) offset, (int) length);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }

        @Override
        public byte[] read(long offset, int length) throws IOException {
            if (offset + length > bytes.length) {
                throw FrameExtraction.endedEarly(offset, length);
            }
            byte[] copy = new byte[length];
            System.arraycopy(bytes, (int) offset, copy, 0, length);
            return copy;
        }
    }
}
