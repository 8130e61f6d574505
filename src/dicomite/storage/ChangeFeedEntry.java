// SPDX-License-Identifier: MIT
package dicomite.storage;

import java.time.Instant;

/**
 * One change-feed entry (spec §6.1). {@code state} is computed when the entry is read, from the
 * instance as it is now: "Deleted" when the instance is gone, "Current" when the entry's version
 * is the instance's current version, "Replaced" otherwise (spec §5, §6.1).
 *
 * @param sequence unique and increasing; gaps are possible
 * @param action "Create", "Delete" or "Update"
 * @param timestamp when the change happened, to the microsecond
 * @param state "Current", "Replaced" or "Deleted"
 * @param version the watermark of the instance version the entry is about
 */
public record ChangeFeedEntry(long sequence, String partition, String study, String series,
        String sop, String action, Instant timestamp, String state, long version) {
    public static final String CREATE = "Create";
    public static final String DELETE = "Delete";
    public static final String UPDATE = "Update";
    public static final String CURRENT = "Current";
    public static final String REPLACED = "Replaced";
    public static final String DELETED = "Deleted";

    /** The key of the instance the entry is about. */
    public InstanceKey key() {
        return new InstanceKey(partition, study, series, sop);
    }
}
