// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings of one search benchmark run, read from its command line. Defaults are the full
 * run; {@code --quick} makes a short, rough one.
 *
 * @param jar the Dicomite jar to run
 * @param dicomiteJvmOptions options for Dicomite's JVM; none by default, as users run it
 * @param work the scratch folder; its {@code search/} is emptied at start
 * @param orthanc Orthanc's executable; empty when Orthanc is not run
 * @param orthancPlugin the DICOMweb plugin's shared library
 * @param orthancSkipReason why Orthanc is not run, when it is not
 * @param staticJava the {@code java} of a JDK 18 or later, for the static file server; empty
 *     when there is none
 * @param studies studies loaded into Dicomite, 10 instances each
 * @param orthancStudies studies loaded into Orthanc at most (the first ones of Dicomite's)
 * @param orthancLoadLimit how long Orthanc's load may take; it stops there, with fewer studies
 * @param samples timed requests a query kind, a server and a client count
 * @param retrieveInstances large instances stored for the retrieval figures
 * @param passes timed passes over the large instances, a server and a client count
 * @param quick whether this is a rough, short run
 */
record SearchSettings(Path jar, List<String> dicomiteJvmOptions, Path work,
        Optional<Path> orthanc, Path orthancPlugin,
        Optional<String> orthancSkipReason, Optional<Path> staticJava, int studies,
        int orthancStudies, Duration orthancLoadLimit, int samples, int retrieveInstances,
        int passes, boolean quick) {

    static final int CLIENTS = 4; // load clients, and the concurrent measurements
    static final int PER_REQUEST = 50; // instances a STOW-RS request when loading

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException for an unknown flag, a flag without its value or a bad
     *     number
     */
    static SearchSettings parse(String[] args) {
        BenchFlags flags = new BenchFlags(args);
        Builder b = new Builder();
        while (flags.hasNext()) {
            String flag = flags.next();
            switch (flag) {
                case "--quick" -> b.quick();
                case "--static-java" -> b.staticJava = Optional.of(flags.path(flag));
                case "--studies" -> b.studies = flags.number(flag);
                case "--orthanc-studies" -> b.orthancStudies = flags.number(flag);
                case "--orthanc-load-limit" -> b.loadLimit = Duration.ofSeconds(
                        flags.number(flag));
                case "--samples" -> b.samples = flags.number(flag);
                case "--retrieve-instances" -> b.retrieveInstances = flags.number(flag);
                case "--passes" -> b.passes = flags.number(flag);
                default -> flags.readShared(flag);
            }
        }
        return b.build(flags);
    }

    /** The settings of this benchmark alone, at their defaults until a flag changes them. */
    private static final class Builder {
        Optional<Path> staticJava = Optional.empty();
        int studies = 10_000; // 100,000 instances
        int orthancStudies = Integer.MAX_VALUE; // as many as Dicomite's
        Duration loadLimit = Duration.ofMinutes(10);
        int samples = 300;
        int retrieveInstances = 200;
        int passes = 5;
        boolean quick;

        void quick() {
            quick = true;
            studies = 1_000;
            samples = 50;
            retrieveInstances = 50;
            passes = 2;
        }

        SearchSettings build(BenchFlags flags) {
            return new SearchSettings(flags.jar(), flags.dicomiteJvmOptions(), flags.work(),
                    flags.orthanc(), flags.orthancPlugin(), flags.orthancSkipReason(),
                    staticJava, studies, Math.min(studies, orthancStudies), loadLimit, samples,
                    retrieveInstances, passes, quick);
        }
    }
}
