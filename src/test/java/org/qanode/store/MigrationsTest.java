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
    void scriptsAreNumberedWithoutGaps() {
        assertThat(Migrations.latest()).isGreaterThanOrEqualTo(1);
        assertThat(Migrations.class.getResource(String.format("migrations/%03d.sql", Migrations.latest() + 2))).isNull();
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
