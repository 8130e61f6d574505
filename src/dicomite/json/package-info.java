// SPDX-License-Identifier: MIT
/**
 * Plain JSON (RFC 8259), JDK only: {@link dicomite.json.Json} parses text into maps, lists,
 * strings, {@code BigDecimal}s, booleans and nulls, and {@link dicomite.json.JsonWriter} streams
 * JSON to an {@code Appendable}. Used for the service's own JSON bodies (spec §1.7) and, under
 * {@code dicomite.dicom.DicomJson}, for DICOM JSON (PS3.18 Annex F). The three types here are
 * public because every feature package reads or writes JSON.
 */
package dicomite.json;
