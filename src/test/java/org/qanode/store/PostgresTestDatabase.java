package org.qanode.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests run against: {@code QANODE_TEST_PG_URL} (see
 * .ci/postgres.sh). Without it the PostgreSQL tests are skipped on a developer machine and
 * fail under CI=true, so CI cannot pass without having tested PostgreSQL. Each test gets its
 * own schema, dropped afterwards.
 */
public final class PostgresTestDatabase {
    public static final String ENV = "QANODE_TEST_PG_URL";

    private PostgresTestDatabase() {
    }

    public static String serverUrl() {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(ENV + " is not set: CI must run the PostgreSQL index tests (start one with .ci/postgres.sh)");
            }
            Assumptions.abort(ENV + " not set: PostgreSQL index tests skipped");
        }
        return url;
    }

    /** Creates a fresh schema and returns a URL whose connections use it. */
    public static String newSchema(String base, StringBuilder nameOut) throws SQLException {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        nameOut.append(schema);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void dropSchema(String base, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
