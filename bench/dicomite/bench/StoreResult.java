// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.StowClient.Outcome;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one server did in one store scenario: the timed repetitions, its peak resident set size
 * over the whole scenario (warm-up included), its resident set size when idle after start, and
 * why it has no figures if it failed (a start failure, a status other than 200, a missing
 * acknowledgement). Figures are medians over the repetitions.
 *
 * @param server the server's name, "Dicomite" or "Orthanc"
 * @param repetitions the timed runs, in order
 * @param idleRssKiB VmRSS just after start, in KiB; 0 when unknown
 * @param peakRssKiB VmHWM at the end of the scenario, in KiB; 0 when unknown
 * @param failure why there are no figures; empty when the runs were clean
 */
record StoreResult(String server, List<Outcome> repetitions, long idleRssKiB, long peakRssKiB,
        Optional<String> failure) {

    static StoreResult failed(String server, String why) {
        return new StoreResult(server, List.of(), 0, 0, Optional.of(why));
    }

    boolean hasFigures() {
        return failure.isEmpty() && !repetitions.isEmpty();
    }

    /** The repetition with the median instance rate (the upper one of an even count). */
    Outcome median() {
        List<Outcome> sorted = repetitions.stream()
                .sorted(Comparator.comparingDouble(Outcome::instancesPerSecond)).toList();
        return sorted.get(sorted.size() / 2);
    }

    double instancesPerSecond() {
        return median().instancesPerSecond();
    }

    double megabytesPerSecond() {
        return median().megabytesPerSecond();
    }

    /** Peak RSS in MB (10^6 bytes). */
    double peakRssMegabytes() {
        return peakRssKiB * 1024 / 1e6;
    }

    /** Idle RSS in MB (10^6 bytes). */
    double idleRssMegabytes() {
        return idleRssKiB * 1024 / 1e6;
    }
}
