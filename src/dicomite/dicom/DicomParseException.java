// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.IOException;

/**
 * The input is not well-formed DICOM. The message names the element's tag and the hex byte
 * offset where reading failed, e.g.
 * {@code Length 0xFFFFFFF0 of (0010,0010) at offset 0x1A4 exceeds the 312 bytes left}.
 */
public final class DicomParseException extends IOException {
    private static final long serialVersionUID = 1L;

    public DicomParseException(String message) {
        super(message);
    }

    public DicomParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
