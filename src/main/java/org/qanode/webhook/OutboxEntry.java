package org.qanode.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One webhook delivery as GET /api/v1/webhooks/outbox shows it. Body and signature stay
 * internal to the outbox.
 *
 * @param channel {@link #WEBHOOK} for a signed webhook, else the {@link OutboxChannel} that delivers it
 * @param status  PENDING until the receiver answers 2xx, then DELIVERED
 */
@JsonPropertyOrder({"id", "channel", "url", "event", "status", "attempts", "nextAttemptAt", "lastStatus", "lastError",
        "createdAt", "deliveredAt"})
public record OutboxEntry(long id, String channel, String url, String event, String status, int attempts, String nextAttemptAt,
        Integer lastStatus, String lastError, String createdAt, String deliveredAt,
        @JsonIgnore String body, @JsonIgnore String signature) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String WEBHOOK = "webhook";
}
