package org.qanode.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qanode.compare.Summary;
import org.qanode.store.IndexDatabase;
import org.qanode.store.StoreException;

/** The comparisons table (migration 002): one row per comparison, status transitions only forward. */
final class ComparisonRepository {
    private static final String COLUMNS = "id, status, error, baseline, candidate, profile, created_at, started_at, "
            + "finished_at, pairs, identical, different, only_in_baseline, only_in_candidate, unreadable, severity";

    private final IndexDatabase db;

    ComparisonRepository(IndexDatabase db) {
        this.db = db;
    }

    void insert(String id, String baseline, String candidate, String profile) {
        update("INSERT INTO comparisons (id, baseline, candidate, profile, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, baseline, candidate, profile, ComparisonRecord.QUEUED, now());
    }

    void delete(String id) {
        update("DELETE FROM comparisons WHERE id = ?", id);
    }

    void markRunning(String id) {
        update("UPDATE comparisons SET status = ?, started_at = ?, error = NULL WHERE id = ?",
                ComparisonRecord.RUNNING, now(), id);
    }

    void markQueued(String id) {
        update("UPDATE comparisons SET status = ?, started_at = NULL WHERE id = ?", ComparisonRecord.QUEUED, id);
    }

    void markDone(String id, Summary s, String severity) {
        update("UPDATE comparisons SET status = ?, finished_at = ?, pairs = ?, identical = ?, different = ?, "
                        + "only_in_baseline = ?, only_in_candidate = ?, unreadable = ?, severity = ? WHERE id = ?",
                ComparisonRecord.DONE, now(), s.identical() + s.different() + s.onlyInBaseline() + s.onlyInCandidate()
                        + s.unreadable(), s.identical(), s.different(), s.onlyInBaseline(), s.onlyInCandidate(),
                s.unreadable(), severity, id);
    }

    void markFailed(String id, String error) {
        String e = error.length() > 2000 ? error.substring(0, 2000) : error;
        update("UPDATE comparisons SET status = ?, finished_at = ?, error = ? WHERE id = ?",
                ComparisonRecord.FAILED, now(), e, id);
    }

    Optional<ComparisonRecord> get(String id) {
        List<ComparisonRecord> rows = select("SELECT " + COLUMNS + " FROM comparisons WHERE id = ?", id);
        return rows.stream().findFirst();
    }

    /** Newest first. */
    List<ComparisonRecord> list(int limit) {
        return select("SELECT " + COLUMNS + " FROM comparisons ORDER BY created_at DESC, id LIMIT " + limit);
    }

    /** What a previous run left queued or running, oldest first: to be run again. */
    List<ComparisonRecord> unfinished() {
        return select("SELECT " + COLUMNS + " FROM comparisons WHERE status IN (?, ?) ORDER BY created_at, id",
                ComparisonRecord.QUEUED, ComparisonRecord.RUNNING);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("index: comparisons: " + e.getMessage(), e);
        }
    }

    private List<ComparisonRecord> select(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<ComparisonRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ComparisonRecord(rs.getString("id"), rs.getString("status"), rs.getString("error"),
                            rs.getString("baseline"), rs.getString("candidate"), rs.getString("profile"),
                            time(rs, "created_at"), time(rs, "started_at"), time(rs, "finished_at"),
                            integer(rs, "pairs"), integer(rs, "identical"), integer(rs, "different"),
                            integer(rs, "only_in_baseline"), integer(rs, "only_in_candidate"), integer(rs, "unreadable"),
                            rs.getString("severity")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("index: comparisons: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    static String time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replace("+00:00", "Z");
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
