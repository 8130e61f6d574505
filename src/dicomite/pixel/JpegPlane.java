// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * The decoded samples of one JPEG component: a plane padded to whole blocks (ITU-T T.81
 * §A.2.4) whose top-left {@code width} x {@code height} samples are the component's real
 * ones (§A.1.1: ceil(X * Hi / Hmax) by ceil(Y * Vi / Vmax)).
 *
 * @param samples stride x padded height samples
 * @param stride samples a line, a multiple of 8
 * @param width real samples a line, at most stride
 * @param height real lines
 */
record JpegPlane(short[] samples, int stride, int width, int height) {
}
