package org.qanode.net.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Framing with EmbeddedChannel: partial input, coalesced PDUs, limits, garbage. */
class PduDecoderTest {

    @Test
    void bytesFedOneAtATime() {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(16384));
        byte[] rq = HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex");
        for (int i = 0; i < rq.length - 1; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(rq, i, 1));
            assertThat((Object) ch.readInbound()).isNull();
        }
        ch.writeInbound(Unpooled.wrappedBuffer(rq, rq.length - 1, 1));
        AAssociateRq decoded = ch.readInbound();
        assertThat(decoded.callingAeTitle()).isEqualTo("ECHOSCU");
        assertFalse(ch.finish());
    }

    @Test
    void twoPdusInOneBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(16384));
        ch.writeInbound(Unpooled.wrappedBuffer(HexFixtures.bytes("dcmtk-echoscu-p-data-tf-c-echo-rq.hex"),
                HexFixtures.bytes("dcmtk-echoscu-a-release-rq.hex")));
        PDataTf p = ch.readInbound();
        assertThat(p.values()).hasSize(1);
        p.release();
        assertThat((Object) ch.readInbound()).isEqualTo(AReleaseRq.INSTANCE);
        assertFalse(ch.finish());
    }

    @Test
    void oversizedPDataRejectedFromItsHeaderAlone() {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(1024));
        ByteBuf header = Unpooled.buffer().writeByte(4).writeByte(0).writeInt(1025).writeInt(1019).writeByte(1).writeByte(0);
        assertThatThrownBy(() -> ch.writeInbound(header)).isInstanceOf(PduException.class)
                .satisfies(e -> assertThat(((PduException) e).reason()).isEqualTo(AbortReason.INVALID_PDU_PARAMETER_VALUE))
                .hasMessageContaining("1025");
        // After a framing error the rest of the stream is dropped, not misread as PDUs.
        ch.writeInbound(Unpooled.wrappedBuffer(HexFixtures.bytes("dcmtk-echoscu-a-release-rq.hex")));
        assertThat((Object) ch.readInbound()).isNull();
        assertFalse(ch.finish());
    }

    @Test
    void pDataAtExactlyTheLimitIsAccepted() {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(16));
        ByteBuf pdu = Unpooled.buffer().writeByte(4).writeByte(0).writeInt(16).writeInt(12).writeByte(1).writeByte(2).writeZero(10);
        ch.writeInbound(pdu);
        PDataTf p = ch.readInbound();
        assertThat(p.values().get(0).data().readableBytes()).isEqualTo(10);
        p.release();
        assertFalse(ch.finish());
    }

    @Test
    void associateRqAboveFixedCapRejected() {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(0));
        ByteBuf header = Unpooled.buffer().writeByte(1).writeByte(0).writeInt(PduDecoder.DEFAULT_MAX_ASSOCIATE_LENGTH + 1);
        assertThatThrownBy(() -> ch.writeInbound(header)).isInstanceOf(PduException.class);
        assertFalse(ch.finish());
    }

    @Test
    void unknownPduTypeRejectedWithReasonOne() {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(16384));
        ByteBuf junk = Unpooled.buffer().writeBytes("GET / HTTP/1.1\r\n".getBytes());
        assertThatThrownBy(() -> ch.writeInbound(junk)).isInstanceOf(PduException.class)
                .satisfies(e -> assertThat(((PduException) e).reason()).isEqualTo(AbortReason.UNRECOGNIZED_PDU));
        assertFalse(ch.finish());
    }

    @Test
    void truncatedPduAtCloseProducesNothingAndLeaksNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(16384));
        byte[] rq = HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex");
        ch.writeInbound(Unpooled.wrappedBuffer(rq, 0, rq.length / 2));
        assertThat((Object) ch.readInbound()).isNull();
        assertFalse(ch.finish());
    }

    @Test
    void pduLengthsThatLieAboutPdvItems() {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(16384));
        // PDU says 8 bytes; its only PDV item says 20.
        ByteBuf pdu = Unpooled.buffer().writeByte(4).writeByte(0).writeInt(8).writeInt(20).writeByte(1).writeByte(3).writeShort(0);
        assertThatThrownBy(() -> ch.writeInbound(pdu)).isInstanceOf(PduException.class);
        assertFalse(ch.finish());
    }

    @Test
    void encoderWritesWhatDecoderReads() {
        EmbeddedChannel ch = new EmbeddedChannel(new PduDecoder(16384), new PduEncoder());
        ch.writeOutbound(new AAssociateRj(AAssociateRj.Result.REJECTED_TRANSIENT, AAssociateRj.Reason.LOCAL_LIMIT_EXCEEDED));
        ByteBuf out = ch.readOutbound();
        assertThat(HexFixtures.toBytes(out)).isEqualTo(HexFixtures.bytes("handwritten-a-associate-rj-table-9-21-local-limit.hex"));
        PDataTf p = PDataTf.of(new PresentationDataValue(1, true, true, Unpooled.wrappedBuffer(new byte[] {1, 2})));
        ch.writeOutbound(p);
        assertThat(p.refCnt()).isZero();
        ByteBuf encoded = ch.readOutbound();
        ch.writeInbound(encoded);
        PDataTf back = ch.readInbound();
        assertThat(back.values().get(0).data().readableBytes()).isEqualTo(2);
        ReferenceCountUtil.release(back);
        assertFalse(ch.finish());
    }
}
