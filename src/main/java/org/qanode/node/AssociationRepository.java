package org.qanode.node;

import java.util.List;
import org.qanode.store.IndexDatabase;
import org.qanode.store.Jdbc;

/**
 * The table {@code dicom_connections} (migration 010): one row per calling AE, host, called AE
 * and state, added to once per association. Only this process writes it, so an update-then-insert
 * under one lock is enough on both H2 and PostgreSQL 10 (which has no MERGE).
 */
final class AssociationRepository {
    private final Jdbc jdbc;

    AssociationRepository(IndexDatabase db) {
        this.jdbc = new Jdbc(db, "dicom_connections");
    }

    synchronized void add(String callingAe, String host, String calledAe, String state, long associations,
            long aborted, long objects, long failed, long bytes) {
        var now = Jdbc.now();
        int n = jdbc.update("UPDATE dicom_connections SET associations = associations + ?, aborted = aborted + ?, "
                        + "objects = objects + ?, failed = failed + ?, bytes = bytes + ?, last_seen = ? "
                        + "WHERE calling_ae_title = ? AND calling_host = ? AND called_ae_title = ? AND state_name = ?",
                associations, aborted, objects, failed, bytes, now, callingAe, host, calledAe, state);
        if (n == 0) {
            jdbc.update("INSERT INTO dicom_connections (calling_ae_title, calling_host, called_ae_title, state_name, "
                            + "associations, aborted, objects, failed, bytes, first_seen, last_seen) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    callingAe, host, calledAe, state, associations, aborted, objects, failed, bytes, now, now);
        }
    }

    /** Most recently used first. */
    List<ObservedConnection> list(int limit) {
        return jdbc.select("SELECT * FROM dicom_connections ORDER BY last_seen DESC, calling_ae_title, called_ae_title, "
                        + "state_name LIMIT " + limit,
                rs -> new ObservedConnection(rs.getString("calling_ae_title"), rs.getString("calling_host"),
                        rs.getString("called_ae_title"), rs.getString("state_name"), rs.getLong("associations"),
                        rs.getLong("aborted"), rs.getLong("objects"), rs.getLong("failed"), rs.getLong("bytes"),
                        Jdbc.time(rs, "first_seen"), Jdbc.time(rs, "last_seen")));
    }
}
