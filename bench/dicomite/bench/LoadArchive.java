// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.StoreInputs.Instance;
import dicomite.bench.StowClient.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads an archive into a server with STOW-RS (PS3.18 §10.5): one thread encodes the batches
 * into {@code multipart/related; type="application/dicom"} bodies (RFC 2387) a few requests
 * ahead, and several client threads send them over keep-alive HTTP/1.1 connections, each answer
 * checked (status 200 and every SOP Instance UID of the batch named in it). Memory stays at a
 * few batches whatever the size of the archive.
 *
 * <p>Prints a progress line to {@code progress} at every tenth of the load. The figures are
 * informative only: the search benchmark times the queries that follow, not this.
 */
final class LoadArchive {
    /** One request body and the SOP Instance UIDs its answer must name. */
    private record Body(byte[] bytes, List<String> sopInstanceUIDs) {
    }

    private static final Body END = new Body(new byte[0], List.of());
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_PROBLEMS = 5; // kept; the rest are counted

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI stow;
    private final String server;
    private final PrintStream progress;
    private final String boundary = "load-" + UUID.randomUUID();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger problemCount = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger(); // instances, answered or not
    private final AtomicInteger stored = new AtomicInteger(); // instances acknowledged

    /** A loader of the STOW-RS route {@code stow} of {@code server} (its name, for progress). */
    LoadArchive(URI stow, String server, PrintStream progress) {
        this.stow = stow;
        this.server = server;
        this.progress = progress;
    }

    /**
     * Sends the batches in order, one request each, from {@code clients} threads, and waits for
     * the last answer. No batch is sent once {@code limit} has passed, so the server then holds
     * the first batches only. {@code total} is the number of instances the batches hold, for the
     * progress lines.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    Outcome load(Iterator<List<Instance>> batches, int total, int clients, Duration limit)
            throws InterruptedException {
        BlockingQueue<Body> queue = new ArrayBlockingQueue<>(2 * clients);
        AtomicLong payload = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> sendAll(queue, total, start), "load-" + server + "-" + c);
            t.start();
            senders.add(t);
        }
        try {
            long deadline = start + limit.toNanos();
            while (batches.hasNext() && System.nanoTime() < deadline) {
                List<Instance> batch = batches.next();
                payload.addAndGet(batch.stream().mapToLong(i -> i.bytes().length).sum());
                queue.put(body(batch));
            }
        } finally {
            for (int c = 0; c < clients; c++) {
                queue.put(END);
            }
            for (Thread t : senders) {
                t.join();
            }
        }
        return new Outcome(stored.get(), payload.get(), System.nanoTime() - start, summary());
    }

    private void sendAll(BlockingQueue<Body> queue, int total, long start) {
        try {
            for (Body body = queue.take(); body != END; body = queue.take()) {
                if (send(body)) {
                    stored.addAndGet(body.sopInstanceUIDs().size());
                }
                report(sent.addAndGet(body.sopInstanceUIDs().size()), body, total, start);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the server stored the whole batch. */
    private boolean send(Body body) throws InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(stow)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type",
                        "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(BodyPublishers.ofByteArray(body.bytes()))
                .build();
        try {
            return check(http.send(post, BodyHandlers.ofString()), body.sopInstanceUIDs());
        } catch (IOException e) {
            problem("request failed: " + e);
            return false;
        }
    }

    private boolean check(HttpResponse<String> response, List<String> sops) {
        String answer = response.body();
        long missing = sops.stream().filter(sop -> !answer.contains(sop)).count();
        if (response.statusCode() != 200 || missing > 0) {
            problem("status " + response.statusCode() + ", " + missing + " of " + sops.size()
                    + " instances not acknowledged, body: " + (answer.length() > 200
                    ? answer.substring(0, 200) + "..." : answer.strip()));
            return false;
        }
        return true;
    }

    private void problem(String text) {
        if (problemCount.incrementAndGet() <= MAX_PROBLEMS) {
            problems.add(text);
        }
    }

    private List<String> summary() {
        List<String> kept = new ArrayList<>(problems);
        if (problemCount.get() > kept.size()) {
            kept.add("and " + (problemCount.get() - kept.size()) + " other failed requests");
        }
        return List.copyOf(kept);
    }

    /** A progress line whenever a tenth of the total is passed. */
    private void report(int done, Body body, int total, long start) {
        int step = Math.max(1, total / 10);
        if (done / step != (done - body.sopInstanceUIDs().size()) / step || done == total) {
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.printf(Locale.ROOT, "  %s: %d of %d instances sent in %.0f s"
                    + " (%.0f inst/s)%n", server, done, total, seconds, done / seconds);
        }
    }

    /** RFC 2046 §5.1.1 framing, as {@link StowClient} sends it. */
    private Body body(List<Instance> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                parts.stream().mapToInt(p -> p.bytes().length + 100).sum());
        for (Instance part : parts) {
            String delimiter = (out.size() == 0 ? "" : "\r\n") + "--" + boundary;
            out.writeBytes((delimiter + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part.bytes());
        }
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Body(out.toByteArray(), parts.stream().map(Instance::sopInstanceUID).toList());
    }
}
