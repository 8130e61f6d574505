// SPDX-License-Identifier: MIT
/**
 * Dicomite, a local emulator of the Azure Health Data Services DICOM service (DICOMweb API v2).
 *
 * <p>The API for embedding is {@link dicomite.Dicomite} (start, base URI, close) and
 * {@link dicomite.Config} (every setting); {@code Main} is the command line. Every other package is
 * internal to the server.
 */
package dicomite;
