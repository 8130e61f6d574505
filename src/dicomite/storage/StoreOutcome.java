// SPDX-License-Identifier: MIT
package dicomite.storage;

/**
 * What {@link Archive#store} did with one instance, mapped by the store handler to the failure
 * reasons of spec §2.3.
 */
public enum StoreOutcome {
    /** Stored (or, for an upsert, replaced): the instance is visible and durable. */
    STORED,
    /** An instance with the same partition and UIDs exists: FailureReason 45070. */
    EXISTS,
    /** Another request is creating, replacing or deleting that instance now: 45071. */
    BEING_CREATED,
    /** The files or the index failed (logged): 272. Nothing of the attempt is left. */
    FAILED
}
