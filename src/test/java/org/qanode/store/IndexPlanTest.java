package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lookup run for every stored object must use the unique (state, UID, version) index even
 * when H2 plans it on an empty table (a new node): planned on the state index instead, it scans
 * every row of the state per object, and ingest CPU grows with the state (issue 16).
 */
class IndexPlanTest {
    @TempDir
    Path dir;

    @Test
    void versionsLookupUsesTheUniqueIndexOnAnEmptyTable() throws Exception {
        try (IndexDatabase db = IndexDatabase.open(StateStore.defaultIndexUrl(dir));
                Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN " + IndexDao.VERSIONS)) {
            // with parameters, as Filing runs it: H2 plans literals differently
            ps.setString(1, "s");
            ps.setString(2, "1.2");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String plan = rs.getString(1).toUpperCase(java.util.Locale.ROOT);
                assertThat(plan).contains("INSTANCES_VERSION_UNIQUE_INDEX").contains("SOP_INSTANCE_UID = ?2");
            }
        }
    }
}
