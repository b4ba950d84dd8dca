package org.qanode.ui;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.qanode.api.ApiRequest;
import org.qanode.api.ApiResponse;
import org.qanode.dicom.UID;
import org.qanode.node.ComparisonRecord;
import org.qanode.node.Node;
import org.qanode.selftest.SelfCheck;
import org.qanode.store.StateSummary;
import org.qanode.sweep.ExportStatus;

/** {@code /ui/}: health with the last self-check, receiving state, states with object counts, latest comparisons, running exports. */
final class Dashboard {
    private final Node node;
    private final Layout layout;
    private final Times times;

    Dashboard(Node node, Layout layout, Times times) {
        this.node = node;
        this.layout = layout;
        this.times = times;
    }

    /**
     * The last built-in self-check (issue 13: at start, and in every sweep), inside the health
     * section: a failed one says so first, because no comparison of the node can be trusted then.
     */
    private void selfCheck(Html b) {
        Optional<SelfCheck.Result> last = node.selftest().latest();
        if (last.isEmpty()) {
            b.add("<p id=\"selftest\" data-ok=\"\">Self-check: running</p>\n");
            return;
        }
        SelfCheck.Result c = last.get();
        b.add("<p id=\"selftest\" data-ok=\"{}\">Self-check: <b class=\"{}\">{}</b> · profile {} · {}{}</p>\n",
                c.ok(), c.ok() ? "" : "ALERT", c.ok() ? "OK" : "FAILED", c.profile(), times.at(c.at().toString()),
                c.ok() ? new Html(0) : Html.of(" · {} (comparisons of this node cannot be trusted until it passes)",
                        c.lines().size() > 1 ? String.join("; ", c.lines().subList(1, c.lines().size())) : c.lines().get(0)));
    }

    ApiResponse render(ApiRequest r) {
        Html b = new Html(16384);
        b.add("<h1>qanode</h1>\n");
        boolean index = node.store().indexReachable();
        boolean disk = node.store().dataDirWritable();
        b.add("<section aria-labelledby=\"h-health\"><h2 id=\"h-health\">Health</h2>\n"
                        + "<p id=\"health\" data-status=\"{}\"><b class=\"{}\">{}</b> · index {} · data directory {}</p>\n"
                        + "<p>Receiving state (objects whose called AE title maps to no state): <b id=\"receiving\">{}</b></p>\n</section>\n",
                index && disk ? "UP" : "DOWN", index && disk ? "" : "ALERT", index && disk ? "UP" : "DOWN",
                index ? "reachable" : "UNREACHABLE", disk ? "writable" : "NOT WRITABLE", node.receivingState().current());
        selfCheck(b);

        String receiving = node.receivingState().current();
        List<StateSummary> states = node.store().listStates();
        b.add("<section aria-labelledby=\"h-states\"><h2 id=\"h-states\">States</h2>\n");
        if (states.isEmpty()) {
            b.add("<p>No states yet: send objects to the node's AE titles.</p>\n");
        } else {
            b.add("<table id=\"states\"><thead><tr><th scope=\"col\">state</th><th scope=\"col\" class=\"num\">objects</th>"
                    + "<th scope=\"col\" class=\"num\">unreadable</th><th scope=\"col\">by SOP class</th><th scope=\"col\">created</th>"
                    + "</tr></thead><tbody>\n");
            for (StateSummary s : states) {
                Html classes = new Html();
                new TreeMap<>(s.bySopClass()).forEach((uid, n) -> classes.add("{} {}<br>", n, UID.nameOf(uid)));
                b.add("<tr data-state=\"{}\"><td><a href=\"/ui/states/{}\">{}</a>{}</td><td class=\"num\">{}</td>"
                                + "<td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n", s.name(), Html.url(s.name()), s.name(),
                        s.name().equals(receiving) ? Html.of(" <span class=\"muted\">(receiving)</span>") : new Html(0),
                        s.instances(), s.unreadable(), classes, times.at(s.createdAt()));
            }
            b.add("</tbody></table>\n");
        }
        b.add("<p><a href=\"/ui/comparisons/new\">Compare two states</a></p>\n</section>\n");

        List<ComparisonRecord> comparisons = node.comparisons().list(20);
        b.add("<section aria-labelledby=\"h-comparisons\"><h2 id=\"h-comparisons\">Latest comparisons</h2>\n");
        if (comparisons.isEmpty()) {
            b.add("<p>None yet.</p>\n");
        } else {
            b.add("<table id=\"comparisons\"><thead><tr><th scope=\"col\">created</th><th scope=\"col\">baseline → candidate</th>"
                    + "<th scope=\"col\">profile</th><th scope=\"col\">status</th><th scope=\"col\">verdict</th>"
                    + "<th scope=\"col\">severity</th><th scope=\"col\" class=\"num\">objects</th><th scope=\"col\" class=\"num\">not identical</th>"
                    + "<th scope=\"col\">sign-off</th></tr></thead><tbody>\n");
            for (ComparisonRecord c : comparisons) {
                Verdict v = Verdict.of(c);
                String signoff = node.reviews().signoff(c.id()).map(s -> s.decision()).orElse("");
                b.add("<tr data-comparison=\"{}\"><td><a href=\"/ui/comparisons/{}\">{}</a></td><td>{} → {}</td><td>{}</td>"
                                + "<td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                        c.id(), Html.url(c.id()), times.at(c.createdAt()), c.baseline(), c.candidate(), c.profile(), c.status(),
                        v == null ? "" : v.verdict(), v == null ? "" : v.severity(), v == null ? "" : v.severity(),
                        c.pairs() == null ? "" : c.pairs(),
                        c.pairs() == null || c.identical() == null ? "" : c.pairs() - c.identical(), signoff);
            }
            b.add("</tbody></table>\n");
        }
        b.add("</section>\n");

        List<ExportStatus> running = node.exports().list(50).stream()
                .filter(e -> ExportStatus.RUNNING.equals(e.status()) || ExportStatus.QUEUED.equals(e.status())).toList();
        b.add("<section aria-labelledby=\"h-exports\"><h2 id=\"h-exports\">Running exports and the next sweep</h2>\n");
        if (node.sweeps().configured()) {
            b.add("<p id=\"next-sweep\">Next sweep: {}</p>\n", times.at(node.sweeps().nextRun()));
        }
        if (running.isEmpty()) {
            b.add("<p id=\"exports\">None running.</p>\n");
        } else {
            b.add("<table id=\"exports\"><thead><tr><th scope=\"col\">from</th><th scope=\"col\">into state</th><th scope=\"col\">status</th>"
                    + "<th scope=\"col\" class=\"num\">received / expected</th><th scope=\"col\" class=\"num\">failed</th>"
                    + "<th scope=\"col\">started</th></tr></thead><tbody>\n");
            for (ExportStatus e : running) {
                b.add("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{} / {}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                        e.from(), e.state(), e.status(), e.received(), e.expected(), e.failed(), times.at(e.startedAt()));
            }
            b.add("</tbody></table>\n");
        }
        b.add("<p><a href=\"/ui/exports\">Exports and sweeps: history, start one</a> · "
                + "<a href=\"/ui/associations\">Associations: who sent what, route graph</a></p>\n</section>\n");
        return WebUi.html(200, layout.page(r, "Dashboard", b, running.isEmpty() ? null : 5));
    }
}
