package org.qanode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.ScpListener;
import org.qanode.net.dimse.StoreContext;
import org.qanode.store.IndexDatabase;
import org.qanode.store.StateStore;

/**
 * The association log (migration 010) on H2 and, where QANODE_TEST_PG_URL names a server (CI
 * starts one), on PostgreSQL: objects tallied per association and state, one row update per
 * state when the association's storage work ends, nothing written before; routes add up.
 */
class AssociationLogTest {
    @TempDir
    Path dir;

    private static StoreContext object(String association, String called, int n) {
        return new StoreContext("ARIA", called, "10.0.0.5", 40000, "1.2.840.10008.5.1.4.1.1.481.5", "1.2.3." + n,
                "1.2.840.10008.1.2", association);
    }

    @Test
    void oneUpdatePerAssociationAndStateOnH2() throws Exception {
        try (IndexDatabase db = IndexDatabase.open(StateStore.defaultIndexUrl(dir))) {
            exercise(db);
        }
    }

    @Test
    void oneUpdatePerAssociationAndStateOnPostgres() throws Exception {
        String base = System.getenv("QANODE_TEST_PG_URL");
        if (base == null || base.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                org.junit.jupiter.api.Assertions.fail("QANODE_TEST_PG_URL is not set: CI must test PostgreSQL (.ci/postgres.sh)");
            }
            org.junit.jupiter.api.Assumptions.abort("QANODE_TEST_PG_URL not set: no PostgreSQL to test on");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try (IndexDatabase db = IndexDatabase.open(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema)) {
            exercise(db);
        } finally {
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void exercise(IndexDatabase db) {
        AtomicInteger asked = new AtomicInteger();
        // QA_PRE -> pre, anything else -> inbox; the log asks where each stored object went
        AssociationLog log = new AssociationLog(db, ctx -> {
            asked.incrementAndGet();
            return Map.of("QA_PRE", "pre").getOrDefault(ctx.calledAeTitle(), "inbox");
        });
        for (int i = 0; i < 5; i++) {
            log.objectReceived(object("a1", "QA_PRE", i), 1000, 1, DimseStatus.SUCCESS);
        }
        log.objectReceived(object("a1", "QA_PRE", 9), 0, 1, 0xA700);
        assertThat(log.connections(10)).as("nothing is written before the association ends").isEmpty();
        assertThat(asked).hasValue(6);
        log.sessionFinished(new ScpListener.FinishedSession("a1", "ARIA", "QA_PRE", "10.0.0.5", 5, 1, false));
        List<ObservedConnection> rows = log.connections(10);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("pre");
            assertThat(r.associations()).isEqualTo(1);
            assertThat(r.objects()).isEqualTo(5);
            assertThat(r.failed()).isEqualTo(1);
            assertThat(r.bytes()).isEqualTo(5000);
            assertThat(r.firstSeen()).isEqualTo(r.lastSeen());
        });

        // a second association on the same route adds up; an aborted echo-only one has no state
        for (int i = 0; i < 3; i++) {
            log.objectReceived(object("a2", "QA_PRE", 10 + i), 10, 1, DimseStatus.SUCCESS);
        }
        log.sessionFinished(new ScpListener.FinishedSession("a2", "ARIA", "QA_PRE", "10.0.0.5", 3, 0, false));
        log.sessionFinished(new ScpListener.FinishedSession("a3", "MONITOR", "QANODE", "10.0.0.7", 0, 0, true));
        List<ObservedConnection> all = new ArrayList<>(log.connections(10));
        assertThat(all).hasSize(2);
        ObservedConnection aria = all.stream().filter(r -> r.callingAeTitle().equals("ARIA")).findFirst().orElseThrow();
        assertThat(aria.associations()).isEqualTo(2);
        assertThat(aria.objects()).isEqualTo(8);
        assertThat(aria.bytes()).isEqualTo(5030);
        ObservedConnection echo = all.stream().filter(r -> r.callingAeTitle().equals("MONITOR")).findFirst().orElseThrow();
        assertThat(echo.state()).isEqualTo(AssociationLog.NO_STATE);
        assertThat(echo.aborted()).isEqualTo(1);
        assertThat(echo.objects()).isZero();
        assertThat(echo.callingHost()).isEqualTo("10.0.0.7");
    }
}
