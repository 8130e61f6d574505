// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.dicom.DicomParseException;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.http.Errors;
import dicomite.http.MultipartException;
import dicomite.http.MultipartReader;
import dicomite.storage.Storage;
import dicomite.storage.TempFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Receives the DICOM files of a store request (spec §2.1) into temporary files: the whole body of
 * a single-part request, or each part of a multipart/related one, in order. Each file is streamed
 * to its temporary file while {@link Part10Reader} reads its header from the same bytes (through a
 * {@link TeeInputStream}); the pixel data is copied without being parsed.
 *
 * <p>Every part is received before any is stored, as the service does, so that a part with a
 * wrong Content-Type, a file over the size limit or a malformed multipart body rejects the whole
 * request with nothing stored; the files received so far are then deleted. Memory stays bounded
 * whatever the size of a file: the multipart reader's buffer, the copy buffer and the headers.
 * Stateless between calls; thread-safe.
 */
final class InstanceReceiver {
    private static final System.Logger LOGGER = System.getLogger(InstanceReceiver.class.getName());
    private static final int BUFFER = 64 * 1024; // bytes

    private final Storage storage;
    private final long maxFileSize; // bytes

    InstanceReceiver(Storage storage, long maxFileSize) {
        this.storage = storage;
        this.maxFileSize = maxFileSize;
    }

    /**
     * Receives every file of the body, in the order sent; none for a multipart body without parts.
     *
     * @throws dicomite.http.ApiError 415 for a part whose Content-Type is not application/dicom,
     *     413 for a file over the limit, 400 for a malformed multipart body
     * @throws IOException when reading the request or writing a temporary file fails
     */
    List<ReceivedInstance> receive(InputStream body, StoreContentType type) throws IOException {
        List<ReceivedInstance> received = new ArrayList<>();
        try {
            if (type.multipart()) {
                receiveParts(body, type, received);
            } else {
                received.add(receiveFile(body));
            }
            return received;
        } catch (IOException | RuntimeException e) {
            closeAll(received);
            throw e;
        }
    }

    /** Deletes the temporary files the archive did not take. */
    static void closeAll(List<ReceivedInstance> received) throws IOException {
        IOException failure = null;
        for (ReceivedInstance instance : received) {
            try {
                instance.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void receiveParts(InputStream body, StoreContentType type,
            List<ReceivedInstance> into) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, 1);
        int first = in.read();
        if (first < 0) {
            return; // an empty body holds no parts (spec §2.3: 204)
        }
        in.unread(first);
        try {
            MultipartReader reader = new MultipartReader(in, type.boundary());
            for (Optional<MultipartReader.Part> part = reader.readPart(); part.isPresent();
                    part = reader.readPart()) {
                requireDicom(part.get(), type);
                into.add(receiveFile(part.get().body()));
            }
        } catch (MultipartException e) {
            throw Errors.invalidMultipartBody(e.getMessage());
        }
    }

    // Spec §2.1: exactly application/dicom; a first part without a type takes the type parameter.
    private static void requireDicom(MultipartReader.Part part, StoreContentType type) {
        String fallback = part.number() == 1 ? type.type().orElse("") : "";
        String partType = part.findHeader("Content-Type").orElse(fallback);
        if (!StoreContentType.isDicom(partType)) {
            throw Errors.unsupportedContentType(partType);
        }
    }

    /** Streams one file into a new temporary file, reading its header on the way. */
    private ReceivedInstance receiveFile(InputStream in) throws IOException {
        TempFile file = storage.newTempFile();
        try {
            long size;
            Optional<Part10> header;
            try (OutputStream out = new BufferedOutputStream(file.output(), BUFFER)) {
                TeeInputStream tee = new TeeInputStream(in, out, maxFileSize);
                header = readHeader(tee);
                tee.copyRest();
                size = tee.count();
            }
            return new ReceivedInstance(file, header, size);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    // Spec §2.2 step 1: bytes that are not readable DICOM make a failure item, not an error.
    private static Optional<Part10> readHeader(InputStream in) throws IOException {
        try {
            return Optional.of(new Part10Reader(in).withStopBeforePixelData(true).read());
        } catch (DicomParseException e) {
            LOGGER.log(Level.DEBUG, () -> "Stored part is not readable DICOM: " + e.getMessage());
            return Optional.empty();
        }
    }
}
