package org.qanode.net.assoc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.qanode.net.pdu.AAbort;
import org.qanode.net.pdu.AAssociateAc;
import org.qanode.net.pdu.AAssociateRj;
import org.qanode.net.pdu.AAssociateRq;
import org.qanode.net.pdu.AReleaseRp;
import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.HexFixtures;
import org.qanode.net.pdu.PDataTf;
import org.qanode.net.pdu.Pdu;
import org.qanode.net.pdu.PduCodec;
import org.qanode.net.pdu.PduDecoder;
import org.qanode.net.pdu.PduEncoder;
import org.qanode.net.pdu.PresentationContextAc;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The acceptor handler on an EmbeddedChannel, fed dcmtk's captured bytes. */
class AssociationHandlerTest {
    private final RecordingListener listener = new RecordingListener();
    private final AssociationLimiter limiter = new AssociationLimiter();

    private AssociationHandler handler;

    private EmbeddedChannel acceptor(AcceptancePolicy policy) {
        handler = AssociationHandler.acceptor(policy, limiter, listener, Duration.ofMillis(500));
        return new EmbeddedChannel(new PduDecoder(policy.maxPduLength()), new PduEncoder(), handler);
    }

    private static AcceptancePolicy policy() {
        return AcceptancePolicy.builder().aeTitles(Set.of("STORESCP")).build();
    }

    private static Pdu readPdu(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        assertThat(out).as("an outbound PDU").isNotNull();
        try {
            return PduCodec.decode(out);
        } finally {
            out.release();
        }
    }

    /** The handler under test (kept by reference: a closed EmbeddedChannel empties its pipeline). */
    private AssociationHandler handler(EmbeddedChannel ch) {
        return handler;
    }

    @Test
    void fullAssociationAsAcceptor() {
        EmbeddedChannel ch = acceptor(policy());
        assertThat(handler(ch).state()).isEqualTo(State.STA2);
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        AAssociateAc ac = (AAssociateAc) readPdu(ch);
        assertThat(ac.presentationContexts()).containsExactly(
                new PresentationContextAc(1, PresentationContextAc.Result.ACCEPTANCE, "1.2.840.10008.1.2"));
        assertThat(handler(ch).state()).isEqualTo(State.STA6);
        assertThat(listener.association.peerMaxPduLength()).isEqualTo(16384);

        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-p-data-tf-c-echo-rq.hex"));
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-release-rq.hex"));
        assertThat(readPdu(ch)).isEqualTo(AReleaseRp.INSTANCE);
        assertThat(handler(ch).state()).isEqualTo(State.STA13);
        assertThat(listener.calls).containsExactly("associated ECHOSCU->STORESCP 1", "pdata 1 command", "released");
        assertThat(limiter.active()).isEqualTo(1);
        ch.close();
        assertThat(limiter.active()).isZero();
        assertFalse(ch.finish());
    }

    @Test
    void calledAeTitleNotRecognized() {
        EmbeddedChannel ch = acceptor(AcceptancePolicy.builder().aeTitles(Set.of("QANODE")).build());
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        AAssociateRj rj = (AAssociateRj) readPdu(ch);
        assertThat(rj.reason()).isEqualTo(AAssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED);
        assertThat(rj.source()).isEqualTo(AAssociateRj.Source.SERVICE_USER);
        assertThat(handler(ch).state()).isEqualTo(State.STA13);
        assertThat(listener.calls).isEmpty();
        assertFalse(ch.finish());
    }

