package org.qanode.audit;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.qanode.store.IndexDatabase;
import org.qanode.util.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: {@link #record} an {@link AuditEvent} from any thread and it is written to the
 * index and, when {@code audit.syslog} is configured, sent as a DICOM Audit Message. Recording
 * never blocks the caller (a C-STORE response, an HTTP request): events wait in a bounded queue
 * for one writer thread; when the queue is full the event is dropped and counted
 * ({@link #dropped}), and the syslog side has a queue of its own, so a down receiver delays
 * neither the index nor the caller.
 */
public final class AuditTrail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    /** Events waiting for the index; at the node's rates a burst of minutes. */
    public static final int QUEUE_CAPACITY = 10_000;

    private final AuditRepository repository;
    private final AuditSource source;
    private final AuditXml xml;
    private final SyslogSender syslog;
    private final BlockingQueue<AuditEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    private AuditTrail(IndexDatabase db, AuditSource source, SyslogSettings syslog, int capacity) {
        this.repository = new AuditRepository(db);
        this.source = source;
        this.xml = new AuditXml(source);
        this.syslog = syslog == null ? null : new SyslogSender(syslog, capacity);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Threads.daemonThread("audit-writer", this::run);
        writer.start();
    }

    /**
     * Starts the trail over the node's index.
     *
     * @param syslog null: records go to the index only
     */
    public static AuditTrail start(IndexDatabase db, AuditSource source, SyslogSettings syslog) {
        return new AuditTrail(db, source, syslog, QUEUE_CAPACITY);
    }

    /** For tests of the overflow: a tiny queue. */
    static AuditTrail start(IndexDatabase db, AuditSource source, SyslogSettings syslog, int capacity) {
        return new AuditTrail(db, source, syslog, capacity);
    }

    public AuditSource source() {
        return source;
    }

    /** Queues the event; never blocks. A full queue (or a closed trail) drops it and counts it. */
    public void record(AuditEvent event) {
        pending.incrementAndGet();
        if (closed || !queue.offer(event)) {
            pending.decrementAndGet();
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.error("audit trail: queue full or closed, {} events dropped so far (last: {})", n, event.type());
            }
        }
    }

    /** Newest first, as the index has them (events still queued are not there yet). */
    public AuditPage find(AuditQuery query) {
        return repository.find(query);
    }

    /** The DICOM Audit Message of an event, as sent. */
    public String toXml(AuditEvent event) {
        return xml.toXml(event);
    }

    /** Events not recorded because the queue was full or the trail closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Events the index refused (logged with the reason). */
    public long failed() {
        return failed.get();
    }

    public long syslogSent() {
        return syslog == null ? 0 : syslog.sent();
    }

    /** Messages not sent because the syslog queue was full. */
    public long syslogDropped() {
        return syslog == null ? 0 : syslog.dropped();
    }

    public long syslogFailures() {
        return syslog == null ? 0 : syslog.failures();
    }

    /** Waits until every event recorded so far is in the index and, if it can be, sent; false on timeout. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pending.get() == 0 && (syslog == null || syslog.pending() == 0)) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            AuditEvent e;
            try {
                e = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException x) {
                if (closed) {
                    continue;
                }
                break;
            }
            if (e == null) {
                continue;
            }
            try {
                repository.insert(e);
            } catch (RuntimeException x) {
                failed.incrementAndGet();
                LOG.error("audit trail: cannot record {} in the index: {}", e.type(), x.getMessage());
            }
            if (syslog != null) {
                try {
                    syslog.offer(Rfc5424.message(source, e, xml.toXml(e)));
                } catch (RuntimeException x) {
                    LOG.error("audit trail: cannot format {}: {}", e.type(), x.toString());
                }
            }
            pending.decrementAndGet();
        }
    }

    /** Writes what is queued (the index must still be open), sends what it can for a few seconds, stops. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closed = true;
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (syslog != null) {
            syslog.close(Duration.ofSeconds(2));
        }
    }
}
