// SPDX-License-Identifier: MIT
package dicomite.http;

import dicomite.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code GET /health/check} (spec §1.11): 200 with the report when the server can store, 503
 * when it cannot. The one check is that the data folder takes a new file: a temporary file is
 * created in it and deleted, which catches a missing folder, a read-only disk and missing rights
 * alike. Stateless; each request checks afresh.
 *
 * <pre>{@code
 * router.add("GET", "/health/check", new HealthHandler(dataFolder));
 * }</pre>
 */
public final class HealthHandler implements Handler {
    static final String CHECK_NAME = "DicomiteStorage";

    private final Path dataFolder;

    /** A check of this data folder. */
    public HealthHandler(Path dataFolder) {
        this.dataFolder = dataFolder.toAbsolutePath();
    }

    /** The report; never fails, since a failed check is a 503 report. */
    @Override
    public Response handle(Request request) {
        Optional<String> problem = findStorageProblem();
        String status = problem.isEmpty() ? "Healthy" : "Unhealthy";
        String description = problem.orElse("The data folder " + dataFolder + " is writable.");
        String json = "{\"overallStatus\":\"" + status + "\",\"details\":[{\"name\":\""
                + CHECK_NAME + "\",\"status\":\"" + status + "\",\"description\":"
                + Json.toJson(description) + "}]}";
        return Response.json(problem.isEmpty() ? 200 : 503, json);
    }

    private Optional<String> findStorageProblem() {
        try {
            Files.delete(Files.createTempFile(dataFolder, ".health-", ".tmp"));
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("The data folder " + dataFolder + " is not writable: " + e);
        }
    }
}
