// SPDX-License-Identifier: MIT
package dicomite.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dicomite.pixel.JpegLsDecoderTest.Dcmtk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged JPEG-LS frames, truncated and with flipped bytes, must decode or fail with a
 * {@link PixelDataException}: never another exception, never a hang.
 */
class JpegLsRobustnessTest {

    @ParameterizedTest
    @ValueSource(strings = {"fixtures/valid/jpeg-ls-lossless.dcm",
        "fixtures/valid/multiframe-jpeg-ls-no-offset-table.dcm"})
    void damagedFramesDecodeOrFailWithPixelDataException(String fixture) throws Exception {
        Path file = Path.of(fixture);
        byte[] valid = Dcmtk.fragment(file, 1);
        PixelDescription stored = Dcmtk.description(file);
        Random random = new Random(fixture.hashCode());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 5000; round++) {
                byte[] broken = damage(valid, random);
                try {
                    assertThat(new JpegLsDecoder().decode(broken, stored).pixels())
                            .hasSize((int) stored.frameLength());
                } catch (PixelDataException expected) {
                    assertThat(expected.getMessage()).startsWith("JPEG-LS");
                }
            }
        });
    }

    /** A copy of the bytes, truncated, with bytes flipped, or both. */
    static byte[] damage(byte[] valid, Random random) {
        byte[] broken = random.nextInt(3) == 0
                ? Arrays.copyOf(valid, random.nextInt(valid.length + 1))
                : valid.clone();
        int flips = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(4);
        for (int i = 0; i < flips && broken.length > 0; i++) {
            int at = random.nextInt(broken.length);
            broken[at] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                    : (byte) (broken[at] ^ (1 << random.nextInt(8)));
        }
        return broken;
    }
}
