// SPDX-License-Identifier: MIT
/**
 * Pixel data: decoders that turn the stored frames of compressed transfer syntaxes into native
 * pixels (PS3.5 Annex A.4, G, and the JPEG, JPEG-LS and JPEG 2000 standards it cites), the JPEG
 * 2000 encoder, and the renderer that turns native pixels into the image a viewer would show
 * (PS3.3 §C.7.6.3, §C.11; PS3.18 §8.3.5 rendered media types).
 *
 * <p>Uses the JDK (ImageIO for 8-bit JPEG and image output) and jai-imageio for JPEG 2000; no
 * HTTP and no storage. Only what {@code retrieve} needs is public.
 */
package dicomite.pixel;
