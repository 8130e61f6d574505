// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The inflated bytes of a deflated data set (PS3.5 §A.5), bounded against deflate bombs.
 *
 * <p>Without a deflated data set, every value the reader holds is made of bytes the sender really
 * sent, so memory is bounded by the input, which callers bound (the store's file size limit).
 * Deflate breaks that: 600 KB of input may inflate to 600 MB of one value, and the reader, which
 * grows a value only as its bytes arrive, then really has 600 MB to hold. So the inflated size is
 * bounded by what was sent: at most {@link #RATIO} inflated bytes per compressed byte read so far,
 * and never less than {@link #FLOOR}, so that any small data set inflates whatever its ratio; and
 * never more than {@link #CAP} in all. Typical data sets deflate 2 to 20 times; only long runs of
 * one byte (blank images) come near deflate's limit of about 1032, and those trip the bound
 * beyond 64 MiB. Going over ends the read in a {@link DicomParseException}, before the reader
 * holds more than the bound.
 *
 * <p>The compressed count includes what the inflater has read ahead (at most its buffer), which
 * makes the bound slightly more generous. Not thread-safe; one per deflated data set.
 */
final class InflatedInput extends InputStream {
    static final long FLOOR = 64L << 20; // bytes any deflated data set may inflate to
    static final int RATIO = 100; // inflated bytes allowed per compressed byte, beyond FLOOR
    static final long CAP = 1L << 30; // bytes no deflated data set inflates past

    private final CountingInput compressed;
    private final InflaterInputStream inflating;
    private final long offset; // input offset where the deflated data set starts
    private long inflated; // bytes handed out so far

    /**
     * @param compressed the raw deflate stream (after the file meta information)
     * @param inflater   the inflater to use; the caller ends it
     * @param offset     the input offset of the first compressed byte, for messages
     * @param buffer     bytes of compressed input the inflater reads at a time
     */
    InflatedInput(InputStream compressed, Inflater inflater, long offset, int buffer) {
        this.compressed = new CountingInput(compressed);
        this.inflating = new InflaterInputStream(this.compressed, inflater, buffer);
        this.offset = offset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /**
     * Reads inflated bytes, never more than one past the bound.
     *
     * @throws DicomParseException when the inflated size goes over the bound
     * @throws java.util.zip.ZipException when the deflate stream is corrupt
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long room = allowed() - inflated + 1; // one byte more tells a stream that goes over
        int n = inflating.read(b, off, (int) Math.min(len, room));
        if (n > 0) {
            inflated += n;
            if (inflated > allowed()) {
                throw tooLarge();
            }
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return inflating.available();
    }

    private long allowed() {
        long byRatio = compressed.count > CAP / RATIO ? CAP : compressed.count * RATIO;
        return Math.min(CAP, Math.max(FLOOR, byRatio));
    }

    private DicomParseException tooLarge() {
        return new DicomParseException(String.format("Deflated data set at offset 0x%X inflates"
                + " past %d bytes (inflated offset 0x%X) from %d compressed bytes; the limit is %d"
                + " inflated bytes per compressed byte, at least %d MiB and at most %d MiB",
                offset, allowed(), offset + allowed(), compressed.count, RATIO, FLOOR >> 20,
                CAP >> 20));
    }

    /** Counts the compressed bytes the inflater takes. */
    private static final class CountingInput extends FilterInputStream {
        private long count; // bytes

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
