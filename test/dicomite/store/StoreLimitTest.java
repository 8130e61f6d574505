// SPDX-License-Identifier: MIT
package dicomite.store;

import static dicomite.store.StoreCalls.DICOM_JSON;
import static dicomite.store.StoreCalls.MULTIPART;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dicomite.Config;
import dicomite.dicom.Dataset;
import dicomite.http.Errors;
import dicomite.http.Router;
import dicomite.storage.Archive;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size limit of one stored file (spec §2.1: 2,147,483,647 bytes, 413), tested with a store
 * handler whose limit is small, over its own server, since a 2 GiB upload is too slow for a test.
 */
class StoreLimitTest {
    private static final int LIMIT = 4096; // bytes

    @TempDir
    Path folder;

    private Archive archive;
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        archive = Archive.open(folder, Clock.systemUTC());
        Router router = new Router();
        new StoreHandler(archive, Config.defaults(), LIMIT).register(router);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", router);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        archive.close();
    }

    private HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/studies");
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .header("Accept", DICOM_JSON).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] fileOf(int size) {
        Dataset ds = DicomFiles.instance();
        int withoutPixels = DicomFiles.bytes(DicomFiles.withPixelData(ds, 0)).length;
        return DicomFiles.bytes(DicomFiles.withPixelData(ds, size - withoutPixels));
    }

    @Test
    void theLimitIsTheLargestSignedIntegerAsTheServiceSays() {
        assertThat(StoreHandler.MAX_FILE_SIZE).isEqualTo(2_147_483_647L);
        assertThat(Errors.requestTooLarge(StoreHandler.MAX_FILE_SIZE).body())
                .isEqualTo("The request exceeded the allowed limit of 2147483647 bytes.");
        assertThat(Errors.requestTooLarge(1).status()).isEqualTo(413);
    }

    @Test
    void singlePartOverTheLimitIs413() throws Exception {
        byte[] file = fileOf(LIMIT + 2);
        assertThat(file.length).isEqualTo(LIMIT + 2);

        HttpResponse<String> response = post("application/dicom", file);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .isEqualTo("The request exceeded the allowed limit of 4096 bytes.");
    }

    @Test
    void fileOfExactlyTheLimitIsStored() throws Exception {
        byte[] file = fileOf(LIMIT);
        assertThat(file.length).isEqualTo(LIMIT);

        assertThat(post("application/dicom", file).statusCode()).isEqualTo(200);
    }

    @Test
    void partOverTheLimitRejectsTheWholeRequest() throws Exception {
        byte[] small = fileOf(1024);
        HttpResponse<String> response =
                post(MULTIPART, MultipartBody.of(small, fileOf(LIMIT * 4)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(Errors.requestTooLarge(LIMIT).body());
        assertThat(post(MULTIPART, MultipartBody.of(small)).statusCode())
                .as("the first part was not stored").isEqualTo(200);
    }

    @Test
    void limitIsPerFileNotPerRequest() throws Exception {
        HttpResponse<String> response =
                post(MULTIPART, MultipartBody.of(fileOf(3000), fileOf(3000)));

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
