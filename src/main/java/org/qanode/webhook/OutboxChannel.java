package org.qanode.webhook;

/**
 * A receiver of node events other than a signed webhook: a QA record system (Redmine,
 * QATrack+). It shares the webhook outbox (one durable row per event it wants, retried with
 * the same backoff, listed over REST, surviving restarts) but builds its own requests when a row
 * is delivered, from the event body and whatever it reads then (the comparison's result).
 * Implementations never put credentials into rows, errors or logs.
 */
public interface OutboxChannel {

    /** The outbox's channel column: short, lower case ({@code redmine}, {@code qatrack}). */
    String name();

    /** Where deliveries go, shown in the outbox listing: a base URL without credentials. */
    String target();

    /** Whether an event gets a row of this channel; decided when the event is queued. */
    boolean wants(String event, byte[] body);

    /**
     * Delivers one row. Returns the outcome rather than throwing for what the remote system
     * answered; a {@link RuntimeException} counts as a failed attempt too.
     */
    Attempt deliver(OutboxEntry entry) throws InterruptedException;

    /** Checks credentials and configuration against the live system; one line for an operator. */
    Check check() throws InterruptedException;

    /** One delivery attempt: delivered, or failed with the HTTP status (if any) and why. */
    record Attempt(boolean delivered, Integer status, String error) {
        public static Attempt ok(int status) {
            return new Attempt(true, status, null);
        }

        public static Attempt failed(Integer status, String error) {
            return new Attempt(false, status, error);
        }
    }

    /** The outcome of {@link #check()}: {@code message} says what is wrong, or what was found. */
    record Check(String channel, boolean ok, String message) {
        public String line() {
            return channel + ": " + (ok ? "OK, " : "FAILED, ") + message;
        }
    }
}
