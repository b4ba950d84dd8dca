package org.qanode.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A stand-in for the QATrack+ API (QATrack+ cannot be installed from the registries CI reaches):
 * exactly the behaviour qanode relies on, each piece following the QATrack+ source named beside
 * it (qatrackplus/qatrackplus). One unit, one test list assigned to it; instances kept in memory.
 * Not QATrack+: a site checks its own server with {@code qanode qa test} (docs/qa-record.md).
 */
public final class QatrackStandIn implements AutoCloseable {
    public static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    /** A token of a user without permission to perform QA. */
    public static final String READ_ONLY_TOKEN = "ffffffffffffffffffffffffffffffffffffffff";
    public static final String UNIT = "TrueBeam 1";
    public static final String TEST_LIST = "qanode upgrade check";
    /** qatrack/api/qa/serializers.py: BASE64_RE, the check of "base64" attachment and upload values. */
    private static final Pattern BASE64 = Pattern.compile(
            "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A test of the list: macro name (slug) and QATrack+ type (qatrack/qa/models.py, TEST_TYPE_CHOICES). */
    record Test(String slug, String type) {
    }

    final List<Test> tests = new CopyOnWriteArrayList<>(List.of(
            new Test("qanode_identical", "boolean"), new Test("qanode_objects", "simple"),
            new Test("qanode_differences", "simple"), new Test("qanode_alerts", "simple"),
            new Test("qanode_missing", "simple"), new Test("qanode_summary", "string"),
            new Test("qanode_result", "upload"), new Test("physicist_initials", "string")));
    /** Tests required on POST but not listed on GET (a test list edited between lookup and post). */
    final List<String> unlisted = new CopyOnWriteArrayList<>();
    final List<JsonNode> instances = new CopyOnWriteArrayList<>();
    final List<String> posts = new CopyOnWriteArrayList<>();
    final String authHeader;
    private final HttpServer server;

    public QatrackStandIn(String authHeader) throws IOException {
        this.authHeader = authHeader;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
    }

    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            // Django REST framework's TokenAuthentication (settings REST_FRAMEWORK in qatrack/settings.py):
            // no header 401 "Authentication credentials were not provided.", a wrong one 401 "Invalid token."
            String auth = x.getRequestHeaders().getFirst(authHeader);
            if (auth == null) {
                send(x, 401, Map.of("detail", "Authentication credentials were not provided."));
                return;
            }
            if (!auth.equals("Token " + TOKEN) && !auth.equals("Token " + READ_ONLY_TOKEN)) {
                send(x, 401, Map.of("detail", "Invalid token."));
                return;
            }
            boolean mayPerform = auth.equals("Token " + TOKEN);
            String method = x.getRequestMethod();
            if (method.equals("GET") && path.equals("/api/qa/unittestcollections/")) {
                // docs/api/guide.rst "Filtering data"; qatrack/api/qa/filters.py UnitTestCollectionFilter
                // (unit and test_list are RelatedFilters, so unit__name and test_list__name)
                boolean match = (q.get("unit__name") == null || q.get("unit__name").equals(UNIT))
                        && (q.get("test_list__name") == null || q.get("test_list__name").equals(TEST_LIST));
                List<Object> results = new ArrayList<>();
                if (match) {
                    // UnitTestCollectionSerializer (serializers.py): url and tests_object hyperlinks
                    results.add(Map.of("url", root() + "/qa/unittestcollections/1/", "tests_object",
                            root() + "/qa/testlists/1/", "unit", root() + "/units/units/1/"));
                }
                send(x, 200, page(results));
            } else if (method.equals("GET") && path.equals("/api/qa/testlists/1/")) {
                // TestListSerializer: "tests" are hyperlinks (guide.rst "Getting a specific test lists details")
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < tests.size(); i++) {
                    urls.add(root() + "/qa/tests/" + (i + 1) + "/");
                }
                send(x, 200, Map.of("url", root() + "/qa/testlists/1/", "name", TEST_LIST, "tests", urls));
            } else if (method.equals("GET") && path.startsWith("/api/qa/tests/")) {
                int i = Integer.parseInt(path.replaceAll("\\D", "")) - 1;
                send(x, 200, Map.of("slug", tests.get(i).slug(), "type", tests.get(i).type()));
            } else if (method.equals("GET") && path.equals("/api/qa/testlistinstances/")) {
                // qatrack/api/qa/filters.py TestListInstanceFilter: "user_key": ['exact'];
                // qatrack/qa/migrations/0058_testlistinstance_user_key.py: CharField unique=True
                List<Object> results = new ArrayList<>();
                for (JsonNode i : instances) {
                    if (q.get("user_key") == null || q.get("user_key").equals(i.path("user_key").asText())) {
                        results.add(i);
                    }
                }
                send(x, 200, page(results));
            } else if (method.equals("POST") && path.equals("/api/qa/testlistinstances/")) {
                if (!mayPerform) {
                    // guide.rst FAQ: 403 when the token's user may not perform QA
                    send(x, 403, Map.of("detail", "You do not have permission to perform this action."));
                    return;
                }
                create(x, JSON.readTree(x.getRequestBody().readAllBytes()));
            } else {
                send(x, 404, Map.of("detail", "Not found."));
            }
        } catch (RuntimeException e) {
            send(x, 500, Map.of("detail", e.toString()));
        } finally {
            x.close();
        }
    }

    /** TestListInstanceCreator (serializers.py): validate_attachments, validate, preprocess for uploads. */
    private void create(HttpExchange x, JsonNode body) throws IOException {
        posts.add(body.toString());
        String userKey = body.path("user_key").asText(null);
        if (userKey != null && instances.stream().anyMatch(i -> userKey.equals(i.path("user_key").asText()))) {
            // ModelSerializer's UniqueValidator on user_key
            send(x, 400, Map.of("user_key", List.of("test list instance with this user key already exists.")));
            return;
        }
        if (!(root() + "/qa/unittestcollections/1/").equals(body.path("unit_test_collection").asText())) {
            send(x, 400, Map.of("unit_test_collection", List.of("Invalid hyperlink - Object does not exist.")));
            return;
        }
        for (JsonNode a : body.path("attachments")) {
            if (!a.has("filename") || !a.has("value")) {
                send(x, 400, Map.of("attachments", List.of("`attachments` field must be list of form [...]")));
                return;
            }
            if (a.path("encoding").asText("base64").equals("base64") && !BASE64.matcher(a.path("value").asText()).matches()) {
                send(x, 400, Map.of("non_field_errors",
                        List.of("base64 encoding requested but content does not appear to be base64")));
                return;
            }
        }
        JsonNode given = body.path("tests");
        List<String> missing = new ArrayList<>();
        List<String> wrongType = new ArrayList<>();
        List<String> required = new ArrayList<>(tests.stream().map(Test::slug).toList());
        required.addAll(unlisted);
        for (String slug : required) {
            if (!given.has(slug)) {
                missing.add(slug);
                continue;
            }
            JsonNode t = given.get(slug);
            if (t.path("skipped").asBoolean(false)) {
                continue;
            }
            String type = tests.stream().filter(s -> s.slug().equals(slug)).map(Test::type).findFirst().orElse("simple");
            JsonNode v = t.path("value");
            switch (type) {
                case "boolean", "simple" -> {
                    // type_okay: numerical types need a Number (a JSON boolean is one in Python)
                    if (!v.isNumber() && !v.isBoolean()) {
                        wrongType.add(slug);
                    }
                }
                case "upload" -> {
                    // preprocess: an upload needs a filename and base64 content
                    if (!t.has("filename")) {
                        send(x, 400, Map.of("non_field_errors", List.of(slug + " is missing the filename field")));
                        return;
                    }
                    if (t.path("encoding").asText("base64").equals("base64") && !BASE64.matcher(v.asText()).matches()) {
                        send(x, 400, Map.of("non_field_errors",
                                List.of("base64 encoding requested but content does not appear to be base64")));
                        return;
                    }
                }
                default -> {
                }
            }
        }
        List<String> msgs = new ArrayList<>();
        if (!missing.isEmpty()) {
            msgs.add("Missing data for tests: " + String.join(", ", missing));
        }
        if (!wrongType.isEmpty()) {
            msgs.add("Wrong value type (number/string) for tests: " + String.join(", ", wrongType));
        }
        if (!msgs.isEmpty()) {
            send(x, 400, Map.of("non_field_errors", List.of(String.join("\n", msgs))));
            return;
        }
        int n = instances.size() + 1;
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("url", root() + "/qa/testlistinstances/" + n + "/");
        created.put("site_url", root().replace("/api", "") + "/qa/session/details/" + n + "/");
        created.put("user_key", userKey);
        created.put("unit_test_collection", body.path("unit_test_collection").asText());
        created.put("work_started", body.path("work_started").asText());
        created.put("work_completed", body.path("work_completed").asText());
        created.put("comment", body.path("comment").asText());
        created.put("tests", given);
        created.put("attachments", body.path("attachments"));
        JsonNode stored = JSON.valueToTree(created);
        instances.add(stored);
        send(x, 201, stored);
    }

    private static Map<String, Object> page(List<Object> results) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", results.size());
        p.put("next", null);
        p.put("previous", null);
        p.put("results", results);
        return p;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int status, Object body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
    }

    static byte[] decode(JsonNode base64) {
        return Base64.getDecoder().decode(base64.asText());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
