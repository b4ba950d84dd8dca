package org.qanode.net.dimse;

import org.qanode.ingest.DirectorySink;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.pdu.PresentationContextRq;
import org.slf4j.LoggerFactory;

/**
 * Peers that break DIMSE rules inside well-formed P-DATA (PS3.7 9.3.1, PS3.8 Annex E): each gets
 * an A-ABORT and its association ends, no partial file stays, no storage thread and no ByteBuf
 * outlives it (Netty's paranoid leak detector watches every buffer), and the SCP goes on serving.
 */
class DimseHostilePeerTest {
    private static final String RT_PLAN = "1.2.840.10008.5.1.4.1.1.481.5";
    private static final String UID = "1.2.826.0.1.3680043.10.1011.7";
    private static ResourceLeakDetector.Level previousLevel;
    private static final ListAppender<ILoggingEvent> LEAKS = new ListAppender<>();

    @TempDir
    Path dir;

    private StoreScp scp;
    private long scpThreadsBefore;

    @BeforeAll
    static void paranoid() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        LEAKS.start();
        ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).addAppender(LEAKS);
    }

    @AfterAll
    static void restore() {
        ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).detachAppender(LEAKS);
        ResourceLeakDetector.setLevel(previousLevel);
    }

    @BeforeEach
    void start() throws InterruptedException {
        scpThreadsBefore = scpThreads();
        scp = StoreScp.start(StoreScpConfig.of("QANODE", 0).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)),
                new DirectorySink(dir, "QANODE"));
    }

    @AfterEach
    void afterEachHostilePeer() throws Exception {
        try {
            awaitUntil(() -> scp.activeAssociations() == 0);
            assertThat(files()).as("partial files").isEmpty();
            goodAssociationStillWorks();
            awaitUntil(() -> scpThreads() == scpThreadsBefore);
            assertThat(scpThreads()).as("scp-* threads still alive").isEqualTo(scpThreadsBefore);
        } finally {
            scp.close();
        }
        assertNoLeakReported();
    }

    private static long scpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("scp-") && t.isAlive()).count();
    }

    /**
     * Leaked buffers are reported when the collector has found them and a later allocation is
     * tracked: collect, then allocate a few tracked buffers.
     */
    private static void assertNoLeakReported() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            for (int k = 0; k < 64; k++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(64);
                b.release();
            }
        }
        assertThat(LEAKS.list).as("Netty leak reports").noneMatch(e -> e.getFormattedMessage().contains("LEAK"));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private void goodAssociationStillWorks() throws Exception {
        try (DimseClient c = DimseClient.open("127.0.0.1", scp.port(), "GOOD", "QANODE",
                List.of(new PresentationContextRq(1, RawPeer.CT_IMAGE, List.of(RawPeer.EXPLICIT_LE))),
                AssociationRequestor.Config.defaults())) {
            byte[] ds = {0x08, 0x00, 0x18, 0x00, 'U', 'I', 2, 0, '1', 0};
            assertThat(c.store(1, RawPeer.CT_IMAGE, UID, new ByteArrayInputStream(ds), Duration.ofSeconds(10)).status())
                    .isEqualTo(DimseStatus.SUCCESS);
        }
        Files.delete(dir.resolve(UID + ".dcm"));
    }

    private RawPeer twoContexts() throws IOException {
        return new RawPeer(scp.port(), "QANODE", List.of(
                new PresentationContextRq(1, RawPeer.CT_IMAGE, List.of(RawPeer.EXPLICIT_LE)),
                new PresentationContextRq(3, RT_PLAN, List.of(RawPeer.EXPLICIT_LE))));
    }

    private static Command store() {
        return Command.cStoreRq(1, RawPeer.CT_IMAGE, "1.2.826.0.1.3680043.10.1011.8", 0, null, 0);
    }

    private static byte[] someData() {
        byte[] b = new byte[8000];
        Arrays.fill(b, (byte) 0x20);
        return b;
    }

    @Test
    void undecodableCommandSet() throws Exception {
        try (RawPeer peer = twoContexts()) {
            // (0000,0100) claiming a value longer than the whole command set
            peer.pdv(1, true, true, new byte[] {0, 0, 0, 1, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x0F, 1, 2, 3, 4});
            assertThat(peer.abortedByPeer()).isTrue();
        }
    }

    @Test
    void commandSetWithoutCommandField() throws Exception {
        try (RawPeer peer = twoContexts()) {
            // a well-formed element, (0000,0110) Message ID, but no Command Field
            peer.pdv(1, true, true, new byte[] {0, 0, 0x10, 0x01, 2, 0, 0, 0, 1, 0});
            assertThat(peer.abortedByPeer()).isTrue();
        }
    }

    @Test
    void dataSetFragmentBeforeAnyCommand() throws Exception {
        try (RawPeer peer = twoContexts()) {
            peer.pdv(1, false, true, someData());
            assertThat(peer.abortedByPeer()).isTrue();
        }
    }

    @Test
    void commandOfASecondMessageInsideAnIncompleteDataSet() throws Exception {
        try (RawPeer peer = twoContexts()) {
            peer.command(1, store());
            peer.pdv(1, false, false, someData());
            peer.command(3, Command.cStoreRq(2, RT_PLAN, "1.2.826.0.1.3680043.10.1011.9", 0, null, 0));
            assertThat(peer.abortedByPeer()).isTrue();
        }
    }

    @Test
    void dataFragmentsOfTwoContextsInterleaved() throws Exception {
        try (RawPeer peer = twoContexts()) {
            peer.command(1, store());
            peer.pdv(1, false, false, someData());
            peer.pdv(3, false, false, someData());
            assertThat(peer.abortedByPeer()).isTrue();
        }
    }

    /** PS3.8 7.2: a release must not cut a message short; the object never arrived, so abort. */
    @Test
    void commandClaimingADataSetThenRelease() throws Exception {
        try (RawPeer peer = twoContexts()) {
            peer.command(1, store());
            peer.releaseRq();
            assertThat(peer.abortedByPeer()).isTrue();
        }
    }

    @Test
    void partOfADataSetThenRelease() throws Exception {
        try (RawPeer peer = twoContexts()) {
            peer.command(1, store());
            peer.pdv(1, false, false, someData());
            peer.releaseRq();
            assertThat(peer.abortedByPeer()).isTrue();
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitUntil(Check check) throws Exception {
        for (int i = 0; i < 400 && !check.ok(); i++) {
            Thread.sleep(25);
        }
    }
}
