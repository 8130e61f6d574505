// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.RetrieveThroughput.Contender;
import dicomite.bench.RetrieveThroughput.Target;
import dicomite.bench.StoreInputs.Instance;
import dicomite.bench.StowClient.Outcome;
import dicomite.dicom.Dataset;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.VR;
import dicomite.json.Json;
import dicomite.json.JsonException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The larger instances the retrieval figures are made with: copies of the 512x512 16-bit CT of
 * {@link CtInstance} (about 526 kB each, Explicit VR Little Endian), 50 a study of one series,
 * stored into each server beside the search archive; and the ways of fetching each one whole:
 * <ul>
 *   <li>Dicomite, {@code GET .../instances/{sop}} with {@code Accept: application/dicom;
 *       transfer-syntax=*} (single part, the stored file) and with {@code multipart/related;
 *       type="application/dicom"; transfer-syntax=*};</li>
 *   <li>Orthanc's DICOMweb plugin, the same route multipart (it answers a single-part Accept
 *       with 400), and Orthanc's own REST route {@code GET /instances/{id}/file};</li>
 *   <li>the JDK's static file server over Dicomite's data folder, {@code GET
 *       {partition}/{study}/{series}/{sop}/instance.dcm}: the same bytes, no DICOM work.</li>
 * </ul>
 */
final class RetrieveSet {
    /** One stored instance: its UIDs and the size of its file. */
    record Item(String study, String series, String sop, long bytes) {
        String path() {
            return "studies/" + study + "/series/" + series + "/instances/" + sop;
        }
    }

    static final String SINGLE_PART = "application/dicom; transfer-syntax=*";
    static final String MULTIPART = "multipart/related; type=\"application/dicom\";"
            + " transfer-syntax=*";
    private static final int PER_STUDY = 50;
    private static final String PARTITION_FOLDER = "Microsoft.Default";

    private final List<Item> items;
    private final List<Instance> files;

    private RetrieveSet(List<Item> items, List<Instance> files) {
        this.items = items;
        this.files = files;
    }

    /** {@code count} instances with UIDs from {@code seed}, encoded in memory. */
    static RetrieveSet generate(int count, long seed) throws IOException {
        Random random = new Random(seed);
        Dataset d = CtInstance.dataset();
        d.putString(Tag.PatientName, VR.PN, "Retrieve^Bench");
        d.putString(Tag.PatientID, VR.LO, "RETRIEVE01");
        List<Item> items = new ArrayList<>(count);
        List<Instance> files = new ArrayList<>(count);
        String study = null;
        String series = null;
        for (int i = 0; i < count; i++) {
            if (i % PER_STUDY == 0) {
                study = SearchArchive.uid(random);
                series = SearchArchive.uid(random);
                d.putString(Tag.StudyInstanceUID, VR.UI, study);
                d.putString(Tag.SeriesInstanceUID, VR.UI, series);
            }
            String sop = SearchArchive.uid(random);
            d.putString(Tag.SOPInstanceUID, VR.UI, sop);
            d.putString(Tag.InstanceNumber, VR.IS, Integer.toString(i % PER_STUDY + 1));
            byte[] bytes = CtInstance.encode(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            items.add(new Item(study, series, sop, bytes.length));
            files.add(new Instance(sop, bytes));
        }
        return new RetrieveSet(List.copyOf(items), files);
    }

    List<Item> items() {
        return items;
    }

    long totalBytes() {
        return items.stream().mapToLong(Item::bytes).sum();
    }

    /**
     * Stores the instances into a server, 50 a request from 4 clients.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    Outcome storeInto(ServerProcess server) throws InterruptedException {
        return new StowClient(server.stowUri()).store(files, PER_STUDY,
                SearchSettings.CLIENTS);
    }

    /** Dicomite's two ways: single part and multipart. */
    List<Contender> dicomite(URI root) {
        return List.of(
                new Contender("Dicomite", "WADO-RS single part", targets(root, SINGLE_PART,
                        false)),
                new Contender("Dicomite", "WADO-RS multipart", targets(root, MULTIPART, true)));
    }

    /**
     * Orthanc's two ways: its DICOMweb route (multipart) and its REST file route, whose
     * instance ids are looked up first ({@code POST /tools/lookup}).
     *
     * @throws IOException when a lookup fails or finds no instance
     */
    List<Contender> orthanc(URI root) throws IOException, InterruptedException {
        URI rest = root.resolve("/");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Target> byId = new ArrayList<>();
        for (Item item : items) {
            byId.add(new Target(rest.resolve("instances/" + orthancId(http, rest, item.sop())
                    + "/file"), null, item.bytes(), false));
        }
        return List.of(
                new Contender("Orthanc", "DICOMweb plugin, WADO-RS multipart",
                        targets(root, MULTIPART, true)),
                new Contender("Orthanc", "REST GET /instances/{id}/file", byId));
    }

    /**
     * The static file server's way: the files of Dicomite's data folder by their paths.
     *
     * @throws IOException when a file is not where Dicomite's layout puts it
     */
    Contender staticFiles(URI root, Path dataFolder, String server) throws IOException {
        List<Target> targets = new ArrayList<>();
        for (Item item : items) {
            String relative = PARTITION_FOLDER + "/" + item.study() + "/" + item.series() + "/"
                    + item.sop() + "/instance.dcm";
            Path file = dataFolder.resolve(relative);
            if (!Files.isRegularFile(file) || Files.size(file) != item.bytes()) {
                throw new IOException("No file of " + item.bytes() + " bytes at " + file
                        + " for instance " + item.sop() + ": has Dicomite's layout changed?");
            }
            targets.add(new Target(root.resolve(relative), null, item.bytes(), false));
        }
        return new Contender("static files", server, targets);
    }

    private List<Target> targets(URI root, String accept, boolean multipart) {
        return items.stream().map(i -> new Target(root.resolve(i.path()), accept, i.bytes(),
                multipart)).toList();
    }

    private static String orthancId(HttpClient http, URI rest, String sop)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                rest.resolve("tools/lookup")).POST(BodyPublishers.ofString(sop)).build(),
                BodyHandlers.ofString());
        try {
            if (answer.statusCode() == 200 && Json.parse(answer.body()) instanceof List<?> list
                    && !list.isEmpty() && list.get(0) instanceof Map<?, ?> match
                    && match.get("ID") instanceof String id) {
                return id;
            }
        } catch (JsonException e) {
            // reported below
        }
        throw new IOException("Orthanc's POST /tools/lookup of " + sop + " answered "
                + answer.statusCode() + ": " + answer.body());
    }

    /** Lets the encoded files go once every server has them. */
    void dropFiles() {
        files.clear();
    }
}
