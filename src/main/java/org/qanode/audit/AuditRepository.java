package org.qanode.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qanode.store.IndexDatabase;
import org.qanode.store.Jdbc;

/** The audit_events table (migration 007): rows only ever added, read newest first. */
final class AuditRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<AuditEvent.Instance>> INSTANCES = new TypeReference<>() {
    };

    private final Jdbc jdbc;

    AuditRepository(IndexDatabase db) {
        this.jdbc = new Jdbc(db, "audit_events");
    }

    void insert(AuditEvent e) {
        String instances;
        try {
            instances = e.instances().isEmpty() ? null : JSON.writeValueAsString(e.instances());
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
        jdbc.update("INSERT INTO audit_events (occurred_at, event_type, outcome, actor, remote_address, called_ae_title, "
                + "object_kind, object_id, patient_id, instance_count, instances, description) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC), e.type().name(), e.outcome().name(),
                cut(e.actor(), 256), cut(e.remoteAddress(), 256), cut(e.calledAeTitle(), 16), e.objectKind(),
                cut(e.objectId(), 256), cut(e.patientId(), 64), e.instances().size(), instances,
                cut(e.description(), 4000));
    }

    AuditPage find(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.type() != null) {
            sql.append(" AND event_type = ?");
            args.add(q.type().name());
        }
        if (q.user() != null) {
            sql.append(" AND actor = ?");
            args.add(q.user());
        }
        if (q.outcome() != null) {
            sql.append(" AND outcome = ?");
            args.add(q.outcome().name());
        }
        if (q.since() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(OffsetDateTime.ofInstant(q.since(), ZoneOffset.UTC));
        }
        if (q.until() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(OffsetDateTime.ofInstant(q.until(), ZoneOffset.UTC));
        }
        if (q.text() != null && !q.text().isBlank()) {
            String like = "%" + q.text().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%";
            sql.append(" AND (LOWER(COALESCE(object_id, '')) LIKE ? ESCAPE '!' OR LOWER(COALESCE(patient_id, '')) LIKE ? ESCAPE '!'"
                    + " OR LOWER(COALESCE(remote_address, '')) LIKE ? ESCAPE '!' OR LOWER(COALESCE(description, '')) LIKE ? ESCAPE '!'"
                    + " OR LOWER(actor) LIKE ? ESCAPE '!')");
            for (int i = 0; i < 5; i++) {
                args.add(like);
            }
        }
        if (q.before() != null) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        // one more than asked tells whether there is a next page
        sql.append(" ORDER BY id DESC LIMIT ").append(q.limit() + 1);
        List<AuditEvent.Stored> rows = jdbc.select(sql.toString(), rs -> {
            String instances = rs.getString("instances");
            List<AuditEvent.Instance> list;
            try {
                list = instances == null ? List.of() : JSON.readValue(instances, INSTANCES);
            } catch (JsonProcessingException x) {
                list = List.of();
            }
            return new AuditEvent.Stored(rs.getLong("id"), new AuditEvent(
                    Instant.parse(Jdbc.time(rs, "occurred_at")), AuditEventType.valueOf(rs.getString("event_type")),
                    AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("actor"), rs.getString("remote_address"),
                    rs.getString("called_ae_title"), rs.getString("object_kind"), rs.getString("object_id"),
                    rs.getString("patient_id"), list, rs.getString("description")));
        }, args.toArray());
        if (rows.size() > q.limit()) {
            List<AuditEvent.Stored> page = rows.subList(0, q.limit());
            return new AuditPage(List.copyOf(page), page.get(page.size() - 1).id());
        }
        return new AuditPage(rows, null);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
