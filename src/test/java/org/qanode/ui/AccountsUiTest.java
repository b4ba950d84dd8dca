package org.qanode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.account.Accounts;
import org.qanode.account.MutableClock;
import org.qanode.account.Role;
import org.qanode.account.Secrets;
import org.qanode.api.HttpApi;
import org.qanode.api.HttpSettings;
import org.qanode.metrics.NodeMetrics;
import org.qanode.node.CompareSettings;
import org.qanode.node.Node;
import org.qanode.store.StateStore;
import org.qanode.webhook.RetryPolicy;

/**
 * Accounts as a browser and a script meet them on a node with {@code http.token}: login with
 * name and password, a session cookie, what each role sees and may do, CSRF forgeries refused,
 * logout, sessions ended with their account, and every login and account change reported to
 * the audit hook ({@link org.qanode.account.SecurityEvents}).
 */
class AccountsUiTest {
    private static final String TOKEN = "node-t0ken-for-tests";
    private static final String PASSWORD = "a long password";

    @TempDir
    Path dir;
    UiNode node;
    AutoCloseable[] others = new AutoCloseable[0];

    @AfterEach
    void close() throws Exception {
        if (node != null) {
            node.close();
        }
        for (AutoCloseable c : others) {
            c.close();
        }
    }

    private String admin(String method, String path, String body) throws Exception {
        HttpResponse<String> r = node.send(method, path, body == null ? null : "application/json", body,
                "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body();
    }

    /** Logs in with the form; returns the {@code Cookie} header value. */
    private String login(String user, String password) throws Exception {
        HttpResponse<String> r = node.post("/ui/login", "application/x-www-form-urlencoded",
                "user=" + user + "&password=" + password.replace(" ", "+") + "&next=%2Fui%2F");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).contains("HttpOnly").contains("SameSite=Strict").doesNotContain(password);
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void rolesInTheUiCsrfLogoutAndTheAuditHook() throws Exception {
        RecordingEvents events = new RecordingEvents();
        node = UiNode.start(dir, TOKEN, events);
        node.fillBySink();
        String id = UiNode.JSON.readTree(admin("POST", "/api/v1/comparisons", "{\"baseline\":\"pre\",\"candidate\":\"post\"}"))
                .path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!UiNode.JSON.readTree(admin("GET", "/api/v1/comparisons/" + id, null)).path("status").asText().equals("DONE")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        admin("POST", "/api/v1/accounts", "{\"name\":\"vera\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}");
        admin("POST", "/api/v1/accounts", "{\"name\":\"phil\",\"role\":\"physicist\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(events.lines).containsExactly("added vera viewer by token 127.0.0.1", "added phil physicist by token 127.0.0.1");

        // a wrong password: the login page again, 401, reported
        HttpResponse<String> wrong = node.post("/ui/login", "application/x-www-form-urlencoded", "user=vera&password=nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong user name or password");
        assertThat(events.lines).contains("login failed vera 127.0.0.1 wrong user name or password");

        // a viewer sees the verdict and the sign-off, but no form to sign off or annotate, no "New comparison"
        String vera = login("vera", PASSWORD);
        assertThat(events.lines).contains("login vera 127.0.0.1 password");
        String page = node.get("/ui/comparisons/" + id + "?object=" + UiNode.CHANGED_PLAN, "Cookie", vera).body();
        assertThat(page).contains("data-verdict=\"DIFFERENT\"").contains("id=\"signoff\"").contains("vera (viewer)")
                .doesNotContain("signoff-form").doesNotContain("class=\"stack annotate\"")
                .doesNotContain("/ui/comparisons/new");
        // ... and the server refuses it anyway
        String decision = "{\"decision\":\"ACCEPTED\",\"comment\":\"checked\"}";
        assertThat(node.post("/api/v1/comparisons/" + id + "/signoff", "application/json", decision, "Cookie", vera,
                "X-Requested-With", "qanode-ui").statusCode()).isEqualTo(403);
        assertThat(node.get("/ui/comparisons/new", "Cookie", vera).statusCode()).isEqualTo(403);

        // a physicist sees the forms
        String phil = login("phil", PASSWORD);
        String philPage = node.get("/ui/comparisons/" + id + "?object=" + UiNode.CHANGED_PLAN, "Cookie", phil).body();
        assertThat(philPage).contains("signoff-form").contains("class=\"stack annotate\"").contains("/ui/comparisons/new");

        // CSRF: a forged cross-site form post with the physicist's cookie
        HttpResponse<String> forged = node.post("/api/v1/comparisons/" + id + "/signoff", "application/x-www-form-urlencoded",
                "decision=ACCEPTED", "Cookie", phil, "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("cross-site");
        // the same from a browser that sends neither Origin nor Sec-Fetch-Site: no header, no change
        assertThat(node.post("/api/v1/comparisons/" + id + "/signoff", "application/x-www-form-urlencoded",
                "decision=ACCEPTED", "Cookie", phil).statusCode()).isEqualTo(403);
        // a fetch without X-Requested-With
        HttpResponse<String> bare = node.post("/api/v1/comparisons/" + id + "/signoff", "application/json", decision,
                "Cookie", phil);
        assertThat(bare.statusCode()).isEqualTo(403);
        assertThat(bare.body()).contains("X-Requested-With");
        // login CSRF: another site cannot log a browser into an account of its choosing
        assertThat(node.post("/ui/login", "application/x-www-form-urlencoded", "user=phil&password=a+long+password",
                "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(UiNode.JSON.readTree(admin("GET", "/api/v1/comparisons/" + id, null)).path("signoff").isMissingNode()
                || UiNode.JSON.readTree(admin("GET", "/api/v1/comparisons/" + id, null)).path("signoff").isNull()).isTrue();

        // what the UI's script does: same origin, header set; recorded with the account's name
        HttpResponse<String> signed = node.post("/api/v1/comparisons/" + id + "/signoff", "application/json", decision,
                "Cookie", phil, "X-Requested-With", "qanode-ui", "Origin", node.base);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        assertThat(UiNode.JSON.readTree(admin("GET", "/api/v1/comparisons/" + id, null)).path("signoff").path("user").asText())
                .isEqualTo("phil");

        // logout ends the session
        HttpResponse<String> out = node.post("/ui/logout", "application/x-www-form-urlencoded", "", "Cookie", phil);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(node.get("/api/v1/states", "Cookie", phil).statusCode()).isEqualTo(401);
        assertThat(events.lines).contains("logout phil 127.0.0.1");

        // the node's token logs in too (no user name), as an admin
        String tokenSession = login("", TOKEN);
        assertThat(node.get("/ui/", "Cookie", tokenSession).body()).contains("token (admin)");
        assertThat(events.lines).contains("login token 127.0.0.1 token");

        // role change and removal end the account's sessions at once
        admin("PUT", "/api/v1/accounts/vera/role", "{\"role\":\"physicist\"}");
        assertThat(node.get("/api/v1/states", "Cookie", vera).statusCode()).isEqualTo(401);
        vera = login("vera", PASSWORD);
        assertThat(node.get("/ui/comparisons/" + id, "Cookie", vera).body()).contains("signoff-form");
        String reset = admin("POST", "/api/v1/accounts/vera/reset", "{\"password\":\"another long one\"}");
        String veraToken = UiNode.JSON.readTree(reset).path("token").asText();
        assertThat(node.get("/api/v1/states", "Cookie", vera).statusCode()).isEqualTo(401);
        assertThat(node.get("/api/v1/states", "Authorization", "Bearer " + veraToken).statusCode()).isEqualTo(200);
        admin("DELETE", "/api/v1/accounts/vera", null);
        assertThat(node.get("/api/v1/states", "Authorization", "Bearer " + veraToken).statusCode()).isEqualTo(401);
        assertThat(events.lines).contains("role vera viewer->physicist by token 127.0.0.1", "reset vera by token 127.0.0.1",
                "removed vera by token 127.0.0.1");
        // the list never shows a secret
        String list = admin("GET", "/api/v1/accounts", null);
        assertThat(list).contains("\"phil\"").doesNotContain("hash").doesNotContain("qan_").doesNotContain("$2a$");
    }

    /** Failed logins: 429 with Retry-After once the account has used its tries; the clock is the test's. */
    @Test
    void failedLoginsAreRateLimited() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
        RecordingEvents events = new RecordingEvents();
        StateStore store = StateStore.open(dir, StateStore.defaultIndexUrl(dir));
        Node core = Node.start(store, new Node.Options(Map.of("QA_PRE", "pre"), "inbox", List.of(),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5)),
                new CompareSettings("upgrade", Path.of("conf/profiles"), 4, 1, 2)), new NodeMetrics(), null);
        new Accounts(store.index(), events, new Secrets(4), clock).add("cli", "cli", "phil", Role.PHYSICIST, PASSWORD);
        HttpApi api = HttpApi.start(core, new HttpSettings("127.0.0.1", 0, null, 1 << 20, null, 10, 60, null, false, 3, 60),
                null, List.of(new WebUi()), events, clock);
        others = new AutoCloseable[] {api, core, store};
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, HttpResponse<String>> attempt = password -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.baseUrl() + "/ui/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("user=phil&password=" + password)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        for (int i = 0; i < 3; i++) {
            assertThat(attempt.apply("guess" + i).statusCode()).isEqualTo(401);
            clock.advance(Duration.ofSeconds(10));
        }
        // the right password too must wait now: 60 s after the first failure, 30 s from now
        HttpResponse<String> limited = attempt.apply("a+long+password");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(limited.body()).contains("Too many failed logins");
        assertThat(events.lines).contains("login failed phil 127.0.0.1 rate limited");
        clock.advance(Duration.ofSeconds(30));
        assertThat(attempt.apply("a+long+password").statusCode()).isEqualTo(303);
        assertThat(events.lines).filteredOn(l -> l.startsWith("login failed phil 127.0.0.1 wrong")).hasSize(3);
        assertThat(events.lines).last().isEqualTo("login phil 127.0.0.1 password");
    }
}
