package org.qanode.qarecord;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QATrack+'s API as qanode uses it (qatrackplus/qatrackplus, docs/api/guide.rst): the token in
 * {@code Authorization: Token ...} (header name configurable), the unit test collection found by
 * {@code unit__name} and {@code test_list__name}, a test list instance created with
 * {@code POST /qa/testlistinstances/}, an earlier one found by {@code user_key}.
 */
final class QatrackClient {
    static final class QatrackException extends IOException {
        final int status;
        final String body;

        QatrackException(String message, int status, String body) {
            super(message);
            this.status = status;
            this.body = body;
        }
    }

    /** A unit test collection: its URL (what an instance names) and its test list's URL. */
    record Collection(String url, String testsObject) {
    }

    private final JsonHttp http;

    QatrackClient(QatrackSettings s, Duration timeout) {
        this.http = new JsonHttp(s.url(), s.authHeader(), "Token " + s.token(), timeout);
    }

    String base() {
        return http.base();
    }

    Optional<Collection> unitTestCollection(String unit, String testList) throws IOException, InterruptedException {
        JsonNode r = expect(http.get("/qa/unittestcollections/?unit__name=" + enc(unit) + "&test_list__name="
                + enc(testList)), "GET /qa/unittestcollections/");
        for (JsonNode utc : r.path("results")) {
            return Optional.of(new Collection(utc.path("url").asText(), utc.path("tests_object").asText(null)));
        }
        return Optional.empty();
    }

    /** The macro names (slugs) of the tests a test list defines. */
    List<String> testSlugs(String testListUrl) throws IOException, InterruptedException {
        JsonNode tl = expect(http.get(testListUrl), "GET test list");
        List<String> slugs = new ArrayList<>();
        for (JsonNode t : tl.path("tests")) {
            slugs.add(expect(http.get(t.asText()), "GET test").path("slug").asText());
        }
        return slugs;
    }

    /**
     * The instance posted earlier with this user_key, if any: its URL. The key is compared, not
     * only filtered on: a server without the user_key filter (before QATrack+'s migration 0058)
     * would answer with every instance.
     */
    Optional<String> findInstance(String userKey) throws IOException, InterruptedException {
        JsonNode r = expect(http.get("/qa/testlistinstances/?user_key=" + enc(userKey)), "GET /qa/testlistinstances/");
        for (JsonNode tli : r.path("results")) {
            if (userKey.equals(tli.path("user_key").asText(null))) {
                return Optional.of(tli.path("url").asText());
            }
        }
        return Optional.empty();
    }

    /** Posts an instance; a 4xx is returned (the caller reads it), anything else non-2xx throws. */
    JsonHttp.Response create(Map<String, Object> instance) throws IOException, InterruptedException {
        JsonHttp.Response r = http.post("/qa/testlistinstances/", instance);
        if (!r.ok() && r.status() != 400) {
            throw new QatrackException("POST /qa/testlistinstances/: " + r.describe(), r.status(), r.text());
        }
        return r;
    }

    private static JsonNode expect(JsonHttp.Response r, String call) throws QatrackException {
        if (!r.ok()) {
            throw new QatrackException(call + ": " + r.describe(), r.status(), r.text());
        }
        return r.json();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
