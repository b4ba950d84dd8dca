package org.qanode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.DcmQrScpPeer;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.FreePorts;
import org.qanode.testing.StateGenerator;

/**
 * Issue 14, exports, sweeps and associations in Debian's headless Chromium: dcmtk's dcmqrscp is
 * the ROIS. An export started from the page's form runs and the page follows it by itself (no
 * reload by the test) to DONE; the sweep's "run now" adds a run to the history; the associations
 * page lists who sent what to which state (storescu as ARIA to QA_PRE, the ROIS's C-STOREs to
 * the export's state, an echoscu that stored nothing) and draws the route graph, whose DOT
 * download Graphviz's {@code dot} renders and whose PlantUML download is well formed.
 */
@Tag("chromium")
class ExportsAndAssociationsBrowserTest {
    @TempDir
    Path dir;
    private UiNode node;
    private DcmQrScpPeer rois;
    private Browser browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.close();
        }
        if (rois != null) {
            rois.close();
        }
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(90));
    }

    @Test
    void exportSweepAndTheRoutesTheyLeave() throws Exception {
        Browser.require();
        Path storescu = ExternalTools.requireExecutable("storescu", "dcmtk");
        ExternalTools.requireExecutable("echoscu", "dcmtk");
        Path dot = ExternalTools.requireExecutable("dot", "graphviz");

        // the ROIS holds the baseline objects; it moves them to the node's port, known in advance
        List<Path> files = new ArrayList<>();
        Set<String> patients = new LinkedHashSet<>();
        for (Dataset ds : UiNode.baseline()) {
            Path f = dir.resolve("rois-files").resolve(ds.getString(Tags.SOPInstanceUID) + ".dcm");
            StateGenerator.write(f, ds, TransferSyntax.EXPLICIT_LE);
            files.add(f);
            patients.add(ds.getString(Tags.PatientID));
        }
        int dicomPort = FreePorts.next();
        rois = DcmQrScpPeer.start(dir.resolve("qr"), "QRSCP", List.of("QANODE 127.0.0.1 " + dicomPort));
        rois.load(files);
        Path patientList = dir.resolve("patients.csv");
        Files.writeString(patientList, String.join("\n", patients) + "\n");
        node = UiNode.start(dir, null, Map.of("dicom.port", Integer.toString(dicomPort), "dicom.aeTitle", "QANODE",
                "rois.QR.aeTitle", "QRSCP", "rois.QR.host", "127.0.0.1", "rois.QR.port", Integer.toString(rois.port()),
                "sweep.rois", "QR", "sweep.patients", patientList.toString(), "sweep.schedule", "0 3 * * *"));
        node.fill(storescu, dir);
        Dcmtk.Result echo = Dcmtk.run("echoscu", "-aet", "MONITOR", "-aec", "QANODE", "127.0.0.1", Integer.toString(dicomPort));
        assertThat(echo.exitCode()).as(echo.stderr()).isZero();

        browser = Browser.start();
        var d = browser.driver;
        d.get(node.base + "/ui/");
        assertThat(d.findElement(By.id("next-sweep")).getText()).matches("Next sweep: \\d{4}-\\d\\d-\\d\\d 03:00:00 [+-]\\d\\d:\\d\\d");
        d.findElement(By.linkText("Exports and sweeps: history, start one")).click();
        assertThat(d.getCurrentUrl()).isEqualTo(node.base + "/ui/exports");
        assertThat(d.findElement(By.id("activity")).getAttribute("data-running")).isEqualTo("false");

        // an export from the form: the page reloads once after the POST, then follows it by itself
        d.findElement(By.id("x-state")).sendKeys("fromqr");
        d.findElement(By.id("x-patients")).sendKeys(String.join(", ", patients));
        d.findElement(By.cssSelector("#export-form button[type=submit]")).click();
        WebElement row = await().ignoring(StaleElementReferenceException.class)
                .until(x -> x.findElements(By.cssSelector("#export-history tr[data-export]")).stream().findFirst().orElse(null));
        String exportId = row.getAttribute("data-export");
        Object marker = d.executeScript("window.qanodeMarker = 1; return window.qanodeMarker;");
        assertThat(marker).isEqualTo(1L);
        await().ignoring(StaleElementReferenceException.class).until(x -> "DONE".equals(
                x.findElement(By.cssSelector("tr[data-export='" + exportId + "']")).getAttribute("data-status")));
        // the same document all along: the page updated itself, nobody reloaded it
        assertThat(d.executeScript("return window.qanodeMarker;")).isEqualTo(1L);
        assertThat(d.findElement(By.cssSelector("tr[data-export='" + exportId + "']")).getText())
                .contains("QR → fromqr").contains("6 / 6");
        assertThat(node.json("/api/v1/exports/" + exportId).path("status").asText()).isEqualTo("DONE");
        browser.screenshot("exports");

        // the sweep, now: its run joins the history and the page follows it to the end
        d.findElement(By.cssSelector("#sweep-form button[type=submit]")).click();
        await().ignoring(StaleElementReferenceException.class).until(x -> {
            List<WebElement> runs = x.findElements(By.cssSelector("#sweep-history tr[data-sweep]"));
            return !runs.isEmpty() && !"RUNNING".equals(runs.get(0).getAttribute("data-status"));
        });
        WebElement sweep = d.findElement(By.cssSelector("#sweep-history tr[data-sweep]"));
        assertThat(sweep.getAttribute("data-status")).as(sweep.getText()).isEqualTo("DONE");
        assertThat(sweep.getText()).contains("api");
        assertThat(d.findElement(By.id("activity")).getAttribute("data-running")).isEqualTo("false");
        browser.screenshot("sweeps");

        // associations: who sent what to which state, from the node's own log
        d.findElement(By.linkText("Associations")).click();
        WebElement aria = d.findElement(By.cssSelector("#routes tr[data-calling=ARIA][data-called=QA_PRE]"));
        assertThat(aria.getAttribute("data-state")).isEqualTo("pre");
        assertThat(cells(aria)).startsWith("ARIA", "127.0.0.1", "QA_PRE", "pre", "1", "6", "0");
        WebElement export = d.findElement(By.cssSelector("#routes tr[data-calling=QRSCP][data-state=fromqr]"));
        assertThat(cells(export).get(5)).isEqualTo("6");
        WebElement monitor = d.findElement(By.cssSelector("#routes tr[data-calling=MONITOR]"));
        assertThat(monitor.getAttribute("data-state")).isEmpty();
        assertThat(cells(monitor).get(5)).isEqualTo("0");
        assertThat(cells(aria).get(9)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d\\d:\\d\\d");
        WebElement svg = d.findElement(By.cssSelector("svg#route-graph"));
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(d.findElements(By.cssSelector("svg#route-graph g.edge"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(d.findElement(By.cssSelector("svg#route-graph g.edge[data-from='ARIA @ 127.0.0.1'][data-to=QA_PRE]"))
                .getText()).isEqualTo("6 objects");
        browser.screenshot("associations");

        // the downloads: Graphviz renders the DOT; the PlantUML is one diagram over declared aliases
        HttpResponse<String> dotFile = node.get(d.findElement(By.id("dot")).getAttribute("href").substring(node.base.length()));
        assertThat(dotFile.statusCode()).isEqualTo(200);
        assertThat(dotFile.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        Path dotPath = dir.resolve("routes.dot");
        Files.writeString(dotPath, dotFile.body());
        Process p = new ProcessBuilder(dot.toString(), "-Tsvg", dotPath.toString()).redirectErrorStream(false).start();
        String svgOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String dotErr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(dotErr).isZero();
        assertThat(dotErr).isEmpty();
        assertThat(svgOut).contains("<svg").contains("ARIA @ 127.0.0.1").contains("QRSCP @ 127.0.0.1")
                .contains("state fromqr").contains("6 objects");
        assertPlantUml(node.get("/ui/associations/routes.puml").body());
    }

    /**
     * A page of running work updates itself in place: a comparison still QUEUED (its row made here,
     * so nothing runs it) shows its status; once marked FAILED the page shows that, without
     * being reloaded (a variable set in the document survives), and stops polling.
     */
    @Test
    void aPageOfRunningWorkUpdatesItselfWithoutReloading() throws Exception {
        Browser.require();
        node = UiNode.start(dir, null);
        node.node.store().createState("pre");
        node.node.store().createState("post");
        String id = java.util.UUID.randomUUID().toString();
        var rows = new org.qanode.node.ComparisonRepository(node.node.store().index());
        rows.insert(id, "pre", "post", "upgrade");
        browser = Browser.start();
        var d = browser.driver;
        d.get(node.base + "/ui/comparisons/" + id);
        assertThat(d.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("QUEUED");
        assertThat(d.findElement(By.id("main")).getAttribute("data-refresh")).isEqualTo("2");
        d.executeScript("window.qanodeMarker = 7;");
        rows.markFailed(id, "stopped by the test");
        await().ignoring(StaleElementReferenceException.class)
                .until(x -> "FAILED".equals(x.findElement(By.id("status")).getAttribute("data-status")));
        assertThat(d.executeScript("return window.qanodeMarker;")).isEqualTo(7L);
        assertThat(d.findElement(By.id("status")).getText()).contains("stopped by the test");
        assertThat(d.findElement(By.id("main")).getAttribute("data-refresh")).isNull();
        assertThat(d.getPageSource()).doesNotContain("http-equiv=\"refresh\"");
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    /** Structure: one @startuml/@enduml pair, braces balanced, every arrow between declared aliases. */
    static void assertPlantUml(String puml) {
        List<String> lines = puml.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("'")).toList();
        assertThat(lines.get(0)).isEqualTo("@startuml");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("@enduml");
        Set<String> aliases = new LinkedHashSet<>();
        Pattern declaration = Pattern.compile("^(node|interface|database|rectangle) \"[^\"]*\"(?: as (\\w+))?(?: \\{)?$");
        Pattern arrow = Pattern.compile("^(\\w+) --> (\\w+) : \\d+ objects?$");
        int depth = 0;
        int arrows = 0;
        for (String l : lines.subList(1, lines.size() - 1)) {
            Matcher m = declaration.matcher(l);
            Matcher a = arrow.matcher(l);
            if (m.matches()) {
                if (m.group(2) != null) {
                    aliases.add(m.group(2));
                }
                depth += l.endsWith("{") ? 1 : 0;
            } else if (l.equals("}")) {
                depth--;
                assertThat(depth).isNotNegative();
            } else if (a.matches()) {
                assertThat(aliases).as(l).contains(a.group(1), a.group(2));
                arrows++;
            } else {
                assertThat(l).as("unexpected PlantUML line").isEqualTo("left to right direction");
            }
        }
        assertThat(depth).isZero();
        assertThat(arrows).isPositive();
    }
}
