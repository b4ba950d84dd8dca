package org.qanode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a browser: every page and asset the UI serves is self-contained (no URL to another
 * host, no CDN, no remote import: the node must work on an isolated network), carries the
 * security headers, and escapes what it shows; redirects and errors are pages.
 */
class WebUiPagesTest {
    private static final Pattern REMOTE = Pattern.compile(
            "(?i)https?://(?!127\\.0\\.0\\.1[:/]|localhost[:/])|(?<![:\"'=])//cdn|@import|url\\(\\s*['\"]?\\s*(?:https?:|//)");
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:href|src|action|data-api|data-next)\\s*=\\s*\"([^\"]*)\"");

    @TempDir
    Path dir;
    private UiNode node;

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyPageAndAssetIsLocalAndEscaped() throws Exception {
        node = UiNode.start(dir, null);
        node.fillBySink();
        String id = UiNode.JSON.readTree(node.post("/api/v1/comparisons", "application/json",
                "{\"baseline\":\"pre\",\"candidate\":\"post\"}").body()).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!node.json("/api/v1/comparisons/" + id).path("status").asText().equals("DONE")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        String evil = "<script>alert(1)</script> & \"quoted\"";
        assertThat(node.post("/api/v1/comparisons/" + id + "/signoff", "application/json",
                UiNode.JSON.writeValueAsString(java.util.Map.of("decision", "REJECTED", "comment", evil))).statusCode())
                .isEqualTo(201);

        List<String> pages = List.of("/ui/", "/ui/states/pre", "/ui/states/post", "/ui/comparisons/new",
                "/ui/comparisons/" + id, "/ui/comparisons/" + id + "?severity=ALERT",
                "/ui/comparisons/" + id + "?show=all&sopClass=1.2.840.10008.5.1.4.1.1.481.5",
                "/ui/comparisons/" + id + "?object=" + UiNode.CHANGED_PLAN, "/ui/exports", "/ui/associations",
                "/ui/associations/routes.dot", "/ui/associations/routes.puml", "/ui/assets/ui.css", "/ui/assets/ui.js",
                "/api/v1/comparisons/" + id + "?format=html");
        List<String> problems = new ArrayList<>();
        for (String page : pages) {
            HttpResponse<String> r = node.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            Matcher remote = REMOTE.matcher(r.body());
            while (remote.find()) {
                problems.add(page + ": " + r.body().substring(Math.max(0, remote.start() - 40), Math.min(r.body().length(), remote.end() + 40)));
            }
            Matcher link = LINK.matcher(r.body());
            while (link.find()) {
                String url = link.group(1);
                boolean local = url.equals("reload") /* data-next keyword */ || url.startsWith("#") || url.startsWith("?") || (url.startsWith("/") && !url.startsWith("//"));
                if (!local) {
                    problems.add(page + ": link to " + url);
                }
            }
            if (page.startsWith("/ui/")) {
                assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(page).contains("default-src 'none'");
                assertThat(r.headers().firstValue("X-Content-Type-Options")).as(page).hasValue("nosniff");
            }
            if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                assertThat(r.body()).as(page).doesNotContain("<script>alert").doesNotContain("<script>");
            }
        }
        assertThat(problems).isEmpty();
        String comparison = node.get("/ui/comparisons/" + id).body();
        assertThat(comparison).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;");
        assertThat(comparison.indexOf("data-verdict=\"DIFFERENT\"")).isPositive()
                .isLessThan(comparison.indexOf("id=\"rt-summary\"")).isLessThan(comparison.indexOf("id=\"differences\""));

        assertThat(node.get("/").statusCode()).isEqualTo(303);
        assertThat(node.get("/").headers().firstValue("Location")).hasValue("/ui/");
        assertThat(node.get("/ui/login").headers().firstValue("Location")).hasValue("/ui/");
        HttpResponse<String> missing = node.get("/ui/comparisons/00000000-0000-0000-0000-000000000000");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(node.get("/ui/comparisons/" + id + "?severity=BAD").statusCode()).isEqualTo(400);
        assertThat(node.get("/ui/states/nope").statusCode()).isEqualTo(404);
    }

    /** Issue 13: the dashboard shows the last self-check, its result and time. */
    @Test
    void theDashboardShowsTheLastSelfCheck() throws Exception {
        node = UiNode.start(dir, null);
        org.qanode.selftest.SelfCheck.Result r = node.node.node().selftest().result()
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.ok()).isTrue();
        String page = node.get("/ui/").body();
        assertThat(page).contains("<p id=\"selftest\" data-ok=\"true\">Self-check: <b class=\"\">OK</b> · profile upgrade · "
                + "<time datetime=\"" + r.at() + "\">");
    }

    @Test
    void signOffHistoryNewestFirstAndANewComparisonStartsUnsigned() throws Exception {
        node = UiNode.start(dir, null);
        node.fillBySink();
        String first = done();
        assertThat(node.post("/api/v1/comparisons/" + first + "/signoff", "application/json",
                "{\"decision\":\"ACCEPTED\",\"comment\":\"first look\"}").statusCode()).isEqualTo(201);
        assertThat(node.post("/api/v1/comparisons/" + first + "/signoff", "application/json",
                "{\"decision\":\"REJECTED\",\"comment\":\"second look: label changed\"}").statusCode()).isEqualTo(201);
        String page = node.get("/ui/comparisons/" + first).body();
        assertThat(page).contains("data-decision=\"REJECTED\"").contains("<details id=\"signoff-history\" data-count=\"2\" open>");
        String history = page.substring(page.indexOf("id=\"signoff-history\""), page.indexOf("</details>"));
        assertThat(history.indexOf("second look")).isPositive().isLessThan(history.indexOf("first look"));
        assertThat(history.indexOf(">REJECTED<")).isLessThan(history.indexOf(">ACCEPTED<"));
        Matcher when = Pattern.compile("<time datetime=\"[^\"]+\">(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d\\d:\\d\\d)</time>")
                .matcher(history);
        assertThat(when.find()).as(history).isTrue();
        assertThat(when.find()).isTrue();
        assertThat(history).contains(">local<");

        // the same two states compared again: unsigned, no history carried over
        String second = done();
        assertThat(second).isNotEqualTo(first);
        String again = node.get("/ui/comparisons/" + second).body();
        assertThat(again).contains("data-decision=\"NONE\"").contains("Not signed off.").doesNotContain("signoff-history")
                .doesNotContain("first look").doesNotContain("second look");
        assertThat(node.json("/api/v1/comparisons/" + second).has("signoff")).isFalse();
    }

    /**
     * A large result pages its RT summary with the differences: beyond 25 patients only the patients
     * of the page shown get their RT summary tables (here 60 patients of 4 objects each); a small
     * result shows them all (the test above).
     */
    @Test
    void aLargeResultShowsTheRtSummaryOfThePatientsOnThePage() throws Exception {
        node = UiNode.start(dir, null);
        org.qanode.testing.StateGenerator.Spec spec = new org.qanode.testing.StateGenerator.Spec(60, 1, 1, 2, 2, 3);
        org.qanode.testing.StateGenerator.writeBaseline(dir.resolve("a"), spec);
        org.qanode.testing.StateGenerator.writeCandidate(dir.resolve("b"), spec);
        var compared = new org.qanode.result.ComparisonRunner(new org.qanode.compare.ProfileLoader(null).load("upgrade"), 2, true)
                .compare(new org.qanode.compare.FolderSource(dir.resolve("a"), "pre"),
                        new org.qanode.compare.FolderSource(dir.resolve("b"), "post"));
        assertThat(compared.pairs()).hasSize(240);
        assertThat(compared.rtSummary().patients()).hasSize(60);
        String id = UiNode.fileResult(node.node, compared);

        // objects are listed by patient ID: page 1 holds the first PAGE of them, the last page the rest
        List<String> byPatient = compared.pairs().stream().map(p -> p.patientId()).sorted().toList();
        int pages = (240 + ComparisonPage.PAGE - 1) / ComparisonPage.PAGE;
        long first = byPatient.subList(0, ComparisonPage.PAGE).stream().distinct().count();
        long last = byPatient.subList((pages - 1) * ComparisonPage.PAGE, 240).stream().distinct().count();
        assertThat(first).isLessThan(60);
        String page1 = node.get("/ui/comparisons/" + id + "?show=all").body();
        assertThat(page1).contains("<p id=\"rt-partial\" class=\"muted\" data-patients=\"" + first + "\">");
        assertThat(count(page1, "class=\"rt-patient")).isEqualTo((int) first);
        assertThat(count(page1, "<section class=\"pair\"")).isEqualTo(ComparisonPage.PAGE);
        String lastPage = node.get("/ui/comparisons/" + id + "?show=all&page=" + pages).body();
        assertThat(lastPage).contains("data-patients=\"" + last + "\"");
        assertThat(count(lastPage, "class=\"rt-patient")).isEqualTo((int) last);
        assertThat(count(lastPage, "<section class=\"pair\"")).isEqualTo(240 - (pages - 1) * ComparisonPage.PAGE);
        // the default view of an identical result lists no object, and so no patient's tables
        String none = node.get("/ui/comparisons/" + id).body();
        assertThat(none).contains("data-verdict=\"IDENTICAL\"").contains("data-patients=\"0\"");
        assertThat(count(none, "class=\"rt-patient")).isZero();
    }

    /**
     * Issue 14 (a 25,000-pair page under 2 s): a comparison that finishes in the node is shown from
     * the result the runner made, not parsed again from its file by the first reader.
     */
    @Test
    void aFinishedComparisonIsShownWithoutParsingItsFileAgain() throws Exception {
        node = UiNode.start(dir, null);
        node.fillBySink();
        String id = UiNode.JSON.readTree(node.post("/api/v1/comparisons", "application/json",
                "{\"baseline\":\"pre\",\"candidate\":\"post\"}").body()).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!node.json("/api/v1/comparisons/" + id).path("status").asText().equals("DONE")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        // the file is made unreadable: a page that still renders did not read it
        java.nio.file.Path file = node.node.node().comparisons().files().file(id);
        java.nio.file.Files.writeString(file, "not json");
        HttpResponse<String> page = node.get("/ui/comparisons/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-verdict=\"DIFFERENT\"");
    }

    /** Issue 13: a changed leaf is named on the comparison page as in the report, not 2 x 20 values. */
    @Test
    void aChangedLeafIsNamedOnTheComparisonPage() throws Exception {
        node = UiNode.start(dir, null);
        var compared = org.qanode.report.ReportScenario.compare(dir.resolve("scenario"));
        String id = UiNode.fileResult(node.node, compared);
        String page = node.get("/ui/comparisons/" + id + "?severity=ALERT").body();
        assertThat(page).contains("<ul class=\"changed-values\"><li>leaf B3: ")
                .contains("<details><summary>all values</summary>");
        // the report links offer every format the REST API serves
        for (String format : List.of("html", "pdf", "csv", "rt-csv", "text")) {
            assertThat(page).contains("?format=" + format + "\"");
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void timesAreShownInTheNodesZoneWithTheOffset() {
        Times zurich = new Times(java.time.ZoneId.of("Europe/Zurich"));
        assertThat(zurich.at("2026-07-01T10:00:00Z").toString())
                .isEqualTo("<time datetime=\"2026-07-01T10:00:00Z\">2026-07-01 12:00:00 +02:00</time>");
        assertThat(zurich.at("2026-12-01T10:00:00.123Z").toString()).contains(">2026-12-01 11:00:00 +01:00<");
        assertThat(zurich.at("2026-12-01T03:00+01:00").toString()).contains(">2026-12-01 03:00:00 +01:00<");
    }

    private String done() throws Exception {
        String id = UiNode.JSON.readTree(node.post("/api/v1/comparisons", "application/json",
                "{\"baseline\":\"pre\",\"candidate\":\"post\"}").body()).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!node.json("/api/v1/comparisons/" + id).path("status").asText().equals("DONE")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        return id;
    }

    @Test
    void theTemplateEscapesEveryArgument() {
        assertThat(Html.of("<a href=\"/x/{}\">{}</a>", "\"><script>", "a<b & 'c'").toString())
                .isEqualTo("<a href=\"/x/&quot;&gt;&lt;script&gt;\">a&lt;b &amp; &#39;c&#39;</a>");
        assertThat(Html.of("<p>{}</p>", Html.of("<b>{}</b>", "<i>")).toString()).isEqualTo("<p><b>&lt;i&gt;</b></p>");
        assertThat(Html.esc(null)).isEmpty();
        assertThat(Html.esc("a\u0000b")).isEqualTo("a&#xFFFD;b");
        assertThat(Html.url("a b/c")).isEqualTo("a%20b%2Fc");
        assertThat(Login.next("//evil.example/")).isEqualTo("/ui/");
        assertThat(Login.next("https://evil.example/")).isEqualTo("/ui/");
        assertThat(Login.next("/ui/states/pre")).isEqualTo("/ui/states/pre");
    }
}
