// SPDX-License-Identifier: MIT
package dicomite.search;

import static dicomite.search.SearchCalls.search;
import static dicomite.search.SearchCalls.store;
import static dicomite.search.SearchCalls.values;
import static dicomite.search.Studies.newStudy;
import static dicomite.search.Studies.study;
import static org.assertj.core.api.Assertions.assertThat;

import dicomite.ServerFixture;
import dicomite.dicom.Dataset;
import dicomite.dicom.Tag;
import dicomite.dicom.VR;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder whose index has an older schema than search needs: the server sets the index
 * aside, rebuilds it from the files at start-up, and search finds what was stored before.
 */
class SearchIndexUpgradeTest {
    @TempDir
    Path data;

    @Test
    void anIndexOfAnOlderSchemaIsRebuiltAndSearchable() throws Exception {
        Dataset ds = newStudy("UPGRADE-1").putString(Tag.PatientName, VR.PN, "Zoë^Old");
        try (ServerFixture server = ServerFixture.start(data)) {
            server.dicomite();
            store(server, ds);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
                + data.resolve("index.sqlite")); Statement statement = c.createStatement()) {
            statement.execute("PRAGMA user_version = 1");
        }

        try (ServerFixture server = ServerFixture.start(data)) {
            assertThat(values(search(server, "v2/studies?fuzzymatching=true&PatientName=zoe"),
                    Tag.StudyInstanceUID)).containsExactly(study(ds));
        }
        assertThat(data.resolve("index.sqlite.damaged")).exists();
    }
}
