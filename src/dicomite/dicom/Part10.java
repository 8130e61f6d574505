// SPDX-License-Identifier: MIT
package dicomite.dicom;

/**
 * What {@link Part10Reader} read from a DICOM file or stream (PS3.10 §7).
 *
 * <p>{@code fileMeta} holds the group 0002 elements (empty when the input was a bare data set);
 * {@code transferSyntax} is the one named by (0002,0010), or the one detected from the first
 * element of a bare data set; {@code hasPreamble} tells whether the input began with the 128-byte
 * preamble and "DICM". {@code pixelDataOffset} is the input offset of the tag of the first
 * top-level pixel data element ((7FE0,0010), (7FE0,0008) or (7FE0,0009)), or -1 when there is
 * none; when reading stopped before pixel data, the data set holds everything before that offset.
 * For a deflated data set, offsets after the file meta information count inflated bytes.
 */
public record Part10(Dataset fileMeta, Dataset dataset, TransferSyntax transferSyntax,
        boolean hasPreamble, long pixelDataOffset) {
}
