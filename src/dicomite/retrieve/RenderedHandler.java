// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.Dataset;
import dicomite.dicom.DicomParseException;
import dicomite.http.AcceptHeader;
import dicomite.http.Errors;
import dicomite.http.MediaType;
import dicomite.http.Request;
import dicomite.http.Response;
import dicomite.http.Router;
import dicomite.pixel.DecodedFrame;
import dicomite.pixel.PixelDataException;
import dicomite.pixel.PixelDescription;
import dicomite.pixel.RenderedFormat;
import dicomite.pixel.Renderer;
import dicomite.storage.Archive;
import dicomite.storage.FrameCache;
import dicomite.storage.FrameExtractionException;
import dicomite.storage.StoredInstance;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;

/**
 * WADO-RS rendered (spec §3.5): {@code GET …/instances/{instance}/rendered} renders frame 1,
 * {@code …/instances/{instance}/frames/{frame}/rendered} the frame named, as the image a
 * viewer would show ({@link Renderer}), in JPEG or PNG.
 *
 * <p>Order of checks (spec §1.3, §3.5): the frame and {@code quality} parse as integers (400,
 * model binding), the path UIDs (400), the frame is at least 1 (400), quality is 1 to 100
 * (400), the Accept header (406: none is JPEG; one value, {@code image/jpeg} or
 * {@code image/png} ignoring case; more than one value is the "multiple accept headers" 406),
 * the instance (404), the file at most 100 MiB (406), the frame within NumberOfFrames and
 * pixel data present (404), then decoding and rendering (406 when either fails, the reason
 * logged). Always the latest version of the instance.
 *
 * <pre>{@code
 * new RenderedHandler(archive, cache, Transcoding.MAX_SIZE).register(router);
 * }</pre>
 *
 * Thread-safe.
 */
final class RenderedHandler {
    static final String INSTANCE_ROUTE = ResourceLevel.INSTANCE.route() + "/rendered";
    static final String FRAME_ROUTE = ResourceLevel.INSTANCE.route() + "/frames/{frame}/rendered";
    private static final int DEFAULT_QUALITY = 100;
    private static final System.Logger LOG = System.getLogger(RenderedHandler.class.getName());

    private final Archive archive;
    private final FrameCache cache;
    private final FrameConverter converter;
    private final long maxSize; // bytes

    RenderedHandler(Archive archive, FrameCache cache, long maxSize) {
        this.archive = archive;
        this.cache = cache;
        this.converter = new FrameConverter(archive);
        this.maxSize = maxSize;
    }

    /** Adds the two rendered routes. */
    void register(Router router) {
        router.add("GET", INSTANCE_ROUTE, request -> render(request, "1"));
        router.add("GET", FRAME_ROUTE, request -> render(request,
                request.pathParameter("frame")));
    }

    // The order of the checks is the class notes'; each step is one line so that it can be read.
    private Response render(Request request, String frameText) throws IOException {
        int frame = parseInt("frame", frameText);
        List<String> qualities = request.queryValues("quality");
        int quality = qualities.isEmpty() ? DEFAULT_QUALITY : parseInt("quality",
                qualities.get(0));
        Resource resource = Resource.of(request, ResourceLevel.INSTANCE);
        FrameNumbers.requirePositive(List.of(frame));
        if (quality < 1 || quality > 100) {
            throw Errors.imageQualityOutOfRange();
        }
        RenderedFormat format = selectFormat(request.headers("Accept"));
        StoredInstance instance = resource.loadInstance(archive);
        if (instance.size() > maxSize) {
            throw Errors.instanceTooLargeToRender(maxSize);
        }
        FrameCache.Frames frames = loadFrames(instance);
        if (frame > frames.count()) {
            throw Errors.frameNotFound();
        }
        byte[] image = renderFrame(instance, frames, frame, format, quality);
        return Response.stream(200, format.mediaType(), image.length, out -> out.write(image));
    }

    private static int parseInt(String name, String value) {
        if (value.isEmpty()) {
            throw Errors.missingQueryParameterValue(name, value);
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw Errors.invalidQueryParameterValue(name, value);
        }
    }

    /**
     * The format the Accept header asks for (spec §3.5).
     *
     * @throws dicomite.http.ApiError 406 for more than one value, or one that is not JPEG or
     *     PNG, or a malformed header
     */
    static RenderedFormat selectFormat(List<String> acceptLines) {
        AcceptHeader accept = AcceptHeader.parse(acceptLines);
        if (accept.findProblem().isPresent()) {
            throw Errors.notAcceptableHeaders();
        }
        List<MediaType> entries = accept.entries();
        if (entries.isEmpty()) {
            return RenderedFormat.JPEG;
        }
        if (entries.size() > 1) {
            throw Errors.multipleAcceptHeaders();
        }
        String essence = entries.get(0).essence().toLowerCase(Locale.ROOT);
        for (RenderedFormat format : RenderedFormat.values()) {
            if (format.mediaType().equals(essence)) {
                return format;
            }
        }
        throw Errors.notAcceptableHeaders();
    }

    // Pixel data that cannot be split into frames cannot be rendered either.
    private FrameCache.Frames loadFrames(StoredInstance instance) throws IOException {
        try {
            return cache.load(instance);
        } catch (FrameExtractionException e) {
            LOG.log(Level.WARNING, "Cannot render " + instance.key() + ": " + e.getMessage());
            throw Errors.renderingFailed();
        }
    }

    private byte[] renderFrame(StoredInstance instance, FrameCache.Frames frames, int frame,
            RenderedFormat format, int quality) throws IOException {
        try {
            Dataset header = converter.readHeader(instance);
            PixelDescription stored = PixelDescription.of(header);
            DecodedFrame decoded = converter.decode(instance, frames, frame, stored);
            return Renderer.render(decoded, header, frame, format, quality);
        } catch (PixelDataException | DicomParseException e) {
            LOG.log(Level.WARNING, "Cannot render frame " + frame + " of " + instance.key()
                    + ": " + e.getMessage());
            throw Errors.renderingFailed();
        }
    }
}
