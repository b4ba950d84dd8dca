package org.qanode.node;

import org.qanode.ingest.StateEvents;
import org.qanode.metrics.NodeMetrics;
import org.qanode.webhook.WebhookOutbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.qanode.result.ComparisonResult;
import org.qanode.sweep.SweepRecord;

/**
 * Turns what happens in the node into metrics and webhook events:
 * {@code comparison.finished} (DONE or FAILED, with summary, verdict, worst severity (NONE when
 * every pair is identical) and links to the
 * JSON and HTML results) and {@code state.firstObject} (a state received its first object after
 * being empty), {@code comparison.signedOff} (a reviewer's decision), {@code sweep.finished} and
 * {@code selftest.failed} (the built-in self-check missed a seeded change or reported noise: ALERT). Event bodies are JSON objects with {@code event} and {@code occurredAt}.
 */
public final class NodeEvents implements ComparisonService.Listener, StateEvents, ReviewService.Listener {
    public static final String COMPARISON_FINISHED = "comparison.finished";
    public static final String COMPARISON_SIGNED_OFF = "comparison.signedOff";
    public static final String STATE_FIRST_OBJECT = "state.firstObject";
    public static final String SWEEP_FINISHED = "sweep.finished";
    public static final String SELFTEST_FAILED = "selftest.failed";

    private final WebhookOutbox outbox;
    private final NodeMetrics metrics;
    private final Supplier<String> baseUrl;

    public NodeEvents(WebhookOutbox outbox, NodeMetrics metrics, Supplier<String> baseUrl) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.baseUrl = baseUrl;
    }

    @Override
    public void finished(ComparisonRecord record, ComparisonResult result) {
        metrics.comparisonFinished(record.status());
        Map<String, Long> bySeverity = result == null ? Map.of() : ComparisonService.differencesBySeverity(result);
        bySeverity.forEach(metrics::differences);
        Map<String, Object> event = start(COMPARISON_FINISHED);
        event.put("id", record.id());
        event.put("status", record.status());
        event.put("baseline", record.baseline());
        event.put("candidate", record.candidate());
        event.put("profile", record.profile());
        if (record.error() != null) {
            event.put("error", record.error());
        }
        if (result != null) {
            event.put("summary", result.summary());
            // ARCHITECTURE.md: verdict IDENTICAL|DIFFERENT, severity the worst pair's, NONE when identical
            event.put("verdict", result.verdict());
            event.put("severity", result.severity() == null ? record.severity() : result.severity().name());
            event.put("differences", bySeverity.values().stream().mapToLong(Long::longValue).sum());
            event.put("differencesBySeverity", bySeverity);
            if (!result.flags().isEmpty()) {
                // the clinical flags of the profile (issue 13), as in the result JSON
                event.put("flags", result.flags());
            }
        }
        String self = baseUrl.get() + "/api/v1/comparisons/" + record.id();
        event.put("links", Map.of("json", self, "html", self + "?format=html", "csv", self + "?format=csv", "ui",
                baseUrl.get() + "/ui/comparisons/" + record.id()));
        publish(COMPARISON_FINISHED, event);
    }

    /** A reviewer accepted or rejected a DONE comparison: the decision and what it was about. */
    @Override
    public void signedOff(ComparisonRecord record, org.qanode.result.Signoff signoff) {
        Map<String, Object> event = start(COMPARISON_SIGNED_OFF);
        event.put("id", record.id());
        event.put("baseline", record.baseline());
        event.put("candidate", record.candidate());
        event.put("profile", record.profile());
        event.put("severity", record.severity());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("user", signoff.user());
        s.put("decision", signoff.decision());
        s.put("comment", signoff.comment());
        s.put("at", signoff.at());
        event.put("signoff", s);
        String self = baseUrl.get() + "/api/v1/comparisons/" + record.id();
        event.put("links", Map.of("json", self, "html", self + "?format=html", "ui",
                baseUrl.get() + "/ui/comparisons/" + record.id()));
        publish(COMPARISON_SIGNED_OFF, event);
    }

    @Override
    public void firstObject(String state, String sopClassUid, String sopInstanceUid, String callingAeTitle) {
        Map<String, Object> event = start(STATE_FIRST_OBJECT);
        event.put("state", state);
        event.put("sopClassUid", sopClassUid);
        event.put("sopInstanceUid", sopInstanceUid);
        event.put("callingAeTitle", callingAeTitle);
        event.put("links", Map.of("instances", baseUrl.get() + "/api/v1/states/" + state + "/instances"));
        publish(STATE_FIRST_OBJECT, event);
    }

    /** A sweep run ended: its status, counts by severity and a link to its comparison. */
    public void sweepFinished(SweepRecord sweep) {
        Map<String, Object> event = start(SWEEP_FINISHED);
        event.put("id", sweep.id());
        event.put("trigger", sweep.trigger());
        event.put("status", sweep.status());
        event.put("state", sweep.state());
        if (sweep.baseline() != null) {
            event.put("baseline", sweep.baseline());
        }
        if (sweep.severity() != null) {
            event.put("severity", sweep.severity());
        }
        event.put("alerts", sweep.alerts());
        event.put("warnings", sweep.warnings());
        event.put("infos", sweep.infos());
        event.put("flags", sweep.flags());
        if (sweep.selfCheck() != null) {
            event.put("selfCheck", sweep.selfCheck());
        }
        if (sweep.export() != null) {
            event.put("export", Map.of("expected", sweep.export().expected(), "received", sweep.export().received(),
                    "failed", sweep.export().failed()));
        }
        if (sweep.error() != null) {
            event.put("error", sweep.error());
        }
        if (sweep.comparison() != null) {
            event.put("comparison", sweep.comparison());
        }
        Map<String, String> links = new LinkedHashMap<>();
        links.put("sweep", baseUrl.get() + "/api/v1/sweeps/" + sweep.id());
        if (sweep.comparison() != null) {
            links.put("comparison", baseUrl.get() + "/api/v1/comparisons/" + sweep.comparison());
        }
        event.put("links", links);
        publish(SWEEP_FINISHED, event);
    }

    /**
     * The built-in self-check failed (issue 13): always ALERT, whatever the profile, because every
     * comparison of the node is in doubt until it passes again. {@code context}: "node start" or "sweep".
     */
    public void selfCheckFailed(org.qanode.selftest.SelfCheck.Result r, String context) {
        Map<String, Object> event = start(SELFTEST_FAILED);
        event.put("severity", "ALERT");
        event.put("context", context);
        event.put("profile", r.profile());
        event.put("at", r.at().toString());
        event.put("problems", r.lines());
        event.put("links", Map.of("health", baseUrl.get() + "/api/v1/health"));
        publish(SELFTEST_FAILED, event);
    }

    private static Map<String, Object> start(String name) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", name);
        event.put("occurredAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return event;
    }

    private void publish(String name, Map<String, Object> event) {
        try {
            outbox.enqueue(name, NodeJson.MAPPER.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + name, e);
        }
    }
}
