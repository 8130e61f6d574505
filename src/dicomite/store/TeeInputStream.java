// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.http.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A stream that writes every byte read from it to a copy, so that a parser reading the header of
 * an uploaded DICOM file and the temporary file receiving it see the same bytes, read once from
 * the request (DESIGN "How data flows": store). Whatever the parser reads ahead, the copy gets,
 * and {@link #copyRest()} adds what it did not read: the copy ends up holding exactly the bytes
 * sent.
 *
 * <p>It counts the bytes against the size limit of one file (spec §2.1) and fails with a 413 as
 * soon as the count passes it, so an oversized part is never read to its end. Memory: one buffer
 * of {@value #BUFFER} bytes in {@link #copyRest()}. Not thread-safe.
 */
final class TeeInputStream extends InputStream {
    private static final int BUFFER = 64 * 1024; // bytes

    private final InputStream in;
    private final OutputStream copy;
    private final long limit; // bytes
    private long count; // bytes read so far

    TeeInputStream(InputStream in, OutputStream copy, long limit) {
        this.in = in;
        this.copy = copy;
        this.limit = limit;
    }

    /** Reads one byte; fails with a 413 ApiError past the limit, or an IOException. */
    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counted(1);
            copy.write(b);
        }
        return b;
    }

    /** Reads bytes; fails with a 413 ApiError past the limit, or an IOException. */
    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        int n = in.read(target, offset, length);
        if (n > 0) {
            counted(n);
            copy.write(target, offset, n);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    /** Reads the input to its end, copying it; fails as {@link #read()}. */
    void copyRest() throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        do {
            n = read(buffer, 0, buffer.length);
        } while (n >= 0);
    }

    /** The number of bytes read so far. */
    long count() {
        return count;
    }

    private void counted(int n) {
        count += n;
        if (count > limit) {
            throw Errors.requestTooLarge(limit); // spec §2.1: per file, single part or part
        }
    }
}
