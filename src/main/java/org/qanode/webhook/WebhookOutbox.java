package org.qanode.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.qanode.store.IndexDatabase;
import org.qanode.store.Jdbc;
import org.qanode.store.StoreException;

/**
 * The durable webhook outbox (table webhook_outbox, migration 002): an event is one row per
 * configured receiver, committed before anyone is told, and stays PENDING until that receiver
 * answers 2xx. Bodies are signed when queued, so a delivery retried after a restart carries the
 * same bytes and signature.
 */
public final class WebhookOutbox {
    private final IndexDatabase db;
    private final Jdbc jdbc;
    private final List<WebhookTarget> targets;
    private volatile Runnable onEnqueue = () -> { };

    public WebhookOutbox(IndexDatabase db, List<WebhookTarget> targets) {
        this.db = db;
        this.jdbc = new Jdbc(db, "webhook outbox");
        this.targets = List.copyOf(targets);
    }

    /** The dispatcher wants to know at once rather than at its next poll. */
    void onEnqueue(Runnable wakeUp) {
        this.onEnqueue = wakeUp;
    }

    public boolean hasTargets() {
        return !targets.isEmpty();
    }

    /** Queues {@code body} for every receiver in one transaction. */
    public void enqueue(String event, byte[] body) {
        if (targets.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_outbox (url, event, body, signature, "
                    + "status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)")) {
                for (WebhookTarget t : targets) {
                    ps.setString(1, t.url());
                    ps.setString(2, event);
                    ps.setString(3, new String(body, StandardCharsets.UTF_8));
                    ps.setString(4, WebhookSignature.sign(t.secret(), body));
                    ps.setString(5, OutboxEntry.PENDING);
                    ps.setObject(6, now);
                    ps.setObject(7, now);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("index: webhook outbox: " + e.getMessage(), e);
        }
        onEnqueue.run();
    }

    /** PENDING deliveries whose time has come, oldest first. */
    List<OutboxEntry> due(Instant now, int limit) {
        return select("SELECT * FROM webhook_outbox WHERE status = ? AND next_attempt_at <= ? ORDER BY id LIMIT " + limit,
                OutboxEntry.PENDING, now.atOffset(ZoneOffset.UTC));
    }

    /** For the REST listing: newest first, optionally one status. */
    public List<OutboxEntry> list(String status, int limit) {
        if (status == null) {
            return select("SELECT * FROM webhook_outbox ORDER BY id DESC LIMIT " + limit);
        }
        return select("SELECT * FROM webhook_outbox WHERE status = ? ORDER BY id DESC LIMIT " + limit, status);
    }

    public long pending() {
        return jdbc.select("SELECT COUNT(*) FROM webhook_outbox WHERE status = ?", rs -> rs.getLong(1),
                OutboxEntry.PENDING).get(0);
    }

    void delivered(long id, int httpStatus) {
        update("UPDATE webhook_outbox SET status = ?, attempts = attempts + 1, last_status = ?, last_error = NULL, "
                + "delivered_at = ? WHERE id = ?", OutboxEntry.DELIVERED, httpStatus, OffsetDateTime.now(ZoneOffset.UTC), id);
    }

    void failed(long id, Integer httpStatus, String error, Instant nextAttempt) {
        String e = error.length() > 1000 ? error.substring(0, 1000) : error;
        update("UPDATE webhook_outbox SET attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = ? "
                + "WHERE id = ?", httpStatus, e, nextAttempt.atOffset(ZoneOffset.UTC), id);
    }

    private void update(String sql, Object... args) {
        jdbc.update(sql, args);
    }

    private List<OutboxEntry> select(String sql, Object... args) {
        return jdbc.select(sql, rs -> new OutboxEntry(rs.getLong("id"), rs.getString("url"), rs.getString("event"),
                rs.getString("status"), rs.getInt("attempts"), Jdbc.time(rs, "next_attempt_at"),
                Jdbc.integer(rs, "last_status"), rs.getString("last_error"), Jdbc.time(rs, "created_at"),
                Jdbc.time(rs, "delivered_at"), rs.getString("body"), rs.getString("signature")), args);
    }
}
