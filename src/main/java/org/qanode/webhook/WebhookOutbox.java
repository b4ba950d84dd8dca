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
 * same bytes and signature. Since migration 008 a row may belong to an {@link OutboxChannel}
 * (a QA record system) instead of a webhook: queued in the same transaction, delivered by the
 * same dispatcher, listed per channel.
 */
public final class WebhookOutbox {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebhookOutbox.class);
    private final IndexDatabase db;
    private final Jdbc jdbc;
    private final List<WebhookTarget> targets;
    private final List<OutboxChannel> channels;
    private volatile Runnable onEnqueue = () -> { };

    public WebhookOutbox(IndexDatabase db, List<WebhookTarget> targets) {
        this(db, targets, List.of());
    }

    public WebhookOutbox(IndexDatabase db, List<WebhookTarget> targets, List<OutboxChannel> channels) {
        this.db = db;
        this.jdbc = new Jdbc(db, "webhook outbox");
        this.targets = List.copyOf(targets);
        this.channels = List.copyOf(channels);
        for (OutboxChannel c : channels) {
            if (c.name().equals(OutboxEntry.WEBHOOK) || c.name().length() > 16) {
                throw new IllegalArgumentException("outbox channel name '" + c.name() + "'");
            }
        }
    }

    /** The QA record channels deliveries go to besides webhooks. */
    public List<OutboxChannel> channels() {
        return channels;
    }

    /** The dispatcher wants to know at once rather than at its next poll. */
    void onEnqueue(Runnable wakeUp) {
        this.onEnqueue = wakeUp;
    }

    public boolean hasTargets() {
        return !targets.isEmpty() || !channels.isEmpty();
    }

    /** Queues {@code body} for every webhook receiver and every channel that wants it, in one transaction. */
    public void enqueue(String event, byte[] body) {
        List<OutboxChannel> wanting = channels.stream().filter(ch -> wants(ch, event, body)).toList();
        if (targets.isEmpty() && wanting.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String text = new String(body, StandardCharsets.UTF_8);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_outbox (channel, url, event, body, "
                    + "signature, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
                for (WebhookTarget t : targets) {
                    row(ps, OutboxEntry.WEBHOOK, t.url(), event, text, WebhookSignature.sign(t.secret(), body), now);
                }
                for (OutboxChannel ch : wanting) {
                    row(ps, ch.name(), ch.target(), event, text, "", now);
                }
                ps.executeBatch();
                c.commit();
                db.writeThrough(c);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("index: webhook outbox: " + e.getMessage(), e);
        }
        onEnqueue.run();
    }

    /** A channel that cannot decide (a bug, an odd body) takes nothing and stops nothing: webhooks still go. */
    private static boolean wants(OutboxChannel ch, String event, byte[] body) {
        try {
            return ch.wants(event, body);
        } catch (RuntimeException e) {
            LOG.error("outbox channel {} failed on event {}: {}", ch.name(), event, e.toString());
            return false;
        }
    }

    private static void row(PreparedStatement ps, String channel, String url, String event, String body,
            String signature, OffsetDateTime now) throws SQLException {
        ps.setString(1, channel);
        ps.setString(2, url);
        ps.setString(3, event);
        ps.setString(4, body);
        ps.setString(5, signature);
        ps.setString(6, OutboxEntry.PENDING);
        ps.setObject(7, now);
        ps.setObject(8, now);
        ps.addBatch();
    }

    /** PENDING deliveries whose time has come, oldest first. */
    List<OutboxEntry> due(Instant now, int limit) {
        return select("SELECT * FROM webhook_outbox WHERE status = ? AND next_attempt_at <= ? ORDER BY id LIMIT " + limit,
                OutboxEntry.PENDING, now.atOffset(ZoneOffset.UTC));
    }

    /** For the REST listing of webhooks: newest first, optionally one status. */
    public List<OutboxEntry> list(String status, int limit) {
        return list(OutboxEntry.WEBHOOK, status, limit);
    }

    /**
     * For the REST listings: newest first, optionally one status; {@code channel} null lists every
     * row that is not a webhook (the QA record systems).
     */
    public List<OutboxEntry> list(String channel, String status, int limit) {
        String where = channel == null ? "channel <> ?" : "channel = ?";
        String ch = channel == null ? OutboxEntry.WEBHOOK : channel;
        if (status == null) {
            return select("SELECT * FROM webhook_outbox WHERE " + where + " ORDER BY id DESC LIMIT " + limit, ch);
        }
        return select("SELECT * FROM webhook_outbox WHERE " + where + " AND status = ? ORDER BY id DESC LIMIT " + limit,
                ch, status);
    }

    /** Webhook deliveries not yet answered 2xx (the qanode_webhook_outbox_pending gauge). */
    public long pending() {
        return jdbc.select("SELECT COUNT(*) FROM webhook_outbox WHERE status = ? AND channel = ?", rs -> rs.getLong(1),
                OutboxEntry.PENDING, OutboxEntry.WEBHOOK).get(0);
    }

    /** QA record deliveries not yet done (the qanode_qa_record_outbox_pending gauge). */
    public long pendingQaRecord() {
        return jdbc.select("SELECT COUNT(*) FROM webhook_outbox WHERE status = ? AND channel <> ?", rs -> rs.getLong(1),
                OutboxEntry.PENDING, OutboxEntry.WEBHOOK).get(0);
    }

    /** Makes a PENDING row due now (tests, and an operator's retry): the next poll delivers it. */
    public void retryNow(long id) {
        update("UPDATE webhook_outbox SET next_attempt_at = ? WHERE id = ? AND status = ?",
                OffsetDateTime.now(ZoneOffset.UTC), id, OutboxEntry.PENDING);
        onEnqueue.run();
    }

    void delivered(long id, Integer httpStatus) {
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
        return jdbc.select(sql, rs -> new OutboxEntry(rs.getLong("id"), rs.getString("channel"), rs.getString("url"), rs.getString("event"),
                rs.getString("status"), rs.getInt("attempts"), Jdbc.time(rs, "next_attempt_at"),
                Jdbc.integer(rs, "last_status"), rs.getString("last_error"), Jdbc.time(rs, "created_at"),
                Jdbc.time(rs, "delivered_at"), rs.getString("body"), rs.getString("signature")), args);
    }
}
