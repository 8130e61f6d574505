// SPDX-License-Identifier: MIT
package dicomite.store;

import dicomite.dicom.Part10;
import dicomite.storage.Archive;
import dicomite.storage.InstanceFacts;
import dicomite.storage.InstanceKey;
import dicomite.storage.StoreOutcome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The instances of one store request, processed in request order (spec §2.2): an unreadable file
 * fails with 43264; a readable one is validated ({@link InstanceValidator}), then handed to the
 * {@link Archive}, whose outcome becomes a success item or a failure item with 45070 (exists;
 * with upsert the archive replaces it instead), 45071 (being created by another request) or 272
 * (any other failure to store). Two copies of one instance in a request: the first is stored and
 * the second is a duplicate, as the archive sees them one after the other.
 *
 * <p>Not thread-safe: one per request.
 */
final class StoreBatch {
    private static final System.Logger LOGGER = System.getLogger(StoreBatch.class.getName());

    private final Archive archive;
    private final Optional<String> routeStudy; // padding removed
    private final int major; // 1 or 2
    private final boolean upsert;
    private final StoreResponse response;
    private final Set<String> storedStudies = new LinkedHashSet<>();

    /**
     * @param routeStudy the route's study UID, padding removed, if it has one
     * @param major the API's major version
     * @param upsert whether an existing instance is replaced (PUT) rather than kept (POST)
     */
    StoreBatch(Archive archive, Optional<String> routeStudy, int major, boolean upsert,
            StoreResponse response) {
        this.archive = archive;
        this.routeStudy = routeStudy;
        this.major = major;
        this.upsert = upsert;
        this.response = response;
    }

    /** Processes the instances in order; a storage failure fails the instance, not the batch. */
    void storeAll(List<ReceivedInstance> instances) {
        for (ReceivedInstance instance : instances) {
            Optional<Part10> header = instance.header();
            if (header.isEmpty()) {
                response.addFailed(Optional.empty(), StoreResponse.VALIDATION_FAILURE, List.of());
            } else {
                store(instance, header.get());
            }
        }
    }

    /** The study UIDs of the instances stored, in order, each once. */
    Set<String> storedStudies() {
        return storedStudies;
    }

    private void store(ReceivedInstance instance, Part10 file) {
        InstanceValidator.Validation validation =
                InstanceValidator.validate(file, routeStudy, major);
        if (validation.hasMultipleValues()) {
            response.noteMultipleValues();
        }
        if (validation.failed()) {
            response.addFailed(Optional.of(file.dataset()), StoreResponse.VALIDATION_FAILURE,
                    validation.comments());
            return;
        }
        InstanceFacts facts =
                InstanceFacts.describe(InstanceKey.DEFAULT_PARTITION, file, instance.size());
        Optional<Integer> failure = store(instance, facts);
        if (failure.isPresent()) {
            response.addFailed(Optional.of(file.dataset()), failure.get(), List.of());
        } else {
            response.addStored(file.dataset(), validation);
            storedStudies.add(facts.key().study());
        }
    }

    /** Stores the file; empty when stored, else the FailureReason. */
    private Optional<Integer> store(ReceivedInstance instance, InstanceFacts facts) {
        StoreOutcome outcome;
        try {
            outcome = archive.store(instance.file(), facts, upsert);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, () -> "Cannot store " + facts.key(), e);
            return Optional.of(StoreResponse.PROCESSING_FAILURE);
        }
        return switch (outcome) {
            case STORED -> Optional.empty();
            case EXISTS -> Optional.of(StoreResponse.INSTANCE_EXISTS);
            case BEING_CREATED -> Optional.of(StoreResponse.INSTANCE_BEING_CREATED);
            case FAILED -> Optional.of(StoreResponse.PROCESSING_FAILURE);
        };
    }
}
