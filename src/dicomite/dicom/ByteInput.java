// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * A buffered, position-counting view of an input stream for the Part 10 reader.
 *
 * <p>Invariants: {@code buf[pos..limit)} holds the next unread bytes, and {@code bufStart} is the
 * input offset of {@code buf[0]}, so {@link #position()} is the offset of the next unread byte.
 * Values are read in chunks that grow only as bytes really arrive, so a bogus declared length never
 * causes a large allocation: an array is sized from a length only when the length has been checked
 * against the known end of the input, or when it is at most {@link #CHUNK} bytes. A value that
 * really arrives is held whole, so memory follows the bytes read; for an inflated stream those are
 * bounded by {@link InflatedInput}.
 *
 * <p>In exact mode (a mark-supporting stream whose reading may stop early) the stream is kept
 * marked at {@code bufStart}, so {@link #rewindStreamTo} can leave it at any buffered offset;
 * otherwise the stream may have been read up to {@link #CAPACITY} bytes past {@link #position()}.
 */
final class ByteInput {
    static final int CAPACITY = 64 * 1024; // bytes buffered at most
    static final int CHUNK = 1024 * 1024; // bytes; largest allocation from an unchecked length
    static final int MAX_VALUE_LENGTH = Integer.MAX_VALUE - 8; // bytes; largest Java array

    private final InputStream in;
    private final byte[] buf = new byte[CAPACITY];
    private final long end; // input offset of the end of input, or -1 when unknown
    private final boolean exact;
    private int pos;
    private int limit;
    private long bufStart; // input offset of buf[0]
    private boolean marked; // exact mode: the stream is marked at bufStart

    /**
     * @param start  the input offset of the stream's first byte
     * @param end    the input offset where the input ends, or -1 when unknown
     * @param exact  keep the stream marked so that it can be put back at a buffered offset
     */
    ByteInput(InputStream in, long start, long end, boolean exact) {
        this.in = in;
        this.bufStart = start;
        this.end = end;
        this.exact = exact && in.markSupported();
    }

    /** The input offset of the next unread byte. */
    long position() {
        return bufStart + pos;
    }

    /** The bytes left after {@link #position()}, or -1 when the input's length is unknown. */
    long bytesLeft() {
        return end < 0 ? -1 : end - position();
    }

    /** The bytes buffered and not yet read. */
    int buffered() {
        return limit - pos;
    }

    /**
     * Makes at least {@code n} (at most {@link #CAPACITY}) bytes readable from the buffer.
     * Returns false when the input ends first; the bytes that did arrive stay buffered.
     *
     * @throws IOException when the stream fails
     */
    boolean ensure(int n) throws IOException {
        return limit - pos >= n || fill(n);
    }

    /** The unsigned byte at {@code pos + at}; the caller has ensured it is buffered. */
    int byteAt(int at) {
        return buf[pos + at] & 0xFF;
    }

    /** The 16-bit unsigned integer at {@code pos + at}, in the given byte order. */
    int u16At(int at, boolean bigEndian) {
        int a = buf[pos + at] & 0xFF;
        int b = buf[pos + at + 1] & 0xFF;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    /** The 32-bit integer at {@code pos + at}, in the given byte order. */
    int intAt(int at, boolean bigEndian) {
        return bigEndian ? u16At(at, true) << 16 | u16At(at + 2, true)
                : u16At(at + 2, false) << 16 | u16At(at, false);
    }

    /** A tag at {@code pos + at}: group then element, each in the given byte order. */
    int tagAt(int at, boolean bigEndian) {
        return u16At(at, bigEndian) << 16 | u16At(at + 2, bigEndian);
    }

    /** Skips {@code n} buffered bytes. */
    void skip(int n) {
        assert n <= limit - pos;
        pos += n;
    }

    /** A copy of the first {@code n} buffered bytes (at most what is buffered), for messages. */
    byte[] peek(int n) {
        return Arrays.copyOfRange(buf, pos, pos + Math.min(n, limit - pos));
    }

    /**
     * Reads exactly {@code length} bytes of a value whose length the caller has checked against
     * {@link #bytesLeft()} when that is known.
     *
     * @throws DicomParseException when the input ends first, naming the tag and offset given
     * @throws IOException when the stream fails
     */
    byte[] readValue(int length, int tag, long offset) throws IOException {
        if (length <= limit - pos) {
            byte[] value = Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
            return value;
        }
        byte[] value = new byte[end >= 0 ? length : Math.min(length, CHUNK)];
        int done = 0;
        while (done < length) {
            if (done == value.length) {
                value = Arrays.copyOf(value, (int) Math.min(length, 2L * value.length));
            }
            int want = value.length - done;
            int n = want >= CAPACITY && pos == limit ? readDirect(value, done, want)
                    : readBuffered(value, done, want);
            if (n < 0) {
                throw new DicomParseException(String.format(
                        "File ends inside %s at offset 0x%X: %d of %d value bytes read",
                        Tag.toString(tag), offset, done, length));
            }
            done += n;
        }
        return value;
    }

    private int readBuffered(byte[] value, int off, int want) throws IOException {
        if (pos == limit && !fill(1)) {
            return -1;
        }
        int n = Math.min(want, limit - pos);
        System.arraycopy(buf, pos, value, off, n);
        pos += n;
        return n;
    }

    // Large values bypass the buffer; the mark is lost, so the next fill marks afresh.
    private int readDirect(byte[] value, int off, int want) throws IOException {
        bufStart += limit;
        pos = 0;
        limit = 0;
        marked = false;
        int n = in.read(value, off, want);
        if (n > 0) {
            bufStart += n;
        }
        return n;
    }

    private boolean fill(int need) throws IOException {
        if (exact) {
            restartAtPosition();
        } else {
            compact();
        }
        while (limit - pos < need) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
        }
        return true;
    }

    private void compact() {
        int left = limit - pos;
        System.arraycopy(buf, pos, buf, 0, left);
        bufStart += pos;
        pos = 0;
        limit = left;
    }

    // Moves the stream's mark to position() and re-reads the unread bytes from there.
    private void restartAtPosition() throws IOException {
        assert marked || pos == limit;
        if (marked && pos < limit) {
            in.reset();
            in.skipNBytes(pos);
        }
        bufStart += pos;
        pos = 0;
        limit = 0;
        in.mark(buf.length);
        marked = true;
    }

    /**
     * Leaves the underlying stream positioned at input offset {@code offset}, a buffered offset,
     * when in exact mode. Returns false when the stream cannot be put back.
     *
     * @throws IOException when the stream fails to reset
     */
    boolean rewindStreamTo(long offset) throws IOException {
        if (!marked || offset < bufStart || offset > bufStart + limit) {
            return false;
        }
        in.reset();
        in.skipNBytes(offset - bufStart);
        marked = false;
        return true;
    }

    /** The unread bytes followed by the rest of the stream, e.g. to inflate a deflated data set. */
    InputStream remainder() {
        InputStream rest = new ByteArrayInputStream(Arrays.copyOfRange(buf, pos, limit));
        return new SequenceInputStream(rest, in);
    }
}
