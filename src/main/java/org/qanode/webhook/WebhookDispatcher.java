package org.qanode.webhook;

import org.qanode.util.Threads;
import org.qanode.metrics.NodeMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: one background thread takes due deliveries oldest first, POSTs each
 * with its signature, and marks it DELIVERED on 2xx or schedules the next attempt with
 * exponential backoff ({@link RetryPolicy}). Woken at once by new events, otherwise it polls
 * every {@link #POLL_MS} ms for retries that have come due. Rows of an {@link OutboxChannel}
 * (QA record systems) are handed to that channel, with the same backoff; a row whose channel is
 * no longer configured waits (it is delivered once the channel is configured again).
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final long POLL_MS = 250;
    private static final int BATCH = 50;

    private final WebhookOutbox outbox;
    private final RetryPolicy retry;
    private final NodeMetrics metrics;
    private final HttpClient client;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    public WebhookDispatcher(WebhookOutbox outbox, RetryPolicy retry, NodeMetrics metrics) {
        this.outbox = outbox;
        this.retry = retry;
        this.metrics = metrics;
        this.client = HttpClient.newBuilder().connectTimeout(retry.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = Threads.daemonThread("webhook-dispatcher", this::loop);
        outbox.onEnqueue(wakeUp::release);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                List<OutboxEntry> due = outbox.due(Instant.now(), BATCH);
                for (OutboxEntry e : due) {
                    if (!running) {
                        return;
                    }
                    deliver(e);
                }
                if (due.size() < BATCH) {
                    wakeUp.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the index is unreachable: keep the deliveries, try again later
                LOG.warn("webhook outbox unavailable: {}", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void deliver(OutboxEntry e) throws InterruptedException {
        if (!OutboxEntry.WEBHOOK.equals(e.channel())) {
            deliverToChannel(e);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(e.url()))
                .timeout(retry.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "qanode")
                .header("X-Qanode-Event", e.event())
                .header("X-Qanode-Delivery", Long.toString(e.id()))
                .header(WebhookSignature.HEADER, e.signature())
                .POST(HttpRequest.BodyPublishers.ofString(e.body(), StandardCharsets.UTF_8))
                .build();
        Integer status = null;
        String error;
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 == 2) {
                outbox.delivered(e.id(), status);
                metrics.webhookDelivered();
                LOG.info("webhook {} delivered to {} ({}), attempt {}", e.event(), e.url(), status, e.attempts() + 1);
                return;
            }
            error = "HTTP " + status;
        } catch (java.io.IOException ex) {
            error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        } catch (IllegalArgumentException ex) {
            error = "bad URL: " + ex.getMessage();
        }
        int attempts = e.attempts() + 1;
        Instant next = Instant.now().plus(retry.delayAfter(attempts));
        outbox.failed(e.id(), status, error, next);
        metrics.webhookFailed();
        LOG.warn("webhook {} to {} failed ({}), attempt {}; next at {}", e.event(), e.url(), error, attempts, next);
    }

    private void deliverToChannel(OutboxEntry e) throws InterruptedException {
        OutboxChannel channel = outbox.channels().stream().filter(c -> c.name().equals(e.channel())).findFirst()
                .orElse(null);
        OutboxChannel.Attempt a;
        if (channel == null) {
            a = OutboxChannel.Attempt.failed(null, "channel " + e.channel() + " is not configured (qa." + e.channel() + ")");
        } else {
            try {
                a = channel.deliver(e);
            } catch (RuntimeException ex) {
                a = OutboxChannel.Attempt.failed(null, ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            }
        }
        int attempts = e.attempts() + 1;
        if (a.delivered()) {
            outbox.delivered(e.id(), a.status());
            metrics.qaRecordDelivered(e.channel());
            LOG.info("{} {} of row {} delivered to {}, attempt {}", e.channel(), e.event(), e.id(), e.url(), attempts);
            return;
        }
        Instant next = Instant.now().plus(retry.delayAfter(attempts));
        outbox.failed(e.id(), a.status(), a.error() == null ? "failed" : a.error(), next);
        metrics.qaRecordFailed(e.channel());
        LOG.warn("{} {} of row {} to {} failed ({}), attempt {}; next at {}", e.channel(), e.event(), e.id(), e.url(),
                a.error(), attempts, next);
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(Math.max(POLL_MS, 1000));
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /**
     * Stops after the delivery in flight (bounded by the request time-out); pending ones stay in
     * the outbox for the next start. No interrupt: an interrupted thread inside an embedded H2
     * call can close the database's file channel under everyone else.
     */
    @Override
    public void close() {
        running = false;
        wakeUp.release();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5) + retry.requestTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
