package org.qanode.qarecord;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qanode.compare.Severity;
import org.qanode.result.ComparisonResult;
import org.qanode.webhook.OutboxChannel;
import org.qanode.webhook.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redmine as a QA record (issue 15): a comparison (or a sweep's comparison) at or above
 * {@code qa.redmine.minSeverity} gets one issue, ever: the issue id is remembered in
 * qa_record_links, and before creating one a retry asks Redmine for an issue whose subject
 * carries the comparison id (the answer to a create may be lost). The HTML report and the CSV
 * of differences are attached. A sweep adds a note to its comparison's issue; a sign-off adds a
 * note and sets the mapped status (either opens the issue first if there is none yet).
 */
public final class RedmineChannel implements OutboxChannel {
    public static final String NAME = "redmine";
    private static final Logger LOG = LoggerFactory.getLogger(RedmineChannel.class);

    private final RedmineSettings settings;
    private final RedmineClient client;
    private final QaRecordLinks links;
    private final ResultSource results;

    public RedmineChannel(RedmineSettings settings, QaRecordLinks links, ResultSource results, Duration timeout) {
        this.settings = settings;
        this.client = new RedmineClient(settings, timeout);
        this.links = links;
        this.results = results;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        return client.base();
    }

    @Override
    public boolean wants(String event, byte[] body) {
        if (!Events.COMPARISON_FINISHED.equals(event) && !Events.SWEEP_FINISHED.equals(event)
                && !Events.COMPARISON_SIGNED_OFF.equals(event)) {
            return false;
        }
        JsonNode e = Events.parse(body);
        if (Events.COMPARISON_FINISHED.equals(event) && !"DONE".equals(e.path("status").asText())) {
            return false;
        }
        Severity s = Events.severity(event, e);
        // a sign-off is recorded where an issue was opened: the comparison was at or above the threshold
        return Events.comparisonId(event, e) != null && s != null && s.compareTo(settings.minSeverity()) >= 0;
    }

    @Override
    public Attempt deliver(OutboxEntry entry) throws InterruptedException {
        JsonNode e = Events.parse(entry.body());
        String id = Events.comparisonId(entry.event(), e);
        try {
            switch (entry.event()) {
                case Events.COMPARISON_FINISHED -> {
                    int issue = ensureIssue(id, e.path("links"), null);
                    return Attempt.ok(200);
                }
                case Events.SWEEP_FINISHED -> {
                    String sweepLine = sweepLine(e);
                    Optional<Integer> existing = knownIssue(id);
                    if (existing.isPresent()) {
                        client.addNote(existing.get(), sweepLine, null);
                        LOG.info("redmine: issue {} of comparison {}: sweep {} noted", existing.get(), id,
                                e.path("id").asText());
                    } else {
                        ensureIssue(id, null, e);
                    }
                    return Attempt.ok(200);
                }
                case Events.COMPARISON_SIGNED_OFF -> {
                    // rows go out in order, so the issue is normally there; it is opened here when
                    // Redmine was configured after the comparison finished
                    Optional<Integer> issue = Optional.of(ensureIssue(id, e.path("links"), null));
                    JsonNode so = e.path("signoff");
                    String decision = so.path("decision").asText();
                    Integer status = null;
                    String statusName = settings.signoffStatus().get(decision);
                    if (statusName != null) {
                        status = client.statusId(statusName).orElseThrow(() -> new RedmineClient.RedmineException(
                                "no issue status '" + statusName + "' (qa.redmine.signoffStatus." + decision + ")", 0));
                    }
                    client.addNote(issue.get(), signoffNote(so, e.path("links")), status);
                    LOG.info("redmine: issue {} of comparison {}: sign-off {} noted", issue.get(), id, decision);
                    return Attempt.ok(200);
                }
                default -> {
                    return Attempt.ok(204);
                }
            }
        } catch (RedmineClient.RedmineException ex) {
            return Attempt.failed(ex.status == 0 ? null : ex.status, ex.getMessage());
        } catch (IOException ex) {
            return Attempt.failed(null, ex.getMessage());
        }
    }

    /** The issue remembered for the comparison, or found in Redmine by its marker (then remembered). */
    private Optional<Integer> knownIssue(String comparisonId) throws IOException, InterruptedException {
        Optional<String> known = links.get(NAME, comparisonId);
        if (known.isPresent()) {
            return Optional.of(Integer.parseInt(known.get()));
        }
        Optional<Integer> found = client.findIssue(ComparisonText.marker(comparisonId));
        found.ifPresent(i -> links.put(NAME, comparisonId, Integer.toString(i)));
        return found;
    }

    private int ensureIssue(String comparisonId, JsonNode eventLinks, JsonNode sweep)
            throws IOException, InterruptedException {
        Optional<Integer> known = knownIssue(comparisonId);
        if (known.isPresent()) {
            return known.get();
        }
        ComparisonResult r = results.load(comparisonId);
        int tracker = client.trackerId(settings.tracker()).orElseThrow(() -> new RedmineClient.RedmineException(
                "no tracker '" + settings.tracker() + "' (qa.redmine.tracker)", 0));
        List<RedmineClient.Upload> uploads = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        upload(Reports.html(r), "comparison-" + r.id() + ".html", "text/html", uploads, refused);
        upload(Reports.csv(r), "comparison-" + r.id() + ".csv", "text/csv", uploads, refused);
        String sweepId = sweep == null ? null : sweep.path("id").asText(null);
        int issue = client.createIssue(tracker, ComparisonText.subject(r, sweepId),
                ComparisonText.description(r, eventLinks, sweep == null ? null : sweepLine(sweep),
                        uploads.stream().map(RedmineClient.Upload::filename).toList(), refused), uploads);
        links.put(NAME, comparisonId, Integer.toString(issue));
        LOG.info("redmine: issue {} opened for comparison {} ({} vs {}, {})", issue, comparisonId, r.baseline(),
                r.candidate(), r.severity());
        return issue;
    }

    /**
     * Uploads one file; a file Redmine refuses as such (422: larger than its "Maximum attachment
     * size", a forbidden extension) is left out and named in the description, rather than keeping
     * the whole issue from being opened. Anything else fails the delivery (it is retried).
     */
    private void upload(byte[] content, String filename, String contentType, List<RedmineClient.Upload> uploads,
            List<String> refused) throws IOException, InterruptedException {
        try {
            uploads.add(client.upload(content, filename, contentType));
        } catch (RedmineClient.RedmineException e) {
            if (e.status != 422) {
                throw e;
            }
            LOG.warn("redmine: {} ({} bytes) refused, the issue goes without it: {}", filename, content.length,
                    e.getMessage());
            refused.add(filename + " (" + content.length + " bytes): " + e.getMessage());
        }
    }

    private static String sweepLine(JsonNode s) {
        String line = "Sweep " + s.path("id").asText() + " (" + s.path("trigger").asText() + ") finished "
                + s.path("status").asText() + ": state " + s.path("state").asText() + ", " + s.path("alerts").asInt()
                + " alert, " + s.path("warnings").asInt() + " warning, " + s.path("infos").asInt() + " info";
        JsonNode x = s.path("export");
        if (!x.isMissingNode()) {
            line += "; export " + x.path("received").asInt() + " of " + x.path("expected").asInt() + " received, "
                    + x.path("failed").asInt() + " failed";
        }
        return line + ".";
    }

    private static String signoffNote(JsonNode so, JsonNode eventLinks) {
        StringBuilder sb = new StringBuilder("Signed off in qanode: ").append(so.path("decision").asText())
                .append(" by ").append(so.path("user").asText()).append(" at ").append(so.path("at").asText())
                .append('.');
        String comment = so.path("comment").asText(null);
        if (comment != null && !comment.isEmpty() && !comment.equals("null")) {
            sb.append("\n\n").append(comment);
        }
        if (eventLinks.hasNonNull("ui")) {
            sb.append("\n\n").append(eventLinks.get("ui").asText());
        }
        return sb.toString();
    }

    @Override
    public Check check() throws InterruptedException {
        try {
            String login = client.currentUser();
            List<String> trackers;
            try {
                trackers = client.projectTrackers();
            } catch (RedmineClient.RedmineException ex) {
                return new Check(NAME, false, ex.status == 404 || ex.status == 403
                        ? "project '" + settings.project() + "' not found or not visible to " + login + " (qa.redmine.project)"
                        : ex.getMessage());
            }
            if (trackers.stream().noneMatch(t -> t.equalsIgnoreCase(settings.tracker()))) {
                return new Check(NAME, false, "tracker '" + settings.tracker() + "' not enabled in project '"
                        + settings.project() + "' (has " + String.join(", ", trackers) + "; qa.redmine.tracker)");
            }
            for (var m : settings.signoffStatus().entrySet()) {
                if (client.statusId(m.getValue()).isEmpty()) {
                    return new Check(NAME, false, "no issue status '" + m.getValue() + "' (qa.redmine.signoffStatus."
                            + m.getKey() + ")");
                }
            }
            return new Check(NAME, true, "user " + login + ", project " + settings.project() + ", tracker "
                    + settings.tracker() + ", issues from " + settings.minSeverity());
        } catch (RedmineClient.RedmineException ex) {
            if (ex.status == 401) {
                return new Check(NAME, false, "API key refused (HTTP 401; check qa.redmine.apiKey and that the REST API "
                        + "is enabled in Administration, Settings, API)");
            }
            return new Check(NAME, false, ex.getMessage());
        } catch (IOException ex) {
            return new Check(NAME, false, "cannot reach " + client.base() + ": " + ex.getMessage());
        }
    }
}
