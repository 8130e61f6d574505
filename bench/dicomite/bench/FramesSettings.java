// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.nio.file.Path;
import java.util.ArrayList;
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
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--quick" -> b.quick();
                case "--jar" -> b.jar = Path.of(value(args, ++i, flag));
                case "--dicomite-jvm-option" -> b.jvmOptions.add(value(args, ++i, flag));
                case "--work" -> b.work = Path.of(value(args, ++i, flag));
                case "--orthanc" -> b.orthanc = Optional.of(Path.of(value(args, ++i, flag)));
                case "--orthanc-plugin" -> b.plugin = Path.of(value(args, ++i, flag));
                case "--no-orthanc" -> b.skipOrthanc = Optional.of(value(args, ++i, flag));
                case "--orthanc-gdcm" -> b.gdcm = Optional.of(Path.of(value(args, ++i, flag)));
                case "--instances" -> b.instances = number(args, ++i, flag);
                case "--frames" -> b.frames = number(args, ++i, flag);
                case "--samples" -> b.samples = number(args, ++i, flag);
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
        List<String> jvmOptions = new ArrayList<>();
        Path work = Path.of("bench/work");
        Optional<Path> orthanc = Optional.empty();
        Path plugin = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
        Optional<String> skipOrthanc = Optional.empty();
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

        FramesSettings build() {
            Optional<String> skip = orthanc.isEmpty() && skipOrthanc.isEmpty()
                    ? Optional.of("no --orthanc given") : skipOrthanc;
            return new FramesSettings(jar, List.copyOf(jvmOptions), work,
                    skip.isPresent() ? Optional.empty() : orthanc, plugin, skip, gdcm,
                    instances, warmup, frames, samples, quick);
        }
    }
}
