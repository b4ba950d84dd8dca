package org.qanode.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The JDBC index: a small connection pool over embedded H2 (the default,
 * {@code jdbc:h2:file:./var/index}) or PostgreSQL, migrated to the current schema on open.
 * The pool is small because each connection serves one commit at a time and commits are
 * short; associations beyond the pool size wait their turn rather than fail.
 */
public final class IndexDatabase implements AutoCloseable {
    static final int POOL_SIZE = 8;

    private final HikariDataSource dataSource;
    private final String url;

    private IndexDatabase(HikariDataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url;
    }

    /** Opens the pool and applies pending migrations; fails fast if the database is unreachable. */
    public static IndexDatabase open(String jdbcUrl) throws SQLException {
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("storage.index: expected a jdbc:h2: or jdbc:postgresql: URL, got " + jdbcUrl);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(jdbcUrl));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName("qanode-index");
        config.setAutoCommit(true);
        // A commit waits at most this long for a connection, then the object is refused with A700.
        config.setConnectionTimeout(30_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new SQLException("cannot open index " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        try {
            Migrations.apply(ds);
        } catch (SQLException | RuntimeException e) {
            ds.close();
            throw e;
        }
        return new IndexDatabase(ds, jdbcUrl);
    }

    /**
     * Embedded H2 by default writes committed transactions to its file up to a second later
     * (WRITE_DELAY 500 ms, MVStore auto-commit): a kill -9 in that window loses rows whose
     * C-STORE was already answered Success. WRITE_DELAY=0 makes every commit reach the file before
     * it returns; measured: without it a row committed 300 ms before Runtime.halt was gone.
     * An explicit WRITE_DELAY in the URL is left alone.
     */
    static String durable(String url) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
            return url + ";WRITE_DELAY=0";
        }
        return url;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The URL without its password, for logs and health output. */
    public String displayUrl() {
        return redact(url);
    }

    static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
