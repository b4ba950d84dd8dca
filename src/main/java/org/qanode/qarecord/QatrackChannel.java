package org.qanode.qarecord;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qanode.result.ComparisonResult;
import org.qanode.webhook.OutboxChannel;
import org.qanode.webhook.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QATrack+ as a QA record (issue 15): a comparison matching a {@code qa.qatrack.mappings} entry
 * becomes one test list instance on the mapping's unit and test list, with {@code user_key} =
 * the comparison id so that a retry never duplicates it (QATrack+ keeps user_key unique; it is
 * also asked first). Tests the list defines but qanode has no value for are sent skipped; a 400
 * naming missing tests (the serializer's "Missing data for tests: ...") is retried once with
 * those skipped. The HTML report is attached, base64.
 */
public final class QatrackChannel implements OutboxChannel {
    public static final String NAME = "qatrack";
    private static final Logger LOG = LoggerFactory.getLogger(QatrackChannel.class);
    /** qatrack/api/qa/serializers.py, TestListInstanceCreator.validate. */
    private static final Pattern MISSING = Pattern.compile("Missing data for tests: ([^\"\\n\\]]+)");

    private final QatrackSettings settings;
    private final QatrackClient client;
    private final QaRecordLinks links;
    private final ResultSource results;

    public QatrackChannel(QatrackSettings settings, QaRecordLinks links, ResultSource results, Duration timeout) {
        this.settings = settings;
        this.client = new QatrackClient(settings, timeout);
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
        if (!Events.COMPARISON_FINISHED.equals(event) && !Events.SWEEP_FINISHED.equals(event)) {
            return false;
        }
        return mapping(event, Events.parse(body)).isPresent();
    }

    private Optional<QatrackSettings.Mapping> mapping(String event, JsonNode e) {
        if (Events.COMPARISON_FINISHED.equals(event)) {
            if (!"DONE".equals(e.path("status").asText())) {
                return Optional.empty();
            }
            String b = e.path("baseline").asText(null);
            String c = e.path("candidate").asText(null);
            return settings.mappings().stream().filter(m -> m.matchesStates(b, c)).findFirst();
        }
        if (Events.SWEEP_FINISHED.equals(event) && Events.comparisonId(event, e) != null) {
            return settings.mappings().stream().filter(QatrackSettings.Mapping::sweep).findFirst();
        }
        return Optional.empty();
    }

    @Override
    public Attempt deliver(OutboxEntry entry) throws InterruptedException {
        JsonNode e = Events.parse(entry.body());
        String id = Events.comparisonId(entry.event(), e);
        Optional<QatrackSettings.Mapping> m = mapping(entry.event(), e);
        if (m.isEmpty() || id == null) {
            return Attempt.ok(204); // the mapping was removed from the configuration since
        }
        try {
            if (links.get(NAME, id).isPresent()) {
                return Attempt.ok(200);
            }
            Optional<String> earlier = client.findInstance(id);
            if (earlier.isPresent()) {
                links.put(NAME, id, earlier.get());
                LOG.info("qatrack: comparison {} was already recorded as {}", id, earlier.get());
                return Attempt.ok(200);
            }
            QatrackSettings.Mapping map = m.get();
            QatrackClient.Collection utc = client.unitTestCollection(map.unit(), map.testList())
                    .orElseThrow(() -> new QatrackClient.QatrackException("no test list '" + map.testList()
                            + "' assigned to unit '" + map.unit() + "'", 0, null));
            List<String> slugs = utc.testsObject() == null ? new ArrayList<>(settings.tests().keySet())
                    : client.testSlugs(utc.testsObject());
            ComparisonResult r = results.load(id);
            Map<String, Object> instance = instance(utc, slugs, r);
            JsonHttp.Response resp = client.create(instance);
            if (resp.status() == 400) {
                List<String> missing = missingTests(resp.text());
                if (!missing.isEmpty()) {
                    LOG.info("qatrack: test list '{}' wants tests {} qanode has no value for: sent again as skipped",
                            map.testList(), missing);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> tests = (Map<String, Object>) instance.get("tests");
                    missing.forEach(slug -> tests.put(slug, Map.of("skipped", true)));
                    resp = client.create(instance);
                }
            }
            if (resp.status() == 400) {
                // a concurrent or lost earlier post: user_key is unique, so ask which instance holds it
                Optional<String> holder = client.findInstance(id);
                if (holder.isPresent()) {
                    links.put(NAME, id, holder.get());
                    return Attempt.ok(200);
                }
                return Attempt.failed(400, "POST /qa/testlistinstances/: " + resp.describe());
            }
            String url = resp.json().path("url").asText(id);
            links.put(NAME, id, url);
            LOG.info("qatrack: comparison {} recorded on unit '{}', test list '{}' as {}", id, map.unit(),
                    map.testList(), url);
            return Attempt.ok(resp.status());
        } catch (QatrackClient.QatrackException ex) {
            return Attempt.failed(ex.status == 0 ? null : ex.status, ex.getMessage());
        } catch (IOException ex) {
            return Attempt.failed(null, ex.getMessage());
        }
    }

    private Map<String, Object> instance(QatrackClient.Collection utc, List<String> slugs, ComparisonResult r)
            throws IOException {
        Map<String, Object> tests = new LinkedHashMap<>();
        for (String slug : slugs) {
            String source = settings.tests().get(slug);
            tests.put(slug, source == null ? Map.of("skipped", true) : QatrackValues.value(source, r));
        }
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("unit_test_collection", utc.url());
        i.put("in_progress", false);
        i.put("work_started", r.startedAt());
        i.put("work_completed", r.finishedAt());
        i.put("user_key", r.id());
        i.put("comment", "qanode comparison " + r.id() + " (profile " + r.profile() + "): " + r.baseline() + " -> "
                + r.candidate() + ", " + ComparisonText.summaryLine(r));
        i.put("tests", tests);
        i.put("attachments", List.of(Map.of("filename", "comparison-" + r.id() + ".html", "value",
                Base64.getEncoder().encodeToString(Reports.html(r)), "encoding", "base64")));
        return i;
    }

    static List<String> missingTests(String body) {
        List<String> out = new ArrayList<>();
        if (body == null) {
            return out;
        }
        Matcher m = MISSING.matcher(body);
        if (m.find()) {
            for (String s : m.group(1).split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    @Override
    public Check check() throws InterruptedException {
        try {
            if (settings.mappings().isEmpty()) {
                return new Check(NAME, false, "no mappings (qa.qatrack.mappings): nothing would be recorded");
            }
            List<String> seen = new ArrayList<>();
            for (QatrackSettings.Mapping m : settings.mappings()) {
                Optional<QatrackClient.Collection> utc = client.unitTestCollection(m.unit(), m.testList());
                if (utc.isEmpty()) {
                    return new Check(NAME, false, "no test list '" + m.testList() + "' assigned to unit '" + m.unit()
                            + "' (qa.qatrack.mappings)");
                }
                if (utc.get().testsObject() != null) {
                    List<String> slugs = client.testSlugs(utc.get().testsObject());
                    List<String> unknown = settings.tests().keySet().stream().filter(t -> !slugs.contains(t)).toList();
                    if (unknown.size() == settings.tests().size()) {
                        return new Check(NAME, false, "test list '" + m.testList() + "' has none of the tests "
                                + settings.tests().keySet() + " (qa.qatrack.tests; it has " + slugs + ")");
                    }
                }
                seen.add(m.unit() + "/" + m.testList());
            }
            return new Check(NAME, true, "token accepted, " + String.join(", ", seen));
        } catch (QatrackClient.QatrackException ex) {
            if (ex.status == 401) {
                return new Check(NAME, false, "token refused (HTTP 401; check qa.qatrack.token and qa.qatrack.authHeader)");
            }
            if (ex.status == 403) {
                return new Check(NAME, false, "token accepted but its user may not perform QA (HTTP 403)");
            }
            return new Check(NAME, false, ex.getMessage());
        } catch (IOException ex) {
            return new Check(NAME, false, "cannot reach " + client.base() + ": " + ex.getMessage());
        }
    }
}
