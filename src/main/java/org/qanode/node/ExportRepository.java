package org.qanode.node;

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
import org.qanode.store.Jdbc;
import org.qanode.store.StoreException;
import org.qanode.sweep.ExportStatus;

/** The exports table (migration 003): each export's latest status document, kept as history. */
final class ExportRepository {
    private final Jdbc jdbc;

    ExportRepository(IndexDatabase db) {
        this.jdbc = new Jdbc(db, "exports");
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
            return NodeJson.MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise export " + s.id(), e);
        }
    }

    private static OffsetDateTime now() {
        return Jdbc.now();
    }

    private void update(String sql, Object... args) {
        jdbc.update(sql, args);
    }

    private List<ExportStatus> select(String sql, Object... args) {
        return jdbc.select(sql, rs -> {
            try {
                return NodeJson.MAPPER.readValue(rs.getString(1), ExportStatus.class);
            } catch (JsonProcessingException e) {
                throw new StoreException("index: exports: unreadable status document: " + e.getOriginalMessage(), e);
            }
        }, args);
    }
}
