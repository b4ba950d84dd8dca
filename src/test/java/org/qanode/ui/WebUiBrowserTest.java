package org.qanode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qanode.store.InstanceRecord;
import org.qanode.testing.ExternalTools;

/**
 * Issue 14 end to end in a real browser: Debian's headless Chromium driven by Selenium over
 * chromedriver, against a node composed as {@code qanode serve} composes it and filled by dcmtk
 * {@code storescu}. Dashboard, new comparison, the verdict, filters, one object's differences,
 * an annotation, sign-off (refused without comment, then recorded), the state page and a
 * download compared byte for byte with the stored file; then the token flow. Screenshots of every
 * page go to target/ui-screenshots/.
 */
@Tag("chromium")
class WebUiBrowserTest {
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

    private WebDriverWait await() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(60));
    }

    @Test
    void reviewAComparisonAndSignItOff() throws Exception {
        Browser.require();
        Path storescu = ExternalTools.requireExecutable("storescu", "dcmtk");
        node = UiNode.start(dir, "s3cr3t-t0ken");
        node.fill(storescu, dir);
        String admin = "Bearer s3cr3t-t0ken";
        assertThat(node.post("/api/v1/accounts", "application/json",
                "{\"name\":\"phil\",\"role\":\"physicist\",\"password\":\"a long password\"}",
                "Authorization", admin).statusCode()).isEqualTo(201);
        browser = Browser.start();
        var d = browser.driver;

        // a physicist logs in with name and password
        d.get(node.base + "/");
        assertThat(d.getCurrentUrl()).startsWith(node.base + "/ui/login");
        d.findElement(By.id("user")).sendKeys("phil");
        d.findElement(By.id("password")).sendKeys("a long password");
        d.findElement(By.cssSelector("main form button[type=submit]")).click();
        await().until(ExpectedConditions.urlToBe(node.base + "/ui/"));
        assertThat(d.findElement(By.id("who")).getText()).isEqualTo("phil (physicist)");

        // the dashboard: health, receiving state, both states with their counts
        assertThat(d.findElement(By.id("health")).getAttribute("data-status")).isEqualTo("UP");
        assertThat(d.findElement(By.cssSelector("tr[data-state=pre]")).getText()).contains(" 6 ");
        assertThat(d.findElement(By.cssSelector("tr[data-state=post]")).getText()).contains(" 5 ");
        browser.screenshot("dashboard");

        // a new comparison from the form; its page reloads itself until the verdict is there
        d.findElement(By.linkText("New comparison")).click();
        new Select(d.findElement(By.id("baseline"))).selectByValue("pre");
        new Select(d.findElement(By.id("candidate"))).selectByValue("post");
        browser.screenshot("new-comparison");
        d.findElement(By.cssSelector("#new-comparison button[type=submit]")).click();
        await().until(ExpectedConditions.urlMatches("/ui/comparisons/[0-9a-f-]{36}$"));
        String id = d.getCurrentUrl().substring(d.getCurrentUrl().lastIndexOf('/') + 1);
        WebElement verdict = await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-verdict]")));
        assertThat(verdict.getAttribute("id")).isEqualTo("verdict");
        assertThat(verdict.getAttribute("data-verdict")).isEqualTo("DIFFERENT");
        String severity = verdict.getAttribute("data-severity");
        assertThat(severity).isIn("ALERT", "WARNING", "INFO", "NONE");
        JsonNode result = node.json("/api/v1/comparisons/" + id, "Authorization", admin);
        assertThat(severity).isEqualTo(worst(result));
        // the verdict opens the page: nothing of the content comes before it
        assertThat(d.findElement(By.cssSelector("main > h1 ~ #verdict"))).isNotNull();
        assertThat(d.findElements(By.cssSelector("#rt-summary table.rt-patient"))).isNotEmpty();
        List<WebElement> pairs = d.findElements(By.cssSelector("section.pair"));
        assertThat(pairs).hasSize(2); // the changed plan and the record only in the baseline
        browser.screenshot("comparison");

        // filter by severity on the server: only pairs of that severity remain
        new Select(d.findElement(By.id("f-severity"))).selectByValue(severity);
        d.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        await().until(ExpectedConditions.urlContains("severity=" + severity));
        List<WebElement> filtered = d.findElements(By.cssSelector("section.pair"));
        assertThat(filtered).isNotEmpty();
        assertThat(filtered).allSatisfy(p -> assertThat(p.getAttribute("data-severity")).isEqualTo(severity));
        assertThat(filtered.size()).isLessThanOrEqualTo(pairs.size());
        browser.screenshot("comparison-filtered");

        // one object's differences, and one of them marked as expected
        d.get(node.base + "/ui/comparisons/" + id);
        d.findElement(By.linkText(UiNode.CHANGED_PLAN)).click();
        await().until(ExpectedConditions.urlContains("object=" + UiNode.CHANGED_PLAN));
        WebElement plan = d.findElement(By.id("pair-" + UiNode.CHANGED_PLAN));
        assertThat(plan.getText()).contains("/RTPlanLabel").contains("VMAT1-NEW");
        new Select(d.findElement(By.id("a-path"))).selectByValue("/RTPlanLabel");
        d.findElement(By.id("a-reason")).sendKeys("renamed by the physicist, ticket 42");
        d.findElement(By.cssSelector("form.annotate button[type=submit]")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.annotated")));
        assertThat(d.findElement(By.cssSelector("tr.annotated")).getText()).contains("ticket 42");
        browser.screenshot("comparison-object");

        // sign-off: a rejection without comment is refused with the API's message, then recorded
        d.get(node.base + "/ui/comparisons/" + id);
        d.findElement(By.cssSelector("input[name=decision][value=REJECTED]")).click();
        d.findElement(By.cssSelector("#signoff-form button[type=submit]")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#signoff-form [role=alert]"),
                "comment"));
        d.findElement(By.id("signoff-comment")).sendKeys("RT plan label changed <on purpose?> & unexplained");
        d.findElement(By.cssSelector("#signoff-form button[type=submit]")).click();
        await().ignoring(StaleElementReferenceException.class)
                .until(dr -> "REJECTED".equals(dr.findElement(By.id("signoff")).getAttribute("data-decision")));
        assertThat(d.findElement(By.id("signoff")).getText()).contains("REJECTED").contains("phil")
                .contains("RT plan label changed <on purpose?> & unexplained");
        browser.screenshot("comparison-signed-off");
        JsonNode signed = node.json("/api/v1/comparisons/" + id, "Authorization", admin);
        assertThat(signed.path("signoff").path("decision").asText()).isEqualTo("REJECTED");
        assertThat(signed.path("signoff").path("user").asText()).isEqualTo("phil");
        assertThat(signed.path("signoff").path("comment").asText()).isEqualTo("RT plan label changed <on purpose?> & unexplained");
        assertThat(signed.path("annotations").path(0).path("path").asText()).isEqualTo("/RTPlanLabel");
        d.get(node.base + "/ui/");
        assertThat(d.findElement(By.cssSelector("tr[data-comparison='" + id + "']")).getText()).contains("REJECTED");

        // the state page, grouped by patient; a download is the stored file byte for byte
        d.findElement(By.linkText("pre")).click();
        assertThat(d.findElements(By.cssSelector("section.patient"))).hasSize(2);
        browser.screenshot("state");
        String href = d.findElement(By.cssSelector("tr[data-sop-instance-uid='" + UiNode.CHANGED_PLAN + "'] a.download"))
                .getAttribute("href");
        HttpResponse<byte[]> file = node.bytes(href.substring(node.base.length()), "Authorization", admin);
        assertThat(file.statusCode()).isEqualTo(200);
        InstanceRecord row = node.node.store().currentInstance("pre", UiNode.CHANGED_PLAN).orElseThrow();
        assertThat(file.body()).isEqualTo(Files.readAllBytes(node.node.store().resolve(row)));
    }

    @Test
    void withATokenThePagesNeedASessionAndChangesNeedTheHeader() throws Exception {
        Browser.require();
        node = UiNode.start(dir, "s3cr3t-t0ken");
        browser = Browser.start();
        var d = browser.driver;

        d.get(node.base + "/ui/");
        assertThat(d.getCurrentUrl()).startsWith(node.base + "/ui/login");
        // no user name: the node's token as password
        d.findElement(By.id("password")).sendKeys("wrong");
        d.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main [role=alert]")))
                .getText()).contains("Wrong user name or password");
        browser.screenshot("login");
        d.findElement(By.id("password")).sendKeys("s3cr3t-t0ken");
        d.findElement(By.cssSelector("main form button[type=submit]")).click();
        await().until(ExpectedConditions.urlToBe(node.base + "/ui/"));
        Cookie session = d.manage().getCookieNamed("qanode_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getValue()).doesNotContain("s3cr3t");
        assertThat(session.getSameSite()).isEqualTo("Strict");

        // ?token= once: a session, and the token leaves the address bar
        d.manage().deleteAllCookies();
        d.get(node.base + "/ui/comparisons/new?token=s3cr3t-t0ken&baseline=x");
        assertThat(d.getCurrentUrl()).isEqualTo(node.base + "/ui/comparisons/new?baseline=x");
        assertThat(d.getPageSource()).doesNotContain("s3cr3t-t0ken");

        // the cookie reads the API; a change with it needs X-Requested-With (what the UI's script sends)
        String cookie = "qanode_session=" + d.manage().getCookieNamed("qanode_session").getValue();
        assertThat(node.get("/api/v1/states", "Cookie", cookie).statusCode()).isEqualTo(200);
        assertThat(node.get("/api/v1/states").statusCode()).isEqualTo(401);
        assertThat(node.post("/api/v1/states", "application/json", "{\"name\":\"x1\"}", "Cookie", cookie).statusCode())
                .isEqualTo(403);
        assertThat(node.post("/api/v1/states", "application/json", "{\"name\":\"x1\"}", "Cookie", cookie,
                "X-Requested-With", "qanode-ui").statusCode()).isEqualTo(201);
        assertThat(node.get("/ui/").statusCode()).isEqualTo(303);
        assertThat(node.get("/ui/login?next=//evil.example/").body()).contains("value=\"/ui/\"");
    }

    private static String worst(JsonNode result) {
        String worst = "NONE";
        List<String> order = List.of("NONE", "INFO", "WARNING", "ALERT");
        for (JsonNode p : result.path("pairs")) {
            String s = p.path("severity").asText("NONE");
            if (order.indexOf(s) > order.indexOf(worst)) {
                worst = s;
            }
        }
        return worst;
    }
}
