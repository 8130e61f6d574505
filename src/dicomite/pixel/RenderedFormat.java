// SPDX-License-Identifier: MIT
package dicomite.pixel;

/**
 * The image formats a frame can be rendered to (PS3.18 §8.7.4 rendered media types, spec §3.5):
 * JPEG baseline and PNG, both 8 bits a sample, grey or RGB.
 *
 * <pre>{@code
 * String contentType = RenderedFormat.PNG.mediaType(); // "image/png"
 * }</pre>
 */
public enum RenderedFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png");

    private final String mediaType;
    private final String imageIOName; // the ImageIO format name of its writer

    RenderedFormat(String mediaType, String imageIOName) {
        this.mediaType = mediaType;
        this.imageIOName = imageIOName;
    }

    /** The media type of the rendered image, e.g. {@code image/jpeg}. */
    public String mediaType() {
        return mediaType;
    }

    String imageIOName() {
        return imageIOName;
    }
}
