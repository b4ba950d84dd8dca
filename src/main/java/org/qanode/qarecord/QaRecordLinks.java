package org.qanode.qarecord;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.qanode.store.IndexDatabase;
import org.qanode.store.Jdbc;

/**
 * Table qa_record_links (migration 008): what a QA record system made of a comparison (the
 * Redmine issue id, the QATrack+ test list instance URL), so that a retried delivery finds it
 * instead of creating a second one.
 */
public final class QaRecordLinks {
    private final Jdbc jdbc;

    public QaRecordLinks(IndexDatabase db) {
        this.jdbc = new Jdbc(db, "qa record links");
    }

    public Optional<String> get(String system, String comparisonId) {
        List<String> ids = jdbc.select("SELECT remote_id FROM qa_record_links WHERE qa_system = ? AND comparison_id = ?",
                rs -> rs.getString(1), system, comparisonId);
        return ids.stream().findFirst();
    }

    /** Remembers the first link; a later one for the same comparison is ignored (there is only one). */
    public void put(String system, String comparisonId, String remoteId) {
        if (get(system, comparisonId).isPresent()) {
            return;
        }
        try {
            jdbc.update("INSERT INTO qa_record_links (qa_system, comparison_id, remote_id, created_at) VALUES (?, ?, ?, ?)",
                    system, comparisonId, remoteId, OffsetDateTime.now(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            if (get(system, comparisonId).isEmpty()) {
                throw e;
            }
        }
    }
}
