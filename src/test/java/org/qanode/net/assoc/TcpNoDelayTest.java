package org.qanode.net.assoc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelOption;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qanode.net.pdu.PresentationContextRq;

/**
 * ARCHITECTURE.md: every socket sets TCP_NODELAY; with Nagle on at either end each C-STORE
 * stalls about 45 ms. Only a benchmark would notice it missing, so it is checked here on both
 * ends of a real loopback association.
 */
class TcpNoDelayTest {

    @Test
    void bothEndsOfAnAssociationHaveNagleOff() throws Exception {
        RecordingListener acceptor = new RecordingListener();
        DicomServer server = DicomServer.start(new DicomServer.Config("127.0.0.1", 0,
                AcceptancePolicy.builder().aeTitles(Set.of("QANODE")).build(), Duration.ofSeconds(5),
                Duration.ofSeconds(10)), acceptor);
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try {
            AssociationRequestor requestor = new AssociationRequestor(group, AssociationRequestor.Config.defaults());
            Association a = requestor.connect("127.0.0.1", server.port(), requestor.request("SCU", "QANODE",
                    List.of(new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")))),
                    new RecordingListener()).get(10, TimeUnit.SECONDS);
            assertThat(a.channel().config().getOption(ChannelOption.TCP_NODELAY)).as("requestor socket").isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (acceptor.association == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(acceptor.association).isNotNull();
            assertThat(acceptor.association.channel().config().getOption(ChannelOption.TCP_NODELAY))
                    .as("acceptor socket").isTrue();
            a.release().get(10, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            server.close();
        }
    }
}
