package org.qanode.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.qanode.ingest.FilingListener;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.ScpListener;
import org.qanode.net.dimse.StoreContext;
import org.qanode.store.FilingKind;
import org.qanode.util.Threads;

/**
 * The DICOM side of the audit trail. Associations accepted and rejected are one record each.
 * Objects follow PS3.15 A.5.3.4: one DICOM Instances Transferred record per association, study
 * and action (new C, identical duplicate R, replaced or repaired U), with the instances' SOP
 * class and instance UIDs, counts and the patient, sent when the association ends rather than
 * one message per object; a refused object is one record of its own, at once.
 *
 * <p>Objects stored without an SCP association of their own (the C-GET of an export) have no
 * end to wait for: their groups are closed once idle for {@link #IDLE_MILLIS}. A group is also
 * closed at {@link #MAX_INSTANCES} so that a message stays well inside a UDP datagram.
 */
public final class ScpAudit implements ScpListener, FilingListener, AutoCloseable {
    static final int MAX_INSTANCES = 500;
    static final long IDLE_MILLIS = 15_000;

    private final AuditTrail trail;
    /** Open groups by association id; guarded by {@code this} (all work under it is quick and never blocks). */
    private final Map<String, Map<Key, Group>> open = new java.util.HashMap<>();
    private final ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor(
            Threads.daemon("audit-scp-idle"));

    private record Key(String studyUid, AuditEventType type, String state) {
    }

    private static final class Group {
        final StoreContext first;
        final List<AuditEvent.Instance> instances = new ArrayList<>();
        final java.util.Set<String> patients = new java.util.LinkedHashSet<>();
        long lastTouched = System.currentTimeMillis();

        Group(StoreContext first) {
            this.first = first;
        }
    }

    public ScpAudit(AuditTrail trail) {
        this.trail = trail;
        idle.scheduleWithFixedDelay(this::closeIdle, IDLE_MILLIS, IDLE_MILLIS / 3, TimeUnit.MILLISECONDS);
    }

    @Override
    public void associationAccepted(Peer peer) {
        trail.record(AuditEvent.of(AuditEventType.ASSOCIATION_ACCEPTED, AuditOutcome.SUCCESS, peer.callingAeTitle(),
                peer.remoteHost()).called(peer.calledAeTitle()).describe("association " + peer.associationId()
                + " from " + peer.callingAeTitle() + "@" + peer.remoteHost() + ":" + peer.remotePort()));
    }

    @Override
    public void associationRejected(Peer peer, String reason) {
        trail.record(AuditEvent.of(AuditEventType.ASSOCIATION_REJECTED, AuditOutcome.MINOR_FAILURE,
                peer.callingAeTitle(), peer.remoteHost()).called(peer.calledAeTitle())
                .describe("rejected (" + reason + ") " + peer.callingAeTitle() + "@" + peer.remoteHost() + ":"
                        + peer.remotePort() + " calling " + peer.calledAeTitle()));
    }

    @Override
    public synchronized void associationFinished(Peer peer, boolean aborted) {
        Map<Key, Group> groups = open.remove(peer.associationId());
        if (groups != null) {
            groups.forEach(this::emit);
        }
    }

    /** Storage thread, before the response: only failures are recorded here, one each. */
    @Override
    public void objectReceived(StoreContext ctx, long bytes, long nanos, int status) {
        if (!DimseStatus.isFailure(status)) {
            return;
        }
        // A7xx: the node could not store (out of resources); other failures: the object or request
        AuditOutcome outcome = (status & 0xF000) == 0xA000 && (status & 0x0F00) == 0x0700
                ? AuditOutcome.SERIOUS_FAILURE : AuditOutcome.MINOR_FAILURE;
        trail.record(AuditEvent.of(AuditEventType.INSTANCE_REFUSED, outcome, ctx.callingAeTitle().trim(),
                ctx.remoteHost()).called(ctx.calledAeTitle().trim())
                .instances(List.of(new AuditEvent.Instance(ctx.sopClassUid(), ctx.sopInstanceUid())))
                .describe("C-STORE of " + ctx.sopInstanceUid() + " (SOP class " + ctx.sopClassUid()
                        + ") refused with status " + String.format("%04X", status) + " (" + DimseStatus.name(status)
                        + ")"));
    }

    @Override
    public synchronized void filed(StoreContext ctx, String state, FilingKind kind, String studyInstanceUid, String patientId) {
        AuditEventType type = switch (kind) {
            case STORED -> AuditEventType.INSTANCES_STORED;
            case DUPLICATE -> AuditEventType.INSTANCES_DUPLICATE;
            case REPAIRED, REPLACED -> AuditEventType.INSTANCES_UPDATED;
        };
        String association = ctx.associationId() == null ? "-" : ctx.associationId();
        Map<Key, Group> groups = open.computeIfAbsent(association, k -> new LinkedHashMap<>());
        Key key = new Key(studyInstanceUid == null ? "" : studyInstanceUid, type, state);
        Group g = groups.computeIfAbsent(key, k -> new Group(ctx));
        g.instances.add(new AuditEvent.Instance(ctx.sopClassUid(), ctx.sopInstanceUid()));
        if (patientId != null && !patientId.isBlank()) {
            g.patients.add(patientId);
        }
        g.lastTouched = System.currentTimeMillis();
        if (g.instances.size() >= MAX_INSTANCES) {
            groups.remove(key);
            emit(key, g);
        }
    }

    private void emit(Key key, Group g) {
        StoreContext c = g.first;
        String patient = g.patients.isEmpty() ? null : g.patients.iterator().next();
        String others = g.patients.size() > 1 ? "; also patient IDs " + String.join(", ",
                g.patients.stream().skip(1).toList()) : "";
        trail.record(AuditEvent.of(key.type(), AuditOutcome.SUCCESS, c.callingAeTitle().trim(), c.remoteHost())
                .called(c.calledAeTitle().trim()).about("study", key.studyUid().isEmpty() ? null : key.studyUid())
                .patient(patient).instances(g.instances)
                .describe(g.instances.size() + " instance(s) into state " + key.state() + others));
    }

    private synchronized void closeIdle() {
        long cutoff = System.currentTimeMillis() - IDLE_MILLIS;
        open.values().removeIf(groups -> {
            groups.entrySet().removeIf(e -> {
                if (e.getValue().lastTouched < cutoff) {
                    emit(e.getKey(), e.getValue());
                    return true;
                }
                return false;
            });
            return groups.isEmpty();
        });
    }

    /** Records what is still open (the node is stopping). */
    @Override
    public synchronized void close() {
        idle.shutdownNow();
        open.values().forEach(groups -> groups.forEach(this::emit));
        open.clear();
    }
}
