package org.qanode.api;

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
import org.qanode.store.StoreException;

/**
 * The durable webhook outbox (table webhook_outbox, migration 002): an event is one row per
 * configured receiver, committed before anyone is told, and stays PENDING until that receiver
 * answers 2xx. Bodies are signed when queued, so a delivery retried after a restart carries the
 * same bytes and signature.
 */
public final class WebhookOutbox {
    private final IndexDatabase db;
    private final List<WebhookTarget> targets;
    private volatile Runnable onEnqueue = () -> { };

    public WebhookOutbox(IndexDatabase db, List<WebhookTarget> targets) {
        this.db = db;
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
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM webhook_outbox WHERE status = ?")) {
            ps.setString(1, OutboxEntry.PENDING);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("index: webhook outbox: " + e.getMessage(), e);
        }
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
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.INTEGER);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("index: webhook outbox: " + e.getMessage(), e);
        }
    }

    private List<OutboxEntry> select(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int last = rs.getInt("last_status");
                    Integer lastStatus = rs.wasNull() ? null : last;
                    out.add(new OutboxEntry(rs.getLong("id"), rs.getString("url"), rs.getString("event"),
                            rs.getString("status"), rs.getInt("attempts"), ComparisonRepository.time(rs, "next_attempt_at"),
                            lastStatus, rs.getString("last_error"), ComparisonRepository.time(rs, "created_at"),
                            ComparisonRepository.time(rs, "delivered_at"), rs.getString("body"), rs.getString("signature")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("index: webhook outbox: " + e.getMessage(), e);
        }
    }
}
