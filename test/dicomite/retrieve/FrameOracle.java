// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Frames found without the server's code, to compare its answers with: native frames cut from
 * the file at plain offsets, 1-bit frames bit by bit, and the fragments of encapsulated pixel
 * data as dcmtk's {@code dcmdump +W} writes them, one file per item.
 */
final class FrameOracle {
    private FrameOracle() {
    }

    /**
     * Frame {@code n} (from 1) of {@code size} bytes of the explicit VR pixel data in the file:
     * the value starts 12 bytes after the tag (tag, VR, 2 reserved bytes, 4-byte length).
     */
    static byte[] nativeFrame(byte[] file, int n, int size) throws IOException {
        Part10 header = new Part10Reader(new ByteArrayInputStream(file))
                .withStopBeforePixelData(true).read();
        int start = (int) header.pixelDataOffset() + 12 + (n - 1) * size;
        return Arrays.copyOfRange(file, start, start + size);
    }

    /** Bits {@code [first, first + count)} of the value, least significant bit first. */
    static byte[] bits(byte[] value, int first, int count) {
        byte[] frame = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
            int bit = first + i;
            if ((value[bit / 8] >> (bit % 8) & 1) != 0) {
                frame[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return frame;
    }

    /** The byte pairs swapped. */
    static byte[] swapped(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i + 1 < out.length; i += 2) {
            out[i] = bytes[i + 1];
            out[i + 1] = bytes[i];
        }
        return out;
    }

    /** True when dcmtk's dcmdump is on the PATH. */
    static boolean hasDcmdump() {
        return Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> Arrays.stream(p.split(java.io.File.pathSeparator)))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "dcmdump")));
    }

    /**
     * The fragments of the file's encapsulated pixel data after the Basic Offset Table, as
     * {@code dcmdump +W} writes them ({@code {name}.1.raw}, {@code .2.raw}, …).
     */
    static List<byte[]> fragments(byte[] file, Path folder) throws Exception {
        Path dicom = folder.resolve("in.dcm");
        Files.write(dicom, file);
        Path out = Files.createDirectories(folder.resolve("items"));
        Process dump = new ProcessBuilder("dcmdump", "+W", out.toString(), dicom.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("dump.txt").toFile())
                .start();
        if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            throw new IOException("dcmdump +W failed: " + Files.readString(
                    folder.resolve("dump.txt")));
        }
        List<byte[]> fragments = new ArrayList<>();
        for (int i = 1; Files.exists(out.resolve("in.dcm." + i + ".raw")); i++) {
            fragments.add(Files.readAllBytes(out.resolve("in.dcm." + i + ".raw")));
        }
        return fragments;
    }

    /** The fragments joined. */
    static byte[] joined(List<byte[]> fragments) {
        int length = fragments.stream().mapToInt(f -> f.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] fragment : fragments) {
            System.arraycopy(fragment, 0, all, at, fragment.length);
            at += fragment.length;
        }
        return all;
    }
}
