package org.qanode.ui;

import org.qanode.account.Role;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.qanode.api.ApiRequest;
import org.qanode.api.ApiResponse;
import org.qanode.node.Node;
import org.qanode.sweep.ExportStatus;
import org.qanode.sweep.SweepRecord;

/**
 * {@code /ui/exports}: exports and sweeps. History of both (newest first), live progress of the
 * running ones (the page refreshes itself while any runs), and the two ways to start one: an
 * export from a configured ROIS ({@code POST /api/v1/exports}) and the configured sweep now
 * ({@code POST /api/v1/sweeps}), both through the REST API like every change the UI makes.
 */
final class ExportsPage {
    static final int HISTORY = 100;

    private final Node node;
    private final Layout layout;
    private final Times times;

    ExportsPage(Node node, Layout layout, Times times) {
        this.node = node;
        this.layout = layout;
        this.times = times;
    }

    ApiResponse render(ApiRequest r) {
        List<ExportStatus> exports = node.exports().list(HISTORY);
        List<SweepRecord> sweeps = new ArrayList<>(node.sweeps().history());
        Collections.reverse(sweeps);
        if (sweeps.size() > HISTORY) {
            sweeps = sweeps.subList(0, HISTORY);
        }
        boolean running = exports.stream().anyMatch(e -> !e.finished())
                || sweeps.stream().anyMatch(s -> SweepRecord.RUNNING.equals(s.status()));
        Html b = new Html(32768);
        b.add("<h1>Exports and sweeps</h1>\n");
        b.add("<p id=\"activity\" role=\"status\" data-running=\"{}\">{}</p>\n", running,
                running ? "Running: this page updates itself every 3 seconds until everything has finished."
                        : "Nothing running.");
        boolean mayStart = Layout.may(r, Role.PHYSICIST);
        if (mayStart) {
            startExport(b, r);
        }
        exports(b, exports);
        sweeps(b, sweeps, mayStart);
        return WebUi.html(200, layout.page(r, "Exports and sweeps", b, running ? 3 : null));
    }

    private void startExport(Html b, ApiRequest r) {
        b.add("<section aria-labelledby=\"h-start-export\"><h2 id=\"h-start-export\">Start an export</h2>\n");
        List<String> rois = new ArrayList<>(node.exports().roisNames());
        Collections.sort(rois);
        if (rois.isEmpty()) {
            b.add("<p>No ROIS is configured (section <code>rois:</code> of the configuration): there is nothing to export from.</p>\n</section>\n");
            return;
        }
        b.add("<form id=\"export-form\" class=\"stack\" data-api=\"/api/v1/exports\" data-next=\"reload\">\n"
                + "<div><label for=\"x-from\">From ROIS</label><select id=\"x-from\" name=\"from\" required>");
        for (String name : rois) {
            b.add("<option value=\"{}\">{}</option>", name, name);
        }
        String preset = r.param("state");
        b.add("</select></div>\n<div><label for=\"x-state\">Into state (new or existing)</label>"
                        + "<input id=\"x-state\" name=\"state\" type=\"text\" required maxlength=\"64\" "
                        + "pattern=\"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\" value=\"{}\" aria-describedby=\"x-state-help\">"
                        + "<span id=\"x-state-help\" class=\"help\">1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit</span></div>\n"
                        + "<div><label for=\"x-patients\">Patient IDs (optional; separated by commas or spaces)</label>"
                        + "<input id=\"x-patients\" name=\"patientIds\" type=\"text\" data-list></div>\n"
                        + "<div><label for=\"x-modalities\">Modalities (optional, e.g. RTPLAN RTRECORD)</label>"
                        + "<input id=\"x-modalities\" name=\"modalities\" type=\"text\" data-list></div>\n"
                        + "<div><label for=\"x-date\">Study date (optional, DICOM date or range, e.g. 20261101-)</label>"
                        + "<input id=\"x-date\" name=\"studyDate\" type=\"text\" maxlength=\"17\"></div>\n"
                        + "<div><button type=\"submit\">Start export</button></div>\n<p class=\"error\" role=\"alert\"></p>\n</form>\n</section>\n",
                preset == null ? "" : preset);
    }

