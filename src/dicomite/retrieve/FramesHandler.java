// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.http.Errors;
import dicomite.http.Request;
import dicomite.http.Response;
import dicomite.http.Router;
import dicomite.storage.Archive;
import dicomite.storage.FrameCache;
import dicomite.storage.FrameExtractionException;
import dicomite.storage.StoredInstance;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * WADO-RS frames (spec §3.4):
 * {@code GET /v{version}/studies/{study}/series/{series}/instances/{instance}/frames/{frames}}
 * answers the requested frames of the stored pixel data, from the {@link FrameCache}.
 *
 * <p>Order of checks (spec §1.3, §3.1, §3.4): the frames list parses (400, model binding),
 * the path UIDs (400), every frame is at least 1 (400), the Accept header (406, also for a
 * missing instance), a single-part Accept for more than one frame (400), the instance (404),
 * every frame within NumberOfFrames and pixel data present (404, before any byte is sent),
 * then the conversion ({@link FrameEncoding}, {@link FrameConverter}: 406). The header
 * {@code msdicom-request-original} does not matter: frames always come from the original
 * pixel data. A file whose pixel data
 * cannot be split into frames is a server error (500, the reason logged once by the cache), the
 * same until the cache's failure TTL passes.
 *
 * <pre>{@code
 * new FramesHandler(archive, cache, Transcoding.MAX_SIZE, MultipartWriter::newBoundary)
 *         .register(router);
 * }</pre>
 *
 * Thread-safe.
 */
final class FramesHandler {
    static final String ROUTE = ResourceLevel.INSTANCE.route() + "/frames/{frames}";

    private final Archive archive;
    private final FrameCache cache;
    private final long maxTranscodeSize; // bytes
    private final Supplier<String> boundaries;
    private final FrameConverter converter;

    FramesHandler(Archive archive, FrameCache cache, long maxTranscodeSize,
            Supplier<String> boundaries) {
        this.archive = archive;
        this.cache = cache;
        this.maxTranscodeSize = maxTranscodeSize;
        this.boundaries = boundaries;
        this.converter = new FrameConverter(archive);
    }

    /** Adds the frames route. */
    void register(Router router) {
        router.add("GET", ROUTE, this::retrieve);
    }

    // The order of the checks is the class notes'; each step is one line so that it can be read.
    private Response retrieve(Request request) throws IOException {
        List<Integer> numbers = FrameNumbers.parse(request.pathParameter("frames"));
        Resource resource = Resource.of(request, ResourceLevel.INSTANCE);
        FrameNumbers.requirePositive(numbers);
        RetrieveAccept.Choice choice = RetrieveAccept.selectFrames(request.headers("Accept"));
        if (!choice.multipart() && numbers.size() > 1) {
            throw Errors.singlePartForManyFrames();
        }
        StoredInstance instance = resource.loadInstance(archive);
        FrameCache.Frames frames = loadFrames(instance);
        if (numbers.stream().anyMatch(n -> n > frames.count())) {
            throw Errors.frameNotFound();
        }
        FrameEncoding encoding = FrameEncoding.of(instance, frames, choice, maxTranscodeSize);
        FrameResponse.FrameBytes bytes = encoding.conversion() == FrameEncoding.Conversion.CODEC
                ? FrameResponse.FrameBytes.of(converter.convert(instance, frames, numbers,
                        encoding.transferSyntax()).frames())
                : FrameResponse.FrameBytes.of(frames);
        return choice.multipart()
                ? FrameResponse.multipart(choice.mediaType(), encoding, bytes, numbers,
                        boundaries.get())
                : FrameResponse.singlePart(choice.mediaType(), encoding, bytes, numbers.get(0));
    }

    // The cache logged why, once, and remembers it; each request gets the same 500.
    private FrameCache.Frames loadFrames(StoredInstance instance) throws IOException {
        try {
            return cache.load(instance);
        } catch (FrameExtractionException e) {
            throw Errors.internal();
        }
    }
}
