// SPDX-License-Identifier: MIT
package dicomite.store;

import static org.assertj.core.api.Assertions.assertThat;

import dicomite.dicom.Dataset;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Asks a server over HTTP what its index knows of an instance, for the recovery tests: a second
 * store of a known instance fails with 45070 (spec §2.2 step 5), a store of an unknown one
 * succeeds, and a delete answers 204 or 404 (spec §5). Works on any base URI, so on a server
 * in this JVM and on one in its own process alike. Thread-safe.
 */
final class StoreProbe {
    private static final int ALREADY_EXISTS = 45070;

    private final HttpClient client;
    private final URI base;

    /** A probe of the server at this base URI (ending in "/"). */
    StoreProbe(HttpClient client, URI base) {
        this.client = client;
        this.base = base;
    }

    /** POSTs one file as a single {@code application/dicom} body to {@code v2/studies}. */
    HttpResponse<String> storeSingle(byte[] file) throws IOException, InterruptedException {
        return send(post("application/dicom", HttpRequest.BodyPublishers.ofByteArray(file)));
    }

    /** POSTs the files as one multipart/related body to {@code v2/studies}. */
    HttpResponse<String> storeMultipart(byte[]... files)
            throws IOException, InterruptedException {
        return send(post(StoreCalls.MULTIPART,
                HttpRequest.BodyPublishers.ofByteArray(MultipartBody.of(files))));
    }

    /** A POST to {@code v2/studies} with this body, accepting DICOM JSON. */
    HttpRequest post(String contentType, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(base.resolve("v2/studies"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header("Accept", StoreCalls.DICOM_JSON)
                .POST(body).build();
    }

    /** DELETEs the instance. */
    HttpResponse<String> delete(TestInstance instance) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("v2/" + instance.route()))
                .timeout(Duration.ofSeconds(60)).DELETE().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The SOP Instance UIDs in the ReferencedSOPSequence of a store's answer. */
    static List<String> acknowledged(HttpResponse<String> response) throws IOException {
        if (response.body().isEmpty()) {
            return List.of();
        }
        return StoreCalls.referenced(StoreCalls.parse(response)).stream()
                .map(item -> item.getString(StoreCalls.ReferencedSOPInstanceUID, ""))
                .toList();
    }

    /** Storing the instance again fails with 409 and FailureReason 45070: the index has it. */
    void assertKnown(TestInstance instance) throws IOException, InterruptedException {
        HttpResponse<String> response = storeSingle(instance.bytes());
        assertThat(response.statusCode()).as("second store of %s: %s", instance,
                response.body()).isEqualTo(409);
        List<Dataset> failed = StoreCalls.failed(StoreCalls.parse(response));
        assertThat(failed).as("failed items of %s", response.body()).hasSize(1);
        assertThat(StoreCalls.failureReason(failed.get(0))).as("reason for %s: %s", instance,
                response.body()).isEqualTo(ALREADY_EXISTS);
    }

    /** Storing the instance succeeds with 200: the index does not have it, nor a reservation. */
    void assertStoresAnew(TestInstance instance) throws IOException, InterruptedException {
        HttpResponse<String> response = storeSingle(instance.bytes());
        assertThat(response.statusCode()).as("store of %s: %s", instance, response.body())
                .isEqualTo(200);
        assertThat(acknowledged(response)).containsExactly(instance.sop());
    }

    /** Deleting the instance answers 204. */
    void assertDeletes(TestInstance instance) throws IOException, InterruptedException {
        HttpResponse<String> response = delete(instance);
        assertThat(response.statusCode()).as("delete of %s: %s", instance, response.body())
                .isEqualTo(204);
    }

    /** Deleting the instance answers 404: nothing of it is indexed. */
    void assertDeleteFindsNothing(TestInstance instance)
            throws IOException, InterruptedException {
        HttpResponse<String> response = delete(instance);
        assertThat(response.statusCode()).as("delete of %s: %s", instance, response.body())
                .isEqualTo(404);
    }
}
