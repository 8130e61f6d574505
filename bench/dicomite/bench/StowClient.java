// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.StoreInputs.Instance;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The load generator: sends STOW-RS requests (PS3.18 §10.5) as {@code multipart/related;
 * type="application/dicom"} bodies (RFC 2387), one or several instances a request, from one or
 * more client threads over keep-alive HTTP/1.1 connections, and checks every answer: status 200
 * and a body naming each SOP Instance UID sent (the Referenced SOP Sequence). Bodies are built
 * before the clock starts, so the timed part is sending and waiting only, each thread on its
 * own {@link PlainHttpConnection} (lean, so that the client takes little of the CPU time the
 * servers need). A large file is sent by {@code java.net.http.HttpClient}, straight from disk
 * in small buffers.
 *
 * <p>Both servers get the same framing, so their figures compare like with like.
 */
final class StowClient {
    /** What a run did: counts, time, and the problems seen (empty when all went well). */
    record Outcome(int instances, long payloadBytes, long nanos, List<String> problems) {
        double instancesPerSecond() {
            return instances * 1e9 / nanos;
        }

        double megabytesPerSecond() {
            return payloadBytes * 1e3 / nanos; // 1 MB = 10^6 bytes
        }

        boolean isClean() {
            return problems.isEmpty();
        }
    }

    private record Request(byte[] body, List<String> sopInstanceUIDs) {
    }

    private static final int MAX_PROBLEMS = 5; // kept per run; the rest are counted
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final String ACCEPT = "application/dicom+json";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI stow;
    private final String boundary = "bench-" + UUID.randomUUID();

    /** A client of the STOW-RS route at {@code stow}, e.g. {@code http://host:port/v2/studies}. */
    StowClient(URI stow) {
        this.stow = stow;
    }

    /**
     * Stores the instances, {@code perRequest} a request, with {@code clients} threads taking
     * the next request as they finish one.
     *
     * @throws InterruptedException when interrupted while waiting for the clients
     */
    Outcome store(List<Instance> instances, int perRequest, int clients)
            throws InterruptedException {
        List<Request> requests = requests(instances, perRequest);
        long payload = instances.stream().mapToLong(i -> i.bytes().length).sum();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> sendAll(requests, next, problems)));
            }
            awaitAll(futures, problems);
        } finally {
            pool.shutdownNow();
        }
        long nanos = System.nanoTime() - start;
        return new Outcome(instances.size(), payload, nanos, summarize(problems));
    }

    /**
     * Stores one file, streamed from disk as the single part of a multipart body.
     *
     * @throws IOException when the file cannot be read
     * @throws InterruptedException when interrupted while waiting for the answer
     */
    Outcome storeFile(Path file, String sopInstanceUID, Duration timeout)
            throws IOException, InterruptedException {
        long size = Files.size(file);
        BodyPublisher body = BodyPublishers.concat(BodyPublishers.ofByteArray(partHeader(true)),
                filePublisher(file), BodyPublishers.ofByteArray(closing()));
        List<String> problems = new ArrayList<>();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(post(body, timeout),
                    BodyHandlers.ofString());
            check(response.statusCode(), response.body(), List.of(sopInstanceUID), problems);
        } catch (IOException e) {
            problems.add("request failed: " + e);
        }
        return new Outcome(1, size, System.nanoTime() - start, problems);
    }

    private static BodyPublisher filePublisher(Path file) throws IOException {
        try {
            return BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new IOException("Cannot read the benchmark file " + file, e);
        }
    }

    private List<Request> requests(List<Instance> instances, int perRequest) {
        List<Request> requests = new ArrayList<>();
        for (int from = 0; from < instances.size(); from += perRequest) {
            requests.add(request(instances.subList(from,
                    Math.min(instances.size(), from + perRequest))));
        }
        return requests;
    }

    private Request request(List<Instance> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(
                parts.stream().mapToInt(p -> p.bytes().length + 128).sum());
        for (Instance part : parts) {
            body.writeBytes(partHeader(body.size() == 0));
            body.writeBytes(part.bytes());
        }
        body.writeBytes(closing());
        return new Request(body.toByteArray(), parts.stream().map(Instance::sopInstanceUID)
                .toList());
    }

    /**
     * RFC 2046 §5.1.1: the delimiter and the part's header; the CRLF before a delimiter belongs
     * to it, and the first one has none (an empty preamble).
     */
    private byte[] partHeader(boolean first) {
        String delimiter = (first ? "" : "\r\n") + "--" + boundary;
        return (delimiter + "\r\nContent-Type: application/dicom\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] closing() {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void sendAll(List<Request> requests, AtomicInteger next, List<String> problems) {
        try (PlainHttpConnection connection = new PlainHttpConnection(stow, REQUEST_TIMEOUT)) {
            for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                Request request = requests.get(i);
                try {
                    PlainHttpConnection.Answer answer = connection.post(contentType(), ACCEPT,
                            request.body());
                    check(answer.status(), answer.body(), request.sopInstanceUIDs(), problems);
                } catch (IOException e) {
                    problems.add("request failed: " + e);
                    connection.disconnect(); // its state is unknown: start afresh
                }
            }
        } catch (IOException e) {
            problems.add("closing a connection failed: " + e);
        }
    }

    private HttpRequest post(BodyPublisher body, Duration timeout) {
        return HttpRequest.newBuilder(stow)
                .timeout(timeout)
                .header("Content-Type", contentType())
                .header("Accept", ACCEPT)
                .POST(body)
                .build();
    }

    private String contentType() {
        return "multipart/related; type=\"application/dicom\"; boundary=" + boundary;
    }

    private static void check(int status, String body, List<String> sops,
            List<String> problems) {
        long missing = sops.stream().filter(sop -> !body.contains(sop)).count();
        if (status != 200 || missing > 0) {
            String start = body.length() > 200 ? body.substring(0, 200) + "..." : body.strip();
            problems.add("status " + status + ", " + missing + " of "
                    + sops.size() + " instances not acknowledged, body: "
                    + (start.isEmpty() ? "(empty)" : start));
        }
    }

    private static void awaitAll(List<Future<?>> futures, List<String> problems)
            throws InterruptedException {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                problems.add("client thread failed: " + e.getCause());
            }
        }
    }

    /** The distinct problems, most frequent first, each with its count when above one. */
    private static List<String> summarize(List<String> problems) {
        Map<String, Long> counts = problems.stream()
                .collect(Collectors.groupingBy(p -> p, LinkedHashMap::new, Collectors.counting()));
        List<String> kept = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(MAX_PROBLEMS)
                .map(e -> (e.getValue() > 1 ? e.getValue() + " x " : "") + e.getKey())
                .collect(Collectors.toCollection(ArrayList::new));
        if (counts.size() > MAX_PROBLEMS) {
            kept.add("and " + (counts.size() - MAX_PROBLEMS) + " other problems");
        }
        return List.copyOf(kept);
    }
}
