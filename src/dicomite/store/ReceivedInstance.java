// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.dicom.Part10;
import dicomite.storage.TempFile;
import java.io.IOException;
import java.util.Optional;

/**
 * One DICOM file of a store request, received: the temporary file holding exactly the bytes
 * sent, its header as far as the pixel data (empty when the bytes are not readable DICOM, spec
 * §2.2 step 1) and its size. Closing it deletes the file unless the archive took it.
 *
 * @param size bytes
 */
record ReceivedInstance(TempFile file, Optional<Part10> header, long size)
        implements AutoCloseable {

    @Override
    public void close() throws IOException {
        file.close();
    }
}
