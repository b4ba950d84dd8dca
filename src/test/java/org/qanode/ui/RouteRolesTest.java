package org.qanode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.account.Role;
import org.qanode.api.Route;

/**
 * Every route of the node's real route table (REST API and UI, as {@code qanode serve} composes
 * it) x anonymous / viewer / physicist / admin on a node with accounts: 401 (or the login
 * redirect for a UI page) without credentials, 403 below the route's role, neither at or above
 * it. The least role of each route is written out here, independently of the code, so a route
 * whose declared role drifts fails too; a route missing from this table fails as well.
 */
class RouteRolesTest {
    /** The contract (ARCHITECTURE.md "Security on a clinical network"); null: anyone. */
    private static final Map<String, Role> EXPECTED = new LinkedHashMap<>();

    static {
        Role v = Role.VIEWER;
        Role p = Role.PHYSICIST;
        Role a = Role.ADMIN;
        EXPECTED.put("GET /api/v1/health", null);
        EXPECTED.put("GET /metrics", v);
        EXPECTED.put("GET /api/v1/webhooks/outbox", v);
        EXPECTED.put("GET /api/v1/qa/outbox", v);
        EXPECTED.put("POST /api/v1/qa/test", a);
        EXPECTED.put("GET /api/v1/openapi.json", v);
        EXPECTED.put("GET /api/v1/states", v);
        EXPECTED.put("POST /api/v1/states", a);
        EXPECTED.put("GET /api/v1/states/{name}", v);
        EXPECTED.put("DELETE /api/v1/states/{name}", a);
        EXPECTED.put("GET /api/v1/states/{name}/instances", v);
        EXPECTED.put("GET /api/v1/states/{name}/events", v);
        EXPECTED.put("GET /api/v1/states/{name}/rt-summary", v);
        EXPECTED.put("GET /api/v1/states/{name}/instances/{uid}/file", v);
        EXPECTED.put("GET /api/v1/receiving-state", v);
        EXPECTED.put("PUT /api/v1/receiving-state", a);
        EXPECTED.put("POST /api/v1/comparisons", p);
        EXPECTED.put("GET /api/v1/comparisons", v);
        EXPECTED.put("GET /api/v1/comparisons/{id}", v);
        EXPECTED.put("POST /api/v1/comparisons/{id}/signoff", p);
        EXPECTED.put("POST /api/v1/comparisons/{id}/annotations", p);
        EXPECTED.put("POST /api/v1/exports", p);
        EXPECTED.put("GET /api/v1/exports", v);
        EXPECTED.put("GET /api/v1/exports/{id}", v);
        EXPECTED.put("POST /api/v1/sweeps", p);
        EXPECTED.put("GET /api/v1/sweeps", v);
        EXPECTED.put("GET /api/v1/sweeps/{id}", v);
        EXPECTED.put("GET /api/v1/accounts", a);
        EXPECTED.put("POST /api/v1/accounts", a);
        EXPECTED.put("DELETE /api/v1/accounts/{name}", a);
        EXPECTED.put("POST /api/v1/accounts/{name}/reset", a);
        EXPECTED.put("PUT /api/v1/accounts/{name}/role", a);
        EXPECTED.put("GET /api/v1/audit", a);
        EXPECTED.put("GET /", null);
        EXPECTED.put("GET /ui", null);
        EXPECTED.put("GET /ui/assets/ui.css", null);
        EXPECTED.put("GET /ui/assets/ui.js", null);
        EXPECTED.put("GET /ui/login", null);
        EXPECTED.put("POST /ui/login", null);
        EXPECTED.put("POST /ui/logout", null);
        EXPECTED.put("GET /ui/", v);
        EXPECTED.put("GET /ui/states/{name}", v);
        EXPECTED.put("GET /ui/comparisons/new", p);
        EXPECTED.put("GET /ui/comparisons/{id}", v);
        EXPECTED.put("GET /ui/exports", v);
        EXPECTED.put("GET /ui/associations", v);
        EXPECTED.put("GET /ui/associations/routes.dot", v);
        EXPECTED.put("GET /ui/associations/routes.puml", v);
    }

