// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times frame requests (WADO-RS frames and rendered frames, PS3.18 §10.4.1.1.3, §10.4.1.1.4;
 * spec §3.4) from one client over a keep-alive HTTP/1.1 connection: the time from sending a
 * {@code GET} to having read the whole answer. An answer counts when its status is 200, its
 * Content-Type is the one asked for, and its body is what was asked for: for a frame, a
 * multipart body at least as long as the stored frame; for a rendered frame, an image that
 * starts with the JPEG (FF D8) or PNG signature. Anything else is a problem, kept with the
 * status and the first bytes of the answer.
 */
final class FramesLatency {
    /** What is asked for: the Accept header, and how to check the answer. */
    enum Ask {
        FRAME("multipart/related; type=\"application/octet-stream\"; transfer-syntax=*",
                "multipart/related", new byte[0]),
        JPEG("image/jpeg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8}),
        PNG("image/png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        final String accept;
        private final String contentType;
        private final byte[] signature;

        Ask(String accept, String contentType, byte[] signature) {
            this.accept = accept;
            this.contentType = contentType;
            this.signature = signature;
        }
    }

    /** One request: where, what, and the least number of bytes a good answer holds. */
    record Target(URI uri, Ask ask, int minBytes) {
    }

    /** One timed request; {@code status} is 0 when the request failed before an answer. */
    record Sample(long nanos, int status, String problem) {
        boolean failed() {
            return problem != null;
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * Sends each target once, one after the other, and times each.
     *
     * @throws InterruptedException when interrupted while waiting for an answer
     */
    List<Sample> run(List<Target> targets) throws InterruptedException {
        List<Sample> samples = new ArrayList<>(targets.size());
        for (Target t : targets) {
            samples.add(send(t));
        }
        return samples;
    }

    private Sample send(Target target) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target.uri()).timeout(TIMEOUT)
                .header("Accept", target.ask().accept).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            return new Sample(nanos, response.statusCode(), problem(target, response));
        } catch (IOException e) {
            return new Sample(System.nanoTime() - start, 0, "GET " + target.uri() + " failed: "
                    + e);
        }
    }

    private static String problem(Target target, HttpResponse<byte[]> response) {
        byte[] body = response.body();
        String type = response.headers().firstValue("Content-Type").orElse("(none)");
        boolean good = response.statusCode() == 200
                && type.regionMatches(true, 0, target.ask().contentType, 0,
                        target.ask().contentType.length())
                && body.length >= target.minBytes()
                && Arrays.equals(body, 0, Math.min(body.length, target.ask().signature.length),
                        target.ask().signature, 0, target.ask().signature.length);
        if (good) {
            return null;
        }
        return "HTTP " + response.statusCode() + ", " + type + ", " + body.length + " bytes: "
                + head(body);
    }

    private static String head(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8)
                .replaceAll("[^\\x20-\\x7E]", ".").strip();
        return text.isEmpty() ? "(empty)" : text;
    }

    /** Nearest-rank percentiles of the good samples, in milliseconds. */
    record Stats(int count, double p50, double p99, int failures) {
        static Stats of(List<Sample> samples) {
            long[] nanos = samples.stream().filter(s -> !s.failed()).mapToLong(Sample::nanos)
                    .sorted().toArray();
            if (nanos.length == 0) {
                return new Stats(0, 0, 0, samples.size());
            }
            return new Stats(nanos.length, SearchLatency.Stats.rank(nanos, 0.50),
                    SearchLatency.Stats.rank(nanos, 0.99), samples.size() - nanos.length);
        }
    }
}
