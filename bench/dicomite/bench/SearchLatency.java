// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.SearchQueries.Kind;
import dicomite.bench.SearchQueries.Query;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Times JSON requests (QIDO-RS searches, study metadata) against one server from one or more
 * client threads over keep-alive HTTP/1.1 connections: the time from sending a request to
 * having read the whole answer, with {@code Accept: application/dicom+json}. An answer counts
 * when its status is 200 (a JSON array, whose datasets are counted) or 204 (no match); any
 * other status or a failed request is a problem, kept with the first bytes of the answer.
 *
 * <p>The requests are built before the clock starts; each client takes the next one as it
 * finishes the last, so with 4 clients 4 requests are in flight at all times.
 */
final class SearchLatency {
    /** One timed request. */
    record Sample(Kind kind, long nanos, int rows, String problem) {
        boolean failed() {
            return problem != null;
        }
    }

    /** The samples of one run and its wall time. */
    record Run(List<Sample> samples, long wallNanos) {
    }

    /** Figures of a set of samples of one kind (or of all), latencies in milliseconds. */
    record Stats(int count, double p50, double p99, double mean, double meanRows,
            int failures) {
        static Stats of(List<Sample> samples) {
            List<Sample> ok = samples.stream().filter(s -> !s.failed()).toList();
            long[] nanos = ok.stream().mapToLong(Sample::nanos).sorted().toArray();
            if (nanos.length == 0) {
                return new Stats(0, 0, 0, 0, 0, samples.size());
            }
            return new Stats(nanos.length, rank(nanos, 0.50), rank(nanos, 0.99),
                    Arrays.stream(nanos).average().orElse(0) / 1e6,
                    ok.stream().mapToInt(Sample::rows).average().orElse(0),
                    samples.size() - ok.size());
        }

        /** Nearest-rank percentile of sorted values, in milliseconds. */
        static double rank(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }

        /** Figures per kind, in the order of the kinds. */
        static Map<Kind, Stats> byKind(List<Sample> samples) {
            Map<Kind, List<Sample>> groups = new EnumMap<>(Kind.class);
            for (Sample s : samples) {
                groups.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s);
            }
            Map<Kind, Stats> stats = new EnumMap<>(Kind.class);
            groups.forEach((kind, list) -> stats.put(kind, of(list)));
            return stats;
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final String ACCEPT = "application/dicom+json";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI root;
    private final boolean orthanc;

    /**
     * A client of a server whose DICOMweb routes are under {@code root} (e.g.
     * {@code http://127.0.0.1:8080/v2/}); {@code orthanc} picks the Orthanc form of a query.
     */
    SearchLatency(URI root, boolean orthanc) {
        this.root = root;
        this.orthanc = orthanc;
    }

    /**
     * Sends the queries from {@code clients} threads and times each.
     *
     * @throws InterruptedException when interrupted while waiting for the clients
     */
    Run run(List<Query> queries, int clients) throws InterruptedException {
        List<HttpRequest> requests = queries.stream().map(this::request).toList();
        Sample[] samples = new Sample[queries.size()];
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < samples.length;
                        i = next.getAndIncrement()) {
                    samples[i] = send(queries.get(i).kind(), requests.get(i));
                }
            }, "search-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Run(List.of(samples), System.nanoTime() - start);
    }

    private HttpRequest request(Query query) {
        return HttpRequest.newBuilder(root.resolve(query.path(orthanc)))
                .timeout(TIMEOUT)
                .header("Accept", ACCEPT)
                .GET()
                .build();
    }

    private Sample send(Kind kind, HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            int status = response.statusCode();
            if (status == 204) {
                return new Sample(kind, nanos, 0, null);
            }
            if (status != 200) {
                return new Sample(kind, nanos, 0, "status " + status + " for "
                        + request.uri().getRawPath() + ": " + head(response.body()));
            }
            return new Sample(kind, nanos, countDatasets(response.body()), null);
        } catch (IOException e) {
            return new Sample(kind, System.nanoTime() - start, 0, "request "
                    + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(kind, System.nanoTime() - start, 0, "interrupted");
        }
    }

    private static String head(String body) {
        String text = body.strip();
        return text.isEmpty() ? "(empty)" : text.length() > 160 ? text.substring(0, 160) + "..."
                : text;
    }

    /** The objects at depth 1 of a JSON array: the datasets of a DICOM JSON answer. */
    static int countDatasets(String json) {
        int depth = 0;
        int count = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                count += c == '{' && depth == 1 ? 1 : 0;
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return count;
    }
}
