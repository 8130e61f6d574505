// SPDX-License-Identifier: MIT
package dicomite.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Element;
import dicomite.dicom.Part10;
import dicomite.dicom.Part10Reader;
import dicomite.dicom.Part10Writer;
import dicomite.dicom.Tag;
import dicomite.dicom.TransferSyntax;
import dicomite.dicom.UIDRules;
import dicomite.dicom.VR;
import dicomite.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with a real client: {@code dicomweb-client}, the DICOMweb library of the OHIF
 * viewer, run by Node.js from {@code test/clients/dicomweb-client.mjs}, stores (STOW-RS, spec
 * §2), searches (QIDO-RS, spec §4) and retrieves (WADO-RS instances and metadata, spec §3)
 * generated instances on a real Dicomite, and checks every answer, down to the bytes of each
 * retrieved file. The script prints one line per request (method, path, Accept) and per check.
 *
 * <p>Skipped, with the reason, when Node.js or npm is missing or when npm cannot reach the
 * registry to install the client (once, into {@code test/clients/node_modules}). Runs from the
 * repository root, as {@code make test} does. Against a live service ({@link ServerFixture}'s
 * system properties) the token goes to the script in {@code DICOMWEB_TOKEN}.
 */
class DicomwebClientTest {
    private static final Path CLIENTS = Path.of("test", "clients").toAbsolutePath();
    private static final Path SCRIPT = CLIENTS.resolve("dicomweb-client.mjs");
    private static final Path JPEG_FIXTURE = Path.of("fixtures", "valid", "jpeg-baseline.dcm");
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final int OLDEST_NODE = 16; // major version: ES modules, top-level await
    // npm's codes for a registry it cannot reach
    private static final Pattern OFFLINE = Pattern.compile(
            "ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH");
    private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4";
    private static final String PATIENT_NAME = "Doe^Jane";
    private static final int IMAGE_TYPE = 0x00080008; // (0008,0008) ImageType
    private static String offlineReason; // why npm could not install the client; null until then

    /** One generated instance: its file and what the script should find out about it. */
    private record Instance(Path file, String study, String series, String sop,
            String modality, TransferSyntax syntax) {
    }

    /** A data set to write as a Part 10 file in this transfer syntax. */
    private record Draft(Dataset dataset, TransferSyntax syntax) {
    }

    /** What a child process printed, stdout and stderr together, and how it ended. */
    private record Outcome(int exitCode, String output) {
    }

