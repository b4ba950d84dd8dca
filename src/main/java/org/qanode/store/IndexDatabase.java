package org.qanode.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC index: a small connection pool over embedded H2 (the default,
 * {@code jdbc:h2:file:./var/index}) or PostgreSQL, migrated to the current schema on open.
 * The pool is small because each connection serves one commit at a time and commits are
 * short; associations beyond the pool size wait their turn rather than fail.
 */
public final class IndexDatabase implements AutoCloseable {
    static final int POOL_SIZE = 8;

    private static final Logger LOG = LoggerFactory.getLogger(IndexDatabase.class);
    private static final long REOPEN_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final HikariDataSource dataSource;
    private final String url;
    private final boolean embeddedH2;
    private final boolean fileH2;
    private final AtomicLong lastReopen = new AtomicLong();
    private final AtomicLong reopens = new AtomicLong();

    private IndexDatabase(HikariDataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url;
        this.embeddedH2 = isEmbeddedH2(url);
        this.fileH2 = embeddedH2 && !url.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:h2:mem:");
    }

    /** H2 in this process (file or memory), not an H2 server. */
    static boolean isEmbeddedH2(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
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
        restrictH2Files(jdbcUrl);
        IndexDatabase db = new IndexDatabase(ds, jdbcUrl);
        try (Connection c = db.connection()) {
            db.writeThrough(c); // the migrations' changes
        }
        return db;
    }