    @TempDir
    Path dir;
    UiNode node;

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyRouteForEveryRole() throws Exception {
        node = UiNode.start(dir, null);
        // no account and no token: everyone is the local admin (loopback only), so the first
        // account can be made over the API; once it exists, nobody anonymous can make another,
        // and a viewer cannot either
        Map<Role, String> tokens = new LinkedHashMap<>();
        HttpResponse<String> first = node.post("/api/v1/accounts", "application/json",
                "{\"name\":\"viewer-1\",\"role\":\"viewer\",\"password\":\"a long password\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        tokens.put(Role.VIEWER, UiNode.JSON.readTree(first.body()).path("token").asText());
        String physicist = "{\"name\":\"physicist-1\",\"role\":\"physicist\",\"password\":\"a long password\"}";
        assertThat(node.post("/api/v1/accounts", "application/json", physicist).statusCode()).isEqualTo(401);
        assertThat(node.post("/api/v1/accounts", "application/json", physicist,
                "Authorization", "Bearer " + tokens.get(Role.VIEWER)).statusCode()).isEqualTo(403);
        // the others on the index directly, at a low BCrypt cost (the node checks any cost)
        var accounts = new org.qanode.account.Accounts(node.node.store().index(), org.qanode.account.SecurityEvents.NONE,
                new org.qanode.account.Secrets(4), java.time.Clock.systemUTC());
        tokens.put(Role.PHYSICIST, accounts.add("test", "test", "physicist-1", Role.PHYSICIST, "a long password").token());
        tokens.put(Role.ADMIN, accounts.add("test", "test", "admin-1", Role.ADMIN, "a long password").token());

        TreeSet<String> routed = new TreeSet<>();
        int checked = 0;
        for (Route route : node.node.api().router().routes()) {
            String key = route.method() + " " + route.template();
            routed.add(key);
            assertThat(EXPECTED).as("the contract names " + key).containsKey(key);
            Role least = EXPECTED.get(key);
            assertThat(route.role()).as("least role of " + key).isEqualTo(least);
            if (least == null && !route.method().equals("GET")) {
                continue; // login and logout answer by what they are given, not by role
            }
            String path = route.template().replace("{name}", "no-such").replace("{id}", "no-such")
                    .replace("{uid}", "1.2.3");
            String body = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
            String type = body == null ? null : "application/json";

            HttpResponse<String> anonymous = node.send(route.method(), path, type, body);
            if (least == null) {
                assertThat(anonymous.statusCode()).as(key + " anonymous").isNotIn(401, 403);
            } else if (route.challenge() != null) {
                assertThat(anonymous.statusCode()).as(key + " anonymous").isEqualTo(303);
                assertThat(anonymous.headers().firstValue("Location").orElse("")).startsWith("/ui/login?next=");
            } else {
                assertThat(anonymous.statusCode()).as(key + " anonymous").isEqualTo(401);
            }
            for (Map.Entry<Role, String> caller : tokens.entrySet()) {
                HttpResponse<String> r = node.send(route.method(), path, type, body,
                        "Authorization", "Bearer " + caller.getValue());
                String as = key + " as " + caller.getKey().label() + ": " + r.body();
                if (least == null || caller.getKey().includes(least)) {
                    assertThat(r.statusCode()).as(as).isNotIn(401, 403);
                } else {
                    assertThat(r.statusCode()).as(as).isEqualTo(403);
                }
                checked++;
            }
        }
        assertThat(routed).isEqualTo(new TreeSet<>(EXPECTED.keySet()));
        assertThat(checked).isGreaterThanOrEqualTo(3 * (EXPECTED.size() - 2));

        JsonNode list = UiNode.JSON.readTree(node.get("/api/v1/accounts", "Authorization", "Bearer " + tokens.get(Role.ADMIN)).body());
        assertThat(list.path("items")).hasSize(3);
    }
}
