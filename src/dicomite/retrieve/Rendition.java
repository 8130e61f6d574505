// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.Part10;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.TransferSyntax;
import dicomite.storage.Archive;
import dicomite.storage.StoredInstance;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One instance as a retrieve response carries it (spec §3.3): its stored bytes, unchanged and
 * copied from the file as they are sent, or the data set read from them and written in another
 * transfer syntax. Immutable; written once per response.
 */
sealed interface Rendition permits Rendition.AsStored, Rendition.Converted {
    /** The transfer syntax of the bytes written, for the Content-Type (spec §3.3). */
    String transferSyntax();

    /** The number of bytes {@link #writeTo} writes, or -1 when it is known only then. */
    long length();

    /**
     * Writes the instance's Part 10 bytes.
     *
     * @param buffer a copy buffer the caller lends, reused from instance to instance
     * @throws IOException when the file cannot be read, no longer has the length the index
     *     gave, or the client leaves
     */
    void writeTo(OutputStream out, byte[] buffer) throws IOException;

    /**
     * The stored file, byte for byte: no parsing, a plain copy through the lent buffer. The
     * file is opened only when its turn comes, so a response holds one file open at a time.
     *
     * @param transferSyntax the stored syntax, or the requested one when they are the same
     */
    record AsStored(Archive archive, StoredInstance instance, String transferSyntax)
            implements Rendition {
        @Override
        public long length() {
            return instance.size();
        }

        @Override
        public void writeTo(OutputStream out, byte[] buffer) throws IOException {
            try (FileChannel file = archive.openInstance(instance.key())) {
                // The Content-Length came from the index: a file replaced since cannot be sent.
                if (file.size() != instance.size()) {
                    throw new IOException("The file of " + instance.key() + " has "
                            + file.size() + " bytes, not the " + instance.size() + " the index"
                            + " gave when the response started; it was replaced meanwhile");
                }
                copy(file, out, buffer);
            }
        }

        private static void copy(FileChannel file, OutputStream out, byte[] buffer)
                throws IOException {
            ByteBuffer chunk = ByteBuffer.wrap(buffer);
            for (long left = file.size(); left > 0; ) {
                chunk.clear().limit((int) Math.min(buffer.length, left));
                int n = file.read(chunk);
                if (n < 0) {
                    throw new EOFException("The file ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** The data set of a file read whole, written in {@code target}. */
    record Converted(Part10 file, TransferSyntax target) implements Rendition {
        @Override
        public String transferSyntax() {
            return target.uid();
        }

        @Override
        public long length() {
            return -1;
        }

        @Override
        public void writeTo(OutputStream out, byte[] buffer) throws IOException {
            if (file.fileMeta().isEmpty()) { // a bare data set: the writer builds the meta
                Part10Writer.write(out, file.dataset(), target);
            } else {
                Part10Writer.write(out, file.fileMeta(), file.dataset(), target);
            }
        }
    }
}
