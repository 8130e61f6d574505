// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings of the store benchmark, read from its command line (see {@link StoreBench}).
 * The defaults size a full run at a few minutes on two cores: 400 instances a timed repetition,
 * 5 repetitions, 200 warm-up instances (fewer leave Dicomite's JIT compiling during the timed
 * runs), and a large instance of 2048 frames of 512x512x16 bits, i.e. 1 GiB of pixel data;
 * {@code --quick} shrinks all of these for a rough check.
 *
 * @param jar Dicomite's runnable jar
 * @param work the folder the benchmark may fill and empty (its {@code store/} subfolder)
 * @param dicomiteJvmOptions options for Dicomite's JVM; none by default, as users run it
 * @param orthanc Orthanc's executable; empty when Orthanc is not run
 * @param orthancPlugin the DICOMweb plugin's shared library
 * @param orthancSkipReason why Orthanc is not run, when it is not
 * @param largeOrthancSkipReason why Orthanc does not get the large instance, if so
 * @param largeOrthancTimeout how long Orthanc may take to store the large instance
 * @param instances instances a timed repetition, a multiple of 50
 * @param repetitions timed repetitions a scenario
 * @param warmupInstances instances stored before the timed repetitions
 * @param largeFrames frames of the large instance, 512 KiB each
 * @param quick whether this is a rough, short run
 * @param profile whether to sample Dicomite's threads in an extra, untimed run
 */
record StoreSettings(Path jar, Path work, List<String> dicomiteJvmOptions,
        Optional<Path> orthanc, Path orthancPlugin, Optional<String> orthancSkipReason,
        Optional<String> largeOrthancSkipReason, Duration largeOrthancTimeout, int instances,
        int repetitions, int warmupInstances, int largeFrames, boolean quick, boolean profile) {

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException for an unknown flag, a flag without its value or a bad
     *     number
     */
    static StoreSettings parse(String[] args) {
        BenchFlags flags = new BenchFlags(args);
        Builder b = new Builder();
        while (flags.hasNext()) {
            String flag = flags.next();
            switch (flag) {
                case "--quick" -> b.quick();
                case "--profile" -> b.profile = true;
                case "--no-large-orthanc" -> b.skipLarge = Optional.of(flags.value(flag));
                case "--large-orthanc-timeout" -> b.largeTimeout =
                        Duration.ofSeconds(flags.number(flag));
                case "--instances" -> b.instances = flags.number(flag);
                case "--repetitions" -> b.repetitions = flags.number(flag);
                case "--large-frames" -> b.largeFrames = flags.number(flag);
                default -> flags.readShared(flag);
            }
        }
        return b.build(flags);
    }

    /** The settings of this benchmark alone, at their defaults until a flag changes them. */
    private static final class Builder {
        Optional<String> skipLarge = Optional.empty();
        Duration largeTimeout = Duration.ofMinutes(3);
        int instances = 400;
        int repetitions = 5;
        int warmup = 200;
        int largeFrames = 2048; // 1 GiB of pixel data
        boolean quick;
        boolean profile;

        void quick() {
            quick = true;
            instances = 50;
            repetitions = 1;
            warmup = 20;
            largeFrames = 128; // 64 MiB
        }

        StoreSettings build(BenchFlags flags) {
            if (instances % 50 != 0) {
                throw new IllegalArgumentException("Flag --instances needs a multiple of 50 (the"
                        + " batch size), not " + instances + ".");
            }
            return new StoreSettings(flags.jar(), flags.work(), flags.dicomiteJvmOptions(),
                    flags.orthanc(), flags.orthancPlugin(), flags.orthancSkipReason(), skipLarge,
                    largeTimeout, instances, repetitions, warmup, largeFrames, quick, profile);
        }
    }
}
