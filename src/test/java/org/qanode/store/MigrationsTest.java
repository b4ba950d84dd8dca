package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void splitsStatementsAtLineEndSemicolonsAndDropsComments() {
        List<String> s = Migrations.statements("-- a comment\nCREATE TABLE a (\n  x INTEGER\n);\n\n-- next\nCREATE INDEX i ON a (x);\n");
        assertThat(s).containsExactly("CREATE TABLE a (\n  x INTEGER\n)", "CREATE INDEX i ON a (x)");
        assertThatThrownBy(() -> Migrations.statements("CREATE TABLE b (x INTEGER)")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyShippedScriptIsFoundAndTheLatestIsTheHighest() {
        assertThat(Migrations.latest()).isGreaterThanOrEqualTo(7);
        assertThat(Migrations.shipped()).contains(1, 2, 3, 4, 5, 7).isSorted();
        assertThat(Migrations.shipped().get(Migrations.shipped().size() - 1)).isEqualTo(Migrations.latest());
    }

    /**
     * Numbers are handed to branches in advance, so a higher one can be merged first: an index
     * that recorded 007 before 006 existed gets 006 when it ships, not never.
     */
    @Test
    void aScriptBelowTheRecordedMaximumIsStillApplied(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String url = StateStore.defaultIndexUrl(dir);
        IndexDatabase.open(url).close();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("DROP TABLE comparison_annotations");
            st.execute("DROP TABLE comparison_signoffs");
            st.execute("DELETE FROM schema_version WHERE version = 5");
        }
        IndexDatabase.open(url).close();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*) FROM schema_version WHERE version = 5")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            st.execute("SELECT COUNT(*) FROM comparison_signoffs");
        }
    }

    @Test
    void refusesAnIndexNewerThanThisBuild(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String url = StateStore.defaultIndexUrl(dir);
        IndexDatabase.open(url).close();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + (Migrations.latest() + 1)
                    + ", CURRENT_TIMESTAMP)");
        }
        assertThatThrownBy(() -> IndexDatabase.open(url)).hasMessageContaining("newer than this qanode");
    }
}
