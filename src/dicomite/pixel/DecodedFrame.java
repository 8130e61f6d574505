// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * One frame of native pixels, laid out as Explicit VR Little Endian pixel data holds a frame
 * (PS3.5 §8.1.1): samples of {@code description.bitsAllocated()} bits, little endian, colour
 * samples interleaved by pixel (planar configuration 0) unless the description says 1.
 *
 * @param pixels exactly {@code description.frameLength()} bytes ({@code nativeFrameLength()}
 *     for a native YBR_FULL_422 frame, which keeps its two samples a pixel)
 * @param description the pixels as decoded: a decoder that converts colour (JPEG baseline
 *     YBR_FULL_422 to RGB, for one) says so here
 */
public record DecodedFrame(byte[] pixels, PixelDescription description) {
}