    @Test
    void dicomwebClientStoresSearchesAndRetrievesTheInstancesItStored(@TempDir Path tempDir)
            throws Exception {
        requireNode(tempDir);
        requireClientInstalled(tempDir);
        String patientId = "DWC-" + UUID.randomUUID();
        List<Instance> instances = writeInstances(Files.createDirectory(tempDir.resolve("in")),
                patientId);
        Path manifest = writeManifest(tempDir.resolve("manifest.json"), patientId, instances);
        try (ServerFixture server = ServerFixture.start(
                Files.createDirectory(tempDir.resolve("data")))) {
            Outcome run = runScript(tempDir, server.baseUri().toString(), manifest);
            System.out.println(run.output());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).doesNotContain("FAIL")
                    .containsPattern("dicomweb-client: \\d+ checks passed, 0 failed")
                    .contains("ok   storeInstances", "ok   searchForStudies by PatientID",
                            "ok   retrieveStudyMetadata " + instances.get(0).study());
            for (Instance instance : instances) {
                assertThat(run.output())
                        .contains("ok   retrieve instance " + instance.sop() + " (syntax *)");
            }
        }
    }

    @Test
    void scriptRejectsMissingArgumentsWithUsage(@TempDir Path tempDir) throws Exception {
        requireNode(tempDir);
        requireClientInstalled(tempDir);
        Outcome run = run(tempDir.resolve("usage.log"), RUN_TIMEOUT, CLIENTS, List.of(),
                "node", SCRIPT.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("Usage: node dicomweb-client.mjs <baseUrl>");
    }

    // Skips the test when node is missing or too old to run the script.
    private static void requireNode(Path tempDir) throws InterruptedException {
        Outcome version = runTool(tempDir.resolve("node-version.log"), "node", "--version");
        Assumptions.assumeTrue(version.exitCode() == 0,
                "Node.js is not installed (`node --version`: " + version.output().strip() + ")");
        String text = version.output().strip();
        int major = Integer.parseInt(text.replaceFirst("^v(\\d+).*$", "$1"));
        Assumptions.assumeTrue(major >= OLDEST_NODE,
                "Node.js " + text + " is older than " + OLDEST_NODE);
    }

    // Installs the locked client once; skips the test when npm is missing or offline.
    private static synchronized void requireClientInstalled(Path tempDir)
            throws IOException, InterruptedException {
        if (Files.isDirectory(CLIENTS.resolve("node_modules/dicomweb-client"))
                && Files.isDirectory(CLIENTS.resolve("node_modules/xhr2"))) {
            return;
        }
        Assumptions.assumeTrue(offlineReason == null, offlineReason);
        Outcome npm = runTool(tempDir.resolve("npm-version.log"), "npm", "--version");
        Assumptions.assumeTrue(npm.exitCode() == 0,
                "npm is not installed (`npm --version`: " + npm.output().strip() + ")");
        Outcome install = run(tempDir.resolve("npm-ci.log"), NPM_TIMEOUT, CLIENTS, List.of(),
                "npm", "ci", "--no-audit", "--no-fund");
        if (install.exitCode() != 0 && OFFLINE.matcher(install.output()).find()) {
            offlineReason = "npm cannot reach the registry to install dicomweb-client: "
                    + install.output().lines().limit(4).toList();
            Assumptions.abort(offlineReason);
        }
        assertThat(install.exitCode()).as("npm ci in %s:%n%s", CLIENTS, install.output())
                .isZero();
    }

    // A tool that may be missing: exit code -1 and the error when it cannot be started.
    private static Outcome runTool(Path log, String... command) throws InterruptedException {
        try {
            return run(log, Duration.ofSeconds(30), CLIENTS, List.of(), command);
        } catch (IOException e) {
            return new Outcome(-1, e.getMessage());
        }
    }

    private static Outcome runScript(Path tempDir, String baseUrl, Path manifest)
            throws IOException, InterruptedException {
        String token = System.getProperty(ServerFixture.TOKEN, "");
        List<String> environment = token.isBlank() ? List.of() : List.of("DICOMWEB_TOKEN", token);
        return run(tempDir.resolve("node.log"), RUN_TIMEOUT, CLIENTS, environment,
                "node", SCRIPT.toString(), baseUrl, manifest.toString());
    }

    /**
     * Runs a command in a folder with extra environment name/value pairs, its output going to
     * a log file (so a chatty child never blocks on a full pipe). Fails the test when the
     * command outlives the timeout; throws IOException when it cannot be started.
     */
    private static Outcome run(Path log, Duration timeout, Path folder, List<String> environment,
            String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        for (int i = 0; i < environment.size(); i += 2) {
            builder.environment().put(environment.get(i), environment.get(i + 1));
        }
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            fail("%s did not finish within %s:%n%s", String.join(" ", command), timeout,
                    Files.readString(log));
        }
        return new Outcome(process.exitValue(), Files.readString(log));
    }

    // Two studies of one patient: a CT series of two images and an MR series of one; then a
    // CT image and a JPEG Baseline secondary capture (which the script stores through
    // POST /studies/{study}).
    private static List<Instance> writeInstances(Path folder, String patientId)
            throws IOException {
        String first = UIDRules.newUID();
        String second = UIDRules.newUID();
        String ct = UIDRules.newUID();
        String mr = UIDRules.newUID();
        List<Draft> drafts = List.of(image(first, ct, "CT", patientId),
                image(first, ct, "CT", patientId), image(first, mr, "MR", patientId),
                image(second, UIDRules.newUID(), "CT", patientId), jpeg(second, patientId));
        List<Instance> instances = new ArrayList<>();
        for (Draft draft : drafts) {
            instances.add(write(folder.resolve(instances.size() + 1 + ".dcm"), draft));
        }
        return instances;
    }

    private static Instance write(Path file, Draft draft) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Part10Writer.write(out, draft.dataset(), draft.syntax());
        }
        Dataset ds = draft.dataset();
        return new Instance(file, ds.getString(Tag.StudyInstanceUID, ""),
                ds.getString(Tag.SeriesInstanceUID, ""), ds.getString(Tag.SOPInstanceUID, ""),
                ds.getString(Tag.Modality, ""), draft.syntax());
    }

    // An 8 x 8 monochrome image in Explicit VR Little Endian, its pixels seeded by its UID.
    private static Draft image(String study, String series, String modality, String patientId) {
        Dataset ds = new Dataset();
        String sop = UIDRules.newUID();
        ds.putString(Tag.SOPClassUID, VR.UI, modality.equals("CT") ? CT_IMAGE : MR_IMAGE);
        ds.putString(Tag.SOPInstanceUID, VR.UI, sop);
        describe(ds, study, series, modality, patientId);
        ds.putInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.putInts(Tag.Rows, VR.US, 8);
        ds.putInts(Tag.Columns, VR.US, 8);
        ds.putInts(Tag.BitsAllocated, VR.US, 16);
        ds.putInts(Tag.BitsStored, VR.US, 16);
        ds.putInts(Tag.HighBit, VR.US, 15);
        ds.putInts(Tag.PixelRepresentation, VR.US, 0);
        byte[] pixels = new byte[8 * 8 * 2];
        new Random(sop.hashCode()).nextBytes(pixels);
        ds.put(Element.of(Tag.PixelData, VR.OW, pixels));
        return new Draft(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    // The JPEG Baseline fixture with fresh UIDs and this patient, kept in its transfer syntax.
    private static Draft jpeg(String study, String patientId) throws IOException {
        Part10 fixture = Part10Reader.read(JPEG_FIXTURE);
        Dataset ds = fixture.dataset();
        ds.putString(Tag.SOPInstanceUID, VR.UI, UIDRules.newUID());
        // PS3.6: Image Type has 2-n values; the fixture's one value would draw a warning
        ds.putString(IMAGE_TYPE, VR.CS, "DERIVED", "SECONDARY");
        describe(ds, study, UIDRules.newUID(), "OT", patientId);
        return new Draft(ds, fixture.transferSyntax());
    }

    private static void describe(Dataset ds, String study, String series, String modality,
            String patientId) {
        ds.putString(Tag.StudyDate, VR.DA, "20240315");
        ds.putString(Tag.Modality, VR.CS, modality);
        ds.putString(Tag.StudyDescription, VR.LO, "Client interoperability");
        ds.putString(Tag.PatientName, VR.PN, PATIENT_NAME);
        ds.putString(Tag.PatientID, VR.LO, patientId);
        ds.putString(Tag.StudyInstanceUID, VR.UI, study);
        ds.putString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.putString(Tag.InstanceNumber, VR.IS, "1");
    }

    private static Path writeManifest(Path file, String patientId, List<Instance> instances)
            throws IOException {
        StringBuilder text = new StringBuilder();
        JsonWriter json = new JsonWriter(text).beginObject()
                .name("patientId").value(patientId)
                .name("patientName").value(PATIENT_NAME)
                .name("instances").beginArray();
        for (Instance instance : instances) {
            json.beginObject()
                    .name("file").value(instance.file().toString())
                    .name("study").value(instance.study())
                    .name("series").value(instance.series())
                    .name("sop").value(instance.sop())
                    .name("modality").value(instance.modality())
                    .name("transferSyntax").value(instance.syntax().uid())
                    .endObject();
        }
        json.endArray().endObject();
        return Files.writeString(file, text);
    }
}
