// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.io.IOException;

/**
 * The stored pixel data of an instance cannot be split into frames (PS3.5 §8.2, §A.4): the
 * header lacks what frame sizes need, the pixel data is shorter than its frames, or the
 * fragments cannot be told apart. The message names the instance, the element and the hex
 * offset. {@link FrameCache} remembers it for a while, so the same message comes back quickly.
 */
public final class FrameExtractionException extends IOException {
    private static final long serialVersionUID = 1L;

    FrameExtractionException(String message) {
        super(message);
    }

    FrameExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