    /**
     * Embedded H2's files get mode 0640 ({@link FileModes}): H2 creates them with the process's
     * umask (0644 from a shell), and the index names every patient. Files H2 creates later (a
     * trace file) follow the umask: the systemd unit sets {@code UMask=0027}.
     */
    static void restrictH2Files(String url) {
        if (!isEmbeddedH2(url) || url.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:h2:mem:")) {
            return;
        }
        String path = url.substring("jdbc:h2:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int semicolon = path.indexOf(';');
        if (semicolon >= 0) {
            path = path.substring(0, semicolon);
        }
        for (String suffix : new String[] {".mv.db", ".trace.db", ".lock.db"}) {
            java.nio.file.Path f = java.nio.file.Path.of(path + suffix);
            try {
                if (java.nio.file.Files.isRegularFile(f)) {
                    FileModes.file(f);
                }
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("cannot set mode 0640 on {}: {}", f, e.toString());
            }
        }
    }

    /** Embedded H2 writes what was committed to its file at least this often (ms). */
    static final int WRITE_DELAY_MS = 500;

    /**
     * The URL the pool opens. Embedded H2 writes committed transactions to its file in the
     * background, every {@value #WRITE_DELAY_MS} ms (WRITE_DELAY; measured: a row committed 300 ms
     * before Runtime.halt was gone). Until issue 16 the node set WRITE_DELAY=0, which makes every
     * commit write a chunk before it returns: 43 % of the commit thread's CPU on ingest. The index
     * rows of received objects no longer need it: the commit journal holds them and a replay
     * files them again ({@link JournalReplay}). Every other write must reach the file before it
     * returns, and does so by {@link #writeThrough}. An explicit WRITE_DELAY in the URL is left alone.
     *
     * <p>Embedded H2 also gets DB_CLOSE_ON_EXIT=FALSE (unless the URL says otherwise): see below.
     */
    static String durable(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String out = url;
        if (!upper.contains("WRITE_DELAY")) {
            out += ";WRITE_DELAY=" + WRITE_DELAY_MS;
        }
        if (isEmbeddedH2(url) && !upper.contains("DB_CLOSE_ON_EXIT")) {
            // H2's own shutdown hook would close the database the moment SIGTERM arrives, and
            // transfers still within dicom.shutdownGraceSeconds would get A700 within
            // milliseconds; the node closes the index itself, last (RunningNode.close).
            out += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return out;
    }

    /**
     * A pooled connection. Embedded H2 connections are watched for a database H2 closed after a
     * failed write ({@link ClosedDatabaseGuard}): the pool is then emptied, and the next
     * connection reopens the database, so the node recovers by itself once the disk has room.
     */
    public Connection connection() throws SQLException {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            if (embeddedH2 && ClosedDatabaseGuard.isClosed(e)) {
                reopen();
            }
            throw e;
        }
        return embeddedH2 ? ClosedDatabaseGuard.wrap(c, this::reopen) : c;
    }

    /**
     * A pooled connection that {@link ClosedDatabaseGuard} does not watch, for the commit
     * pipeline: its thread makes a dozen JDBC calls per object, and the guard's reflective
     * proxies were a tenth of that thread's Java samples (issue 16). Whoever takes it reports
     * each failure to {@link #noticeFailure} instead, before anything else uses the pool.
     */
    Connection unwatchedConnection() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            noticeFailure(e);
            throw e;
        }
    }

    /**
     * What the guard does on a failed call of a watched connection: when embedded H2 says it
     * closed the database, the pool is emptied and the next connection reopens it.
     */
    void noticeFailure(Throwable e) {
        if (embeddedH2 && ClosedDatabaseGuard.isClosed(e)) {
            reopen();
        }
    }

    /**
     * Makes what was committed so far (on any connection) reach the database file before this
     * returns, so that it survives a kill -9 of the process (not a power loss: see
     * {@link #forceCommitted}). Every write outside the commit pipeline calls it after its commit
     * ({@link Jdbc#update}, the webhook outbox, the receiving state, {@link StateStore}'s
     * administration): with {@link #WRITE_DELAY_MS} H2 would write it up to that much later.
     * {@code CHECKPOINT} writes a chunk without fsync (H2 2.3.232: {@code Store.flush}), the cost
     * each commit had with WRITE_DELAY=0. PostgreSQL and in-memory H2: nothing to do.
     */
    public void writeThrough(Connection c) throws SQLException {
        if (!fileH2) {
            return;
        }
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            // H2 closes its database when it cannot write its file (full disk), and may still
            // answer reads from memory until the next write: reopen now rather than at the next
            // write, which could be a commit group that has already moved its files
            if (e.getErrorCode() != org.h2.api.ErrorCode.ADMIN_RIGHTS_REQUIRED && !ClosedDatabaseGuard.isClosed(e)) {
                reopen();
            }
            throw e;
        }
    }

    /**
     * How many times the pool was told that H2 closed the database (counted before the pool
     * reopens it): whatever was committed but not yet written to the file is gone after such a
     * close, and the commit pipeline files it again from its journal ({@link CommitPipeline}).
     */
    long reopens() {
        return reopens.get();
    }

    /**
     * Makes what {@code c}'s last commit wrote survive a power loss. Embedded H2 writes commits
     * to its file but never fsyncs it: the commit pipeline calls this at each checkpoint, and
     * {@code CHECKPOINT SYNC} writes any pending chunk and fsyncs the file (one
     * {@code fsync} per call, checked with strace on H2 2.3.232). A PostgreSQL commit is durable
     * when it returns (synchronous_commit, the server's business); in-memory H2 has no disk.
     */
    void forceCommitted(Connection c) throws SQLException {
        if (!fileH2) {
            return;
        }
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }

    /** Drops every pooled connection (those in use when they are returned); new ones reopen the database. */
    private void reopen() {
        reopens.incrementAndGet(); // before the pool can hand out a connection to the reopened database
        long now = System.nanoTime();
        long last = lastReopen.get();
        if (last == 0 || now - last > REOPEN_LOG_INTERVAL_NANOS) {
            if (lastReopen.compareAndSet(last, now == 0 ? 1 : now)) {
                LOG.warn("index {}: H2 closed the database (after a failed write: disk full?); reopening it",
                        displayUrl());
            }
        }
        dataSource.getHikariPoolMXBean().softEvictConnections();
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
