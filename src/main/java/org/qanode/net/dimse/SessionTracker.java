package org.qanode.net.dimse;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The live SCP sessions, so a shutdown can wait for in-flight objects before closing. */
final class SessionTracker {
    private final Set<ScpSession> sessions = ConcurrentHashMap.newKeySet();

    void add(ScpSession s) {
        sessions.add(s);
    }

    void remove(ScpSession s) {
        sessions.remove(s);
    }

    /** Waits until no session is in the middle of an object, or the grace period is over. */
    void awaitIdle(Duration grace) {
        awaitUntil(grace, () -> sessions.stream().noneMatch(ScpSession::busy));
    }

    void awaitEnded(Duration grace) {
        awaitUntil(grace, sessions::isEmpty);
    }

    private static void awaitUntil(Duration grace, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
