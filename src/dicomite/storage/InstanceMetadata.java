// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.util.Objects;

/**
 * The stored DICOM JSON metadata of one visible instance (spec §2.2 step 6, §3.6) with the
 * watermark of the version it belongs to. The JSON is one object, as written at store time.
 * Immutable.
 *
 * @param version the watermark of the current version (spec §3.6)
 * @param json the DICOM JSON object of the instance (PS3.18 Annex F)
 */
public record InstanceMetadata(InstanceKey key, long version, String json) {
    /** Checks that key and JSON are present. */
    public InstanceMetadata {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
    }
}
