// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.util.Objects;

/**
 * The identity of one stored instance: its data partition (spec §11) and its Study, Series and
 * SOP Instance UIDs. UIDs are held without trailing spaces and NULs, since the service ignores
 * that padding when it compares UIDs (spec §2.4); {@link #of} trims them. Immutable.
 *
 * <pre>{@code
 * InstanceKey key = InstanceKey.of(InstanceKey.DEFAULT_PARTITION, "1.2.3", "1.2.3.4",
 *         "1.2.3.4.5 ");
 * key.sop(); // "1.2.3.4.5"
 * }</pre>
 *
 * @param partition the partition name, {@link #DEFAULT_PARTITION} when partitions are off
 * @param study the Study Instance UID
 * @param series the Series Instance UID
 * @param sop the SOP Instance UID
 */
public record InstanceKey(String partition, String study, String series, String sop) {
    /** The partition that holds all data when partitions are off (spec §11). */
    public static final String DEFAULT_PARTITION = "Microsoft.Default";

    /** Checks that no part is missing. */
    public InstanceKey {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(sop, "sop");
    }

    /** The key with trailing spaces and NULs removed from the three UIDs. */
    public static InstanceKey of(String partition, String study, String series, String sop) {
        return new InstanceKey(partition, trim(study), trim(series), trim(sop));
    }

    /** The UID without its trailing padding (spaces and NULs, spec §2.4); null stays null. */
    public static String trim(String uid) {
        if (uid == null) {
            return null;
        }
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == ' ' || uid.charAt(end - 1) == '\0')) {
            end--;
        }
        return uid.substring(0, end);
    }

    @Override
    public String toString() {
        return partition + "/" + study + "/" + series + "/" + sop;
    }
}
