package org.qanode.sweep;

import org.qanode.result.ComparisonResult;

/**
 * Where a finished sweep goes: the webhooks of the server (its durable outbox), a log in the
 * CLI, a list in tests. {@code comparison} is null when the export failed or there was no baseline.
 */
@FunctionalInterface
public interface SweepPublisher {
    void publish(SweepRecord sweep, ComparisonResult comparison);

    SweepPublisher NONE = (s, c) -> { };
}
