package org.qanode.node;

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
import org.qanode.store.Jdbc;

/** The comparisons table (migration 002): one row per comparison, status transitions only forward. */
public final class ComparisonRepository {
    private static final String COLUMNS = "id, status, error, baseline, candidate, profile, created_at, started_at, "
            + "finished_at, pairs, identical, different, only_in_baseline, only_in_candidate, unreadable, severity";

    private final Jdbc jdbc;

    public ComparisonRepository(IndexDatabase db) {
        this.jdbc = new Jdbc(db, "comparisons");
    }

    public void insert(String id, String baseline, String candidate, String profile) {
        update("INSERT INTO comparisons (id, baseline, candidate, profile, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, baseline, candidate, profile, ComparisonRecord.QUEUED, now());
    }

    public void delete(String id) {
        update("DELETE FROM comparisons WHERE id = ?", id);
    }

    public void markRunning(String id) {
        update("UPDATE comparisons SET status = ?, started_at = ?, error = NULL WHERE id = ?",
                ComparisonRecord.RUNNING, now(), id);
    }

    public void markQueued(String id) {
        update("UPDATE comparisons SET status = ?, started_at = NULL WHERE id = ?", ComparisonRecord.QUEUED, id);
    }

    public void markDone(String id, Summary s, String severity) {
        update("UPDATE comparisons SET status = ?, finished_at = ?, pairs = ?, identical = ?, different = ?, "
                        + "only_in_baseline = ?, only_in_candidate = ?, unreadable = ?, severity = ? WHERE id = ?",
                ComparisonRecord.DONE, now(), s.identical() + s.different() + s.onlyInBaseline() + s.onlyInCandidate()
                        + s.unreadable(), s.identical(), s.different(), s.onlyInBaseline(), s.onlyInCandidate(),
                s.unreadable(), severity, id);
    }

    public void markFailed(String id, String error) {
        String e = error.length() > 2000 ? error.substring(0, 2000) : error;
        update("UPDATE comparisons SET status = ?, finished_at = ?, error = ? WHERE id = ?",
                ComparisonRecord.FAILED, now(), e, id);
    }

    public Optional<ComparisonRecord> get(String id) {
        List<ComparisonRecord> rows = select("SELECT " + COLUMNS + " FROM comparisons WHERE id = ?", id);
        return rows.stream().findFirst();
    }

    /** Newest first. */
    public List<ComparisonRecord> list(int limit) {
        return select("SELECT " + COLUMNS + " FROM comparisons ORDER BY created_at DESC, id LIMIT " + limit);
    }

    /** What a previous run left queued or running, oldest first: to be run again. */
    public List<ComparisonRecord> unfinished() {
        return select("SELECT " + COLUMNS + " FROM comparisons WHERE status IN (?, ?) ORDER BY created_at, id",
                ComparisonRecord.QUEUED, ComparisonRecord.RUNNING);
    }

    private static OffsetDateTime now() {
        return Jdbc.now();
    }

    private void update(String sql, Object... args) {
        jdbc.update(sql, args);
    }

    private List<ComparisonRecord> select(String sql, Object... args) {
        return jdbc.select(sql, rs -> new ComparisonRecord(rs.getString("id"), rs.getString("status"),
                rs.getString("error"), rs.getString("baseline"), rs.getString("candidate"), rs.getString("profile"),
                Jdbc.time(rs, "created_at"), Jdbc.time(rs, "started_at"), Jdbc.time(rs, "finished_at"),
                Jdbc.integer(rs, "pairs"), Jdbc.integer(rs, "identical"), Jdbc.integer(rs, "different"),
                Jdbc.integer(rs, "only_in_baseline"), Jdbc.integer(rs, "only_in_candidate"),
                Jdbc.integer(rs, "unreadable"), rs.getString("severity")), args);
    }
}
