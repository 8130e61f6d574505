// SPDX-License-Identifier: MIT
package dicomite.store;

import static dicomite.store.StoreCalls.DICOM_JSON;
import static dicomite.store.StoreCalls.MULTIPART;
import static dicomite.store.StoreCalls.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Tag;
import dicomite.http.ApiError;
import dicomite.http.Errors;
import dicomite.storage.Archive;
import dicomite.storage.InstanceKey;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The expiry headers of STOW-RS over HTTP (spec §2.1, managed service): a study stored with them
 * is deleted once its time passes by the server's clock, a later store without them cancels the
 * expiry, and bad values are 400s naming the header and the value.
 */
class ExpiryApiTest {
    private static final MutableClock CLOCK =
            new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));

    @RegisterExtension
    final ServerFixture server = new ServerFixture(config -> config.withClock(CLOCK));

    private static String[] expiry(String milliseconds) {
        return new String[] {"Accept", DICOM_JSON,
            "msdicom-expiry-time-milliseconds", milliseconds,
            "msdicom-expiry-option", "RelativeToNow", "msdicom-expiry-level", "Study"};
    }

    private HttpResponse<String> store(String method, Dataset ds, String... headers)
            throws Exception {
        return send(server, method, "v2/studies", MULTIPART,
                MultipartBody.of(DicomFiles.bytes(ds)), headers);
    }

    private boolean isStored(Dataset ds) throws Exception {
        return !archive().findInstances(InstanceKey.DEFAULT_PARTITION,
                ds.getString(Tag.StudyInstanceUID, ""), null, null).isEmpty();
    }

    private Archive archive() {
        return server.dicomite().archive();
    }

    @Test
    void studyIsDeletedWhenItsTimePasses() throws Exception {
        Dataset ds = DicomFiles.instance();
        assertThat(store("POST", ds, expiry("60000")).statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofMillis(59_000));
        archive().deleteExpired();
        assertThat(isStored(ds)).as("before its time").isTrue();

        CLOCK.advance(Duration.ofMillis(2_000));
        archive().deleteExpired();
        assertThat(isStored(ds)).as("after its time").isFalse();
        assertThatThrownBy(() -> archive().storage().open(StoreArchiveApiTest.keyOf(ds)))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void laterStoreWithoutTheHeadersCancelsTheExpiry() throws Exception {
        Dataset first = DicomFiles.instance();
        Dataset second = DicomFiles.instance(first.getString(Tag.StudyInstanceUID, ""),
                DicomFiles.uid(), DicomFiles.uid());
        assertThat(store("POST", first, expiry("1000")).statusCode()).isEqualTo(200);
        assertThat(store("POST", second, "Accept", DICOM_JSON).statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofHours(1));
        archive().deleteExpired();

        assertThat(isStored(first)).isTrue();
    }

    @Test
    void lastStoreOfTheStudyDecidesItsTime() throws Exception {
        Dataset first = DicomFiles.instance();
        Dataset second = DicomFiles.instance(first.getString(Tag.StudyInstanceUID, ""),
                DicomFiles.uid(), DicomFiles.uid());
        assertThat(store("POST", first, expiry("1000")).statusCode()).isEqualTo(200);
        assertThat(store("PUT", second, expiry("3600000")).statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofMinutes(30));
        archive().deleteExpired();
        assertThat(isStored(first)).isTrue();

        CLOCK.advance(Duration.ofMinutes(31));
        archive().deleteExpired();
        assertThat(isStored(first)).isFalse();
        assertThat(isStored(second)).isFalse();
    }

    @Test
    void theWorkerDeletesExpiredStudiesByItself() throws Exception {
        Dataset ds = DicomFiles.instance();
        assertThat(store("POST", ds, expiry("10")).statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(1));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (isStored(ds) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(isStored(ds)).isFalse();
    }

    @Test
    void invalidHeaderValuesAre400NamingHeaderAndValue() throws Exception {
        List<String[]> cases = new ArrayList<>();
        for (String bad : new String[] {"abc", "0", "-5", "1.5", "+10", "99999999999999999999"}) {
            cases.add(new String[] {"msdicom-expiry-time-milliseconds", bad});
        }
        cases.add(new String[] {"msdicom-expiry-option", "relativetonow"});
        cases.add(new String[] {"msdicom-expiry-option", "Absolute"});
        cases.add(new String[] {"msdicom-expiry-level", "Series"});
        for (String[] change : cases) {
            String[] headers = expiry("1000");
            for (int i = 0; i < headers.length; i += 2) {
                headers[i + 1] = headers[i].equals(change[0]) ? change[1] : headers[i + 1];
            }

            HttpResponse<String> response = store("POST", DicomFiles.instance(), headers);

            ApiError expected = switch (change[0]) {
                case "msdicom-expiry-time-milliseconds" -> Errors.invalidExpiryTime(change[1]);
                case "msdicom-expiry-option" -> Errors.invalidExpiryOption(change[1]);
                default -> Errors.invalidExpiryLevel(change[1]);
            };
            assertThat(response.statusCode()).as(change[1]).isEqualTo(400);
            assertThat(response.body()).as(change[1]).isEqualTo(expected.body());
        }
    }

    @Test
    void exactMessagesOfTheExpiryErrors() {
        assertThat(Errors.invalidExpiryTime("abc").body()).isEqualTo("The header"
                + " 'msdicom-expiry-time-milliseconds' is invalid. Value 'abc' is not a positive"
                + " integer.");
        assertThat(Errors.invalidExpiryOption("Absolute").body()).isEqualTo("The header"
                + " 'msdicom-expiry-option' is invalid. Value 'Absolute' is not supported; the"
                + " only option is 'RelativeToNow'.");
        assertThat(Errors.invalidExpiryLevel("Series").body()).isEqualTo("The header"
                + " 'msdicom-expiry-level' is invalid. Value 'Series' is not supported; the only"
                + " level is 'Study'.");
        assertThat(Errors.missingExpiryHeader("msdicom-expiry-level").body()).isEqualTo(
                "The header 'msdicom-expiry-level' is missing. The headers"
                + " 'msdicom-expiry-time-milliseconds', 'msdicom-expiry-option' and"
                + " 'msdicom-expiry-level' must be sent together.");
        assertThat(Errors.missingExpiryHeader("x").status()).isEqualTo(400);
    }

    @Test
    void theThreeHeadersGoTogether() throws Exception {
        String[] all = expiry("1000");
        for (int skip = 2; skip < all.length; skip += 2) {
            List<String> headers = new ArrayList<>(List.of(all));
            String missing = headers.remove(skip);
            headers.remove(skip);
            HttpResponse<String> response =
                    store("POST", DicomFiles.instance(), headers.toArray(String[]::new));

            assertThat(response.statusCode()).as(missing).isEqualTo(400);
            assertThat(response.body()).isEqualTo(Errors.missingExpiryHeader(missing).body());
        }
    }

    @Test
    void expiryErrorsComeAfterTheContentTypeFilterAndBeforeTheAcceptCheck() throws Exception {
        String[] badTime = {"msdicom-expiry-time-milliseconds", "abc",
            "msdicom-expiry-option", "RelativeToNow", "msdicom-expiry-level", "Study"};

        HttpResponse<String> noAccept = store("POST", DicomFiles.instance(), badTime);
        HttpResponse<String> badType = send(server, "POST", "v2/studies", "text/plain",
                new byte[1], badTime);

        assertThat(noAccept.statusCode()).isEqualTo(400);
        assertThat(badType.statusCode()).isEqualTo(415);
    }
}
