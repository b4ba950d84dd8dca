package org.qanode.webhook;

import java.time.Duration;

/**
 * Webhook retry timing (configuration keys {@code webhookDelivery.*}): the n-th failed attempt
 * waits {@code initialDelay * 2^(n-1)}, capped at {@code maxDelay}. There is no give-up: a
 * delivery stays in the outbox until the receiver answers 2xx, as the outbox contract says.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, Duration requestTimeout) {

    public Duration delayAfter(int failedAttempts) {
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long ms = initialDelay.toMillis() << shift;
        if (ms <= 0 || ms > maxDelay.toMillis()) {
            ms = maxDelay.toMillis();
        }
        return Duration.ofMillis(ms);
    }
}
