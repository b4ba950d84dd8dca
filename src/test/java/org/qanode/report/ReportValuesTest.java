package org.qanode.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qanode.compare.Difference;
import org.qanode.compare.DifferenceKind;
import org.qanode.compare.TagPath;
import org.qanode.rt.MlcChanges;

/** Units, rounding, dates and changed values as the reports print them (issue 13), edge cases first. */
class ReportValuesTest {
    @Test
    void roundingPerQuantityNeverHidesAChange() {
        assertThat(RtUnit.MU.format(345.6202)).isEqualTo("345.62");
        assertThat(RtUnit.DEGREES.format(181.25)).isEqualTo("181.3");
        assertThat(RtUnit.MM.format(List.of(-50.0, 50.0))).isEqualTo("-50.00 / 50.00");
        assertThat(RtUnit.GY.format(2.0)).isEqualTo("2.000");
        assertThat(RtUnit.MM.format(-0.001)).isEqualTo("0.00"); // no "-0.00"
        assertThat(RtUnit.MU.pair(100.0, 100.0)).containsExactly("100.00", "100.00");
        // 0.004 MU apart: rounded alike, so both are shown in full
        assertThat(RtUnit.MU.pair(345.621, 345.624)).containsExactly("345.621", "345.624");
        assertThat(RtUnit.DEGREES.pair(179.0, 181.3)).containsExactly("179.0", "181.3");
        assertThat(RtUnit.MU.pair(null, 1.0)).containsExactly("", "1.00");
    }

    @Test
    void dicomDatesAndTimes() {
        assertThat(RtUnit.date("20260102")).isEqualTo("2026-01-02");
        assertThat(RtUnit.time("152539.630000")).isEqualTo("15:25:39.63");
        assertThat(RtUnit.time("0815")).isEqualTo("08:15:00");
        assertThat(RtUnit.dateTime("20260102152539.63+0100")).isEqualTo("2026-01-02 15:25:39.63 +0100");
        assertThat(RtUnit.dateTime("20260102")).isEqualTo("2026-01-02");
        // not a date: shown as it is, never dropped
        assertThat(RtUnit.date("2026")).isEqualTo("2026");
        assertThat(RtUnit.time("25:99")).isEqualTo("25:99");
        assertThat(HtmlReport.temporal("TM", "152539.63", "152539.630")).containsExactly("152539.63", "152539.630");
        assertThat(HtmlReport.temporal("DA", "20260101", "20260102")).containsExactly("2026-01-01", "2026-01-02");
        assertThat(HtmlReport.temporal("LO", "20260101", null)).containsExactly("20260101", null);
    }

    @Test
    void labelsAndEnergyUnits() {
        assertThat(RtLabels.of("boli").withUnit()).isEqualTo("boluses");
        assertThat(RtLabels.of("jawX").withUnit()).isEqualTo("X jaws X1 / X2 (mm)");
        assertThat(RtLabels.of("gantryStart").withUnit()).isEqualTo("gantry start (deg)");
        assertThat(RtLabels.of("someNewFlag").text()).isEqualTo("some new flag");
        assertThat(RtUnit.energyUnit("PHOTON")).isEqualTo("MV");
        assertThat(RtUnit.energyUnit("ELECTRON")).isEqualTo("MeV");
        assertThat(RtUnit.energyUnit("ION")).isEqualTo("MeV/u");
        assertThat(RtChanges.change("energy", 6.0, 10.0, "PHOTON")).isEqualTo("nominal energy 6 -> 10 MV");
        assertThat(RtChanges.change("couchAngle", null, 90.0, null)).isEqualTo("couch angle (none) -> 90.0 deg");
    }

    @Test
    void changedLeavesByBankAndNumber() {
        String[] a = new String[120];
        for (int i = 0; i < a.length; i++) {
            a[i] = String.valueOf(i < 60 ? -10 - i : 10 + i);
        }
        String[] b = a.clone();
        b[60 + 30] = "12.4"; // bank B, leaf 31
        a[60 + 30] = "12.3";
        b[0] = "-10.0"; // same number, other text: no change
        List<String> changes = ValueChanges.of(diff("/BeamSequence/1/ControlPointSequence/3/BeamLimitingDevicePositionSequence/1/LeafJawPositions",
                "DS", String.join("\\", a), String.join("\\", b)));
        assertThat(changes).containsExactly("leaf B31: 12.30 -> 12.40 mm");
        assertThat(ValueChanges.of(diff("/BeamSequence/1/ControlPointSequence/1/BeamLimitingDevicePositionSequence/1/LeafJawPositions",
                "DS", "-50\\50", "-50\\51"))).containsExactly("jaw B: 50.00 -> 51.00 mm");
        assertThat(ValueChanges.of(diff("/BeamSequence/1/ControlPointSequence/1/IsocenterPosition", "DS", "1.5\\-20.25\\3",
                "1.5\\-20.5\\3"))).containsExactly("value 2: -20.25 -> -20.5");
        // a whole bank moved: the first 12 listed, the rest counted
        String[] shifted = a.clone();
        for (int i = 0; i < 60; i++) {
            shifted[i] = String.valueOf(Double.parseDouble(a[i]) + 1);
        }
        List<String> many = ValueChanges.of(diff("/BeamSequence/1/ControlPointSequence/2/BeamLimitingDevicePositionSequence/1/LeafJawPositions",
                "DS", String.join("\\", a), String.join("\\", shifted)));
        assertThat(many).hasSize(ValueChanges.LISTED + 1).startsWith("leaf A1: -10.00 -> -9.00 mm")
                .endsWith("and 48 more of 120 values");
        // not applicable: text, one value, different counts, a side missing
        assertThat(ValueChanges.of(diff("/RTPlanLabel", "SH", "A\\B", "A\\C"))).isEmpty();
        assertThat(ValueChanges.of(diff("/BeamSequence/1/BeamMeterset", "DS", "100", "110"))).isEmpty();
        assertThat(ValueChanges.of(diff("/IsocenterPosition", "DS", "1\\2", "1\\2\\3"))).isEmpty();
    }

    @Test
    void heatMapIsAccessibleAndPlacesEachChange() {
        MlcChanges m = new MlcChanges("MLCX", 60, 178, 2, List.of(
                new MlcChanges.LeafChange(0, "A1", 0, -5, -5.5), new MlcChanges.LeafChange(177, "B60", 119, 10, 12)));
        String svg = MlcHeatMap.svg("mlc-1", "beam 1 (ARC1)", m);
        assertThat(svg).startsWith("<svg class=\"mlc-heatmap\" role=\"img\"").contains("aria-labelledby=\"mlc-1-t mlc-1-d\"")
                .contains("<title id=\"mlc-1-t\">MLC differences of beam 1 (ARC1) (MLCX)</title>")
                .contains("2 leaf positions differ; the largest, 2.00 mm, at leaf B60, control point 177")
                .contains("data-leaf=\"A1\" data-cp=\"0\"", "data-leaf=\"B60\" data-cp=\"177\"")
                .contains("<title>leaf B60, control point 177: 10.00 -&gt; 12.00 mm</title>")
                .doesNotContain("<script", "href", "http");
        assertThat(svg.split("<rect class=\"leaf\"", -1)).hasSize(3);
    }

    private static Difference diff(String path, String vr, String a, String b) {
        return new Difference(TagPath.parse(path), "00000000", vr, DifferenceKind.CHANGED, a, b, null, null, null);
    }
}
