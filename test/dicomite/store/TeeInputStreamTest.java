// SPDX-License-Identifier: MIT
package dicomite.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.http.ApiError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TeeInputStreamTest {
    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void copyHoldsWhatWasReadThenTheRest() throws Exception {
        byte[] input = random(200_000);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        TeeInputStream tee = new TeeInputStream(new ByteArrayInputStream(input), copy, 1 << 20);

        assertThat(tee.read()).isEqualTo(input[0] & 0xFF);
        assertThat(tee.readNBytes(1000)).hasSize(1000);
        tee.skipNBytes(5000);
        tee.copyRest();

        assertThat(copy.toByteArray()).isEqualTo(input);
        assertThat(tee.count()).isEqualTo(input.length);
        assertThat(tee.read()).isEqualTo(-1);
    }

    @Test
    void readingPastTheLimitFailsWith413() {
        TeeInputStream tee = new TeeInputStream(new ByteArrayInputStream(random(10_000)),
                new ByteArrayOutputStream(), 9_999);

        assertThatThrownBy(tee::copyRest).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.body())
                    .isEqualTo("The request exceeded the allowed limit of 9999 bytes.");
        });
    }

    @Test
    void readingExactlyTheLimitPasses() throws Exception {
        TeeInputStream tee = new TeeInputStream(new ByteArrayInputStream(random(10_000)),
                new ByteArrayOutputStream(), 10_000);

        tee.copyRest();

        assertThat(tee.count()).isEqualTo(10_000);
    }
}
