// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--quick" -> b.quick();
                case "--profile" -> b.profile = true;
                case "--jar" -> b.jar = Path.of(value(args, ++i, flag));
                case "--work" -> b.work = Path.of(value(args, ++i, flag));
                case "--dicomite-jvm-option" -> b.jvmOptions.add(value(args, ++i, flag));
                case "--orthanc" -> b.orthanc = Optional.of(Path.of(value(args, ++i, flag)));
                case "--orthanc-plugin" -> b.plugin = Path.of(value(args, ++i, flag));
                case "--no-orthanc" -> b.skipOrthanc = Optional.of(value(args, ++i, flag));
                case "--no-large-orthanc" -> b.skipLarge = Optional.of(value(args, ++i, flag));
                case "--large-orthanc-timeout" -> b.largeTimeout =
                        Duration.ofSeconds(number(args, ++i, flag));
                case "--instances" -> b.instances = number(args, ++i, flag);
                case "--repetitions" -> b.repetitions = number(args, ++i, flag);
                case "--large-frames" -> b.largeFrames = number(args, ++i, flag);
                default -> throw new IllegalArgumentException("Unknown flag '" + flag + "'.");
            }
        }
        return b.build();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Flag " + flag + " needs a value.");
        }
        return args[i];
    }

    private static int number(String[] args, int i, String flag) {
        String text = value(args, i, flag);
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Flag " + flag + " needs a positive integer, not '"
                + text + "'.");
    }

    /** The settings being read, at their defaults until a flag changes them. */
    private static final class Builder {
        Path jar = Path.of("dist/dicomite.jar");
        Path work = Path.of("bench/work");
        List<String> jvmOptions = new ArrayList<>();
        Optional<Path> orthanc = Optional.empty();
        Path plugin = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
        Optional<String> skipOrthanc = Optional.empty();
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

        StoreSettings build() {
            if (instances % 50 != 0) {
                throw new IllegalArgumentException("Flag --instances needs a multiple of 50 (the"
                        + " batch size), not " + instances + ".");
            }
            Optional<String> skip = orthanc.isEmpty() && skipOrthanc.isEmpty()
                    ? Optional.of("no --orthanc given") : skipOrthanc;
            return new StoreSettings(jar, work, List.copyOf(jvmOptions),
                    skip.isPresent() ? Optional.empty() : orthanc, plugin, skip, skipLarge,
                    largeTimeout, instances, repetitions, warmup, largeFrames, quick, profile);
        }
    }
}
