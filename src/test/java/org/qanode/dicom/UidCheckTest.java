package org.qanode.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UidCheckTest {

    @Test
    void pathSafeIsDigitsAndDotsWithoutEmptyComponents() {
        assertThat(UidCheck.isPathSafe("1.2.840.10008.5.1.4.1.1.481.5")).isTrue();
        assertThat(UidCheck.isPathSafe("0")).isTrue();
        assertThat(UidCheck.isPathSafe("1." + "2".repeat(62))).isTrue();
        for (String bad : new String[] {null, "", ".", "..", "1..2", ".1", "1.", "1.2/3", "../1", "1.2a", "1.2 ",
                "1.2\0", "1." + "2".repeat(63), "１.２"}) {
            assertThat(UidCheck.isPathSafe(bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void conformanceAlsoForbidsLeadingZeros() {
        assertThat(UidCheck.isConformant("1.2.0.3")).isTrue();
        assertThat(UidCheck.isConformant("1.02.3")).isFalse();
        assertThat(UidCheck.isPathSafe("1.02.3")).isTrue();
        assertThat(UidCheck.isConformant("1..3")).isFalse();
    }
}
