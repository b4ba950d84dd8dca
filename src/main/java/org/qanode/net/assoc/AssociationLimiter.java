package org.qanode.net.assoc;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts concurrent associations of one server, for the AE-6 local-limit check (PS3.8 Table 9-21). */
public final class AssociationLimiter {
    private final AtomicInteger active = new AtomicInteger();

    /** @return the number of associations including the one just counted */
    public int acquire() {
        return active.incrementAndGet();
    }

    public void release() {
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }
}
