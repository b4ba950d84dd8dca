package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateNamesTest {

    @Test
    void namesAreSafeAsFolderAndUrlSegment() {
        for (String ok : new String[] {"pre", "post-16.1", "sweep_2026-11-23", "A", "9", "x".repeat(64)}) {
            assertThat(StateNames.isValid(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {null, "", ".", "..", ".hidden", "-x", "a/b", "a\\b", "a b", "é", "x".repeat(65),
                "pre%2F"}) {
            assertThat(StateNames.isValid(bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThatThrownBy(() -> StateNames.require("../x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../x'");
    }
}
