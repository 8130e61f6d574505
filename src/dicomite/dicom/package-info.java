// SPDX-License-Identifier: MIT
/**
 * The DICOM codec: tags, VRs and the PS3.6 data dictionary, transfer syntaxes, data sets, the
 * Part 10 reader and writer (PS3.10, PS3.5), Specific Character Sets (PS3.5 §6.1), DICOM JSON
 * (PS3.18 Annex F) and value validation. Uses the JDK and {@code dicomite.json} only; the
 * server's other packages build on it.
 * Types used by other packages are public; the rest is package-private.
 */
package dicomite.dicom;
