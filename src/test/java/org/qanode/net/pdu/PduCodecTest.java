package org.qanode.net.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Malformed PDUs map to the PS3.8 Table 9-26 reason; UID padding behaves as documented. */
class PduCodecTest {

    private static Pdu decodeHex(String hex) {
        ByteBuf buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replaceAll("\\s+", "")));
        try {
            return PduCodec.decode(buf);
        } finally {
            buf.release();
        }
    }

    private static void assertReason(String hex, AbortReason reason) {
        assertThatThrownBy(() -> decodeHex(hex)).isInstanceOf(PduException.class)
                .satisfies(e -> assertThat(((PduException) e).reason()).isEqualTo(reason));
    }

    @Test
    void unknownPduTypeIsUnrecognizedPdu() {
        assertReason("08 00 00000004 00000000", AbortReason.UNRECOGNIZED_PDU);
    }

    @Test
    void releaseWithWrongLengthIsInvalidParameterValue() {
        assertReason("05 00 00000005 0000000000", AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void lengthFieldDisagreeingWithFrameIsInvalid() {
        assertReason("06 00 00000008 00000000", AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void abortWithUndefinedReasonIsInvalid() {
        assertReason("07 00 00000004 0000 02 09", AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void rejectWithReservedReasonIsInvalid() {
        assertReason("03 00 00000004 00 01 01 05", AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void pdvItemLengthLyingBeyondPduIsInvalidAndLeaksNothing() {
        // First PDV fine, second claims 100 bytes: the first PDV's retained slice must be released.
        assertReason("04 00 0000000e 00000003 0103 aa 00000064 0100 bbcc", AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void pdvOnEvenContextIdIsInvalid() {
        assertReason("04 00 00000007 00000003 0203 aa", AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void presentationContextAcItemInRqIsUnexpectedParameter() {
        byte[] rq = HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex");
        int pcAt = 6 + 68 + 4 + 21;
        assertThat(rq[pcAt]).isEqualTo((byte) 0x20);
        rq[pcAt] = 0x21;
        assertReason(ByteBufUtil.hexDump(rq), AbortReason.UNEXPECTED_PDU_PARAMETER);
    }

    @Test
    void itemLengthLyingInsideAssociateRqIsInvalid() {
        byte[] rq = HexFixtures.bytes("dcmtk-echoscu-a-associate-rq.hex");
        int appCtxLength = 6 + 68 + 2;
        rq[appCtxLength] = 0x7f;
        assertReason(ByteBufUtil.hexDump(rq), AbortReason.INVALID_PDU_PARAMETER_VALUE);
    }

    @Test
    void nulPaddedUidDecodesTrimmedAndReencodesUnpadded() {
        AAssociateRq rq = new AAssociateRq("QANODE", "ARIA",
                List.of(new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2"))), UserInformation.of());
        byte[] unpadded = HexFixtures.toBytes(PduCodec.encode(rq, ByteBufAllocator.DEFAULT));
        // Pad the abstract syntax (17 chars) with a NUL, as PS3.8 permits, and fix the lengths.
        String hex = ByteBufUtil.hexDump(unpadded);
        String as = ByteBufUtil.hexDump("1.2.840.10008.1.1".getBytes(StandardCharsets.US_ASCII));
        String padded = hex.replace("30000011" + as, "30000012" + as + "00")
                .replace("2000002e", "2000002f")
                .replaceFirst("^0100(........)", "0100" + String.format("%08x", unpadded.length - 6 + 1));
        AAssociateRq decoded = (AAssociateRq) decodeHex(padded);
        assertThat(decoded.presentationContexts().get(0).abstractSyntax()).isEqualTo("1.2.840.10008.1.1");
        assertThat(HexFixtures.toBytes(PduCodec.encode(decoded, ByteBufAllocator.DEFAULT))).isEqualTo(unpadded);
    }

    @Test
    void encodedPDataSharesPayloadWithoutReleasingIt() {
        ByteBuf payload = Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII);
        PDataTf p = PDataTf.of(new PresentationDataValue(3, false, true, payload));
        byte[] bytes = HexFixtures.toBytes(PduCodec.encode(p, ByteBufAllocator.DEFAULT));
        assertThat(ByteBufUtil.hexDump(bytes)).isEqualTo("04000000000b" + "00000007" + "0302" + "68656c6c6f");
        assertThat(payload.refCnt()).isEqualTo(1);
        assertThat(p.release()).isTrue();
        assertThat(payload.refCnt()).isZero();
    }
}
