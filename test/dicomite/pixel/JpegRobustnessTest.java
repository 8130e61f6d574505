// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dicomite.dicom.Part10Reader;
import dicomite.dicom.Tag;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JPEG decoders on corrupt input: truncated and bit-flipped frames end in a
 * {@link PixelDataException} or in a frame of the right size, never in another exception or a
 * hang; frame headers that disagree with the data set's attributes, and processes that are not
 * decoded, are refused with messages naming the values. Needs only the fixtures.
 */
class JpegRobustnessTest {
    private static final int MUTATIONS = 400; // per frame

    private record Frame(byte[] bytes, PixelDescription stored) {
    }

    private static Frame fixture(String name) throws Exception {
        var dataset = Part10Reader.read(Path.of("fixtures/valid", name)).dataset();
        List<byte[]> fragments = dataset.get(Tag.PixelData).fragments();
        byte[] frame = JpegOracle.concatenate(fragments.subList(1, 2));
        PixelDescription d = PixelDescription.of(dataset);
        if (d.numberOfFrames() == 1) {
            frame = JpegOracle.concatenate(fragments.subList(1, fragments.size()));
        }
        return new Frame(frame, d);
    }

    private static Frame restartFrame() {
        int[] samples = new int[20 * 30 * 3];
        Random random = new Random(7);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt(4096);
        }
        return new Frame(JpegLosslessEncoder.encode(samples, 20, 30, 3, 12, 6, 30),
                JpegOracle.description(20, 30, 3, 16, 12, false, "RGB", 1));
    }

    @Test
    void survivesTruncatedAndFlippedLosslessFrames() throws Exception {
        FrameDecoder decoder = new JpegLosslessDecoder();
        mutate(decoder, fixture("jpeg-lossless-sv1.dcm"));
        mutate(decoder, fixture("jpeg-lossless-fragments-no-offset-table.dcm"));
        mutate(decoder, restartFrame());
    }

    @Test
    void survivesTruncatedAndFlippedDctFrames() throws Exception {
        FrameDecoder decoder = new JpegDctDecoder();
        mutate(decoder, fixture("jpeg-baseline.dcm"));
        mutate(decoder, fixture("multiframe-jpeg-baseline-offset-table.dcm"));
        mutate(decoder, fixture("img2dcm-jpeg.dcm"));
    }

    private static void mutate(FrameDecoder decoder, Frame frame) {
        Random random = new Random(frame.bytes().length);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int cut = 0; cut < frame.bytes().length; cut += 1 + cut / 16) {
                decodeOrRefuse(decoder, Arrays.copyOf(frame.bytes(), cut), frame.stored());
            }
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] bytes = frame.bytes().clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] = random.nextBoolean() ? (byte) random.nextInt(256)
                            : (byte) (bytes[at] ^ (1 << random.nextInt(8)));
                }
                decodeOrRefuse(decoder, bytes, frame.stored());
            }
        });
    }

    private static void decodeOrRefuse(FrameDecoder decoder, byte[] bytes,
            PixelDescription stored) {
        try {
            DecodedFrame decoded = decoder.decode(bytes, stored);
            assertThat(decoded.pixels()).hasSize((int) stored.frameLength());
        } catch (PixelDataException expected) {
            assertThat(expected.getMessage()).startsWith("JPEG");
        }
    }

    @Test
    void refusesFrameHeaderOfOtherSize() throws Exception {
        Frame frame = fixture("jpeg-lossless-sv1.dcm");
        PixelDescription s = frame.stored();
        PixelDescription taller = new PixelDescription(s.rows() + 1, s.columns(),
                s.samplesPerPixel(), s.bitsAllocated(), s.bitsStored(), s.highBit(), s.signed(),
                s.photometricInterpretation(), 0, 1);
        assertThatThrownBy(() -> new JpegLosslessDecoder().decode(frame.bytes(), taller))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining(s.rows() + " lines")
                .hasMessageContaining("Rows is " + (s.rows() + 1));
    }

    @Test
    void refusesFrameHeaderOfOtherComponentsOrPrecision() throws Exception {
        Frame frame = fixture("jpeg-baseline.dcm");
        PixelDescription s = frame.stored();
        PixelDescription grey = new PixelDescription(s.rows(), s.columns(), 1, 8, 8, 7, false,
                "MONOCHROME2", 0, 1);
        assertThatThrownBy(() -> new JpegDctDecoder().decode(frame.bytes(), grey))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("3 components but SamplesPerPixel is 1");
        PixelDescription wide = new PixelDescription(s.rows(), s.columns(), 3, 16, 12, 11, false,
                s.photometricInterpretation(), 0, 1);
        assertThatThrownBy(() -> new JpegDctDecoder().decode(frame.bytes(), wide))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("precision 8 but BitsStored is 12");
    }

    @Test
    void refusesProgressiveFrameNamingItsMarker() throws Exception {
        Frame frame = fixture("jpeg-baseline.dcm");
        byte[] bytes = frame.bytes().clone();
        for (int i = 0; i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xC0) {
                bytes[i + 1] = (byte) 0xC2;
                break;
            }
        }
        assertThatThrownBy(() -> new JpegDctDecoder().decode(bytes, frame.stored()))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("SOF2 (progressive DCT, Huffman)")
                .hasMessageContaining("not supported");
    }

    @Test
    void refusesDataWithoutStartOfImage() {
        PixelDescription d = JpegOracle.description(8, 8, 1, 8, 8, false, "MONOCHROME2", 1);
        assertThatThrownBy(() -> new JpegLosslessDecoder().decode(new byte[] {1, 2, 3, 4}, d))
                .isInstanceOf(PixelDataException.class)
                .hasMessageContaining("SOI");
    }
}
