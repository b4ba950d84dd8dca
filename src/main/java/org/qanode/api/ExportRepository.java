package org.qanode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qanode.store.IndexDatabase;
import org.qanode.store.StoreException;
import org.qanode.sweep.ExportStatus;

/** The exports table (migration 003): each export's latest status document, kept as history. */
final class ExportRepository {
    private final IndexDatabase db;

    ExportRepository(IndexDatabase db) {
        this.db = db;
    }

    void insert(ExportStatus s) {
        update("INSERT INTO exports (id, rois, state_name, status, created_at, document) VALUES (?, ?, ?, ?, ?, ?)",
                s.id(), s.from(), s.state(), s.status(), now(), json(s));
    }

    /** Stores the status; a finished one gets its finishing time. */
    void save(ExportStatus s) {
        update("UPDATE exports SET status = ?, document = ?, finished_at = ? WHERE id = ?", s.status(), json(s),
                s.finished() ? now() : null, s.id());
    }

    Optional<ExportStatus> get(String id) {
        return select("SELECT document FROM exports WHERE id = ?", id).stream().findFirst();
    }

    /** Newest first. */
    List<ExportStatus> list(int limit) {
        return select("SELECT document FROM exports ORDER BY created_at DESC, id LIMIT " + limit);
    }

    /**
     * Exports a previous process left unfinished: their C-MOVEs died with it and cannot be resumed,
     * so they end FAILED, saying why; returns how many.
     */
    int failUnfinished() {
        List<ExportStatus> open = select("SELECT document FROM exports WHERE status IN (?, ?)", ExportStatus.QUEUED,
                ExportStatus.RUNNING);
        for (ExportStatus s : open) {
            save(new ExportStatus(s.id(), ExportStatus.FAILED, s.from(), s.state(), s.expected(), s.received(),
                    s.failed(), s.retries(), s.patients(), s.studies(), s.series(),
                    "the node stopped during the export; run it again", s.missing(), s.startedAt(),
                    OffsetDateTime.now(ZoneOffset.UTC).toInstant().toString()));
        }
        return open.size();
    }

    private static String json(ExportStatus s) {
        try {
            return ApiJson.MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise export " + s.id(), e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("index: exports: " + e.getMessage(), e);
        }
    }

    private List<ExportStatus> select(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<ExportStatus> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ApiJson.MAPPER.readValue(rs.getString(1), ExportStatus.class));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("index: exports: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new StoreException("index: exports: unreadable status document: " + e.getOriginalMessage(), e);
        }
    }
}
