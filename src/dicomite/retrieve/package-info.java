// SPDX-License-Identifier: MIT
/**
 * WADO-RS retrieval (spec §3.1 to §3.3, §3.6): studies, series and instances as DICOM files,
 * single part or multipart, as stored or converted to Explicit VR Little Endian, their
 * metadata as DICOM JSON with ETags, and frames (spec §3.4) from the frame cache.
 *
 * <p>Public: {@link dicomite.retrieve.RetrieveHandler#register}, which the server wires;
 * everything else is package-private.
 */
package dicomite.retrieve;
