package org.qanode.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.store.IndexDatabase;
import org.qanode.store.StateStore;
import org.qanode.testing.PeerProcesses;
import org.qanode.testing.Rsyslog;
import org.qanode.testing.TestCertificates;

/** The trail's index side (filters, paging), its bounded queue, and a syslog receiver that is down. */
class AuditTrailTest {
    private static final AuditSource SOURCE = new AuditSource("QANODE", "QANODE", "qa-host", "4242");

    @TempDir
    Path dir;
    private IndexDatabase index;

    @BeforeEach
    void open() throws Exception {
        index = IndexDatabase.open(indexUrl());
    }

    /** Embedded H2 here; {@link AuditTrailPostgresTest} runs the same tests on PostgreSQL. */
    String indexUrl() throws Exception {
        return StateStore.defaultIndexUrl(dir.resolve("var"));
    }

    @AfterEach
    void close() throws Exception {
        if (index != null) { // null when the PostgreSQL variant was skipped
            index.close();
        }
    }

    @Test
    void recordsAreFilteredAndPagedNewestFirst() {
        try (AuditTrail trail = AuditTrail.start(index, SOURCE, null)) {
            Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
            for (int i = 0; i < 7; i++) {
                trail.record(new AuditEvent(t0.plusSeconds(60L * i), i % 2 == 0 ? AuditEventType.STATE_CREATED
                        : AuditEventType.LOGIN, i == 3 ? AuditOutcome.MINOR_FAILURE : AuditOutcome.SUCCESS,
                        i < 4 ? "alice" : "bob", "10.0.0." + i, null, "state", "state-" + i, null, List.of(), null));
            }
            assertThat(trail.awaitIdle(Duration.ofSeconds(10))).isTrue();

            AuditPage all = trail.find(AuditQuery.latest(100));
            assertThat(all.items()).extracting(s -> s.event().objectId())
                    .containsExactly("state-6", "state-5", "state-4", "state-3", "state-2", "state-1", "state-0");
            assertThat(all.next()).isNull();

            AuditPage first = trail.find(AuditQuery.latest(3));
            assertThat(first.items()).extracting(s -> s.event().objectId()).containsExactly("state-6", "state-5", "state-4");
            AuditPage second = trail.find(new AuditQuery(null, null, null, null, null, null, first.next(), 3));
            assertThat(second.items()).extracting(s -> s.event().objectId()).containsExactly("state-3", "state-2", "state-1");
            AuditPage third = trail.find(new AuditQuery(null, null, null, null, null, null, second.next(), 3));
            assertThat(third.items()).extracting(s -> s.event().objectId()).containsExactly("state-0");
            assertThat(third.next()).isNull();

            assertThat(ids(trail, new AuditQuery(AuditEventType.LOGIN, null, null, null, null, null, null, 100)))
                    .containsExactly("state-5", "state-3", "state-1");
            assertThat(ids(trail, new AuditQuery(null, "bob", null, null, null, null, null, 100)))
                    .containsExactly("state-6", "state-5", "state-4");
            assertThat(ids(trail, new AuditQuery(null, null, AuditOutcome.MINOR_FAILURE, null, null, null, null, 100)))
                    .containsExactly("state-3");
            assertThat(ids(trail, new AuditQuery(null, null, null, t0.plusSeconds(120), t0.plusSeconds(240), null, null, 100)))
                    .containsExactly("state-3", "state-2");
            assertThat(ids(trail, new AuditQuery(null, null, null, null, null, "10.0.0.5", null, 100)))
                    .containsExactly("state-5");
            // LIKE wildcards in the text are literal
            assertThat(ids(trail, new AuditQuery(null, null, null, null, null, "state_", null, 100))).isEmpty();
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        try (AuditTrail trail = AuditTrail.start(index, SOURCE, null, 1)) {
            for (int i = 0; i < 2000; i++) {
                trail.record(AuditSamples.of(AuditEventType.LOGIN));
            }
            assertThat(trail.awaitIdle(Duration.ofSeconds(30))).isTrue();
            long stored = trail.find(AuditQuery.latest(AuditQuery.MAX_LIMIT)).items().size();
            assertThat(trail.dropped()).isPositive();
            assertThat(stored + trail.dropped()).isEqualTo(2000);
        }
    }

    /**
     * With the receiver down every record still reaches the index at once; the messages wait,
     * and go out when a receiver appears on the port (the sender reconnects).
     */
    @Test
    void aDownReceiverDelaysNothingAndGetsEverythingWhenItComesUp() throws Exception {
        int port = PeerProcesses.freePort();
        List<AuditEvent> events = new ArrayList<>(AuditSamples.all());
        try (AuditTrail trail = AuditTrail.start(index, SOURCE,
                new SyslogSettings("127.0.0.1", port, SyslogSettings.Protocol.TCP, null))) {
            events.forEach(trail::record);
            long deadline = System.currentTimeMillis() + 10_000;
            while (trail.find(AuditQuery.latest(100)).items().size() < events.size()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(trail.find(AuditQuery.latest(100)).items()).hasSize(events.size());
            assertThat(trail.syslogSent()).isZero();
            deadline = System.currentTimeMillis() + 10_000;
            while (trail.syslogFailures() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(trail.syslogFailures()).isPositive();

            TestCertificates pki = TestCertificates.create(dir.resolve("pki"));
            try (Rsyslog rsyslog = Rsyslog.start(dir.resolve("rsyslog"), pki.caCertificate, pki.peerCertificate,
                    pki.peerKey, port)) {
                List<String> got = rsyslog.await("tcp", l -> l.size() >= events.size(), 60_000);
                assertThat(got).hasSize(events.size());
                assertThat(trail.syslogSent()).isEqualTo(events.size());
                assertThat(trail.syslogDropped()).isZero();
            }
        }
    }

    private static List<String> ids(AuditTrail trail, AuditQuery q) {
        return trail.find(q).items().stream().map(s -> s.event().objectId()).toList();
    }
}
