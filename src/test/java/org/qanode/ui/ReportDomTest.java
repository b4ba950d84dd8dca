package org.qanode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.report.ReportFormat;
import org.qanode.report.ReportScenario;
import org.qanode.result.ComparisonResult;
import org.qanode.testing.RtObjects;

/**
 * The HTML report of a known comparison ({@link ReportScenario}: every pair status, a 10 % MU
 * change, one MLC leaf moved, a gantry angle moved, an identical arc, a lost plan, a plan without
 * records) loaded in Debian's headless Chromium and checked through its DOM, as a physicist sees
 * it: the verdict first, table headers with units, rounded values, formatted dates, the identical
 * beam collapsed, the lost plan said once, the changed leaf in words and in an inline SVG heat map.
 * Expected values are computed from the generated objects, not copied from a rendering. Lives
 * beside the UI tests for their {@link Browser}. Screenshot: target/ui-screenshots/report.png.
 */
@Tag("chromium")
class ReportDomTest {
    @TempDir
    Path dir;
    private Browser browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void reportOfAKnownComparisonReadsAsAPhysicistNeedsIt() throws Exception {
        Browser.require();
        ComparisonResult result = ReportScenario.compare(dir);
        Path html = dir.resolve("report.html");
        try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
            ReportFormat.HTML.renderer().render(result, w);
        }
        browser = Browser.start();
        WebDriver d = browser.driver();
        d.get(html.toUri().toString());
        browser.screenshot("report");

        // verdict and worst severity before anything else
        WebElement first = d.findElement(By.cssSelector("body > :first-child"));
        assertThat(first.getAttribute("id")).isEqualTo("verdict");
        assertThat(first.getAttribute("data-verdict")).isEqualTo("DIFFERENT");
        assertThat(first.getAttribute("data-severity")).isEqualTo("ALERT");

        Dataset plan = ReportScenario.plan1();
        String planUid = RtObjects.planUid(1, 1);
        WebElement beams = d.findElement(By.cssSelector("table.beams[data-plan='" + planUid + "']"));
        List<String> headers = beams.findElements(By.cssSelector("th[scope=row]")).stream().map(WebElement::getText).toList();
        assertThat(headers).contains("beam meterset (MU)", "nominal energy (MV)", "gantry start (deg)", "collimator angle (deg)",
                "X jaws X1 / X2 (mm)", "isocenter x / y / z (mm)", "boluses", "delivered meterset (MU)", "first treatment")
                .noneMatch(h -> h.matches(".*[a-z][A-Z].*")); // no camelCase

        // rounded values: MU to 0.01, angles to 0.1 degree, mm to 0.01
        double mu = plan.getSequence(Tags.FractionGroupSequence).get(0).getSequence(Tags.ReferencedBeamSequence).get(0)
                .getDouble(Tags.BeamMeterset, 0);
        List<String> meterset = cells(beams, "meterset");
        assertThat(meterset.subList(0, 2)).containsExactly(round(mu, 2), round(ReportScenario.changedMeterset(mu), 2));
        assertThat(beams.findElement(By.cssSelector("tr[data-param=meterset] td.b")).getAttribute("class")).contains("changed");
        double gantry = plan.getSequence(Tags.BeamSequence).get(1).getSequence(Tags.ControlPointSequence).get(0)
                .getDouble(Tags.GantryAngle, 0);
        assertThat(cells(beams, "gantryStart").subList(2, 4)).containsExactly(round(gantry, 1), "181.3");
        assertThat(cells(beams, "jawX").get(0)).isEqualTo("-50.00 / 50.00");
        assertThat(cells(beams, "energy").get(0)).isEqualTo("6");

        // DICOM dates formatted: records of fractions 1 and 2 are dated 2026-01-02 and 2026-01-03
        assertThat(cells(beams, "firstTreatmentDate").get(0)).isEqualTo("2026-01-02");
        assertThat(cells(beams, "lastTreatmentDate").get(0)).isEqualTo("2026-01-03");
        String time = plan.getString(Tags.RTPlanTime);
        assertThat(d.findElement(By.cssSelector("tr[data-plan='" + planUid + "'] td.plan-date")).getText())
                .isEqualTo("2026-01-01 " + time.substring(0, 2) + ":" + time.substring(2, 4) + ":" + time.substring(4, 6));

        // arcs 1 and 2 changed and have columns; arc 3 is identical and collapsed into one line
        assertThat(beams.findElements(By.cssSelector("th[data-beam]"))).extracting(e -> e.getAttribute("data-beam"))
                .containsExactly("1", "2");
        assertThat(d.findElement(By.cssSelector("p.identical-beams")).getText()).contains("beam 3 (ARC3)");

        // the lost plan is said once, not once per beam; a plan without records says so
        List<WebElement> lost = d.findElements(By.cssSelector("tr[data-plan='" + RtObjects.planUid(2, 1) + "'] ul.changes li"));
        assertThat(lost).singleElement().extracting(WebElement::getText).asString()
                .startsWith("whole plan only in baseline").contains("2 beams");
        assertThat(d.findElement(By.cssSelector("tr[data-plan='" + RtObjects.planUid(3, 7) + "'] td.fx-b")).getText())
                .isEqualTo("no records (30 planned)");
        assertThat(d.getPageSource()).doesNotContain("-/30").doesNotContain("152539");

        // the changed leaf in words (bank B, leaf 3 of 10, control point index 2), in the RT summary and the tag paths
        double leaf = ReportScenario.changedMlc(plan).getDoubles(Tags.LeafJawPositions)[ReportScenario.CHANGED_LEAF_VALUE];
        String before = round(leaf, 2);
        String after = round(ReportScenario.changedLeaf(leaf), 2);
        assertThat(d.findElement(By.cssSelector("div.mlc[data-beam='1'] ul.leaf-changes")).getText())
                .isEqualTo("leaf B3, control point 2: " + before + " -> " + after + " mm");
        WebElement valueChanges = d.findElement(By.cssSelector("#pair-" + planUid.replace(".", "\\.") + " ul.value-changes"));
        assertThat(valueChanges.getText()).isEqualTo("leaf B3: " + before + " -> " + after + " mm");
        assertThat(d.findElement(By.id("control-point-note")).getText()).contains("counts from 0", "from 1");

        // the heat map: inline SVG, accessible, one cell at leaf B3 / control point 2
        WebElement svg = d.findElement(By.cssSelector("div.mlc[data-beam='1'] svg.mlc-heatmap"));
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(svg.findElement(By.tagName("title")).getAttribute("textContent")).contains("beam 1 (ARC1)");
        assertThat(svg.findElement(By.tagName("desc")).getAttribute("textContent"))
                .contains("1 leaf position differs", "leaf B3, control point 2");
        assertThat(svg.findElements(By.cssSelector("rect.leaf"))).singleElement()
                .satisfies(r -> assertThat(r.getAttribute("data-leaf")).isEqualTo("B3"))
                .satisfies(r -> assertThat(r.getAttribute("data-cp")).isEqualTo("2"));
        assertThat(svg.getSize().getWidth()).isPositive();
    }

    private static List<String> cells(WebElement table, String param) {
        return table.findElements(By.cssSelector("tr[data-param=" + param + "] td")).stream().map(WebElement::getText).toList();
    }

    private static String round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