    private void exports(Html b, List<ExportStatus> exports) {
        b.add("<section aria-labelledby=\"h-exports\"><h2 id=\"h-exports\">Exports</h2>\n");
        if (exports.isEmpty()) {
            b.add("<p>No exports yet.</p>\n</section>\n");
            return;
        }
        b.add("<table id=\"export-history\"><caption class=\"skip\">Exports, newest first</caption><thead><tr>"
                + "<th scope=\"col\">started</th><th scope=\"col\">from → state</th><th scope=\"col\">status</th>"
                + "<th scope=\"col\">progress</th><th scope=\"col\" class=\"num\">failed</th>"
                + "<th scope=\"col\" class=\"num\">patients / studies / series</th><th scope=\"col\">finished</th>"
                + "<th scope=\"col\">problem</th></tr></thead><tbody>\n");
        for (ExportStatus e : exports) {
            b.add("<tr data-export=\"{}\" data-status=\"{}\"><td>{}</td><td>{} → <a href=\"/ui/states/{}\">{}</a></td>"
                            + "<td class=\"{}\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} / {} / {}</td>"
                            + "<td>{}</td><td>{}</td></tr>\n",
                    e.id(), e.status(), times.at(e.startedAt()), e.from(), Html.url(e.state()), e.state(),
                    statusClass(e.status()), e.status(), progress(e.received(), e.expected(), !e.finished()), e.failed(),
                    e.patients(), e.studies(), e.series(), times.at(e.finishedAt()), problem(e));
        }
        b.add("</tbody></table>\n</section>\n");
    }

    private static Html problem(ExportStatus e) {
        if (e.error() == null) {
            return new Html(0);
        }
        if (e.missing().isEmpty()) {
            return Html.of("{}", e.error());
        }
        return Html.of("{} <span class=\"muted\">({} missing)</span>", e.error(), e.missing().size());
    }

    /** Received of expected, with a progress bar while running (its label says the numbers). */
    static Html progress(int done, int expected, boolean running) {
        Html h = Html.of("{} / {}", done, expected);
        if (running && expected > 0) {
            h.add(" <progress max=\"{}\" value=\"{}\" aria-label=\"{} of {} received\"></progress>", expected,
                    Math.min(done, expected), done, expected);
        }
        return h;
    }

    private static String statusClass(String status) {
        return switch (status == null ? "" : status) {
            case "FAILED" -> "ALERT";
            case "PARTIAL" -> "WARNING";
            default -> "";
        };
    }

    /** {@code mayStart}: the caller may run a sweep (physicist, admin); the server checks again. */
    private void sweeps(Html b, List<SweepRecord> sweeps, boolean mayStart) {
        b.add("<section aria-labelledby=\"h-sweeps\"><h2 id=\"h-sweeps\">Sweeps</h2>\n");
        if (!node.sweeps().configured()) {
            b.add("<p>No sweep is configured (section <code>sweep:</code> of the configuration).</p>\n");
        } else {
            b.add("<p id=\"next-sweep\">Next scheduled run: {}</p>\n", times.at(node.sweeps().nextRun()));
            if (mayStart) {
                b.add("<form id=\"sweep-form\" data-api=\"/api/v1/sweeps\" data-next=\"reload\">"
                        + "<button type=\"submit\">Run the sweep now</button> <span class=\"error\" role=\"alert\"></span></form>\n");
            }
        }
        if (sweeps.isEmpty()) {
            b.add("<p>No sweep has run yet.</p>\n</section>\n");
            return;
        }
        b.add("<table id=\"sweep-history\"><caption class=\"skip\">Sweeps, newest first</caption><thead><tr>"
                + "<th scope=\"col\">started</th><th scope=\"col\">trigger</th><th scope=\"col\">status</th>"
                + "<th scope=\"col\">state (baseline)</th><th scope=\"col\">export</th><th scope=\"col\">comparison</th>"
                + "<th scope=\"col\" class=\"num\">alerts / warnings / infos</th><th scope=\"col\">finished</th>"
                + "<th scope=\"col\">problem</th></tr></thead><tbody>\n");
        for (SweepRecord s : sweeps) {
            ExportStatus x = s.export();
            b.add("<tr data-sweep=\"{}\" data-status=\"{}\"><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}{}</td><td>{}</td>"
                            + "<td>{}</td><td class=\"num\">{} / {} / {}</td><td>{}</td><td>{}</td></tr>\n",
                    s.id(), s.status(), times.at(s.startedAt()), s.trigger(), statusClass(s.status()), s.status(),
                    s.state() == null ? new Html(0) : Html.of("<a href=\"/ui/states/{}\">{}</a>", Html.url(s.state()), s.state()),
                    s.baseline() == null ? new Html(0) : Html.of(" <span class=\"muted\">({})</span>", s.baseline()),
                    x == null ? new Html(0) : progress(x.received(), x.expected(), SweepRecord.RUNNING.equals(s.status())),
                    s.comparison() == null ? new Html(0)
                            : Html.of("<a href=\"/ui/comparisons/{}\">{}</a>", Html.url(s.comparison()),
                                    s.summary() == null ? "result" : s.summary().different() + " different"),
                    s.alerts(), s.warnings(), s.infos(), times.at(s.finishedAt()), s.error());
        }
        b.add("</tbody></table>\n</section>\n");
    }
}
