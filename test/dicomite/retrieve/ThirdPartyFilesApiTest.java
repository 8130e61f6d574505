// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import static dicomite.retrieve.RetrieveCalls.get;
import static dicomite.retrieve.RetrieveCalls.instancePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Tag;
import dicomite.store.StoreCalls;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files written by other programs (the test files Debian's python3-pydicom ships: GDCM, dcmtk,
 * vendors, some deliberately broken) through store, retrieve, frames and rendered. Whatever the
 * file, store answers 200, 202 or 409, never a server error; a stored file comes back byte for
 * byte, and every one of its frames and its rendered first frame answer without a server
 * error. Skipped when the package is not installed.
 */
class ThirdPartyFilesApiTest {
    private static final Path CORPUS =
            Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    // the pixel data runs past the end of the file: its frames cannot be cut (CONFORMANCE 3.4)
    private static final List<String> TRUNCATED_PIXELS = List.of("MR_truncated.dcm");
    // JPEG 2000 data that opj_decompress cannot decode either
    private static final List<String> UNDECODABLE =
            List.of("JPEG2000-embedded-sequence-delimiter.dcm");
    private static final String ORIGINAL = "application/dicom; transfer-syntax=*";
    private static final String FRAMES = "multipart/related; type=\"application/octet-stream\";"
            + " transfer-syntax=*";

    @RegisterExtension
    static final ServerFixture server = new ServerFixture();

    @Test
    void everyFileIsStoredOrRefusedAndWhatIsStoredIsServed() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "python3-pydicom's test files are not installed");
        List<Path> files;
        try (Stream<Path> listing = Files.list(CORPUS)) {
            files = listing.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        List<String> stored = new ArrayList<>();
        for (Path file : files) {
            if (checkFile(file)) {
                stored.add(file.getFileName().toString());
            }
        }
        assertThat(stored).as("files stored").hasSizeGreaterThan(40)
                .contains("CT_small.dcm", "SC_ybr_full_422_uncompressed.dcm", "JPEG-lossy.dcm",
                        "rtdose_rle.dcm", "MR_small_jpeg_ls_lossless.dcm");
    }

    // True when the file was stored (and then checked and deleted).
    private static boolean checkFile(Path file) throws Exception {
        String name = file.getFileName().toString();
        byte[] bytes = Files.readAllBytes(file);
        HttpResponse<String> response = StoreCalls.store(server, "v2/studies", bytes);
        assertThat(response.statusCode()).as(name + ": " + response.body()).isIn(200, 202, 409);
        List<Dataset> referenced = StoreCalls.referenced(StoreCalls.parse(response));
        if (referenced.isEmpty()) {
            return false;
        }
        Dataset ds = new Part10Reader(new ByteArrayInputStream(bytes))
                .withStopBeforePixelData(true).read().dataset();
        String instance = instancePath("v2", ds);
        assertThat(get(server, instance, "Accept", ORIGINAL).body()).as(name).isEqualTo(bytes);
        checkFrames(name, instance, ds);
        String study = "v2/studies/" + ds.getString(Tag.StudyInstanceUID, "").strip();
        assertThat(server.send(server.request(study).DELETE().build()).statusCode()).as(name)
                .isEqualTo(204); // files of the corpus share UIDs
        return true;
    }

    private static void checkFrames(String name, String instance, Dataset ds)
            throws Exception {
        boolean hasPixels = ds.contains(Tag.Rows);
        if (!hasPixels || TRUNCATED_PIXELS.contains(name)) {
            return;
        }
        int frames = ds.findInt(Tag.NumberOfFrames).orElse(1);
        for (int frame = 1; frame <= frames; frame++) {
            HttpResponse<byte[]> response = get(server, instance + "/frames/" + frame, "Accept",
                    FRAMES);
            assertThat(response.statusCode()).as(name + " frame " + frame).isEqualTo(200);
        }
        assertThat(get(server, instance + "/frames/" + (frames + 1), "Accept", FRAMES)
                .statusCode()).as(name + " past the last frame").isEqualTo(404);
        HttpResponse<byte[]> rendered = get(server, instance + "/rendered", "Accept",
                "image/png");
        assertThat(rendered.statusCode()).as(name + " rendered: "
                + new String(rendered.body(), StandardCharsets.UTF_8))
                .isEqualTo(UNDECODABLE.contains(name) ? 406 : 200);
    }
}
