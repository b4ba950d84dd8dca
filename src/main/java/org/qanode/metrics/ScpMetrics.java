package org.qanode.metrics;

import org.qanode.net.dimse.ScpListener;

/**
 * The SCP's association events into {@link NodeMetrics}. Objects are counted by
 * {@link ObservedSink}, which sees every object the store sees, so they are not counted here
 * a second time.
 */
public final class ScpMetrics implements ScpListener {
    private final NodeMetrics metrics;

    public ScpMetrics(NodeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void associationAccepted(String callingAeTitle, String calledAeTitle) {
        metrics.associationAccepted();
    }

    @Override
    public void associationRejected(String callingAeTitle, String calledAeTitle, String reason) {
        metrics.associationRejected(reason);
    }
}
