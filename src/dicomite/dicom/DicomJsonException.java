// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.IOException;

/**
 * Text that is not a DICOM JSON data set (PS3.18 Annex F.2): either not JSON, or JSON that breaks
 * the model. The message names the element by its tag path and states the rule, e.g.
 * {@code Element 00280010: value 'abc' is not a number for VR US} or
 * {@code Element 00081115/0/00081150: 'vr' is missing}.
 */
public final class DicomJsonException extends IOException {
    private static final long serialVersionUID = 1L;

    public DicomJsonException(String message) {
        super(message);
    }

    public DicomJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
