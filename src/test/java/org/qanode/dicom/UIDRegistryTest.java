package org.qanode.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UIDRegistryTest {

    @Test
    void rtSopClassesAreNamedAndAreStorage() {
        String[][] expected = {
            {"1.2.840.10008.5.1.4.1.1.481.1", "RT Image Storage"},
            {"1.2.840.10008.5.1.4.1.1.481.2", "RT Dose Storage"},
            {"1.2.840.10008.5.1.4.1.1.481.3", "RT Structure Set Storage"},
            {"1.2.840.10008.5.1.4.1.1.481.4", "RT Beams Treatment Record Storage"},
            {"1.2.840.10008.5.1.4.1.1.481.5", "RT Plan Storage"},
            {"1.2.840.10008.5.1.4.1.1.481.6", "RT Brachy Treatment Record Storage"},
            {"1.2.840.10008.5.1.4.1.1.481.7", "RT Treatment Summary Record Storage"},
            {"1.2.840.10008.5.1.4.1.1.481.8", "RT Ion Plan Storage"},
            {"1.2.840.10008.5.1.4.1.1.481.9", "RT Ion Beams Treatment Record Storage"},
        };
        for (String[] row : expected) {
            assertThat(UID.nameOf(row[0])).isEqualTo(row[1]);
            assertThat(UID.isStorageSopClass(row[0])).as(row[1]).isTrue();
            assertThat(UID.storageSopClasses()).contains(row[0]);
        }
        assertThat(UIDs.RTPlanStorage).isEqualTo("1.2.840.10008.5.1.4.1.1.481.5");
        assertThat(UIDs.RTBeamsTreatmentRecordStorage).isEqualTo("1.2.840.10008.5.1.4.1.1.481.4");
        assertThat(UID.keywordOf(UIDs.RTIonPlanStorage)).isEqualTo("RTIonPlanStorage");
    }

    @Test
    void nonStorageSopClasses() {
        assertThat(UID.isStorageSopClass("1.2.840.10008.1.1")).isFalse();
        assertThat(UID.nameOf(UIDs.Verification)).isEqualTo("Verification SOP Class");
        assertThat(UID.isStorageSopClass(UIDs.StorageCommitmentPushModel)).isFalse();
        assertThat(UID.isStorageSopClass(UIDs.ImplicitVRLittleEndian)).isFalse();
        assertThat(UID.isStorageSopClass("1.2.3.4")).isFalse();
        assertThat(UID.isStorageSopClass(null)).isFalse();
        assertThat(UID.storageSopClasses()).hasSizeGreaterThan(150).doesNotContain(UIDs.Verification);
    }

    @Test
    void transferSyntaxes() {
        assertThat(UIDs.ImplicitVRLittleEndian).isEqualTo("1.2.840.10008.1.2");
        assertThat(UIDs.ExplicitVRLittleEndian).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(UID.isTransferSyntax(UIDs.ImplicitVRLittleEndian)).isTrue();
        assertThat(UID.isTransferSyntax(UIDs.DeflatedExplicitVRLittleEndian)).isTrue();
        assertThat(UID.isTransferSyntax(UIDs.ExplicitVRBigEndian)).isTrue();
        assertThat(UID.entry(UIDs.ExplicitVRBigEndian).retired()).isTrue();
        assertThat(UID.isTransferSyntax(UIDs.RTPlanStorage)).isFalse();
    }

    @Test
    void unknownAndPaddedUids() {
        assertThat(UID.nameOf("1.2.3.4")).isNull();
        assertThat(UID.keywordOf("1.2.3.4")).isNull();
        assertThat(UID.nameOf(null)).isNull();
        // a UI value keeps its NUL pad to even length when read raw (PS3.5 6.2)
        assertThat(UID.nameOf("1.2.840.10008.1.2\0")).isEqualTo("Implicit VR Little Endian");
    }

    @Test
    void uuidDerivedUids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String uid = UID.toUuidUid();
            assertThat(uid).startsWith("2.25.").hasSizeLessThanOrEqualTo(64).matches("2\\.25\\.(0|[1-9][0-9]*)");
            assertThat(new BigInteger(uid.substring(5))).isLessThan(BigInteger.ONE.shiftLeft(128));
            seen.add(uid);
        }
        assertThat(seen).hasSize(1000);
    }
}
