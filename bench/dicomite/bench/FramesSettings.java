// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The settings of one frames benchmark run, read from its command line (see
 * {@link FramesBench}). Defaults are the full run, a few minutes on two cores; {@code --quick}
 * makes a short, rough one.
 *
 * @param jar the Dicomite jar to run
 * @param dicomiteJvmOptions options for Dicomite's JVM; none by default, as users run it
 * @param work the scratch folder; its {@code frames/} is emptied at start
 * @param orthanc Orthanc's executable; empty when Orthanc is not run
 * @param orthancPlugin the DICOMweb plugin's shared library
 * @param orthancSkipReason why Orthanc is not run, when it is not
 * @param orthancGdcm Orthanc's GDCM plugin, its only JPEG 2000 decoder; empty when not given
 * @param instances instances of each kind whose frame is fetched once, timed
 * @param warmupInstances instances of each kind fetched once before, untimed
 * @param frames frames an instance
 * @param samples timed requests of a repeated frame, a kind and a server (half as many for
 *     each rendered case)
 * @param quick whether this is a rough, short run
 */
record FramesSettings(Path jar, List<String> dicomiteJvmOptions, Path work,
        Optional<Path> orthanc, Path orthancPlugin, Optional<String> orthancSkipReason,
        Optional<Path> orthancGdcm, int instances, int warmupInstances, int frames,
        int samples, boolean quick) {

    /** The frame asked for, numbered from 1: the middle one (15 of 30). */
    int frame() {
        return Math.max(1, frames / 2);
    }

    int renderedSamples() {
        return Math.max(10, samples / 2);
    }

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException for an unknown flag, a flag without its value or a bad
     *     number
     */
    static FramesSettings parse(String[] args) {
        BenchFlags flags = new BenchFlags(args);
        Builder b = new Builder();
        while (flags.hasNext()) {
            String flag = flags.next();
            switch (flag) {
                case "--quick" -> b.quick();
                case "--orthanc-gdcm" -> b.gdcm = Optional.of(flags.path(flag));
                case "--instances" -> b.instances = flags.number(flag);
                case "--frames" -> b.frames = flags.number(flag);
                case "--samples" -> b.samples = flags.number(flag);
                default -> flags.readShared(flag);
            }
        }
        return b.build(flags);
    }

    /** The settings of this benchmark alone, at their defaults until a flag changes them. */
    private static final class Builder {
        Optional<Path> gdcm = Optional.empty();
        int instances = 40;
        int warmup = 5;
        int frames = 30;
        int samples = 400;
        boolean quick;

        void quick() {
            quick = true;
            instances = 8;
            warmup = 2;
            samples = 40;
        }

        FramesSettings build(BenchFlags flags) {
            return new FramesSettings(flags.jar(), flags.dicomiteJvmOptions(), flags.work(),
                    flags.orthanc(), flags.orthancPlugin(), flags.orthancSkipReason(), gdcm,
                    instances, warmup, frames, samples, quick);
        }
    }
}
