// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import dicomite.http.MediaType;
import dicomite.http.MultipartReader;
import dicomite.store.DicomFiles;
import dicomite.store.StoreCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Retrieve requests and a reading of their answers for the tests: GETs as bytes, multipart
 * bodies split with {@link MultipartReader}, paths of stored data sets, and fixture files given
 * fresh UIDs (all fixtures share theirs) by rewriting them with {@link Part10Writer} in their
 * own transfer syntax.
 */
final class RetrieveCalls {
    static final String DICOM_ORIGINAL =
            "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    static final String DICOM_JSON = "application/dicom+json";
    static final String EXPLICIT = "1.2.840.10008.1.2.1";

    /** One part of a multipart answer: its headers as sent and its bytes. */
    record Part(List<MultipartReader.Header> headers, byte[] body) {
        String contentType() {
            return headers.get(0).value();
        }
    }

    private RetrieveCalls() {
    }

    /** GETs a path with header name/value pairs; the body as bytes. */
    static HttpResponse<byte[]> get(ServerFixture server, String path, String... headers)
            throws IOException, InterruptedException {
        var builder = server.request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return server.client().send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body as UTF-8 text. */
    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /**
     * The parts of a multipart/related answer, checking its Content-Type: a boundary and no
     * {@code type} parameter (spec §3.3).
     */
    static List<Part> parts(HttpResponse<byte[]> response) throws IOException {
        MediaType type = MediaType.parse(response.headers().firstValue("Content-Type")
                .orElseThrow());
        assertThat(type.essence()).isEqualTo("multipart/related");
        assertThat(type.parameters().keySet()).containsExactly("boundary");
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(response.body()),
                type.findParameter("boundary").orElseThrow());
        List<Part> parts = new ArrayList<>();
        for (Optional<MultipartReader.Part> part = reader.readPart(); part.isPresent();
                part = reader.readPart()) {
            parts.add(new Part(part.get().headers(), part.get().body().readAllBytes()));
        }
        return parts;
    }

    /** The path of the data set's study, e.g. "v2/studies/1.2.3". */
    static String studyPath(String version, Dataset ds) {
        return version + "/studies/" + ds.getString(Tag.StudyInstanceUID, "");
    }

    /** The path of the data set's series. */
    static String seriesPath(String version, Dataset ds) {
        return studyPath(version, ds) + "/series/" + ds.getString(Tag.SeriesInstanceUID, "");
    }

    /** The path of the data set's instance. */
    static String instancePath(String version, Dataset ds) {
        return seriesPath(version, ds) + "/instances/" + ds.getString(Tag.SOPInstanceUID, "");
    }

    /**
     * Stores the files in one request, checking that each was stored (202 for the warning an
     * implicit VR file gets, spec §2.2).
     */
    static void store(ServerFixture server, byte[]... files)
            throws IOException, InterruptedException {
        HttpResponse<String> response = StoreCalls.store(server, "v2/studies", files);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
        assertThat(StoreCalls.failed(StoreCalls.parse(response))).as(response.body()).isEmpty();
    }

    /** Stores {@code count} new instances of the series in one request, each of a new size. */
    static List<Dataset> storeInstances(ServerFixture server, String study, String series,
            int count) throws IOException, InterruptedException {
        List<Dataset> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(DicomFiles.withPixelData(DicomFiles.instance(study, series,
                    DicomFiles.uid()), 64 + 2 * i));
        }
        store(server, instances.stream().map(DicomFiles::bytes).toArray(byte[][]::new));
        return instances;
    }

    /**
     * A fixture file read whole, with new Study, Series and SOP Instance UIDs, and a PatientID
     * when it has none.
     */
    static Part10 renamedFixture(String name, String study, String series) throws IOException {
        Part10 file = Part10Reader.read(Path.of("fixtures/valid", name));
        String sop = DicomFiles.uid();
        file.dataset().putString(Tag.StudyInstanceUID, VR.UI, study);
        file.dataset().putString(Tag.SeriesInstanceUID, VR.UI, series);
        file.dataset().putString(Tag.SOPInstanceUID, VR.UI, sop);
        file.fileMeta().putString(Tag.MediaStorageSOPInstanceUID, VR.UI, sop);
        if (!file.dataset().contains(Tag.PatientID)) { // required by the store (spec §2.2)
            file.dataset().putString(Tag.PatientID, VR.LO, "P-1");
        }
        return file;
    }

    /** The Part 10 bytes of a file in its own transfer syntax. */
    static byte[] bytesOf(Part10 file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.write(out, file.fileMeta(), file.dataset(), file.transferSyntax());
        return out.toByteArray();
    }

    /** The Part 10 file these bytes hold. */
    static Part10 read(byte[] bytes) throws IOException {
        return new Part10Reader(new ByteArrayInputStream(bytes)).read();
    }
}
