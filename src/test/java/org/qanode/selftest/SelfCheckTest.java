package org.qanode.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.compare.Profile;
import org.qanode.compare.ProfileLoader;

/** The self-check passes on the real comparator and fails, naming the change, on a broken one. */
class SelfCheckTest {
    @TempDir
    Path tmp;

    private static Profile upgrade() throws IOException {
        return ProfileLoader.read(Path.of("conf/profiles/upgrade.yml"));
    }

    /** The shipped upgrade profile with {@code from} replaced by {@code to}. */
    private Profile upgradeWith(String from, String to) throws IOException {
        String yml = Files.readString(Path.of("conf/profiles/upgrade.yml"));
        assertThat(yml).contains(from);
        Path p = tmp.resolve("broken.yml");
        Files.writeString(p, yml.replace(from, to));
        return ProfileLoader.read(p);
    }

    @Test
    void passesOnTheRealComparatorWithTheUpgradeProfile() throws IOException {
        SelfCheck.Result r = new SelfCheck(upgrade()).run();
        assertThat(r.missed()).isEmpty();
        assertThat(r.unexpected()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.found()).hasSize(SelfCheck.seeds().size());
        assertThat(r.expected()).extracting(SelfCheck.Seed::what).containsExactly("beam MU", "MLC leaf", "gantry angle",
                "jaw position", "private value", "delivered meterset", "removed record");
        assertThat(r.profile()).isEqualTo("upgrade");
        assertThat(r.at()).isNotNull();
        assertThat(r.lines()).singleElement().asString().startsWith("selftest OK: all 7 seeded changes found");
    }

    @Test
    void theBundledUpgradeProfilePassesToo() throws IOException {
        assertThat(new SelfCheck(new ProfileLoader(tmp).load("upgrade")).run().ok()).isTrue();
    }

    @Test
    void failsNamingTheMissedChangeWhenTheProfileIgnoresBeamMeterset() throws IOException {
        SelfCheck.Result r = new SelfCheck(upgradeWith("  - InstanceCreationDate\n",
                "  - InstanceCreationDate\n  - BeamMeterset\n")).run();
        assertThat(r.ok()).isFalse();
        assertThat(r.missed()).singleElement().asString()
                .startsWith("beam MU: CHANGED /FractionGroupSequence/1/ReferencedBeamSequence/1/BeamMeterset in ");
        assertThat(r.unexpected()).isEmpty();
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0)).startsWith("selftest FAILED: 1 seeded change(s) missed, 0 unexpected");
        assertThat(r.lines().get(1)).startsWith("MISSED beam MU: ");
    }

    @Test
    void failsWithAHugeToleranceNamingEveryNumericChangeItHides() throws IOException {
        SelfCheck.Result r = new SelfCheck(upgradeWith("tolerance: 1.0e-6\n", "tolerance: 1.0e9\n")).run();
        assertThat(r.ok()).isFalse();
        // The leaf/jaw rule of the profile keeps its own 0.01 mm, so those are still found.
        assertThat(r.missed()).extracting(m -> m.substring(0, m.indexOf(':')))
                .containsExactly("beam MU", "gantry angle", "delivered meterset");
    }

    @Test
    void failsOnUnexpectedDifferencesWhenNoiseIsNoLongerIgnored() throws IOException {
        SelfCheck.Result r = new SelfCheck(upgradeWith("  - InstanceCreationTime\n", "")).run();
        assertThat(r.ok()).isFalse();
        assertThat(r.missed()).isEmpty();
        // Plan and the remaining two records, each with another creation time.
        assertThat(r.unexpected()).hasSize(3).allMatch(u -> u.startsWith("CHANGED /InstanceCreationTime in "));
        List<String> lines = r.lines();
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("UNEXPECTED CHANGED /InstanceCreationTime"));
    }

    /** The character set noise is there (ISO_IR 100 against ISO_IR 192) and only the profile hides it. */
    @Test
    void theCandidateIsInAnotherCharacterSet() throws IOException {
        SelfCheck.Result r = new SelfCheck(upgradeWith("  - SpecificCharacterSet\n", "")).run();
        assertThat(r.missed()).isEmpty();
        assertThat(r.unexpected()).hasSize(3).allMatch(u -> u.startsWith("CHANGED /SpecificCharacterSet in ")
                && u.endsWith("(ISO_IR 100 -> ISO_IR 192)"));
    }
}
