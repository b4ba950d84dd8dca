package org.qanode.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code migrations/001.sql}, {@code 002.sql}, ... next to this
 * class, applied in order on start, each in one transaction together with its row in
 * {@code schema_version}. Scripts are never edited once released; a change is a new number.
 * Every shipped script without a row is applied, not only those above the highest row: numbers
 * are handed out to parallel branches (issue 15 got 008 while 006 and 007 were in flight), so an
 * index may have met 008 before 006, and a build may ship 008 without 006.
 * Statements end with ';' at the end of a line; lines starting with "--" are comments.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** Scripts are looked for up to this number. */
    static final int MAX_SCRIPT = 999;

    /** The highest script number shipped with this build. */
    static int latest() {
        List<Integer> s = shipped();
        return s.isEmpty() ? 0 : s.get(s.size() - 1);
    }

    /** The script numbers shipped with this build, ascending (gaps allowed, see the class comment). */
    static List<Integer> shipped() {
        List<Integer> out = new ArrayList<>();
        for (int v = 1; v <= MAX_SCRIPT; v++) {
            if (Migrations.class.getResource(String.format("migrations/%03d.sql", v)) != null) {
                out.add(v);
            }
        }
        return out;
    }

    static void apply(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                        + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            int current = currentVersion(c);
            int latest = latest();
            if (current > latest) {
                throw new SQLException("index schema version " + current + " is newer than this qanode ("
                        + latest + "): upgrade qanode or point storage.index elsewhere");
            }
            java.util.Set<Integer> applied = appliedVersions(c);
            for (int v : shipped()) {
                if (!applied.contains(v)) {
                    applyOne(c, v);
                }
            }
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static java.util.Set<Integer> appliedVersions(Connection c) throws SQLException {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static void applyOne(Connection c, int version) throws SQLException {
        List<String> statements = statements(script(version));
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                ps.setInt(1, version);
                ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            c.commit();
            LOG.info("index schema migrated to version {}", version);
        } catch (SQLException e) {
            c.rollback();
            // Another node may have applied it concurrently; that is not a failure.
            if (appliedVersions(c).contains(version)) {
                return;
            }
            throw new SQLException("migration " + version + " failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String script(int version) {
        String name = String.format("migrations/%03d.sql", version);
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            sb.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = sb.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                sb.setLength(0);
            }
        }
        if (!sb.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without ';': " + sb);
        }
        return out;
    }
}
