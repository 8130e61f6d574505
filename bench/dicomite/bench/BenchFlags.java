// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A benchmark's command line, read flag by flag, with the flags shared by every benchmark that
 * runs Dicomite beside Orthanc: {@code --jar}, {@code --dicomite-jvm-option}, {@code --work},
 * {@code --orthanc}, {@code --orthanc-plugin} and {@code --no-orthanc}. A benchmark's settings
 * read their own flags and hand every other one to {@link #readShared}. Orthanc is run only
 * when {@code --orthanc} is given and {@code --no-orthanc} is not. One instance a parse; not
 * thread-safe.
 */
final class BenchFlags {
    private final String[] args;
    private int next; // index of the next argument to read
    private Path jar = Path.of("dist/dicomite.jar");
    private final List<String> jvmOptions = new ArrayList<>();
    private Path work = Path.of("bench/work");
    private Optional<Path> orthanc = Optional.empty();
    private Path plugin = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    private Optional<String> skipOrthanc = Optional.empty();

    BenchFlags(String[] args) {
        this.args = args.clone();
    }

    boolean hasNext() {
        return next < args.length;
    }

    /** The next argument, read as a flag. */
    String next() {
        return args[next++];
    }

    /**
     * The value that follows {@code flag}.
     *
     * @throws IllegalArgumentException when the command line ends before it
     */
    String value(String flag) {
        if (next >= args.length) {
            throw new IllegalArgumentException("Flag " + flag + " needs a value.");
        }
        return args[next++];
    }

    /** The value that follows {@code flag}, as a path; fails as {@link #value} does. */
    Path path(String flag) {
        return Path.of(value(flag));
    }

    /**
     * The value that follows {@code flag}, as a positive integer.
     *
     * @throws IllegalArgumentException when it is missing, not an integer or not positive
     */
    int number(String flag) {
        String text = value(flag);
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

    /**
     * Reads one of the shared flags and its value.
     *
     * @throws IllegalArgumentException for a flag that is not shared (so unknown to the
     *     benchmark) or a missing value
     */
    void readShared(String flag) {
        switch (flag) {
            case "--jar" -> jar = path(flag);
            case "--dicomite-jvm-option" -> jvmOptions.add(value(flag));
            case "--work" -> work = path(flag);
            case "--orthanc" -> orthanc = Optional.of(path(flag));
            case "--orthanc-plugin" -> plugin = path(flag);
            case "--no-orthanc" -> skipOrthanc = Optional.of(value(flag));
            default -> throw new IllegalArgumentException("Unknown flag '" + flag + "'.");
        }
    }

    Path jar() {
        return jar;
    }

    List<String> dicomiteJvmOptions() {
        return List.copyOf(jvmOptions);
    }

    Path work() {
        return work;
    }

    /** Orthanc's executable; empty when Orthanc is not run. */
    Optional<Path> orthanc() {
        return orthancSkipReason().isPresent() ? Optional.empty() : orthanc;
    }

    Path orthancPlugin() {
        return plugin;
    }

    /** Why Orthanc is not run, when it is not. */
    Optional<String> orthancSkipReason() {
        return orthanc.isEmpty() && skipOrthanc.isEmpty() ? Optional.of("no --orthanc given")
                : skipOrthanc;
    }
}
