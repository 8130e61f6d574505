// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.Config;
import dicomite.http.Errors;
import dicomite.http.MultipartWriter;
import dicomite.http.Request;
import dicomite.http.Response;
import dicomite.http.Router;
import dicomite.storage.Archive;
import dicomite.storage.FrameCache;
import dicomite.storage.InstanceKey;
import dicomite.storage.StoredInstance;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * WADO-RS retrieval (spec §3.1 to §3.3, §3.6): {@code GET /v{version}/studies/{study}},
 * {@code …/series/{series}} and {@code …/instances/{instance}} answer the stored DICOM files,
 * and the same paths with {@code /metadata} their metadata ({@link MetadataRetrieval}).
 * Versions 1.0-prerelease, 1 and 2 behave alike (spec §13).
 *
 * <p>Order of checks for the files (spec §1.3, §3.1 to §3.3): the path UIDs (400), the Accept
 * header ({@link RetrieveAccept}, 406, also for an unsupported syntax and for an instance that
 * does not exist), the 404 of the route's level, then, for a syntax other than {@code *}, more
 * than one instance (406) and the conversion ({@link Transcoding}, 406). With {@code *} the
 * stored bytes go out unchanged, never parsed. The header {@code msdicom-request-original} is
 * accepted; every instance has one version until bulk update exists, so the answer is the same.
 *
 * <pre>{@code
 * RetrieveHandler.register(router, archive, config);
 * }</pre>
 *
 * Thread-safe: requests run at once; each response opens its files as it sends them.
 */
public final class RetrieveHandler {
    private final Archive archive;
    private final Transcoding transcoding;
    private final MetadataRetrieval metadata;
    private final Supplier<String> boundaries;

    /** A handler converting files up to {@code maxTranscodeSize} bytes (tests use less). */
    RetrieveHandler(Archive archive, Config config, FrameCache frames, long maxTranscodeSize,
            Supplier<String> boundaries) {
        this.archive = archive;
        this.transcoding = new Transcoding(archive, frames, maxTranscodeSize);
        this.metadata = new MetadataRetrieval(archive, config);
        this.boundaries = boundaries;
    }

    /**
     * Adds the six GET routes of spec §1.2 for studies, series, instances and metadata, and
     * the frames route ({@link FramesHandler}) and the rendered routes ({@link RenderedHandler})
     * over a frame cache with the config's settings.
     */
    public static void register(Router router, Archive archive, Config config) {
        FrameCache frames = FrameCache.open(archive, config.clock(), config.frameFailureTtl(),
                config.frameCacheMax());
        new RetrieveHandler(archive, config, frames, Transcoding.MAX_SIZE,
                MultipartWriter::newBoundary).register(router);
        new FramesHandler(archive, frames, Transcoding.MAX_SIZE, MultipartWriter::newBoundary)
                .register(router);
        new RenderedHandler(archive, frames, Transcoding.MAX_SIZE).register(router);
    }

    /** Adds this handler's routes to the router. */
    void register(Router router) {
        for (ResourceLevel level : ResourceLevel.values()) {
            router.add("GET", level.route(), request -> retrieve(request, level));
            router.add("GET", level.metadataRoute(),
                    request -> metadata.retrieve(request, level));
        }
    }

    // The order of the checks is spec §3.1's; each step is one line so that it can be read.
    private Response retrieve(Request request, ResourceLevel level) throws IOException {
        Resource resource = Resource.of(request, level);
        RetrieveAccept.Choice choice = RetrieveAccept.select(request.headers("Accept"), level);
        List<StoredInstance> instances = archive.index().findStoredInstances(
                InstanceKey.DEFAULT_PARTITION, resource.study(), resource.series(),
                resource.sop());
        if (instances.isEmpty()) {
            throw level.notFound();
        }
        List<Rendition> renditions = renditionsOf(instances, choice);
        return choice.multipart()
                ? RetrieveResponse.multipart(choice.mediaType(), renditions, boundaries.get())
                : RetrieveResponse.singlePart(choice.mediaType(), renditions.get(0));
    }

    // Spec §3.3: '*' sends every file as stored; another syntax only a single instance.
    private List<Rendition> renditionsOf(List<StoredInstance> instances,
            RetrieveAccept.Choice choice) throws IOException {
        if (choice.isOriginal()) {
            return instances.stream().<Rendition>map(instance -> new Rendition.AsStored(archive,
                    instance, instance.transferSyntaxUID())).toList();
        }
        if (instances.size() > 1) {
            throw Errors.multipleInstancesTranscoding(choice.transferSyntax());
        }
        return List.of(transcoding.renditionOf(instances.get(0), choice.transferSyntax()));
    }
}
