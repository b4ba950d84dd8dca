package org.qanode.qarecord;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redmine's REST API as qanode uses it (redmine.org, "Rest api": Rest_Issues, Rest_Attachments,
 * Rest_Trackers, Rest_IssueStatuses): key in {@code X-Redmine-API-Key}; a file is uploaded to
 * {@code POST /uploads.json} (octet-stream body, answered with a token) and attached through the
 * issue's {@code uploads}; notes and status changes are a {@code PUT /issues/ID.json}.
 */
final class RedmineClient {
    /** Thrown for an answer that is not what the API promises; the message names the call and status. */
    static final class RedmineException extends IOException {
        final int status;

        RedmineException(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    record Upload(String token, String filename, String contentType) {
    }

    private final JsonHttp http;
    private final String project;

    RedmineClient(RedmineSettings s, Duration timeout) {
        this.http = new JsonHttp(s.url(), "X-Redmine-API-Key", s.apiKey(), timeout);
        this.project = s.project();
    }

    String base() {
        return http.base();
    }

    /** The login the key belongs to; 401 means the key is refused (or the REST API is off). */
    String currentUser() throws IOException, InterruptedException {
        JsonNode u = expect(http.get("/users/current.json"), "GET /users/current.json").path("user");
        return u.path("login").asText();
    }

    /** The project's tracker names (403/404: the user cannot see the project). */
    List<String> projectTrackers() throws IOException, InterruptedException {
        JsonNode p = expect(http.get("/projects/" + enc(project) + ".json?include=trackers"),
                "GET /projects/" + project + ".json").path("project");
        List<String> names = new ArrayList<>();
        p.path("trackers").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    Optional<Integer> trackerId(String name) throws IOException, InterruptedException {
        return idByName(expect(http.get("/trackers.json"), "GET /trackers.json").path("trackers"), name);
    }

    Optional<Integer> statusId(String name) throws IOException, InterruptedException {
        return idByName(expect(http.get("/issue_statuses.json"), "GET /issue_statuses.json").path("issue_statuses"),
                name);
    }

    private static Optional<Integer> idByName(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.path("name").asText().equalsIgnoreCase(name)) {
                return Optional.of(n.path("id").asInt());
            }
        }
        return Optional.empty();
    }

    /**
     * The issue of the project whose subject carries {@code marker} (the comparison id), in any
     * status: how a retry finds an issue whose id was lost ({@code subject=~} is "contains").
     */
    Optional<Integer> findIssue(String marker) throws IOException, InterruptedException {
        String path = "/issues.json?project_id=" + enc(project) + "&status_id=*&subject=" + enc("~" + marker);
        JsonNode issues = expect(http.get(path), "GET /issues.json").path("issues");
        for (JsonNode i : issues) {
            if (i.path("subject").asText().contains(marker)) {
                return Optional.of(i.path("id").asInt());
            }
        }
        return Optional.empty();
    }

    Upload upload(byte[] content, String filename, String contentType) throws IOException, InterruptedException {
        JsonNode r = expect(http.postBytes("/uploads.json?filename=" + enc(filename), "application/octet-stream", content),
                "POST /uploads.json");
        String token = r.path("upload").path("token").asText(null);
        if (token == null) {
            throw new RedmineException("POST /uploads.json: no upload token in the answer", 0);
        }
        return new Upload(token, filename, contentType);
    }

    int createIssue(int trackerId, String subject, String description, List<Upload> uploads)
            throws IOException, InterruptedException {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("project_id", project);
        issue.put("tracker_id", trackerId);
        issue.put("subject", subject);
        issue.put("description", description);
        List<Map<String, String>> ups = new ArrayList<>();
        for (Upload u : uploads) {
            ups.add(Map.of("token", u.token(), "filename", u.filename(), "content_type", u.contentType()));
        }
        issue.put("uploads", ups);
        JsonNode r = expect(http.post("/issues.json", Map.of("issue", issue)), "POST /issues.json");
        int id = r.path("issue").path("id").asInt(0);
        if (id == 0) {
            throw new RedmineException("POST /issues.json: no issue id in the answer", 0);
        }
        return id;
    }

    /** Adds a note (journal) and, when {@code statusId} is not null, sets the status. */
    void addNote(int issueId, String notes, Integer statusId) throws IOException, InterruptedException {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("notes", notes);
        if (statusId != null) {
            issue.put("status_id", statusId);
        }
        expect(http.put("/issues/" + issueId + ".json", Map.of("issue", issue)), "PUT /issues/" + issueId + ".json");
    }

    private static JsonNode expect(JsonHttp.Response r, String call) throws RedmineException {
        if (!r.ok()) {
            throw new RedmineException(call + ": " + r.describe(), r.status());
        }
        return r.json();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
