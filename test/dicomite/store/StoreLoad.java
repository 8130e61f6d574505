// SPDX-License-Identifier: MIT
package dicomite.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stream of stores from several client threads at once, until the server goes away: single
 * {@code application/dicom} bodies and multipart bodies of a few instances (spec §2.1), mostly
 * small, some with megabytes of pixel data sent slowly, so that a kill finds requests being
 * received, being stored and being answered.
 *
 * <p>It keeps what a client can know: every instance it sent, and those the server acknowledged
 * in the ReferencedSOPSequence of a 200 answer (spec §2.3). The UIDs are fresh, so any other
 * answer is a fault, kept in {@link #unexpectedAnswers}. A thread stops at the first request
 * that fails for want of a server. Thread-safe.
 */
final class StoreLoad {
    private static final int SLICE = 64 * 1024; // bytes sent between pauses of a slow body
    private static final int KIB = 1024;

    private final StoreProbe probe;
    private final Map<String, TestInstance> sent = new ConcurrentHashMap<>(); // by SOP UID
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet(); // SOP UIDs
    private final List<String> unexpectedAnswers = new CopyOnWriteArrayList<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean stopped;

    /** A load on the server at this base URI, from {@code clients} threads seeded from one. */
    StoreLoad(URI base, int clients, long seed) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.probe = new StoreProbe(client, base);
        for (int i = 0; i < clients; i++) {
            Random random = new Random(seed + i);
            this.clients.add(new Thread(() -> run(random), "store-client-" + i));
        }
    }

    /** Starts the client threads. */
    void start() {
        clients.forEach(Thread::start);
    }

    /** Tells the threads to stop and waits for them, up to 30 seconds in all. */
    void stop() throws InterruptedException {
        stopped = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread client : clients) {
            client.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (client.isAlive()) {
                throw new IllegalStateException(client.getName() + " did not stop");
            }
        }
    }

    /** Every instance sent in a request, answered or not. */
    Map<String, TestInstance> sent() {
        return sent;
    }

    /** The SOP Instance UIDs the server acknowledged. */
    Set<String> acknowledged() {
        return acknowledged;
    }

    /** Answers other than 200 with every instance of the request, as "status body". */
    List<String> unexpectedAnswers() {
        return unexpectedAnswers;
    }

    private void run(Random random) {
        Series series = Series.fresh();
        while (!stopped) {
            if (random.nextInt(4) == 0) {
                series = Series.fresh();
            }
            try {
                send(nextRequest(random, series));
            } catch (IOException gone) {
                return; // the server was killed: this request is unacknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A few UIDs a client keeps using, so that instances share series and study folders. */
    private record Series(String study, String series) {
        static Series fresh() {
            return new Series(DicomFiles.uid(), DicomFiles.uid());
        }

        TestInstance next(int pixelBytes) {
            return TestInstance.inSeries(study, series, pixelBytes);
        }
    }

    /** One request's instances and whether to send them as one multipart body. */
    private record Request(List<TestInstance> instances, boolean multipart) {
    }

    // Half single small files, a quarter multipart of small ones, the rest with big pixels.
    private static Request nextRequest(Random random, Series series) {
        int shape = random.nextInt(20);
        if (shape < 10) {
            return new Request(List.of(series.next(random.nextInt(8) * KIB)), false);
        }
        if (shape < 15) {
            List<TestInstance> instances = new ArrayList<>();
            for (int i = 2 + random.nextInt(4); i > 0; i--) {
                instances.add(series.next(random.nextInt(8) * KIB));
            }
            return new Request(instances, true);
        }
        TestInstance big = series.next((1 + random.nextInt(8)) * KIB * KIB);
        return shape < 18 ? new Request(List.of(big), false)
                : new Request(List.of(series.next(0), big, series.next(KIB)), true);
    }

    private void send(Request request) throws IOException, InterruptedException {
        List<byte[]> files = new ArrayList<>();
        for (TestInstance instance : request.instances()) {
            files.add(instance.bytes());
            sent.put(instance.sop(), instance);
        }
        byte[] body = request.multipart() ? MultipartBody.of(files.toArray(byte[][]::new))
                : files.get(0);
        String type = request.multipart() ? StoreCalls.MULTIPART : "application/dicom";
        HttpResponse<String> response = probe.send(probe.post(type, slowly(body)));
        recordAnswer(response, files.size());
    }

    // Spec §2.3: a 202 acknowledges its referenced instances too, though none should fail here.
    private void recordAnswer(HttpResponse<String> response, int files) {
        int status = response.statusCode();
        List<String> stored = List.of();
        if (status == 200 || status == 202) {
            try {
                stored = StoreProbe.acknowledged(response);
            } catch (IOException notJson) {
                unexpectedAnswers.add(status + " (" + notJson.getMessage() + ") "
                        + response.body());
                return;
            }
        }
        acknowledged.addAll(stored);
        if (status != 200 || stored.size() != files) {
            unexpectedAnswers.add(status + " " + response.body());
        }
    }

    // Bodies over a megabyte trickle out, a slice each millisecond, to widen the kill window.
    private static HttpRequest.BodyPublisher slowly(byte[] body) {
        if (body.length < KIB * KIB) {
            return HttpRequest.BodyPublishers.ofByteArray(body);
        }
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new Trickle(body)), body.length);
    }

    /** The bytes of a body, at most {@value #SLICE} per read with a pause before each. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;

        Trickle(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted sending a body");
            }
            return in.read(buffer, offset, Math.min(length, SLICE));
        }
    }
}
