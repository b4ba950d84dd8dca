package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded H2 writes committed rows to its file in the background ({@link IndexDatabase#WRITE_DELAY_MS}):
 * every write outside the commit pipeline must reach the file before it returns. H2's
 * {@code SHUTDOWN IMMEDIATELY} closes the files without writing what is pending, which is what a
 * kill -9 leaves: a row written and then lost that way shows a missing {@link IndexDatabase#writeThrough}.
 */
class IndexWriteThroughTest {
    @TempDir
    Path dir;

    /** What a kill -9 leaves of the index file; H2 answers the statement that closed it with an error. */
    static void crash(IndexDatabase db) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (java.sql.SQLException e) {
            assertThat(ClosedDatabaseGuard.isClosed(e)).as(e.toString()).isTrue();
        }
    }

    @Test
    void aRowWrittenByJdbcUpdateSurvivesACrashRightAfter() throws Exception {
        String url = StateStore.defaultIndexUrl(dir);
        IndexDatabase db = IndexDatabase.open(url);
        Jdbc settings = new Jdbc(db, "node_settings");
        settings.update("INSERT INTO node_settings (name, setting_value, updated_at) VALUES (?, ?, ?)", "probe",
                "written", Jdbc.now());
        crash(db);
        db.close();

        IndexDatabase again = IndexDatabase.open(url);
        try {
            List<String> values = new Jdbc(again, "node_settings").select(
                    "SELECT setting_value FROM node_settings WHERE name = ?", rs -> rs.getString(1), "probe");
            assertThat(values).containsExactly("written");
        } finally {
            again.close();
        }
    }

    @Test
    void aStateCreatedByTheStoreSurvivesACrashRightAfter() throws Exception {
        Path data = dir.resolve("data");
        StateStore store = StateStore.open(data, StateStore.defaultIndexUrl(data));
        store.createState("created");
        crash(store.index());
        store.close();

        StateStore again = StateStore.open(data, StateStore.defaultIndexUrl(data));
        try {
            assertThat(again.state("created")).isPresent();
        } finally {
            again.close();
        }
    }
}
