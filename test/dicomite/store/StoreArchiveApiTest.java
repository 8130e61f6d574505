// SPDX-License-Identifier: MIT
package dicomite.store;

import static dicomite.store.StoreCalls.DICOM_JSON;
import static dicomite.store.StoreCalls.MULTIPART;
import static dicomite.store.StoreCalls.failed;
import static dicomite.store.StoreCalls.failureReason;
import static dicomite.store.StoreCalls.parse;
import static dicomite.store.StoreCalls.referenced;
import static dicomite.store.StoreCalls.send;
import static dicomite.store.StoreCalls.store;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import dicomite.storage.ChangeFeedEntry;
import dicomite.storage.InstanceKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STOW-RS and the archive (spec §2.2 step 5, §2.4, §2.1 upsert): duplicates within a request and
 * across requests, concurrent stores of one instance, PUT replacing an instance, and the stored
 * bytes being exactly those sent.
 */
class StoreArchiveApiTest {
    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    @Test
    void duplicateAcrossRequestsFailsWith45070() throws Exception {
        Dataset ds = DicomFiles.instance();
        byte[] bytes = DicomFiles.bytes(ds);
        assertThat(store(server, "v2/studies", bytes).statusCode()).isEqualTo(200);

        HttpResponse<String> again = store(server, "v2/studies", bytes);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).isEqualTo("{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{"
                + "\"00081150\":{\"vr\":\"UI\",\"Value\":[\"" + DicomFiles.CT_IMAGE + "\"]},"
                + "\"00081155\":{\"vr\":\"UI\",\"Value\":[\"" + StoreApiTest.sop(ds) + "\"]},"
                + "\"00081197\":{\"vr\":\"US\",\"Value\":[45070]}}]}}");
    }

    @Test
    void duplicateWithinOneRequestStoresTheFirstAndFailsTheSecond() throws Exception {
        byte[] bytes = DicomFiles.bytes(DicomFiles.instance());

        HttpResponse<String> response = store(server, "v2/studies", bytes, bytes);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(referenced(parse(response))).hasSize(1);
        assertThat(failureReason(failed(parse(response)).get(0))).isEqualTo(45070);
    }

    @Test
    void trailingSpacesInUidsDoNotMakeANewInstance() throws Exception {
        String study = DicomFiles.uid();
        String series = DicomFiles.uid();
        String sop = DicomFiles.uid();
        byte[] padded = DicomFiles.bytes(DicomFiles.instance(study + " ", series, sop + " "));
        byte[] morePadded =
                DicomFiles.bytes(DicomFiles.instance(study + "     ", series + "  ", sop));

        assertThat(store(server, "v2/studies", padded).statusCode()).isEqualTo(200);
        HttpResponse<String> again = store(server, "v2/studies", morePadded);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(failureReason(failed(parse(again)).get(0))).isEqualTo(45070);
    }

    @Test
    void concurrentStoresOfOneInstanceStoreItOnce() throws Exception {
        byte[] bytes = DicomFiles.bytes(DicomFiles.withPixelData(DicomFiles.instance(), 200_000));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<HttpResponse<String>> call = () -> {
                    start.await();
                    return store(server, "v2/studies", bytes);
                };
                calls.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 409) {
                    assertThat(failureReason(failed(parse(response)).get(0)))
                            .isIn(45070, 45071);
                }
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void putReplacesAnExistingInstance() throws Exception {
        Dataset first = DicomFiles.instance();
        Dataset second = DicomFiles.instance(first.getString(Tag.StudyInstanceUID, ""),
                first.getString(Tag.SeriesInstanceUID, ""), StoreApiTest.sop(first));
        second.putString(Tag.PatientName, VR.PN, "Roe^Rick");
        byte[] secondBytes = DicomFiles.bytes(second);
        assertThat(store(server, "v2/studies", DicomFiles.bytes(first)).statusCode())
                .isEqualTo(200);

        HttpResponse<String> put = send(server, "PUT", "v2/studies", MULTIPART,
                MultipartBody.of(secondBytes), "Accept", DICOM_JSON);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(referenced(parse(put))).hasSize(1);
        assertThat(storedBytes(keyOf(first))).isEqualTo(secondBytes);
        assertThat(server.dicomite().archive().changeFeed(0, 10_000).stream()
                .filter(entry -> entry.key().equals(keyOf(first)))
                .map(ChangeFeedEntry::state)).containsExactly("Replaced", "Current");
        assertThat(failureReason(failed(parse(store(server, "v2/studies",
                DicomFiles.bytes(first)))).get(0))).as("POST still refuses").isEqualTo(45070);
    }

    @Test
    void putIntoAStudyStoresNewInstancesToo() throws Exception {
        Dataset ds = DicomFiles.instance();
        String study = ds.getString(Tag.StudyInstanceUID, "");

        HttpResponse<String> put = send(server, "PUT", "v1/studies/" + study, "application/dicom",
                DicomFiles.bytes(ds), "Accept", DICOM_JSON);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(parse(put).getString(StoreCalls.RetrieveURL, ""))
                .isEqualTo(server.baseUri() + "v1/studies/" + study);
    }

    @Test
    void storedBytesAreExactlyTheBytesSent() throws Exception {
        Dataset large = DicomFiles.withPixelData(DicomFiles.instance(), 300_000);
        Dataset small = DicomFiles.instance();
        byte[] largeBytes = DicomFiles.bytes(large);
        byte[] smallBytes = DicomFiles.bytes(small);

        assertThat(store(server, "v2/studies", largeBytes, smallBytes).statusCode())
                .isEqualTo(200);

        assertThat(storedBytes(keyOf(large))).isEqualTo(largeBytes);
        assertThat(storedBytes(keyOf(small))).isEqualTo(smallBytes);
    }

    @Test
    void fixturesAreStoredByteForByte() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("fixtures/valid"))) {
            files = listing.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        List<String> stored = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            HttpResponse<String> response = send(server, "PUT", "v2/studies",
                    "application/dicom", bytes, "Accept", DICOM_JSON);

            Dataset ds = Part10Reader.read(file).dataset();
            if (!hasRequiredAttributes(ds)) {
                assertThat(failureReason(failed(parse(response)).get(0))).as(file.toString())
                        .isEqualTo(43264);
                continue;
            }
            assertThat(response.statusCode()).as(file.toString()).isIn(200, 202);
            assertThat(storedBytes(keyOf(ds))).as(file.toString()).isEqualTo(bytes);
            stored.add(file.getFileName().toString());
        }
        assertThat(stored).contains("explicit-vr-le.dcm", "implicit-vr-le.dcm",
                "explicit-vr-be.dcm", "deflated.dcm", "rle-lossless.dcm", "jpeg-ls-lossless.dcm");
    }

    private static boolean hasRequiredAttributes(Dataset ds) {
        return ds.contains(Tag.PatientID) && Stream.of(Tag.SOPClassUID, Tag.StudyInstanceUID,
                Tag.SeriesInstanceUID, Tag.SOPInstanceUID)
                .allMatch(tag -> !ds.getString(tag, "").isEmpty());
    }

    @Test
    void largeUploadIsStreamedIntoPlace() throws Exception {
        Dataset ds = DicomFiles.withPixelData(DicomFiles.instance(), 16 * 1024 * 1024);
        byte[] bytes = DicomFiles.bytes(ds);
        HttpRequest request = server.request("v2/studies")
                .header("Content-Type", "application/dicom").header("Accept", DICOM_JSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(bytes)))
                .build();

        assertThat(server.send(request).statusCode()).isEqualTo(200);

        try (InputStream stored = server.dicomite().archive().storage().open(keyOf(ds))) {
            assertThat(digest(stored)).isEqualTo(digest(new java.io.ByteArrayInputStream(bytes)));
        }
    }

    static InstanceKey keyOf(Dataset ds) {
        return InstanceKey.of(InstanceKey.DEFAULT_PARTITION,
                ds.getString(Tag.StudyInstanceUID, ""), ds.getString(Tag.SeriesInstanceUID, ""),
                ds.getString(Tag.SOPInstanceUID, ""));
    }

    private static byte[] storedBytes(InstanceKey key) throws IOException {
        try (InputStream in = server.dicomite().archive().storage().open(key)) {
            return in.readAllBytes();
        }
    }

    private static byte[] digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return sha.digest();
    }
}
