// SPDX-License-Identifier: MIT
package dicomite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whole-instance retrieval throughput (WADO-RS, PS3.18 §10.4; spec §3.3): fetches a list of
 * files, one {@code GET} each, from one or more client threads over keep-alive HTTP/1.1
 * connections, reading every answer to its end, and reports MB/s of DICOM file bytes (10^6
 * bytes a MB; multipart framing is not counted, so every server is measured on the same
 * payload). An answer counts when its status is 200 and it holds the whole file: exactly its
 * bytes for a single-part answer, at least them for a multipart one.
 */
final class RetrieveThroughput {
    /** One file to fetch: where, with which Accept (none when null), and its size. */
    record Target(URI uri, String accept, long bytes, boolean multipart) {
    }

    /** One pass over the targets. */
    record Pass(long bytes, long nanos, List<String> problems) {
        double megabytesPerSecond() {
            return bytes * 1e3 / nanos;
        }
    }

    /** A way of fetching the files: a server and its route. */
    record Contender(String name, String how, List<Target> targets) {
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final int BUFFER = 64 * 1024; // bytes read at a time
    private static final int MAX_PROBLEMS = 3; // kept a pass

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * Fetches every target once from {@code clients} threads.
     *
     * @throws InterruptedException when interrupted while waiting for the clients
     */
    Pass fetchAll(List<Target> targets, int clients) throws InterruptedException {
        List<HttpRequest> requests = targets.stream().map(RetrieveThroughput::request).toList();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[BUFFER];
                for (int i = next.getAndIncrement(); i < targets.size();
                        i = next.getAndIncrement()) {
                    fetch(targets.get(i), requests.get(i), buffer, problems);
                }
            }, "retrieve-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long nanos = System.nanoTime() - start;
        long bytes = targets.stream().mapToLong(Target::bytes).sum();
        return new Pass(bytes, nanos, List.copyOf(problems.subList(0,
                Math.min(MAX_PROBLEMS, problems.size()))));
    }

    private static HttpRequest request(Target target) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.uri()).timeout(TIMEOUT).GET();
        if (target.accept() != null) {
            b.header("Accept", target.accept());
        }
        return b.build();
    }

    private void fetch(Target target, HttpRequest request, byte[] buffer,
            List<String> problems) {
        try {
            HttpResponse<InputStream> response = http.send(request, BodyHandlers.ofInputStream());
            long read = 0;
            try (InputStream in = response.body()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    read += n;
                }
            }
            boolean whole = target.multipart() ? read >= target.bytes() : read == target.bytes();
            if (response.statusCode() != 200 || !whole) {
                problems.add("status " + response.statusCode() + ", " + read + " bytes of "
                        + target.bytes() + " from " + target.uri());
            }
        } catch (IOException e) {
            problems.add("GET " + target.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pass with the median rate (the upper one of an even count). */
    static Pass median(List<Pass> passes) {
        List<Pass> sorted = passes.stream()
                .sorted(Comparator.comparingDouble(Pass::megabytesPerSecond)).toList();
        return sorted.get(sorted.size() / 2);
    }
}
