package org.qanode.net.assoc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.qanode.net.pdu.HexFixtures;
import org.qanode.net.pdu.PDataTf;
import org.qanode.net.pdu.PduCodec;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: 16 peers sending a P-DATA-TF at one byte a second held every association slot past
 * the idle time-out, and real senders were rejected. Real sockets on loopback, trickling for
 * real; time-outs are scaled down so the whole class runs in seconds. Slow senders bind their
 * own loopback address (127.0.0.2, 127.0.0.3) so that dcmtk's echoscu, from 127.0.0.1, is
 * another host as far as the per-host limit is concerned.
 */
class SlowPeerTest {
    private static final byte[] ASSOCIATE_RQ = HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex");

    private DicomServer server;
    private final List<SlowSender> senders = new ArrayList<>();

    @AfterEach
    void stop() {
        senders.forEach(SlowSender::close);
        if (server != null) {
            server.close();
        }
    }

    private void start(Duration artim, Duration pduTimeout, int maxAssociations, int perHost, int maxPending)
            throws InterruptedException {
        AcceptancePolicy policy = AcceptancePolicy.builder().aeTitles(Set.of("STORESCP", "QANODE"))
                .maxAssociations(maxAssociations).maxAssociationsPerHost(perHost).build();
        server = DicomServer.start(new DicomServer.Config("127.0.0.1", 0, policy, artim, Duration.ofSeconds(20),
                pduTimeout, maxPending), new RecordingListener(SlowPeerTest::answerEcho));
    }

    private static void answerEcho(Association a, PDataTf request) {
        io.netty.buffer.ByteBuf rsp = HexFixtures.buf("dcmtk-storescp-p-data-tf-c-echo-rsp.hex");
        try {
            a.send((PDataTf) PduCodec.decode(rsp));
        } finally {
            rsp.release();
        }
    }

    /** A peer on its own loopback address that associates and then sends a P-DATA-TF one byte at a time. */
    private final class SlowSender implements AutoCloseable {
        final Socket socket = new Socket();
        final AtomicBoolean stop = new AtomicBoolean();
        Thread trickle;

        SlowSender(String localAddress) throws IOException {
            try {
                socket.bind(new InetSocketAddress(localAddress, 0));
            } catch (IOException e) {
                Assumptions.abort("cannot bind " + localAddress + " (Linux routes all of 127/8 to loopback): " + e);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5000);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            senders.add(this);
        }

        /** Sends the whole A-ASSOCIATE-RQ; returns the answer PDU (AC or RJ) whole. */
        byte[] associate() throws IOException {
            socket.getOutputStream().write(ASSOCIATE_RQ);
            return readPdu(socket.getInputStream());
        }

