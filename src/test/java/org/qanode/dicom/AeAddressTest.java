package org.qanode.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link AeAddress}: the one text form of a DICOM peer, parsed and printed round trip. */
class AeAddressTest {

    @Test
    void parsesEveryFormAndPrintsAetAtHostPort() {
        assertThat(AeAddress.parse("QANODE@127.0.0.1:11112", "X")).isEqualTo(new AeAddress("QANODE", "127.0.0.1", 11112));
        assertThat(AeAddress.parse("pacs.example.org:104", "ANY-SCP"))
                .isEqualTo(new AeAddress("ANY-SCP", "pacs.example.org", 104));
        assertThat(AeAddress.parse("QA@[::1]:11112", null)).isEqualTo(new AeAddress("QA", "::1", 11112));
        assertThat(AeAddress.parse("[fe80::1]:104", "D").host()).isEqualTo("fe80::1");
        assertThat(AeAddress.parse(" VMSDBD @aria:105", null).aeTitle()).isEqualTo("VMSDBD");
        assertThat(AeAddress.of("STORESCP", "localhost", "4242")).hasToString("STORESCP@localhost:4242");
        for (String text : new String[] {"QANODE@127.0.0.1:11112", "QA@[::1]:11112", "A B@host:1"}) {
            assertThat(AeAddress.parse(text, null)).hasToString(text);
            assertThat(AeAddress.parse(AeAddress.parse(text, null).toString(), null)).isEqualTo(AeAddress.parse(text, null));
        }
        assertThat(new AeAddress("QA", "::1", 104).hostAndPort()).isEqualTo("[::1]:104");
    }

    @Test
    void rejectsWhatIsNotAnAddress() {
        assertThatThrownBy(() -> AeAddress.parse("host", "A")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> AeAddress.parse("host:", "A")).hasMessageContaining("not a port");
        assertThatThrownBy(() -> AeAddress.parse("host:port", "A")).hasMessageContaining("not a port");
        assertThatThrownBy(() -> AeAddress.parse("host:70000", "A")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> AeAddress.parse("host:0", "A")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> AeAddress.parse("::1:104", "A")).hasMessageContaining("[::1]:port");
        assertThatThrownBy(() -> AeAddress.parse("host:104", null)).hasMessageContaining("AET@host:port");
        assertThatThrownBy(() -> AeAddress.parse("A@:104", null)).hasMessageContaining("host:port");
    }

    /** PS3.5 Table 6.2-1 (AE): 16 characters at most, no backslash, no control characters, not all spaces. */
    @Test
    void validatesTheAeTitle() {
        assertThat(AeAddress.requireAeTitle("SIXTEEN_CHARS_AE")).hasSize(16);
        assertThat(AeAddress.requireAeTitle("  PADDED  ")).isEqualTo("PADDED");
        assertThatThrownBy(() -> AeAddress.parse("SEVENTEEN_CHARS_A@h:1", null)).hasMessageContaining("longer than 16");
        assertThatThrownBy(() -> AeAddress.parse("A\\B@h:1", null)).hasMessageContaining("backslash");
        assertThatThrownBy(() -> AeAddress.parse("A\tB@h:1", null)).hasMessageContaining("control");
        assertThatThrownBy(() -> AeAddress.parse("    @h:1", null)).hasMessageContaining("empty AE title");
        assertThatThrownBy(() -> new AeAddress("", "h", 1)).hasMessageContaining("empty AE title");
        assertThat(AeAddress.aeTitleProblem("OK")).isNull();
    }

    @Test
    void formatsLiveAssociationsEvenWithoutAValidTitle() {
        assertThat(AeAddress.format(null, "10.0.0.1", 4000)).isEqualTo("?@10.0.0.1:4000");
        assertThat(AeAddress.format("ARIA  ", "::1", 4000)).isEqualTo("ARIA@[::1]:4000");
    }
}
