// SPDX-License-Identifier: MIT
package dicomite.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fixture files and the dcmtk command-line tools that serve as the oracle for them:
 * {@code dcm2json} for the DICOM JSON of a data set, {@code dcmdump +L} for the fragments of
 * encapsulated pixel data and {@code dcmodify} to strip pixel data that dcm2json cannot write.
 * The tools are looked up on PATH; tests skip what needs a missing one. Stateless.
 */
final class FixtureTools {
    /** The repository's fixtures/ folder; tests run from the repository root. */
    static final Path FIXTURES = Path.of(System.getProperty("dicomite.fixtures", "fixtures"));
    private static final long TIMEOUT_SECONDS = 60;

    /** What a tool printed and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private FixtureTools() {
    }

    /** The .dcm files of fixtures/{folder}, sorted by name. */
    static List<Path> files(String folder) {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(".dcm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + FIXTURES.resolve(folder), e);
        }
    }

    /** The tool's path when it is an executable on PATH. */
    static Optional<Path> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Runs a command and collects its output as UTF-8.
     *
     * @throws IOException when it cannot start or outlives {@value #TIMEOUT_SECONDS} seconds
     */
    static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(
                () -> readAll(process.getErrorStream()));
        String stdout = readAll(process.getInputStream());
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Timed out: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), stdout, stderr.join());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** dcm2json's compact output for a file. */
    static Run dcm2json(Path file) throws IOException, InterruptedException {
        return run("dcm2json", "-fc", file.toString());
    }

    /**
     * Copies a file into a folder and removes its top-level Pixel Data with dcmodify.
     *
     * @throws IOException when the copy or dcmodify fails
     */
    static Path withoutPixelData(Path file, Path folder) throws IOException, InterruptedException {
        Path copy = folder.resolve("no-pixels-" + file.getFileName());
        Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run run = run("dcmodify", "-nb", "-q", "-ea", "(7fe0,0010)", copy.toString());
        if (!run.succeeded()) {
            throw new IOException("dcmodify failed on " + copy + ": " + run.stderr());
        }
        return copy;
    }

    /**
     * The items of the top-level encapsulated Pixel Data as dcmdump prints them, the basic offset
     * table first: dcmdump +L prints each item as hex bytes separated by '\', or
     * "(no value available)" when empty.
     *
     * @throws IOException when dcmdump fails or prints no pixel sequence
     */
    static List<byte[]> dcmdumpFragments(Path file) throws IOException, InterruptedException {
        Run run = run("dcmdump", "+L", "-q", file.toString());
        if (!run.succeeded()) {
            throw new IOException("dcmdump failed on " + file + ": " + run.stderr());
        }
        List<byte[]> fragments = new ArrayList<>();
        boolean inPixelSequence = false;
        for (String line : run.stdout().split("\n")) {
            if (line.startsWith("(7fe0,0010) OB (PixelSequence")) {
                inPixelSequence = true;
            } else if (inPixelSequence && line.startsWith("  (fffe,e000) pi ")) {
                fragments.add(parseHexValue(line.substring("  (fffe,e000) pi ".length())));
            } else if (inPixelSequence) {
                break;
            }
        }
        if (fragments.isEmpty()) {
            throw new IOException("dcmdump shows no pixel sequence in " + file);
        }
        return fragments;
    }

    private static byte[] parseHexValue(String text) {
        if (text.startsWith("(no value available)")) {
            return new byte[0];
        }
        String hex = text.substring(0, text.indexOf(' ')).replace("\\", "");
        return HexFormat.of().parseHex(hex);
    }
}
