// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names of the well-known UIDs of PS3.6 Annex A (Table A-1): SOP classes, transfer syntaxes,
 * coding schemes, well-known instances and frames of reference.
 *
 * <p>The table is the generated resource {@code uids.tsv} (see {@code tools/gen-dictionary.py}),
 * loaded once on first use and immutable after that.
 */
public final class UIDDictionary {
    private static final String RESOURCE = "uids.tsv";

    private UIDDictionary() {
    }

    /**
     * The PS3.6 name of a well-known UID, empty for any other UID.
     *
     * <pre>{@code
     * UIDDictionary.nameOf("1.2.840.10008.5.1.4.1.1.2") // Optional[CT Image Storage]
     * }</pre>
     */
    public static Optional<String> nameOf(String uid) {
        return Optional.ofNullable(Names.BY_UID.get(uid));
    }

    /** Holder class: the resource is read on first use only. */
    private static final class Names {
        static final Map<String, String> BY_UID = load();

        /** Reads the resource; a missing or malformed one is a build fault, so it throws. */
        private static Map<String, String> load() {
            InputStream in = UIDDictionary.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new IllegalStateException("Resource dicomite/dicom/" + RESOURCE
                        + " is missing from the classpath");
            }
            Map<String, String> names = new HashMap<>();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                for (int number = 1; (line = reader.readLine()) != null; number++) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        String[] cells = line.split("\t", -1);
                        if (cells.length != 2) {
                            throw new IllegalStateException(RESOURCE + " line " + number
                                    + ": expected 2 tab-separated columns: '" + line + "'");
                        }
                        names.put(cells[0], cells[1]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read resource " + RESOURCE, e);
            }
            return Map.copyOf(names);
        }
    }
}
