// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dicomite.Config;
import dicomite.dicom.Dataset;
import dicomite.dicom.TransferSyntax;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.http.Router;
import dicomite.storage.Archive;
import dicomite.storage.FrameCache;
import dicomite.store.DicomFiles;
import dicomite.store.MultipartBody;
import dicomite.store.StoreCalls;
import dicomite.store.StoreHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size limit of conversion (spec §3.3: 104,857,600 bytes, 406), tested with a retrieve
 * handler whose limit is small, over its own server, since 100 MiB files are too slow for a test.
 */
class TranscodeLimitTest {
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
        StoreHandler.register(router, archive, Config.defaults());
        FrameCache frames = FrameCache.open(archive, Clock.systemUTC(), Duration.ZERO,
                OptionalLong.empty());
        new RetrieveHandler(archive, Config.defaults(), frames, LIMIT, () -> "fixed-boundary")
                .register(router);
        new RenderedHandler(archive, frames, LIMIT).register(router);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", router);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        archive.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    private Dataset store(int pixelBytes, TransferSyntax ts) throws Exception {
        Dataset ds = DicomFiles.withPixelData(DicomFiles.instance(), pixelBytes);
        HttpResponse<String> stored = client.send(HttpRequest.newBuilder(uri("v2/studies"))
                .header("Content-Type", StoreCalls.MULTIPART).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MultipartBody.of(
                        DicomFiles.bytes(ds, ts)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isIn(200, 202); // 202: implicit VR
        return ds;
    }

    private HttpResponse<String> get(Dataset ds, String accept) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(RetrieveCalls.instancePath("v2", ds)))
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString(
                        StandardCharsets.ISO_8859_1));
    }

    @Test
    void theLimitIsOneHundredMebibytesAsTheServiceSays() {
        ApiError error = Errors.instanceTooLargeToTranscode(Transcoding.MAX_SIZE);
        assertThat(Transcoding.MAX_SIZE).isEqualTo(104_857_600L);
        assertThat(error.status()).isEqualTo(406);
        assertThat(error.body()).isEqualTo("Requested DICOM instance size is above the supported"
                + " limit of 104857600. The entire instance can be retrieved with the original"
                + " transfer syntax by specifying 'transfer-syntax=*' in the Accept header.");
    }

    @Test
    void anInstanceOverTheLimitIsNotConverted() throws Exception {
        Dataset ds = store(LIMIT, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);

        HttpResponse<String> response = get(ds, "application/dicom");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body())
                .isEqualTo(Errors.instanceTooLargeToTranscode(LIMIT).body());
    }

    @Test
    void anInstanceUnderTheLimitIsConverted() throws Exception {
        Dataset ds = store(LIMIT / 2, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);

        HttpResponse<String> response = get(ds, "application/dicom");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/dicom; transfer-syntax=1.2.840.10008.1.2.1");
    }

    @Test
    void theLimitDoesNotApplyToTheStoredSyntax() throws Exception {
        Dataset ds = store(LIMIT, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(get(ds, "application/dicom").statusCode()).isEqualTo(200);
        assertThat(get(ds, "multipart/related; type=\"application/dicom\"; transfer-syntax=*")
                .headers().firstValue("Content-Type"))
                .hasValue("multipart/related; boundary=fixed-boundary");
    }

    @Test
    void anInstanceOverTheLimitIsNotRenderedButOneUnderItIs() throws Exception {
        Dataset over = store(LIMIT, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Dataset under = store(LIMIT / 2, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(uri(
                RetrieveCalls.instancePath("v2", over) + "/rendered")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> rendered = client.send(HttpRequest.newBuilder(uri(
                RetrieveCalls.instancePath("v2", under) + "/frames/1/rendered")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(406);
        assertThat(refused.body()).isEqualTo(Errors.instanceTooLargeToRender(LIMIT).body());
        assertThat(Errors.instanceTooLargeToRender(104_857_600).body()).isEqualTo("Requested"
                + " DICOM instance size is above the supported limit of 104857600 for rendering."
                + " Please retrieve the whole file in the original transfer syntax instead of"
                + " rendering to image media type.");
        assertThat(rendered.statusCode()).isEqualTo(200);
        assertThat(rendered.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    }
}
