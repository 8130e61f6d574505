// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.util.Objects;

/**
 * What retrieval needs to know of one visible instance before it opens the file (spec §3.3,
 * §3.6): its key, the transfer syntax and length of its stored file, and the watermark of its
 * current version. Immutable.
 *
 * @param transferSyntaxUID the transfer syntax of the stored file, e.g. "1.2.840.10008.1.2.1"
 * @param size the length of the stored file in bytes
 * @param version the watermark of the current version (spec §3.6); grows with every version
 */
public record StoredInstance(InstanceKey key, String transferSyntaxUID, long size,
        long version) {
    /** Checks that key and transfer syntax are present and the size is not negative. */
    public StoredInstance {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transferSyntaxUID, "transferSyntaxUID");
        if (size < 0) {
            throw new IllegalArgumentException("Size " + size + " of " + key + " is negative.");
        }
    }
}
