// SPDX-License-Identifier: MIT
package dicomite.search;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.DicomJson;
import dicomite.dicom.DicomJsonException;
import dicomite.json.Json;
import dicomite.json.JsonException;
import dicomite.store.DicomFiles;
import dicomite.store.StoreCalls;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Search requests and a reading of their answers for the tests: stores go through the STOW-RS
 * route, searches ask for DICOM JSON, answers are read back with {@link DicomJson#readArray} or
 * as the tag keys of each object.
 */
final class SearchCalls {
    static final String DICOM_JSON = "application/dicom+json";

    private SearchCalls() {
    }

    /** Stores the data sets, one request each, and checks that each was stored. */
    static void store(ServerFixture server, Dataset... datasets)
            throws IOException, InterruptedException {
        for (Dataset ds : datasets) {
            HttpResponse<String> response = StoreCalls.store(server, "v2/studies",
                    DicomFiles.bytes(ds));
            if (response.statusCode() != 200 && response.statusCode() != 202) {
                throw new AssertionError("Store answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
    }

    /** GETs a search accepting DICOM JSON; see {@link #uri} for the path. */
    static HttpResponse<String> search(ServerFixture server, String path)
            throws IOException, InterruptedException {
        return server.get(uri(path), "Accept", DICOM_JSON);
    }

    /** GETs a search with these header name/value pairs (none: no Accept). */
    static HttpResponse<String> searchWith(ServerFixture server, String path, String... headers)
            throws IOException, InterruptedException {
        return server.get(uri(path), headers);
    }

    /**
     * The path with the characters a URI cannot hold as they are ('^', '"', '\', space, non-ASCII
     * letters...) percent-encoded as UTF-8; '%' escapes already there and '+' are kept.
     */
    static String uri(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0;
            if (c < 0x80 && plain) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** The data sets of an answer. */
    static List<Dataset> datasets(HttpResponse<String> response) throws DicomJsonException {
        return DicomJson.readArray(response.body());
    }

    /** The values of one attribute, one per data set of the answer ("" when absent). */
    static List<String> values(HttpResponse<String> response, int tag)
            throws DicomJsonException {
        return datasets(response).stream().map(ds -> ds.getString(tag, "")).toList();
    }

    /** The tag keys of each object of the answer, in the order written. */
    static List<List<String>> keys(HttpResponse<String> response) throws JsonException {
        List<List<String>> keys = new ArrayList<>();
        for (Object object : (List<?>) Json.parse(response.body())) {
            keys.add(((Map<?, ?>) object).keySet().stream().map(Object::toString).toList());
        }
        return keys;
    }
}
