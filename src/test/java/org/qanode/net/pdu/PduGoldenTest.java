package org.qanode.net.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qanode.net.pdu.UserInformationItem.AsyncOperationsWindow;
import org.qanode.net.pdu.UserInformationItem.RoleSelection;
import org.qanode.net.pdu.UserInformationItem.SopClassCommonExtendedNegotiation;
import org.qanode.net.pdu.UserInformationItem.SopClassExtendedNegotiation;
import org.qanode.net.pdu.UserInformationItem.UserIdentityAc;
import org.qanode.net.pdu.UserInformationItem.UserIdentityRq;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden bytes (test-data/pdu, see its README): decode, check fields, re-encode byte-exactly. */
class PduGoldenTest {

    static List<String> fixtures() {
        return HexFixtures.all();
    }

    private static Pdu decode(String name) {
        ByteBuf buf = HexFixtures.buf(name);
        try {
            return PduCodec.decode(buf);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roundTripsByteExactly(String name) {
        byte[] golden = HexFixtures.bytes(name);
        Pdu pdu = decode(name);
        try {
            byte[] encoded = HexFixtures.toBytes(PduCodec.encode(pdu, ByteBufAllocator.DEFAULT));
            assertThat(ByteBufUtil.hexDump(encoded)).as(name).isEqualTo(ByteBufUtil.hexDump(golden));
        } finally {
            ReferenceCountUtil.release(pdu);
        }
    }

    @Test
    void fixturesCoverAllSevenPduTypes() {
        assertThat(fixtures().stream().map(PduGoldenTest::decode).peek(ReferenceCountUtil::release).map(Pdu::type).distinct())
                .containsExactlyInAnyOrder(PduType.values());
    }

    @Test
    void dcmtkEchoscuAssociateRq() {
        AAssociateRq rq = (AAssociateRq) decode("dcmtk-echoscu-a-associate-rq.hex");
        assertThat(rq.protocolVersion()).isEqualTo(1);
        assertThat(rq.calledAeTitle()).isEqualTo("STORESCP");
        assertThat(rq.callingAeTitle()).isEqualTo("ECHOSCU");
        assertThat(rq.applicationContextName()).isEqualTo(AAssociateRq.DICOM_APPLICATION_CONTEXT);
        assertThat(rq.presentationContexts()).containsExactly(
                new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2"), 0x00FF00));
        assertThat(rq.userInformation().maxPduLength()).isEqualTo(16384);
        assertThat(rq.userInformation().implementationClassUid()).contains("1.2.276.0.7230010.3.0.3.6.7");
        assertThat(rq.userInformation().implementationVersionName()).contains("OFFIS_DCMTK_367");
    }

    @Test
    void dcmtkStorescpAssociateAc() {
        AAssociateAc ac = (AAssociateAc) decode("dcmtk-storescp-a-associate-ac.hex");
        assertThat(ac.calledAeTitle()).isEqualTo("STORESCP");
        assertThat(ac.presentationContexts()).containsExactly(
                new PresentationContextAc(1, PresentationContextAc.Result.ACCEPTANCE, "1.2.840.10008.1.2"));
    }

    @Test
    void dcmtkUserIdentityUsernameAndPasscode() {
        AAssociateRq rq = (AAssociateRq) decode("dcmtk-storescu-a-associate-rq-user-identity.hex");
        UserIdentityRq id = rq.userInformation().first(UserIdentityRq.class).orElseThrow();
        assertThat(id.identityType()).isEqualTo(UserIdentityRq.USERNAME_AND_PASSCODE);
        assertThat(id.username()).isEqualTo("alice");
        assertThat(id.passcode()).isEqualTo("secret");
        assertThat(id.toString()).doesNotContain("secret");
    }

    @Test
    void dcmtkGetscuRoleSelection() {
        AAssociateRq rq = (AAssociateRq) decode("dcmtk-getscu-a-associate-rq-role-selection.hex");
        List<RoleSelection> roles = rq.userInformation().all(RoleSelection.class);
        assertThat(roles).isNotEmpty().allSatisfy(r -> assertThat(r.scpRole()).isTrue());
        assertThat(rq.presentationContexts()).hasSizeGreaterThan(100);
    }

    @Test
    void dcmtkRejectAndAbort() {
        assertThat(decode("dcmtk-storescp-a-associate-rj.hex"))
                .isEqualTo(new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, AAssociateRj.Reason.NO_REASON_GIVEN));
        assertThat(decode("dcmtk-echoscu-a-abort.hex")).isEqualTo(AAbort.byServiceUser());
        assertThat(decode("dcmtk-echoscu-a-release-rq.hex")).isEqualTo(AReleaseRq.INSTANCE);
        assertThat(decode("dcmtk-storescp-a-release-rp.hex")).isEqualTo(AReleaseRp.INSTANCE);
    }

    @Test
    void dcmtkPDataCommand() {
        PDataTf p = (PDataTf) decode("dcmtk-echoscu-p-data-tf-c-echo-rq.hex");
        try {
            assertThat(p.values()).hasSize(1);
            PresentationDataValue v = p.values().get(0);
            assertThat(v.contextId()).isEqualTo(1);
            assertThat(v.command()).isTrue();
            assertThat(v.last()).isTrue();
            assertThat(v.data().readableBytes()).isEqualTo(0x46 - 2);
        } finally {
            p.release();
        }
    }

    @Test
    void handwrittenRqHasEverySubItem() {
        AAssociateRq rq = (AAssociateRq) decode("handwritten-a-associate-rq-table-9-11-all-sub-items.hex");
        UserInformation ui = rq.userInformation();
        assertThat(ui.maxPduLength()).isEqualTo(32768);
        assertThat(ui.first(AsyncOperationsWindow.class)).contains(new AsyncOperationsWindow(5, 3));
        assertThat(ui.first(RoleSelection.class)).contains(new RoleSelection("1.2.840.10008.5.1.4.1.1.481.5", true, false));
        assertThat(ui.implementationVersionName()).contains("HANDMADE_1");
        assertThat(ui.first(SopClassExtendedNegotiation.class)).contains(
                new SopClassExtendedNegotiation("1.2.840.10008.5.1.4.1.2.2.1", new byte[] {1, 0, 1}));
        assertThat(ui.first(SopClassCommonExtendedNegotiation.class)).contains(new SopClassCommonExtendedNegotiation(
                "1.2.840.10008.5.1.4.1.1.481.5", "1.2.840.10008.4.2",
                List.of("1.2.840.10008.5.1.4.1.1.481.8", "1.2.840.10008.5.1.4.1.1.481.9")));
        assertThat(ui.first(UserIdentityRq.class)).contains(UserIdentityRq.usernameAndPasscode("alice", "pa55", true));
        assertThat(ui.first(UserInformationItem.Raw.class)).contains(new UserInformationItem.Raw(0x5f, new byte[] {1, 2, 3}));
        assertThat(rq.otherItems()).containsExactly(new RawItem(0x70, "unknown item".getBytes(StandardCharsets.US_ASCII)));
        assertThat(rq.presentationContexts()).extracting(PresentationContextRq::id).containsExactly(1, 3);
    }

    @Test
    void handwrittenAcRejectedContextAndUserIdentityResponse() {
        AAssociateAc ac = (AAssociateAc) decode("handwritten-a-associate-ac-table-9-17.hex");
        assertThat(ac.presentationContexts()).extracting(PresentationContextAc::result).containsExactly(
                PresentationContextAc.Result.ACCEPTANCE, PresentationContextAc.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        assertThat(ac.userInformation().first(UserIdentityAc.class)).contains(new UserIdentityAc(new byte[0]));
    }

    @Test
    void handwrittenRejectPDataAndAbort() {
        AAssociateRj rj = (AAssociateRj) decode("handwritten-a-associate-rj-table-9-21-local-limit.hex");
        assertThat(rj.result()).isEqualTo(AAssociateRj.Result.REJECTED_TRANSIENT);
        assertThat(rj.source()).isEqualTo(AAssociateRj.Source.SERVICE_PROVIDER_PRESENTATION);
        assertThat(rj.reason()).isEqualTo(AAssociateRj.Reason.LOCAL_LIMIT_EXCEEDED);
        assertThat(decode("handwritten-a-abort-table-9-26-provider-reason-6.hex"))
                .isEqualTo(AAbort.byServiceProvider(AbortReason.INVALID_PDU_PARAMETER_VALUE));
        PDataTf p = (PDataTf) decode("handwritten-p-data-tf-table-9-22-two-pdvs.hex");
        try {
            assertThat(p.values()).extracting(PresentationDataValue::command).containsExactly(true, false);
            assertThat(p.values()).extracting(PresentationDataValue::last).containsExactly(true, false);
            assertThat(p.values().get(1).data().toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
        } finally {
            p.release();
        }
    }
}
