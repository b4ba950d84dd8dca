package org.qanode.net.assoc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qanode.net.pdu.HexFixtures;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Peers that misbehave on purpose: the server closes them, keeps serving, and leaks no slot. */
class HostilePeerTest {
    private DicomServer server;

    @BeforeEach
    void start() throws InterruptedException {
        AcceptancePolicy policy = AcceptancePolicy.builder().aeTitles(Set.of("STORESCP")).maxAssociations(4).build();
        server = DicomServer.start(new DicomServer.Config("127.0.0.1", 0, policy, Duration.ofMillis(300), Duration.ofSeconds(1)),
                new RecordingListener());
    }

    @AfterEach
    void stop() throws Exception {
        // After every hostile peer, a well-behaved association still works.
        try (Socket s = connect()) {
            s.getOutputStream().write(HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex"));
            assertThat(s.getInputStream().read()).isEqualTo(0x02);
        }
        server.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setTcpNoDelay(true);
        s.setSoTimeout(5000);
        return s;
    }

    /** Reads until the server closes; returns everything it sent. */
    private static byte[] readUntilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close the connection", e);
        }
    }

    private void awaitNoActiveAssociations() throws InterruptedException {
        for (int i = 0; i < 50 && server.activeAssociations() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(server.activeAssociations()).isZero();
    }

    @Test
    void randomBytes() throws Exception {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        junk[0] = 0x42;
        try (Socket s = connect()) {
            s.getOutputStream().write(junk);
            byte[] answer = readUntilClosed(s);
            // AA-1 in Sta2: an A-ABORT, then the close at ARTIM expiry.
            assertThat(answer).startsWith(0x07);
        }
    }

    @Test
    void truncatedAssociateRqThenSilence() throws Exception {
        byte[] rq = HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex");
        try (Socket s = connect()) {
            s.getOutputStream().write(Arrays.copyOf(rq, rq.length / 2));
            assertThat(readUntilClosed(s)).isEmpty();
        }
    }

    @Test
    void lengthThatLiesAboutItems() throws Exception {
        byte[] rq = HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex");
        rq[6 + 68 + 3] = 0x7f;
        try (Socket s = connect()) {
            s.getOutputStream().write(rq);
            assertThat(readUntilClosed(s)).startsWith(0x07);
        }
    }

    @Test
    void validAssociationThenGarbage() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex"));
            s.getOutputStream().write(new byte[] {(byte) 0xEE, 0, 0, 0, 0, 2, 1, 2});
            byte[] answer = readUntilClosed(s);
            assertThat(answer[0]).isEqualTo((byte) 0x02);
            int acLength = 6 + ((answer[2] & 0xff) << 24 | (answer[3] & 0xff) << 16 | (answer[4] & 0xff) << 8 | (answer[5] & 0xff));
            // A-P-ABORT, service-provider, unrecognized PDU.
            assertThat(Arrays.copyOfRange(answer, acLength, acLength + 10)).containsExactly(7, 0, 0, 0, 0, 4, 0, 0, 2, 1);
        }
        awaitNoActiveAssociations();
    }

    @Test
    void silentPeerDroppedAtArtim() throws Exception {
        long start = System.nanoTime();
        try (Socket s = connect()) {
            assertThat(readUntilClosed(s)).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void peerStopsMidMessageIsAbortedAtIdleTimeout() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex"));
            // Half a P-DATA-TF, then nothing.
            s.getOutputStream().write(new byte[] {4, 0, 0, 0, 0, 100, 0, 0, 0, 96, 1});
            byte[] answer = readUntilClosed(s);
            assertThat(answer[0]).isEqualTo((byte) 0x02);
            assertThat(answer[answer.length - 10]).isEqualTo((byte) 0x07);
        }
        awaitNoActiveAssociations();
    }
}
