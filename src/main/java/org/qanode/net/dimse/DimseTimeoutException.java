package org.qanode.net.dimse;

import java.io.IOException;
import java.time.Duration;

/**
 * No response to a DIMSE request within the configured time: the association is still up, but
 * the operation is given up (PS3.7 leaves the time-out to the implementation; this is ours).
 */
public final class DimseTimeoutException extends IOException {
    private final int messageId;
    private final Duration timeout;

    public DimseTimeoutException(int messageId, Duration timeout) {
        super("no response to message " + messageId + " within " + timeout.toSeconds() + " s");
        this.messageId = messageId;
        this.timeout = timeout;
    }

    public int messageId() {
        return messageId;
    }

    public Duration timeout() {
        return timeout;
    }
}
