package org.qanode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.FreePorts;

/**
 * Issue 14, accessibility: axe-core (from the npm registry, pinned by src/test/axe/package-lock.json
 * and installed by the build) run in the same headless Chromium on every page of the UI, filled
 * with data (states sent by storescu, a comparison signed off twice with an annotation, an export
 * in the history, a sweep configured, the observed associations) and on the login page of a node
 * with a token: no violation of impact serious or critical. Every violation found, of any impact,
 * is written to target/axe/PAGE.json for the record. Also the keyboard: the skip link is the first
 * stop and leads to the main content. And the layout: no page scrolls sideways at 1280 px, and the
 * comparison page prints its verdict and tables without navigation, forms or pager.
 */
@Tag("chromium")
class AccessibilityTest {
    static final Path AXE = Paths.get("src/test/axe/node_modules/axe-core/axe.min.js");
    private static final Path REPORTS = Paths.get("target", "axe");

    @TempDir
    Path dir;
    private UiNode node;
    private Browser browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void noSeriousOrCriticalViolationOnAnyPage() throws Exception {
        Browser.require();
        ExternalTools.require(AXE, "axe-core (npm ci in src/test/axe, run by mvn in generate-test-resources when npm is installed)");
        Path storescu = ExternalTools.requireExecutable("storescu", "dcmtk");
        String axe = Files.readString(AXE, StandardCharsets.UTF_8);
        // a ROIS nobody answers for: the export form and a FAILED export in the history
        node = UiNode.start(dir, null, Map.of("rois.NOBODY.aeTitle", "NOBODY", "rois.NOBODY.host", "127.0.0.1",
                "rois.NOBODY.port", Integer.toString(FreePorts.next()), "rois.NOBODY.timeoutSeconds", "5",
                "sweep.rois", "NOBODY", "sweep.studyDays", "1"));
        node.fill(storescu, dir);
        String id = comparison();
        String exportId = UiNode.JSON.readTree(node.post("/api/v1/exports", "application/json",
                "{\"from\":\"NOBODY\",\"state\":\"never\"}").body()).path("id").asText();
        await(() -> !List.of("QUEUED", "RUNNING").contains(node.json("/api/v1/exports/" + exportId).path("status").asText()));
        node.post("/api/v1/comparisons/" + id + "/signoff", "application/json", "{\"decision\":\"ACCEPTED\"}");
        node.post("/api/v1/comparisons/" + id + "/signoff", "application/json",
                "{\"decision\":\"REJECTED\",\"comment\":\"label changed\"}");
        node.post("/api/v1/comparisons/" + id + "/annotations", "application/json",
                "{\"sopInstanceUid\":\"" + UiNode.CHANGED_PLAN + "\",\"path\":\"/RTPlanLabel\",\"reason\":\"renamed\"}");
        await(() -> !node.node.node().associations().connections(10).isEmpty());

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("dashboard", "/ui/");
        pages.put("state", "/ui/states/pre");
        pages.put("new-comparison", "/ui/comparisons/new");
        pages.put("comparison", "/ui/comparisons/" + id);
        pages.put("comparison-all", "/ui/comparisons/" + id + "?show=all");
        pages.put("comparison-object", "/ui/comparisons/" + id + "?object=" + UiNode.CHANGED_PLAN);
        pages.put("exports", "/ui/exports");
        pages.put("associations", "/ui/associations");
        pages.put("not-found", "/ui/states/nope");

        browser = Browser.start();
        // the check itself: a field without a label planted in a page is found (critical)
        assertThat(check(axe, "planted", node.base + "/ui/",
                "document.getElementById('main').insertAdjacentHTML('beforeend', '<input type=text>');"))
                .anySatisfy(p -> assertThat(p).contains("label (critical)"));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            problems.addAll(check(axe, page.getKey(), node.base + page.getValue()));
        }
        keyboard();
        print(id);
        node.close();
        node = UiNode.start(dir.resolve("token"), "t0k3n");
        problems.addAll(check(axe, "login", node.base + "/ui/login"));
        assertThat(problems).isEmpty();
    }

    /** The first Tab stop is the skip link; following it puts the focus on the main content. */
    private void keyboard() {
        var d = browser.driver;
        d.get(node.base + "/ui/exports");
        d.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement first = d.switchTo().activeElement();
        assertThat(first.getText()).isEqualTo("Skip to content");
        first.sendKeys(Keys.ENTER);
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
    }

    /** The comparison page on paper: verdict and tables, no navigation, forms or pager. */
    private void print(String id) {
        var d = browser.driver;
        d.get(node.base + "/ui/comparisons/" + id);
        d.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(d.findElement(By.id("verdict")).isDisplayed()).isTrue();
            assertThat(d.findElement(By.cssSelector("#rt-summary table.rt-patient")).isDisplayed()).isTrue();
            assertThat(d.findElement(By.cssSelector("header.top")).isDisplayed()).isFalse();
            assertThat(d.findElement(By.id("signoff-form")).isDisplayed()).isFalse();
            assertThat(d.findElement(By.cssSelector("form.filters")).isDisplayed()).isFalse();
            Object scroll = d.executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
            assertThat(scroll).isEqualTo(true);
        } finally {
            d.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    private List<String> check(String axe, String name, String url) throws Exception {
        return check(axe, name, url, null);
    }

    /** {@code change}: a script run on the page before axe, or null. */
    private List<String> check(String axe, String name, String url, String change) throws Exception {
        var d = browser.driver;
        d.get(url);
        if (change != null) {
            d.executeScript(change);
        }
        d.executeScript(axe);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        Object out = d.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(function (r) { done(JSON.stringify(r.violations)); })"
                + ".catch(function (e) { done('ERROR ' + e); });");
        String json = String.valueOf(out);
        assertThat(json).as(name).doesNotStartWith("ERROR");
        Files.createDirectories(REPORTS);
        Files.writeString(REPORTS.resolve(name + ".json"), json);
        List<String> problems = new ArrayList<>();
        for (JsonNode v : UiNode.JSON.readTree(json)) {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                problems.add(name + ": " + v.path("id").asText() + " (" + impact + "): " + v.path("help").asText()
                        + " at " + targets.subList(0, Math.min(5, targets.size())));
            }
        }
        // readable at 1280 px: the page does not scroll sideways (tables wrap their cells instead)
        Object scroll = d.executeScript("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
        List<?> widths = (List<?>) scroll;
        if (((Number) widths.get(0)).longValue() > ((Number) widths.get(1)).longValue()) {
            problems.add(name + ": scrolls horizontally at 1280 px (" + widths.get(0) + " > " + widths.get(1) + ")");
        }
        browser.screenshot("axe-" + name);
        return problems;
    }

    private String comparison() throws Exception {
        String id = UiNode.JSON.readTree(node.post("/api/v1/comparisons", "application/json",
                "{\"baseline\":\"pre\",\"candidate\":\"post\"}").body()).path("id").asText();
        await(() -> node.json("/api/v1/comparisons/" + id).path("status").asText().equals("DONE"));
        return id;
    }

    interface Condition {
        boolean met() throws Exception;
    }

    static void await(Condition c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!c.met()) {
            assertThat(System.nanoTime()).as("condition not met within 90 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
