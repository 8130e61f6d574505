// SPDX-License-Identifier: MIT
package dicomite.bench;

import dicomite.bench.SearchArchive.Series;
import dicomite.bench.SearchArchive.Study;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The requests the search benchmark times: a fixed mix of QIDO-RS searches (PS3.18 §10.6;
 * spec §4) at the study, series and instance levels, and study metadata requests (spec §3.6),
 * each with values drawn from the studies both servers hold, so every search finds something.
 *
 * <p>Both servers get the same searches, with one difference forced by what they support: the
 * name search is {@code PatientName=Müller&fuzzymatching=true} on Dicomite (the service's
 * fuzzy matching: a word of the name starts with the value, ignoring case and accents), and
 * {@code PatientName=Müller*} on Orthanc, which ignores {@code fuzzymatching} (it would look
 * for the exact name "Müller" and find nothing) and matches PS3.4 wildcards instead. For the
 * family names of the archive the two find the same studies, accents aside. The searches over
 * many studies carry {@code limit=100} (Dicomite's default; Orthanc has none).
 */
final class SearchQueries {
    /** The kinds of request, as the report names them. */
    enum Kind {
        PATIENT_ID("/studies?PatientID={id}"),
        PATIENT_NAME("/studies?PatientName={family}&fuzzymatching=true"),
        STUDY_DATE("/studies?StudyDate={7-day range}"),
        MODALITY("/series?Modality={modality}"),
        STUDY_SERIES("/studies/{study}/series"),
        STUDY_INSTANCES("/studies/{study}/instances"),
        SOP_INSTANCE("/instances?SOPInstanceUID={sop}"),
        METADATA("/studies/{study}/metadata");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One request, as a path relative to each server's DICOMweb root. */
    record Query(Kind kind, String dicomite, String orthanc) {
        String path(boolean isOrthanc) {
            return isOrthanc ? orthanc : dicomite;
        }
    }

    static final List<Kind> SEARCHES = List.of(Kind.PATIENT_ID, Kind.PATIENT_NAME,
            Kind.STUDY_DATE, Kind.MODALITY, Kind.STUDY_SERIES, Kind.STUDY_INSTANCES,
            Kind.SOP_INSTANCE);
    private static final String LIMIT = "&limit=100";
    private static final int RANGE_DAYS = 7;

    private final List<Study> studies;
    private final Random random;

    /** Queries about {@code studies} (held by every server), drawn from {@code seed}. */
    SearchQueries(List<Study> studies, long seed) {
        this.studies = studies;
        this.random = new Random(seed);
    }

    /** {@code perKind} requests of each kind, in a shuffled order. */
    List<Query> mix(List<Kind> kinds, int perKind) {
        List<Query> queries = new ArrayList<>(kinds.size() * perKind);
        for (Kind kind : kinds) {
            for (int i = 0; i < perKind; i++) {
                queries.add(next(kind));
            }
        }
        Collections.shuffle(queries, random);
        return queries;
    }

    private Query next(Kind kind) {
        Study study = SearchArchive.pick(studies, random);
        switch (kind) {
            case PATIENT_ID:
                return same(kind, "studies?PatientID=" + encode(study.patient().id()) + LIMIT);
            case PATIENT_NAME:
                String family = study.patient().name().split("\\^")[0];
                return new Query(kind, "studies?PatientName=" + encode(family)
                        + "&fuzzymatching=true" + LIMIT,
                        "studies?PatientName=" + encode(family + "*") + LIMIT);
            case STUDY_DATE:
                return same(kind, "studies?StudyDate=" + dateRange() + LIMIT);
            case MODALITY:
                return same(kind, "series?Modality="
                        + SearchArchive.pick(SearchArchive.MODALITY_CODES, random) + LIMIT);
            case STUDY_SERIES:
                return same(kind, "studies/" + study.uid() + "/series");
            case STUDY_INSTANCES:
                return same(kind, "studies/" + study.uid() + "/instances");
            case SOP_INSTANCE:
                Series series = SearchArchive.pick(study.series(), random);
                return same(kind, "instances?SOPInstanceUID="
                        + SearchArchive.pick(series.sopInstanceUIDs(), random));
            default:
                return same(kind, "studies/" + study.uid() + "/metadata");
        }
    }

    private String dateRange() {
        LocalDate from = SearchArchive.FIRST_DAY.plusDays(
                random.nextInt(SearchArchive.DAYS - RANGE_DAYS));
        DateTimeFormatter da = DateTimeFormatter.BASIC_ISO_DATE;
        return from.format(da) + "-" + from.plusDays(RANGE_DAYS - 1).format(da);
    }

    private static Query same(Kind kind, String path) {
        return new Query(kind, path, path);
    }

    /** RFC 3986 percent-encoding of a query value ({@code ^}, accents; a space as %20). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
