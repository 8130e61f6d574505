// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * Pixel data that cannot be decoded, encoded or rendered: a header attribute a frame needs is
 * missing or out of range, or an encoded frame breaks its codec's rules. The message names the
 * attribute or the codec, the value and the rule, with the byte offset in the frame where one
 * applies, e.g. {@code RLE segment 2 of 3 starts at offset 0x40, past the frame's 60 bytes}.
 */
public final class PixelDataException extends Exception {
    private static final long serialVersionUID = 1L;

    public PixelDataException(String message) {
        super(message);
    }

    public PixelDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