        /** From now on: a P-DATA-TF of 200 bytes, one byte every {@code everyMillis}, until closed. */
        void trickle(byte[] bytes, long everyMillis) {
            trickle = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < bytes.length && !stop.get(); i++) {
                        out.write(bytes[i]);
                        out.flush();
                        Thread.sleep(everyMillis);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed on us: what the tests want
                }
            }, "trickle-" + socket.getLocalSocketAddress());
            trickle.setDaemon(true);
            trickle.start();
        }

        void tricklePData(long everyMillis) {
            byte[] pdata = new byte[206];
            pdata[0] = 0x04;
            pdata[5] = (byte) 200;
            trickle(pdata, everyMillis);
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static byte[] readPdu(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[6];
        data.readFully(header);
        int length = (header[2] & 0xff) << 24 | (header[3] & 0xff) << 16 | (header[4] & 0xff) << 8 | (header[5] & 0xff);
        byte[] pdu = new byte[6 + length];
        System.arraycopy(header, 0, pdu, 0, 6);
        data.readFully(pdu, 6, length);
        return pdu;
    }

    /** Everything the server sends until it closes; fails when it does not close in the socket's time-out. */
    private static byte[] readUntilClosed(Socket s) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            InputStream in = s.getInputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close the connection within " + s.getSoTimeout() + " ms", e);
        } catch (java.net.SocketException e) {
            // Closed while our trickle was still writing: the kernel answers with a reset, after the data.
        }
        return got.toByteArray();
    }

    private static void await(Duration within, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private Dcmtk.Result echoscu() throws Exception {
        return Dcmtk.run("echoscu", "-aet", "ECHOSCU", "-aec", "QANODE", "127.0.0.1", String.valueOf(server.port()));
    }

    @Test
    void aPduTrickledForLongerThanThePduTimeoutIsAbortedAndClosed() throws Exception {
        start(Duration.ofSeconds(5), Duration.ofSeconds(1), 4, 4, 8);
        SlowSender slow = new SlowSender("127.0.0.1");
        assertThat(slow.associate()[0]).as("A-ASSOCIATE-AC").isEqualTo((byte) 0x02);
        long started = System.nanoTime();
        // One byte every 100 ms: never idle, and the 206-byte PDU would take 20 s.
        slow.tricklePData(100);
        byte[] answer = readUntilClosed(slow.socket);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // AA-1: A-ABORT, then we close at once rather than wait for the peer or ARTIM (5 s here).
        assertThat(answer).startsWith(0x07, 0, 0, 0, 0, 4);
        assertThat(answer).hasSize(10);
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
        await(Duration.ofSeconds(2), "the slot is given back", () -> server.activeAssociations() == 0);
    }

    @Test
    void slowSendersOfOneHostLeaveSlotsForOtherHosts() throws Exception {
        // The PDU deadline is long here: only the per-host limit protects the other hosts.
        start(Duration.ofSeconds(5), Duration.ofSeconds(60), 4, 2, 8);
        int accepted = 0;
        for (int i = 0; i < 4; i++) {
            SlowSender slow = new SlowSender("127.0.0.2");
            byte[] answer = slow.associate();
            if (answer[0] == 0x02) {
                accepted++;
                slow.tricklePData(500);
            } else {
                // A-ASSOCIATE-RJ: rejected-transient, service-provider (presentation), local-limit-exceeded (PS3.8 Table 9-21).
                assertThat(answer).containsExactly(0x03, 0, 0, 0, 0, 4, 0, 2, 3, 2);
            }
        }
        assertThat(accepted).isEqualTo(2);
        assertThat(server.activeAssociations()).isEqualTo(2);

        Dcmtk.Result echo = echoscu();
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(senders).allMatch(s -> s.trickle == null || s.trickle.isAlive(), "slow senders still trickling");
    }

    @Test
    void whenSlowSendersHoldEverySlotEchoscuGetsInAfterThePduTimeout() throws Exception {
        start(Duration.ofSeconds(5), Duration.ofSeconds(2), 4, 2, 8);
        for (String host : List.of("127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3")) {
            SlowSender slow = new SlowSender(host);
            assertThat(slow.associate()[0]).isEqualTo((byte) 0x02);
            slow.tricklePData(200);
        }
        assertThat(server.activeAssociations()).isEqualTo(4);
        Dcmtk.Result rejected = echoscu();
        assertThat(rejected.exitCode()).as("every slot is held").isNotZero();
        assertThat(rejected.output()).contains("Local Limit Exceeded");

        await(Duration.ofSeconds(5), "slow senders aborted", () -> server.activeAssociations() == 0);
        Dcmtk.Result echo = echoscu();
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        for (SlowSender s : senders) {
            assertThat(readUntilClosed(s.socket)).as("A-ABORT to " + s.socket.getLocalSocketAddress()).startsWith(0x07);
        }
    }

    @Test
    void connectionsBeyondThePendingLimitAreClosedAtOnce() throws Exception {
        // ARTIM is long: without the limit every idle connection would stay open for 5 s.
        start(Duration.ofSeconds(5), Duration.ofSeconds(60), 4, 2, 8);
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                idle.add(new SlowSender("127.0.0.3").socket);
            }
            await(Duration.ofSeconds(2), "8 pending connections", () -> server.pendingConnections() == 8);
            for (int i = 0; i < 20; i++) {
                SlowSender extra = new SlowSender("127.0.0.3");
                extra.socket.setSoTimeout(1000);
                assertThat(readUntilClosed(extra.socket)).as("connection %d over the limit", i).isEmpty();
            }
            assertThat(server.pendingConnections()).isEqualTo(8);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        await(Duration.ofSeconds(2), "pending connections gone", () -> server.pendingConnections() == 0);
        Dcmtk.Result echo = echoscu();
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(server.pendingConnections()).isZero();
    }

    @Test
    void anAssociateRqTrickledPastArtimIsClosed() throws Exception {
        // ARTIM runs from the TCP connect (AE-5) to the complete A-ASSOCIATE-RQ (AE-6), however the bytes come.
        start(Duration.ofMillis(800), Duration.ofSeconds(60), 4, 2, 8);
        SlowSender slow = new SlowSender("127.0.0.2");
        long started = System.nanoTime();
        slow.trickle(ASSOCIATE_RQ, 50);
        assertThat(readUntilClosed(slow.socket)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(700), Duration.ofMillis(3000));
        await(Duration.ofSeconds(2), "no pending connection left", () -> server.pendingConnections() == 0);
    }
}
