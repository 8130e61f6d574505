// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.Config;
import dicomite.http.AcceptHeader;
import dicomite.http.Errors;
import dicomite.http.MediaType;
import dicomite.http.Request;
import dicomite.http.Response;
import dicomite.storage.Archive;
import dicomite.storage.InstanceKey;
import dicomite.storage.InstanceMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * WADO-RS metadata of a study, series or instance (spec §3.6): a JSON array of the DICOM JSON
 * metadata kept at store time, one object per instance in storage order (an array of one for
 * an instance). The stored strings are joined as they are, never parsed again.
 *
 * <p>Order of checks (spec §1.3): the Accept filter of spec §1.4 (406, empty body; with
 * {@code --loose} a missing Accept is taken as {@code application/dicom+json}, spec §0), then
 * the path UIDs (400), then the 404 of the route's level. Then the ETag, unquoted:
 * {@code {maxVersion}-{count}} for a study or series, {@code {version}} for an instance, the
 * version being the watermark of an instance's current version. An If-None-Match equal to it,
 * compared as plain text ignoring case, gets 304 with no body and no ETag. The header
 * {@code msdicom-request-original} is accepted; every instance has one version until bulk
 * update exists, so the answer is the same.
 *
 * <p>Memory: the metadata of the instances in scope, a few KiB each. Thread-safe.
 */
final class MetadataRetrieval {
    static final String MEDIA_TYPE = "application/dicom+json; charset=utf-8";

    private final Archive archive;
    private final Config config;

    MetadataRetrieval(Archive archive, Config config) {
        this.archive = archive;
        this.config = config;
    }

    /**
     * Answers a metadata request at this level.
     *
     * @throws dicomite.http.ApiError 406, 400 or 404 as the class notes say
     * @throws IOException when the index fails
     */
    Response retrieve(Request request, ResourceLevel level) throws IOException {
        requireJsonAccepted(request);
        Resource resource = Resource.of(request, level);
        List<InstanceMetadata> instances = archive.index().findMetadataOf(
                InstanceKey.DEFAULT_PARTITION, resource.study(), resource.series(),
                resource.sop());
        if (instances.isEmpty()) {
            throw level.notFound();
        }
        String etag = etagOf(level, instances);
        if (request.header("If-None-Match").filter(etag::equalsIgnoreCase).isPresent()) {
            return Response.empty(304);
        }
        return arrayOf(instances).header("ETag", etag);
    }

    // Spec §1.4; spec §0: --loose takes a missing Accept as application/dicom+json.
    private void requireJsonAccepted(Request request) {
        AcceptHeader accept = AcceptHeader.parse(request.headers("Accept"));
        boolean defaulted = config.loose() && !accept.isPresent();
        if (!defaulted && !accept.accepts(MediaType.APPLICATION_DICOM_JSON)) {
            throw Errors.notAcceptable(String.join(", ", accept.values()));
        }
    }

    /** Spec §3.6: {@code {maxVersion}-{count}}, or the one version for an instance. */
    static String etagOf(ResourceLevel level, List<InstanceMetadata> instances) {
        long newest = instances.stream().mapToLong(InstanceMetadata::version).max()
                .orElseThrow();
        return level == ResourceLevel.INSTANCE ? Long.toString(newest)
                : newest + "-" + instances.size();
    }

    private static Response arrayOf(List<InstanceMetadata> instances) {
        List<byte[]> objects = new ArrayList<>(instances.size());
        long length = 1 + instances.size(); // '[', a ',' between objects, ']'
        for (InstanceMetadata instance : instances) {
            byte[] json = instance.json().getBytes(StandardCharsets.UTF_8);
            objects.add(json);
            length += json.length;
        }
        return Response.stream(200, MEDIA_TYPE, length, out -> {
            out.write('[');
            for (int i = 0; i < objects.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(objects.get(i));
            }
            out.write(']');
        });
    }
}
