package org.qanode.net.assoc;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what one server holds open, shared by all its connections:
 * <ul>
 *   <li>associations, in total and per calling host, for the AE-6 local-limit check
 *       (PS3.8 9.2.2, rejection reason "local-limit-exceeded" of Table 9-21);</li>
 *   <li>pending connections: TCP connected but holding no accepted association yet (the
 *       A-ASSOCIATE-RQ not complete, or rejected and waiting for the peer to close). PS3.8 bounds
 *       each one's life with ARTIM but not their number; without a cap a peer can open
 *       connections faster than ARTIM closes them until we run out of file descriptors.</li>
 * </ul>
 */
public final class AssociationLimiter {
    /** Pending connections at once when not configured; a real peer's A-ASSOCIATE-RQ takes milliseconds. */
    public static final int DEFAULT_MAX_PENDING_CONNECTIONS = 64;
    private static final long REFUSAL_LOG_INTERVAL_NANOS = 1_000_000_000L;

    /** Association counts including the one just counted. */
    public record Counts(int total, int fromHost) {
    }

    private final int maxPendingConnections;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perHost = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);

    public AssociationLimiter() {
        this(DEFAULT_MAX_PENDING_CONNECTIONS);
    }

    public AssociationLimiter(int maxPendingConnections) {
        if (maxPendingConnections < 1) {
            throw new IllegalArgumentException("maxPendingConnections: must be at least 1, was " + maxPendingConnections);
        }
        this.maxPendingConnections = maxPendingConnections;
    }

    /** Counts an association of unknown origin. @return the number of associations including this one */
    public int acquire() {
        return acquire(null).total();
    }

    /** Counts an association from {@code host} (null: unknown, not counted per host). */
    public Counts acquire(InetAddress host) {
        int fromHost = host == null ? 0 : perHost.merge(host, 1, Integer::sum);
        return new Counts(active.incrementAndGet(), fromHost);
    }

    public void release() {
        release(null);
    }

    /** Gives back a slot taken by {@link #acquire(InetAddress)} with the same host. */
    public void release(InetAddress host) {
        if (host != null) {
            perHost.computeIfPresent(host, (h, n) -> n > 1 ? n - 1 : null);
        }
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }

    public int activeFrom(InetAddress host) {
        return perHost.getOrDefault(host, 0);
    }

    /** A new connection: false (and nothing counted) when {@code maxPendingConnections} are already pending. */
    public boolean tryAcquirePending() {
        while (true) {
            int n = pending.get();
            if (n >= maxPendingConnections) {
                refused.incrementAndGet();
                return false;
            }
            if (pending.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Connections refused over the pending limit since start. */
    public long refusedConnections() {
        return refused.get();
    }

    /** True at most once a second: a flood of refused connections must not flood the log too. */
    boolean shouldLogRefusal() {
        long last = lastRefusalLog.get();
        long now = System.nanoTime();
        return now - last >= REFUSAL_LOG_INTERVAL_NANOS && lastRefusalLog.compareAndSet(last, now);
    }

    public void releasePending() {
        pending.decrementAndGet();
    }

    public int pending() {
        return pending.get();
    }

    public int maxPendingConnections() {
        return maxPendingConnections;
    }
}
