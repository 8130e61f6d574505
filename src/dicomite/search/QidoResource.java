// SPDX-License-Identifier: MIT
package dicomite.search;

import dicomite.storage.SearchQuery.Level;
import java.util.EnumSet;
import java.util.Set;

/**
 * The six QIDO-RS resources (spec §4.1): the level of the rows each returns and the attribute
 * levels it may filter on, which are also the levels of the attributes it returns by default
 * (spec §4.5), and the computed attributes it can give.
 */
enum QidoResource {
    ALL_STUDIES(Level.STUDY, EnumSet.of(Level.STUDY)),
    ALL_SERIES(Level.SERIES, EnumSet.of(Level.STUDY, Level.SERIES)),
    ALL_INSTANCES(Level.INSTANCE, EnumSet.of(Level.STUDY, Level.SERIES, Level.INSTANCE)),
    STUDY_SERIES(Level.SERIES, EnumSet.of(Level.SERIES)),
    STUDY_INSTANCES(Level.INSTANCE, EnumSet.of(Level.SERIES, Level.INSTANCE)),
    STUDY_SERIES_INSTANCES(Level.INSTANCE, EnumSet.of(Level.INSTANCE));

    private final Level resultLevel;
    private final Set<Level> attributeLevels;

    QidoResource(Level resultLevel, Set<Level> attributeLevels) {
        this.resultLevel = resultLevel;
        this.attributeLevels = attributeLevels;
    }

    /** What one row of the answer is. */
    Level resultLevel() {
        return resultLevel;
    }

    /** The levels of the attributes it filters on and returns (spec §4.1, §4.5). */
    Set<Level> attributeLevels() {
        return attributeLevels;
    }

    /** True when the route names a study ({@code /studies/{study}/...}). */
    boolean hasStudy() {
        return !attributeLevels.contains(Level.STUDY);
    }

    /** True when the route names a series ({@code .../series/{series}/instances}). */
    boolean hasSeries() {
        return this == STUDY_SERIES_INSTANCES;
    }

    /**
     * Spec §4.5: ModalitiesInStudy and the study counts belong to study rows, which the study
     * and all-series resources return.
     */
    boolean computesStudy() {
        return this == ALL_STUDIES || this == ALL_SERIES;
    }

    /** Spec §4.5: NumberOfSeriesRelatedInstances belongs to series rows. */
    boolean computesSeries() {
        return resultLevel == Level.SERIES;
    }
}
