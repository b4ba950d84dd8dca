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
    void scriptsAreFoundUpToTheHighest() {
        assertThat(Migrations.latest()).isGreaterThanOrEqualTo(1);
        assertThat(Migrations.shipped()).startsWith(1, 2, 3, 4, 5).isSorted().contains(Migrations.latest());
        assertThat(Migrations.latest()).isLessThan(Migrations.MAX_SCRIPT);
    }

    /** An index that met a later number first (parallel branches) still gets the earlier script. */
    @Test
    void appliesAScriptBelowTheHighestAppliedOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String url = StateStore.defaultIndexUrl(dir);
        IndexDatabase.open(url).close();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("DROP TABLE comparison_annotations");
            st.execute("DROP TABLE comparison_signoffs");
            st.execute("DELETE FROM schema_version WHERE version = 5");
        }
        IndexDatabase.open(url).close();
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*) FROM comparison_signoffs")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
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