    @Test
    void abstractAndTransferSyntaxNegotiation() {
        EmbeddedChannel ch = acceptor(AcceptancePolicy.builder().aeTitles(Set.of("STORESCP"))
                .abstractSyntaxes(Set.of("1.2.840.10008.5.1.4.1.1.7"))
                .transferSyntaxes(List.of("1.2.840.10008.1.2.2", "1.2.840.10008.1.2")).build());
        ch.writeInbound(HexFixtures.buf("dcmtk-storescu-a-associate-rq-user-identity.hex"));
        AAssociateAc ac = (AAssociateAc) readPdu(ch);
        // Context 1 offers only explicit LE (not ours), context 3 offers explicit BE and implicit LE: ours first wins.
        assertThat(ac.presentationContexts()).extracting(PresentationContextAc::result).containsExactly(
                PresentationContextAc.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED, PresentationContextAc.Result.ACCEPTANCE);
        assertThat(ac.presentationContexts().get(1).transferSyntax()).isEqualTo("1.2.840.10008.1.2.2");
        assertThat(listener.association.userIdentity().orElseThrow().username()).isEqualTo("alice");
        ch.close();
        assertFalse(ch.finish());
    }

    /**
     * Issue 11: an A-ASSOCIATE-RQ without any presentation context (PS3.8 9.3.2 requires one or
     * more) was accepted. Answered as dcmtk does: A-ASSOCIATE-RJ rejected-permanent (1),
     * service-user (1), no-reason-given (1), PS3.8 9.3.4 Table 9-21.
     */
    @Test
    void associateRqWithoutPresentationContextIsRejectedPermanently() {
        AAssociateRq echo = (AAssociateRq) PduCodec.decode(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        AAssociateRq none = new AAssociateRq(echo.protocolVersion(), echo.calledAeTitle(), echo.callingAeTitle(),
                echo.applicationContextName(), List.of(), echo.userInformation(), echo.otherItems());
        EmbeddedChannel ch = acceptor(policy());
        ch.writeInbound(PduCodec.encode(none, io.netty.buffer.ByteBufAllocator.DEFAULT));
        ByteBuf out = ch.readOutbound();
        assertThat(out).as("an answer").isNotNull();
        // HexFixtures.toBytes releases the buffer.
        assertThat(HexFixtures.toBytes(out)).containsExactly(0x03, 0x00, 0, 0, 0, 4, 0x00, 0x01, 0x01, 0x01);
        assertThat(handler(ch).state()).isEqualTo(State.STA13);
        assertThat(listener.calls).isEmpty();
        assertThat(limiter.active()).as("a rejected association holds no slot").isZero();
        assertFalse(ch.finish());
    }

    @Test
    void associationsPerHostAreLimited() {
        AcceptancePolicy policy = AcceptancePolicy.builder().aeTitles(Set.of("STORESCP")).maxAssociations(4)
                .maxAssociationsPerHost(2).build();
        AAssociateRq rq = (AAssociateRq) PduCodec.decode(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        assertThat(policy.checkProvider(rq, new AssociationLimiter.Counts(3, 2))).isEmpty();
        AAssociateRj rj = policy.checkProvider(rq, new AssociationLimiter.Counts(3, 3)).orElseThrow();
        assertThat(rj.result()).isEqualTo(AAssociateRj.Result.REJECTED_TRANSIENT);
        assertThat(rj.reason()).isEqualTo(AAssociateRj.Reason.LOCAL_LIMIT_EXCEEDED);
    }

    @Test
    void userIdentityRejectedByPolicy() {
        EmbeddedChannel ch = acceptor(AcceptancePolicy.builder().aeTitles(Set.of("STORESCP"))
                .userIdentityPolicy(id -> java.util.Optional.empty()).build());
        ch.writeInbound(HexFixtures.buf("dcmtk-storescu-a-associate-rq-user-identity.hex"));
        assertThat(((AAssociateRj) readPdu(ch)).reason()).isEqualTo(AAssociateRj.Reason.NO_REASON_GIVEN);
        assertFalse(ch.finish());
    }

    @Test
    void localLimitExceeded() {
        limiter.acquire();
        EmbeddedChannel ch = acceptor(AcceptancePolicy.builder().aeTitles(Set.of("STORESCP")).maxAssociations(1).build());
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        AAssociateRj rj = (AAssociateRj) readPdu(ch);
        assertThat(rj.result()).isEqualTo(AAssociateRj.Result.REJECTED_TRANSIENT);
        assertThat(rj.reason()).isEqualTo(AAssociateRj.Reason.LOCAL_LIMIT_EXCEEDED);
        ch.close();
        assertThat(limiter.active()).isEqualTo(1);
        assertFalse(ch.finish());
    }

    @Test
    void pDataBeforeAssociationIsAbortedAa1() {
        EmbeddedChannel ch = acceptor(policy());
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-p-data-tf-c-echo-rq.hex"));
        assertThat(readPdu(ch)).isEqualTo(AAbort.byServiceUser());
        assertThat(handler(ch).state()).isEqualTo(State.STA13);
        assertFalse(ch.finish());
    }

    @Test
    void secondAssociateRqDuringDataTransferIsAa8UnexpectedPdu() {
        EmbeddedChannel ch = acceptor(policy());
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        readPdu(ch);
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        assertThat(readPdu(ch)).isEqualTo(AAbort.byServiceProvider(AbortReason.UNEXPECTED_PDU));
        assertThat(listener.calls).last().isEqualTo("aborted SERVICE_PROVIDER UNEXPECTED_PDU");
        // Sta13: a late P-DATA is ignored (AA-6) and released.
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-p-data-tf-c-echo-rq.hex"));
        assertThat((Object) ch.readOutbound()).isNull();
        assertFalse(ch.finish());
    }

    @Test
    void garbageAfterAssociationIsAa8WithDecoderReason() {
        EmbeddedChannel ch = acceptor(policy());
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        readPdu(ch);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x09, 0, 0, 0, 0, 4, 1, 2, 3, 4}));
        assertThat(readPdu(ch)).isEqualTo(AAbort.byServiceProvider(AbortReason.UNRECOGNIZED_PDU));
        assertThat(handler(ch).state()).isEqualTo(State.STA13);
        assertFalse(ch.finish());
    }

    @Test
    void artimExpiryInSta2ClosesTheConnection() {
        EmbeddedChannel ch = acceptor(policy());
        ch.advanceTimeBy(600, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(handler(ch).state()).isEqualTo(State.STA1);
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void artimExpiryInSta13AfterRelease() {
        EmbeddedChannel ch = acceptor(policy());
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        readPdu(ch);
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-release-rq.hex"));
        readPdu(ch);
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(600, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(listener.calls).containsExactly("associated ECHOSCU->STORESCP 1", "released");
        assertFalse(ch.finish());
    }

    @Test
    void peerAbortIsReportedAsAbort() {
        EmbeddedChannel ch = acceptor(policy());
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        readPdu(ch);
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-abort.hex"));
        assertThat(handler(ch).state()).isEqualTo(State.STA1);
        assertThat(listener.calls).last().isEqualTo("aborted SERVICE_USER NOT_SPECIFIED");
        assertFalse(ch.finish());
    }

    @Test
    void sendMessageFragmentsToPeerMaximumLength() {
        EmbeddedChannel ch = acceptor(policy());
        ch.writeInbound(HexFixtures.buf("dcmtk-echoscu-a-associate-rq.hex"));
        readPdu(ch);
        // dcmtk offered 16384: 16378 payload bytes per PDV, so 40000 bytes make 3 fragments.
        listener.association.sendMessage(1, false, Unpooled.wrappedBuffer(new byte[40000]));
        ch.runPendingTasks();
        int[] sizes = new int[3];
        boolean[] last = new boolean[3];
        for (int i = 0; i < 3; i++) {
            PDataTf p = (PDataTf) readPdu(ch);
            assertThat(p.pduLength()).isLessThanOrEqualTo(16384);
            sizes[i] = p.values().get(0).data().readableBytes();
            last[i] = p.values().get(0).last();
            p.release();
        }
        assertThat(sizes).containsExactly(16378, 16378, 40000 - 2 * 16378);
        assertThat(last).containsExactly(false, false, true);
        assertThat((Object) ch.readOutbound()).isNull();
        ch.close();
        assertFalse(ch.finish());
    }
}
