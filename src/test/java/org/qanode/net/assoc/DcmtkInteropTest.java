package org.qanode.net.assoc;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qanode.net.pdu.AAssociateRq;
import org.qanode.net.pdu.HexFixtures;
import org.qanode.net.pdu.PDataTf;
import org.qanode.net.pdu.PduCodec;
import org.qanode.net.pdu.PresentationContextRq;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real dcmtk 3.6.7 peers over loopback, both directions. */
class DcmtkInteropTest {
    private static final String VERIFICATION = "1.2.840.10008.1.1";
    private DicomServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Answers echoscu's first C-ECHO-RQ with the C-ECHO-RSP storescp sent in our capture (message id 1, status 0). */
    private static void answerEcho(Association a, PDataTf request) {
        io.netty.buffer.ByteBuf rsp = HexFixtures.buf("dcmtk-storescp-p-data-tf-c-echo-rsp.hex");
        try {
            a.send((PDataTf) PduCodec.decode(rsp));
        } finally {
            rsp.release();
        }
    }

    private DicomServer start(AcceptancePolicy policy, RecordingListener listener) throws InterruptedException {
        server = DicomServer.start(new DicomServer.Config("127.0.0.1", 0, policy, Duration.ofSeconds(2), Duration.ofSeconds(10)), listener);
        return server;
    }

    @Test
    void echoscuAssociatesSendsPDataAndReleases() throws Exception {
        RecordingListener listener = new RecordingListener(DcmtkInteropTest::answerEcho);
        start(AcceptancePolicy.builder().aeTitles(Set.of("QANODE")).build(), listener);
        Dcmtk.Result r = Dcmtk.run("echoscu", "-v", "-aet", "ECHOSCU", "-aec", "QANODE", "127.0.0.1", String.valueOf(server.port()));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(listener.ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.calls).containsExactly("associated ECHOSCU->QANODE 1", "pdata 1 command", "released");
    }

    @Test
    void unknownCallingAeTitleIsRejected() throws Exception {
        start(AcceptancePolicy.builder().aeTitles(Set.of("QANODE"))
                .allowedCallingAeTitles(List.of(AcceptancePolicy.CallingAe.any("ECHOSCU"))).build(), new RecordingListener());
        Dcmtk.Result r = Dcmtk.run("echoscu", "-aet", "BADGUY", "-aec", "QANODE", "127.0.0.1", String.valueOf(server.port()));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("Calling AE Title Not Recognized");
    }

    @Test
    void tooManyAssociationsIsLocalLimitExceeded() throws Exception {
        start(AcceptancePolicy.builder().aeTitles(Set.of("STORESCP")).maxAssociations(1).build(), new RecordingListener());
        try (Socket holder = new Socket("127.0.0.1", server.port())) {
            holder.setTcpNoDelay(true);
            OutputStream out = holder.getOutputStream();
            out.write(HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex"));
            out.flush();
            InputStream in = holder.getInputStream();
            assertThat(in.read()).as("A-ASSOCIATE-AC type").isEqualTo(0x02);
            Dcmtk.Result r = Dcmtk.run("echoscu", "-aet", "ECHOSCU", "-aec", "STORESCP", "127.0.0.1", String.valueOf(server.port()));
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.output()).contains("Local Limit Exceeded");
        }
    }

    @Test
    void ourRequestorAssociatesWithStorescpAndReleases() throws Exception {
        Dcmtk.require("storescp");
        int port = Dcmtk.freePort();
        Process storescp = Dcmtk.builder("storescp", "-aet", "STORESCP", String.valueOf(port)).start();
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            AssociationRequestor requestor = new AssociationRequestor(group, AssociationRequestor.Config.defaults());
            AAssociateRq rq = requestor.request("QANODE", "STORESCP",
                    List.of(new PresentationContextRq(1, VERIFICATION, List.of("1.2.840.10008.1.2"))));
            RecordingListener listener = new RecordingListener();
            Association a = null;
            for (int attempt = 0; a == null; attempt++) {
                try {
                    a = requestor.connect("127.0.0.1", port, rq, listener).get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    // storescp may still be starting up.
                    if (attempt > 50) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
            assertThat(a.acceptedContexts()).containsKey(1);
            assertThat(a.acceptedContexts().get(1).transferSyntax()).isEqualTo("1.2.840.10008.1.2");
            assertThat(a.peerMaxPduLength()).isEqualTo(16384);
            a.release().get(10, TimeUnit.SECONDS);
            // The release future completes when A-RELEASE-RP arrives; the listener hears of it
            // right after, on the event loop.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (listener.calls.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(listener.calls).containsExactly("associated QANODE->STORESCP 1", "released");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            storescp.destroy();
            storescp.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
