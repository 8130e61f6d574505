// SPDX-License-Identifier: MIT
package dicomite.dicom;

import dicomite.json.Json;
import dicomite.json.JsonException;
import dicomite.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * DICOM JSON (PS3.18 Annex F.2) both ways, with the conventions of the service (spec §1.8).
 *
 * <p>Writing: one object per data set, keyed by the eight upper-case hex digits of each tag in
 * ascending order, group lengths left out (F.2.2). Each element is {@code {"vr":"XX"}} plus {@code
 * "Value"} only when it has values; an empty sequence is {@code {"vr":"SQ"}}. Text is decoded with
 * the Specific Character Set in force; (0008,0005) is written as found (F.2.2 note 3). Only padding
 * is removed: trailing spaces, trailing NULs of UI (other VRs keep a NUL pad, as the service does,
 * spec §3.6, and dcmtk too), and leading spaces where PS3.5 §6.2 calls them insignificant. This
 * differs on purpose from {@link Dataset#getStrings}, which strips trailing NULs of every VR: it
 * serves indexing, matching and UIDs, where a NUL pad is insignificant (spec §4.8), while metadata
 * shows the stored value as the service does. Empty values of a multi-valued element are {@code
 * null} (F.2.5). PN values are objects of their non-empty component groups; a value with none is
 * {@code null}, as dcmtk writes it. IS and DS values are JSON numbers when they parse, else strings
 * (F.2.3 note): "+012" as 12, "+1.50" as 1.50, ".5" as 0.5; a DS with an exponent or a zero integer
 * part takes BigDecimal's form ("1e3" as 1E+3, "0.0000001" as 1E-7), the form reading stores, so
 * that a round trip writes the same text. AT values are "ggggeeee"; FL and FD are numbers, and NaN,
 * Infinity and -Infinity, which JSON cannot hold, the strings "NaN", "Infinity" and "-Infinity", as
 * the service writes them. Bulk VRs (OB OD OF OL OV OW UN) follow {@link Options#bulkData()}.
 *
 * <p>Encapsulated pixel data (PS3.5 §A.4) as InlineBinary is the value field as on the wire: each
 * item (FFFE,E000) with its 32-bit little-endian length, the basic offset table first, then the
 * sequence delimiter (FFFE,E0DD), with VR OB whatever VR the file declared. PS3.18 does not define
 * this case (dcmtk refuses it); this form keeps fragment boundaries, and {@link #read} turns it
 * back into fragments when the VR is OB.
 *
 * <p>Reading: see {@link DicomJsonReader}. Memory: writing streams; reading parses the whole text
 * first (inputs are request bodies, bounded by the HTTP layer). Thread-safe: no state.
 */
public final class DicomJson {

    /** What to do with the values of bulk VRs (OB, OD, OF, OL, OV, OW, UN). */
    public enum BulkData {
        /** Leave the whole element out, at any depth: metadata (spec §1.8). */
        OMIT,
        /** {@code "InlineBinary"}: the value bytes in base64 (PS3.18 F.2.7). */
        INLINE_BINARY,
        /** {@code "BulkDataURI"}: the URI that {@link Options#bulkDataURI()} gives (F.2.6). */
        URI
    }

    /**
     * How to write. {@code bulkDataURI} maps a tag path such as {@code "7FE00010"} or
     * {@code "00081115/0/00091001"} (tags in hex, 0-based item numbers, '/' between) to the URI
     * written; it is required for {@link BulkData#URI} and ignored otherwise.
     */
    public record Options(BulkData bulkData, Function<String, String> bulkDataURI) {
        /** Metadata: bulk data left out. */
        public static final Options METADATA = new Options(BulkData.OMIT, null);
        /** Everything inline, bulk data as base64. */
        public static final Options INLINE = new Options(BulkData.INLINE_BINARY, null);

        public Options {
            Objects.requireNonNull(bulkData, "bulkData");
            if (bulkData == BulkData.URI && bulkDataURI == null) {
                throw new IllegalArgumentException("BulkData.URI needs a bulkDataURI function");
            }
        }

        /** Bulk data as URIs, e.g. {@code Options.uri(path -> base + "/bulk/" + path)}. */
        public static Options uri(Function<String, String> bulkDataURI) {
            return new Options(BulkData.URI, bulkDataURI);
        }
    }

    private DicomJson() {
    }

    /**
     * Writes one data set as a DICOM JSON object.
     *
     * <pre>{@code
     * DicomJson.write(part10.dataset(), writer, DicomJson.Options.METADATA);
     * }</pre>
     *
     * @throws IOException when the output does
     */
    public static void write(Dataset dataset, Appendable out, Options options) throws IOException {
        write(dataset, new JsonWriter(out), options);
    }

    /** Writes one data set as the next value of a JSON document being written. */
    public static void write(Dataset dataset, JsonWriter writer, Options options)
            throws IOException {
        new DicomJsonWriter(writer, options).writeDataset(dataset);
    }

    /** The data set as DICOM JSON text, e.g. {@code {"00100010":{"vr":"PN",...}}}. */
    public static String toJson(Dataset dataset, Options options) {
        StringBuilder out = new StringBuilder(dataset.size() * 48);
        try {
            write(dataset, out, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /**
     * Writes data sets as a JSON array, one object each, as the metadata and search routes answer
     * (spec §3.6, §4.6). The iterable is walked once, so it may load each data set lazily.
     *
     * @throws IOException when the output does
     */
    public static void writeArray(Iterable<Dataset> datasets, Appendable out, Options options)
            throws IOException {
        JsonWriter writer = new JsonWriter(out);
        DicomJsonWriter dicom = new DicomJsonWriter(writer, options);
        writer.beginArray();
        for (Dataset dataset : datasets) {
            dicom.writeDataset(dataset);
        }
        writer.endArray();
    }

    /** The data sets as a DICOM JSON array, e.g. {@code [{"00080018":...},{...}]}. */
    public static String toJsonArray(List<Dataset> datasets, Options options) {
        StringBuilder out = new StringBuilder(64 + datasets.size() * 1024);
        try {
            writeArray(datasets, out, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /**
     * Reads one DICOM JSON object into a data set. Elements given by {@code "BulkDataURI"} are
     * left out, since an {@link Element} holds bytes, not references; use
     * {@link #read(String, BiConsumer)} to learn them.
     *
     * <pre>{@code
     * Dataset ds = DicomJson.read(
     *         "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe\"}]}}");
     * }</pre>
     *
     * @throws DicomJsonException when the text is not JSON or breaks PS3.18 F.2; the message
     *     names the element's tag path and the rule
     */
    public static Dataset read(String json) throws DicomJsonException {
        return read(json, null);
    }

    /**
     * Reads as {@link #read(String)}, passing each left-out BulkDataURI element to
     * {@code bulkDataURIs} as (tag path, URI), e.g. ("7FE00010", "http://host/bulk/1").
     *
     * @throws DicomJsonException as {@link #read(String)}
     */
    public static Dataset read(String json, BiConsumer<String, String> bulkDataURIs)
            throws DicomJsonException {
        Object parsed = parseJson(json);
        if (!(parsed instanceof Map)) {
            throw new DicomJsonException("A DICOM JSON data set must be a JSON object, not "
                    + DicomJsonReader.describe(parsed));
        }
        return new DicomJsonReader(bulkDataURIs).readTop(asObject(parsed), "");
    }

    /**
     * Reads a DICOM JSON object already parsed by {@link Json#parse}, for bodies that embed one
     * (for example the change data set of a bulk update).
     *
     * @throws DicomJsonException as {@link #read(String)}
     */
    public static Dataset read(Map<String, Object> object) throws DicomJsonException {
        return new DicomJsonReader(null).readTop(object, "");
    }

    /**
     * Reads a JSON array of DICOM JSON objects, as UPS-RS and STOW-RS JSON bodies hold.
     *
     * @throws DicomJsonException as {@link #read(String)}; messages start with the index of the
     *     data set, e.g. {@code Data set [1]: Element 00100010: 'vr' is missing}
     */
    public static List<Dataset> readArray(String json) throws DicomJsonException {
        Object parsed = parseJson(json);
        if (!(parsed instanceof List)) {
            throw new DicomJsonException("Expected a JSON array of DICOM JSON data sets, not "
                    + DicomJsonReader.describe(parsed));
        }
        List<?> array = (List<?>) parsed;
        List<Dataset> datasets = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            if (!(item instanceof Map)) {
                throw new DicomJsonException("Data set [" + i + "]: expected a JSON object, not "
                        + DicomJsonReader.describe(item));
            }
            datasets.add(new DicomJsonReader(null).readTop(asObject(item), "Data set [" + i
                    + "]: "));
        }
        return datasets;
    }

    private static Object parseJson(String json) throws DicomJsonException {
        try {
            return Json.parse(json);
        } catch (JsonException e) {
            throw new DicomJsonException("Invalid JSON: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object parsed) {
        return (Map<String, Object>) parsed; // Json.parse makes objects with String keys
    }
}
