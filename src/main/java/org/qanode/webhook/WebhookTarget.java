package org.qanode.webhook;

/** One configured webhook receiver (configuration list {@code webhooks}); the secret signs each body. */
public record WebhookTarget(String url, String secret) {

    /** Never prints the secret: records end up in logs. */
    @Override
    public String toString() {
        return "WebhookTarget[url=" + url + "]";
    }
}
