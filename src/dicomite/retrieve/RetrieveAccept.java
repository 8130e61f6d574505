// SPDX-License-Identifier: MIT
package dicomite.retrieve;

import dicomite.dicom.TransferSyntax;
import dicomite.http.AcceptHeader;
import dicomite.http.Errors;
import dicomite.http.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Accept grammar of the WADO-RS study, series, instance and frames routes (spec §3.2):
 * which payload (single part or multipart), media type and transfer syntax a request asks for.
 *
 * <p>Each entry is read as the service reads it: {@code multipart/related} means a multipart
 * payload whose media type is the {@code type} parameter (quotes optional); any other entry is
 * single part, except that an entry on a header line that starts with
 * {@code multipart/related} counts as multipart too (the service's quirk). The
 * {@code transfer-syntax} parameter is the entry's own; an empty one counts as omitted. The
 * entries acceptable for the level, in the table of spec §3.2:
 * <pre>
 * level            payload           media type          transfer syntaxes   when omitted
 * study, series    multipart only    application/dicom   *, .1.2.1, .4.90    1.2.840.10008.1.2.1
 * study, series    multipart only    *&#47;*                 *, .1.2.1, .4.90    *
 * instance         single or multi   application/dicom   *, .1.2.1, .4.90    1.2.840.10008.1.2.1
 * instance         single or multi   *&#47;*                 *, .1.2.1, .4.90    *
 * frames           single or multi   application/octet-stream  *, .1.2.1   1.2.840.10008.1.2.1
 * frames           multipart only    image/jp2           .4.90               .4.90
 * frames           single or multi   *&#47;*                 *, .1.2.1           *
 * </pre>
 * Entries are taken by weight, highest first (a stable order; no {@code q} is 1). The first
 * acceptable one is chosen, and a later acceptable one whose own transfer syntax is {@code *}
 * and whose weight is at least the chosen one's replaces it, since the original is preferred.
 * A chosen {@code *}&#47;{@code *} answers multipart {@code application/dicom}
 * ({@code application/octet-stream} for frames); a bare {@code *}&#47;{@code *} is single part,
 * so it fits instances and frames only. Media types and syntaxes
 * compare ignoring case. Stateless.
 *
 * <pre>{@code
 * Choice choice = RetrieveAccept.select(request.headers("Accept"), ResourceLevel.STUDY);
 * choice.multipart();      // true
 * choice.transferSyntax(); // "*" for type="application/dicom"; transfer-syntax=*
 * }</pre>
 */
final class RetrieveAccept {
    /** The transfer syntax parameter that asks for the stored bytes. */
    static final String ORIGINAL = "*";
    static final String APPLICATION_DICOM = "application/dicom";
    static final String OCTET_STREAM = "application/octet-stream";
    static final String IMAGE_JP2 = "image/jp2";
    private static final String ANY = "*/*";
    private static final String MULTIPART_RELATED = "multipart/related";
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String JPEG_2000 = TransferSyntax.JPEG_2000_LOSSLESS.uid();
    private static final List<String> SYNTAXES = List.of(ORIGINAL, EXPLICIT, JPEG_2000);
    private static final List<String> FRAME_SYNTAXES = List.of(ORIGINAL, EXPLICIT);
    private static final List<Row> FRAME_ROWS = List.of(
            new Row(true, OCTET_STREAM, FRAME_SYNTAXES, EXPLICIT, OCTET_STREAM),
            new Row(false, IMAGE_JP2, List.of(JPEG_2000), JPEG_2000, IMAGE_JP2),
            new Row(true, ANY, FRAME_SYNTAXES, ORIGINAL, OCTET_STREAM));

    private static final Map<ResourceLevel, List<Row>> ROWS = Map.of(
            ResourceLevel.STUDY, rows(false),
            ResourceLevel.SERIES, rows(false),
            ResourceLevel.INSTANCE, rows(true));

    /**
     * What the request asks for.
     *
     * @param mediaType the media type of the payload or of each part
     * @param transferSyntax {@link #ORIGINAL} for the stored bytes, or a transfer syntax UID
     * @param quality the weight of the chosen entry
     */
    record Choice(boolean multipart, String mediaType, String transferSyntax, double quality) {
        boolean isOriginal() {
            return ORIGINAL.equals(transferSyntax);
        }
    }

    /** One Accept entry as the service reads it; an omitted transfer syntax is "". */
    private record Entry(boolean multipart, String mediaType, String transferSyntax,
            double quality) {
    }

    /**
     * One row of the table: the entries it admits, the syntax when the entry has none, and
     * the media type answered.
     */
    private record Row(boolean singlePart, String mediaType, List<String> syntaxes,
            String whenOmitted, String answeredAs) {
        boolean admits(Entry entry) {
            return (entry.multipart() || singlePart)
                    && entry.mediaType().equalsIgnoreCase(mediaType)
                    && (entry.transferSyntax().isEmpty() || syntaxes.stream()
                            .anyMatch(entry.transferSyntax()::equalsIgnoreCase));
        }

        Choice choose(Entry entry) {
            boolean any = mediaType.equals(ANY);
            String syntax = entry.transferSyntax().isEmpty() ? whenOmitted
                    : entry.transferSyntax();
            return new Choice(entry.multipart() || any, answeredAs, syntax, entry.quality());
        }
    }

    private RetrieveAccept() {
    }

    private static List<Row> rows(boolean singlePart) {
        return List.of(new Row(singlePart, APPLICATION_DICOM, SYNTAXES, EXPLICIT,
                APPLICATION_DICOM), new Row(singlePart, ANY, SYNTAXES, ORIGINAL,
                APPLICATION_DICOM));
    }

    /**
     * The rendition the Accept header lines ask for at this level.
     *
     * @param acceptLines every Accept header line, in the order received; none when not sent
     * @throws dicomite.http.ApiError 406 "The request headers are not acceptable" when no entry
     *     is acceptable, the header is missing or malformed (spec §3.2)
     */
    static Choice select(List<String> acceptLines, ResourceLevel level) {
        return select(acceptLines, ROWS.get(level));
    }

    /**
     * The rendition the Accept header lines ask for on the frames route (spec §3.2, §3.4).
     *
     * @throws dicomite.http.ApiError 406 as {@link #select(List, ResourceLevel)}
     */
    static Choice selectFrames(List<String> acceptLines) {
        return select(acceptLines, FRAME_ROWS);
    }

    private static Choice select(List<String> acceptLines, List<Row> rows) {
        Optional<Choice> chosen = Optional.empty();
        for (Entry entry : entriesOf(acceptLines)) {
            for (Row row : rows) {
                if (row.admits(entry) && chosen.map(c -> prefersOriginal(entry, c)).orElse(true)) {
                    chosen = Optional.of(row.choose(entry));
                }
            }
        }
        return chosen.orElseThrow(Errors::notAcceptableHeaders);
    }

    // Spec §3.2: the original is preferred at an equal or higher weight.
    private static boolean prefersOriginal(Entry entry, Choice chosen) {
        return entry.transferSyntax().equals(ORIGINAL) && entry.quality() >= chosen.quality();
    }

    /** The entries of every line, highest weight first; none when any line is malformed. */
    private static List<Entry> entriesOf(List<String> lines) {
        if (AcceptHeader.parse(lines).findProblem().isPresent()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            boolean multipartLine = line.stripLeading().regionMatches(true, 0, MULTIPART_RELATED,
                    0, MULTIPART_RELATED.length());
            for (MediaType type : AcceptHeader.parse(List.of(line)).entries()) {
                entries.add(entryOf(type, multipartLine));
            }
        }
        entries.sort(Comparator.comparingDouble(Entry::quality).reversed()); // stable
        return entries;
    }

    private static Entry entryOf(MediaType type, boolean multipartLine) {
        String syntax = type.findParameter("transfer-syntax").orElse("");
        if (type.is(MULTIPART_RELATED)) {
            return new Entry(true, type.findParameter("type").orElse(""), syntax,
                    type.quality());
        }
        return new Entry(multipartLine, type.essence(), syntax, type.quality());
    }
}
