package org.qanode.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;

/**
 * Tolerances that cannot hide a change (issue 13): scale factors compare relatively, everything
 * else keeps the absolute default; small values, values near zero and negative values.
 */
class ToleranceTest {
    static Profile upgrade;
    static Profile strict;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        upgrade = new ProfileLoader(null).load("upgrade");
        strict = new ProfileLoader(null).load("strict");
    }

    private static List<Difference> diff(Profile p, int tag, VR vr, String a, String b) {
        Dataset x = new Dataset();
        x.setString(tag, vr, a);
        Dataset y = new Dataset();
        y.setString(tag, vr, b);
        return new DatasetDiffer(p).diff(x, y);
    }

    private static boolean equal(Profile p, int tag, String a, String b) {
        return diff(p, tag, VR.DS, a, b).isEmpty();
    }

    @Test
    void doubledDoseGridScalingIsADifference() {
        // 4e-7 -> 8e-7 doubles every dose value; an absolute 1e-6 would have called it equal
        assertThat(diff(upgrade, Tags.DoseGridScaling, VR.DS, "4e-7", "8e-7")).singleElement()
                .satisfies(d -> assertThat(d.path()).hasToString("/DoseGridScaling"));
        assertThat(equal(upgrade, Tags.DoseGridScaling, "4e-7", "4.0E-07")).isTrue();
        assertThat(equal(upgrade, Tags.DoseGridScaling, "4.0000000e-7", "4.0000001e-7")).isTrue(); // 2.5e-8 relative
        assertThat(equal(upgrade, Tags.DoseGridScaling, "4.000000e-7", "4.000010e-7")).isFalse(); // 2.5e-6 relative
    }

    @Test
    void smallScaleFactorsKeepTheirMeaning() {
        assertThat(equal(upgrade, Tags.DoseGridScaling, "1e-12", "1.1e-12")).isFalse();
        assertThat(equal(upgrade, Tags.DVHDoseScaling, "1e-9", "2e-9")).isFalse();
        assertThat(equal(upgrade, Tags.RescaleSlope, "0.00025", "0.0005")).isFalse();
        assertThat(equal(upgrade, Tags.RealWorldValueSlope, "3.2e-5", "3.2000000001e-5")).isTrue();
    }

    @Test
    void valuesNearZero() {
        // a scale factor of zero is a real value: nothing is within a relative tolerance of it
        assertThat(equal(upgrade, Tags.RescaleSlope, "0", "1e-9")).isFalse();
        assertThat(equal(upgrade, Tags.RescaleSlope, "0", "0.0")).isTrue();
        assertThat(equal(upgrade, Tags.RescaleSlope, "0", "-0")).isTrue();
        // other numbers keep the absolute default: 1e-9 mm is no change of a position
        assertThat(equal(upgrade, Tags.IsocenterPosition, "0", "1e-9")).isTrue();
        assertThat(equal(upgrade, Tags.IsocenterPosition, "0", "2e-6")).isFalse();
        // an intercept is added to stored integers: absolute, far below one stored unit
        assertThat(equal(upgrade, Tags.RescaleIntercept, "0", "5e-7")).isTrue();
        assertThat(equal(upgrade, Tags.RescaleIntercept, "0", "0.001")).isFalse();
    }

    @Test
    void negativeValues() {
        assertThat(equal(upgrade, Tags.RescaleIntercept, "-1024", "-1024.0000005")).isTrue();
        assertThat(equal(upgrade, Tags.RescaleIntercept, "-1024", "-1023")).isFalse();
        assertThat(equal(upgrade, Tags.RealWorldValueSlope, "-2e-7", "2e-7")).isFalse();
        assertThat(equal(upgrade, Tags.RealWorldValueSlope, "-2e-7", "-2.0000000001e-7")).isTrue();
        assertThat(equal(upgrade, Tags.GantryAngle, "-0.0000005", "0.0000004")).isTrue();
        assertThat(equal(upgrade, Tags.TableTopLateralPosition, "-10.5", "10.5")).isFalse();
    }

    @Test
    void binaryNumbersUseTheSameRules() {
        Dataset a = new Dataset();
        a.setDouble(Tags.DoseGridScaling, VR.FD, 4e-7);
        Dataset b = new Dataset();
        b.setDouble(Tags.DoseGridScaling, VR.FD, 8e-7);
        assertThat(new DatasetDiffer(upgrade).diff(a, b)).hasSize(1);
    }

    @Test
    void strictIsExactForScaleFactorsToo() {
        assertThat(equal(strict, Tags.DoseGridScaling, "4.0000000e-7", "4.0000001e-7")).isFalse();
        assertThat(equal(strict, Tags.DoseGridScaling, "4e-7", "4.0e-7")).isTrue();
    }

    @Test
    void toleranceRulesTakeAbsoluteRelativeOrBoth() throws IOException {
        Path file = Files.writeString(tmp.resolve("t.yml"), """
                name: t
                tolerance: 1.0e-6
                tolerances:
                  - {path: BeamMeterset, absolute: 0.001, relative: 0.01}
                  - {path: DoseGridScaling, absolute: 1.0e-6}
                  - {path: GantryAngle, relative: 1.0e-3}
                """);
        Profile p = ProfileLoader.read(file);
        assertThat(equal(p, Tags.BeamMeterset, "0", "0.0009")).isTrue();       // absolute
        assertThat(equal(p, Tags.BeamMeterset, "200", "201.9")).isTrue();      // relative 1 %
        assertThat(equal(p, Tags.BeamMeterset, "200", "203")).isFalse();
        assertThat(equal(p, Tags.DoseGridScaling, "4e-7", "8e-7")).isTrue();   // a profile may say so, explicitly
        assertThat(equal(p, Tags.GantryAngle, "0", "1e-9")).isFalse();         // relative only: no absolute slack
        assertThat(equal(p, Tags.GantryAngle, "180", "180.1")).isTrue();
        assertThat(p.toleranceAt(TagPath.parse("/RescaleSlope"))).isEqualTo(new Profile.Tolerance(0, 1e-6));
        assertThat(p.toleranceAt(TagPath.parse("/RescaleIntercept"))).isEqualTo(new Profile.Tolerance(1e-6, 0));
    }

    @Test
    void badTolerancesAreRefused() throws IOException {
        Path neither = Files.writeString(tmp.resolve("n.yml"), "name: t\ntolerances:\n  - {path: GantryAngle}\n");
        assertThatThrownBy(() -> ProfileLoader.read(neither)).hasMessageContaining("'absolute' or 'relative'");
        Path negative = Files.writeString(tmp.resolve("m.yml"), "name: t\ntolerances:\n  - {path: GantryAngle, relative: -1}\n");
        assertThatThrownBy(() -> ProfileLoader.read(negative)).hasMessageContaining("GantryAngle");
    }

    @Test
    void toleranceArithmetic() {
        Profile.Tolerance rel = new Profile.Tolerance(0, 1e-6);
        assertThat(rel.equal(-1e-300, -1e-300)).isTrue();
        assertThat(rel.equal(1e-300, 2e-300)).isFalse();
        assertThat(rel.equal(Double.NaN, Double.NaN)).isTrue();
        assertThat(rel.equal(Double.NaN, 0)).isFalse();
        assertThat(new Profile.Tolerance(0.01, 0).equal(-5.0, -5.009)).isTrue();
        assertThat(new Profile.Tolerance(0.01, 0).equal(-5.0, -5.011)).isFalse();
    }
}
