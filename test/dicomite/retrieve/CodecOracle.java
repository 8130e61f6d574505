// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.Dataset;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Tag;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Independent decoders for the codec tests: dcmtk's decompressors (dcmdrle, dcmdjpeg,
 * dcmdjpls) for whole files, OpenJPEG's opj_decompress for JPEG 2000 codestreams, dcmtk's
 * dcmj2pnm for rendering. The decoders answer native frames in the layout Dicomite sends:
 * little endian, colour interleaved.
 */
final class CodecOracle {
    private CodecOracle() {
    }

    /** Whether the program is on the PATH. */
    static boolean has(String program) {
        return Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> Arrays.stream(p.split(File.pathSeparator)))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /**
     * The file decompressed by a dcmtk tool to Explicit VR Little Endian, read back.
     *
     * @param tool dcmdrle, dcmdjpeg or dcmdjpls
     */
    static Part10 decompress(String tool, byte[] file, Path folder) throws Exception {
        Path in = Files.write(folder.resolve(tool + "-in.dcm"), file);
        Path out = folder.resolve(tool + "-out.dcm");
        run(folder, tool, "+te", in.toString(), out.toString());
        return Part10Reader.read(out);
    }

    /** Native frame {@code n} (from 1) of a decompressed data set, interleaved by pixel. */
    static byte[] frame(Dataset ds, int n) {
        int rows = ds.findInt(Tag.Rows).orElseThrow();
        int columns = ds.findInt(Tag.Columns).orElseThrow();
        int samples = ds.findInt(Tag.SamplesPerPixel).orElse(1);
        int bytes = ds.findInt(Tag.BitsAllocated).orElseThrow() / 8;
        int size = rows * columns * samples * bytes;
        byte[] value = ds.get(Tag.PixelData).value();
        byte[] frame = Arrays.copyOfRange(value, (n - 1) * size, n * size);
        return ds.findInt(Tag.PlanarConfiguration).orElse(0) == 1
                ? interleaved(frame, rows * columns, samples, bytes) : frame;
    }

    private static byte[] interleaved(byte[] byPlane, int pixels, int samples, int bytes) {
        byte[] out = new byte[byPlane.length];
        for (int p = 0; p < pixels; p++) {
            for (int s = 0; s < samples; s++) {
                System.arraycopy(byPlane, (s * pixels + p) * bytes, out,
                        (p * samples + s) * bytes, bytes);
            }
        }
        return out;
    }

    /**
     * A JPEG 2000 codestream decoded by opj_decompress: samples of {@code bytes} bytes, little
     * endian, interleaved by pixel.
     */
    static byte[] decodeJpeg2000(byte[] codestream, int pixels, int samples, int bytes,
            Path folder) throws Exception {
        Path in = Files.write(folder.resolve("frame.j2k"), codestream);
        Path out = folder.resolve("frame.rawl");
        run(folder, "opj_decompress", "-quiet", "-i", in.toString(), "-o", out.toString());
        return interleaved(Files.readAllBytes(out), pixels, samples, bytes);
    }

    /**
     * dcmtk's rendering of a file as 8-bit samples (dcmj2pnm to PNG, read back).
     *
     * @param options dcmj2pnm options, e.g. {@code +Wi 1} or {@code +Wm +F 10}
     */
    static int[] render(byte[] file, Path folder, String... options) throws Exception {
        Path in = Files.write(folder.resolve("render-in.dcm"), file);
        Path out = folder.resolve("render-out.png");
        List<String> command = new ArrayList<>(List.of("dcmj2pnm", "+on"));
        command.addAll(List.of(options));
        command.addAll(List.of(in.toString(), out.toString()));
        run(folder, command.toArray(String[]::new));
        return samples(Files.readAllBytes(out));
    }

    /** The 8-bit samples of a PNG or JPEG image, interleaved by pixel. */
    static int[] samples(byte[] image) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
        Raster raster = decoded.getRaster();
        return raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
    }

    private static void run(Path folder, String... command) throws Exception {
        Path log = folder.resolve(command[0] + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: "
                    + Files.readString(log));
        }
    }
}
