package org.qanode.ui;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.qanode.api.ApiException;
import org.qanode.account.Role;
import org.qanode.api.ApiRequest;
import org.qanode.api.ApiResponse;
import org.qanode.compare.Difference;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.node.ComparisonRecord;
import org.qanode.node.Node;
import org.qanode.report.ClinicalFlagsSection;
import org.qanode.report.RtSummaryFragment;
import org.qanode.result.Annotation;
import org.qanode.result.ComparisonResult;
import org.qanode.result.Signoff;
import org.qanode.rt.RtSummary;
import org.qanode.store.StateSummary;

/**
 * {@code /ui/comparisons/{id}}: the verdict first (an element with {@code data-verdict} and
 * {@code data-severity}), the sign-off, the RT summary tables of the report, then the differences
 * by patient and object, filtered on the server (severity, SOP class, one object) and paged
 * ({@link #PAGE} objects a page, so a result of tens of thousands of pairs renders quickly).
 * A comparison not yet DONE shows its status and reloads itself. And {@code /ui/comparisons/new}.
 */
final class ComparisonPage {
    /**
     * Objects a page. With the RT summary tables of their patients (some 40 rows per patient of an
     * upgrade), 50 keep a page of a 25,000-pair result near 1,000 rows (docs/performance.md, "Web UI").
     */
    static final int PAGE = 50;
    /** Up to so many patients the RT summary is shown whole; beyond, for the patients of the page shown. */
    static final int RT_PATIENTS_ALL = 25;
    /** Differences of one object shown in the list; the object's own view shows them all. */
    static final int DIFFERENCES_IN_LIST = 20;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> SEVERITIES = List.of("ALERT", "WARNING", "INFO", "NONE");

    private final Node node;
    private final Layout layout;
    private final Times times;
    /** Parsed DONE results (immutable), the few most recently viewed. */
    private final Map<String, ComparisonResult> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ComparisonResult> eldest) {
            return size() > 4;
        }
    };

    ComparisonPage(Node node, Layout layout, Times times) {
        this.node = node;
        this.layout = layout;
        this.times = times;
        // A finished result goes into the cache as the runner made it, so that the first reader of
        // a large comparison does not wait for its JSON file to be parsed (6 s for 25,000 pairs
        // under load; docs/performance.md, "Web UI"); the file holds the same immutable result.
        node.comparisons().onDone((record, result) -> {
            if (result != null) {
                synchronized (cache) {
                    cache.put(record.id(), result);
                }
            }
        });
    }

    ApiResponse renderNew(ApiRequest r) {
        List<StateSummary> states = node.store().listStates();
        Html b = new Html(8192);
        b.add("<h1>New comparison</h1>\n");
        if (states.isEmpty()) {
            b.add("<p>There are no states to compare yet.</p>\n");
            return WebUi.html(200, layout.page(r, "New comparison", b, null));
        }
        b.add("<form id=\"new-comparison\" class=\"stack\" data-api=\"/api/v1/comparisons\" data-next=\"/ui/comparisons/{id}\">\n");
        for (String[] side : new String[][] {{"baseline", "Baseline (before)", r.param("baseline")},
                {"candidate", "Candidate (after)", r.param("candidate")}}) {
            b.add("<div><label for=\"{}\">{}</label><select id=\"{}\" name=\"{}\" required>\n", side[0], side[1], side[0], side[0]);
            String preset = side[2] != null ? side[2]
                    : states.get(side[0].equals("baseline") ? 0 : Math.min(1, states.size() - 1)).name();
            for (StateSummary s : states) {
                b.add("<option value=\"{}\"{}>{} ({} objects)</option>\n", s.name(),
                        s.name().equals(preset) ? Html.of(" selected") : new Html(0), s.name(), s.instances());
            }
            b.add("</select></div>\n");
        }
        b.add("<div><label for=\"profile\">Profile (empty: the node's default)</label>"
                + "<input id=\"profile\" name=\"profile\" type=\"text\" pattern=\"[A-Za-z0-9._-]*\"></div>\n"
                + "<div><button type=\"submit\">Compare</button></div>\n<p class=\"error\" role=\"alert\"></p>\n</form>\n");
        return WebUi.html(200, layout.page(r, "New comparison", b, null));
    }

    ApiResponse render(ApiRequest r) throws Exception {
        String id = r.pathParam("id");
        ComparisonRecord row = ID.matcher(id).matches() ? node.comparisons().get(id).orElse(null) : null;
        if (row == null) {
            throw ApiException.notFound("no comparison '" + id + "'");
        }
        String title = "Comparison " + row.baseline() + " → " + row.candidate();
        Html b = new Html(1 << 16);
        b.add("<h1>Comparison {} → {}</h1>\n<p class=\"muted\">profile {} · created {} · started {} · finished {} · id {}</p>\n",
                row.baseline(), row.candidate(), row.profile(), times.at(row.createdAt()), times.at(row.startedAt()),
                times.at(row.finishedAt()), row.id());
        if (!ComparisonRecord.DONE.equals(row.status())) {
            boolean failed = ComparisonRecord.FAILED.equals(row.status());
            b.add("<p id=\"status\" data-status=\"{}\" class=\"{}\">{}</p>\n", row.status(), failed ? "ALERT" : "",
                    failed ? "FAILED: " + row.error() : row.status() + "… this page reloads itself until the comparison is done.");
            return WebUi.html(200, layout.page(r, title, b, failed ? null : 2));
        }
        ComparisonResult result = result(id);
        Verdict verdict = Verdict.of(result);
        var s = result.summary();
        b.add("<section id=\"verdict\" class=\"verdict\" data-verdict=\"{}\" data-severity=\"{}\" aria-label=\"verdict\">"
                        + "<span class=\"big\">{}</span><span>severity <b>{}</b></span>"
                        + "<span>{} objects: {} identical, {} different, {} only in {}, {} only in {}, {} unreadable</span></section>\n",
                verdict.verdict(), verdict.severity(), verdict.verdict(), verdict.severity(), result.pairs().size(),
                s.identical(), s.different(), s.onlyInBaseline(), row.baseline(), s.onlyInCandidate(), row.candidate(),
                s.unreadable());
        for (String w : result.warnings()) {
            b.add("<p class=\"WARNING\">{}</p>\n", w);
        }
        if (!result.flags().isEmpty()) {
            // the clinical flags (issue 13) count in the severity above: show them right under it
            StringWriter flags = new StringWriter(2048);
            ClinicalFlagsSection.html(result.flags(), flags);
            b.fragment(flags.toString());
        }
        String self = "/api/v1/comparisons/" + Html.url(id);
        b.add("<p class=\"noprint\">Reports: <a href=\"{}?format=html\">HTML</a> · <a href=\"{}?format=pdf\">PDF</a> · "
                + "<a href=\"{}?format=csv\">CSV</a> · <a href=\"{}?format=rt-csv\">RT CSV</a> · <a href=\"{}?format=text\">text</a> · "
                + "<a href=\"{}\">JSON</a></p>\n", self, self, self, self, self, self);
        signoff(b, id, Layout.may(r, Role.PHYSICIST));
        List<Annotation> annotations = node.reviews().annotations(id);

        View view = view(r, result);
        if (result.rtSummary() != null) {
            rtSummary(b, id, result.rtSummary(), view);
        }
        differences(b, r, view, id, result, annotations);
        return WebUi.html(200, layout.page(r, title, b, null));
    }

    /** {@code form}: the caller may sign off (physicist, admin); a viewer sees the decision only. */
    private void signoff(Html b, String id, boolean form) {
        Signoff so = node.reviews().signoff(id).orElse(null);
        b.add("<section id=\"signoff\" class=\"signoff\" data-decision=\"{}\" aria-labelledby=\"h-signoff\"><h2 id=\"h-signoff\">Sign-off</h2>\n",
                so == null ? "NONE" : so.decision());
        if (so == null) {
            b.add("<p>Not signed off.</p>\n");
        } else {
            b.add("<p><b class=\"{}\">{}</b> by {} at {}</p>\n", Signoff.ACCEPTED.equals(so.decision()) ? "" : "ALERT",
                    so.decision(), so.user(), times.at(so.at()));
            if (so.comment() != null) {
                b.add("<p class=\"comment\">{}</p>\n", so.comment());
            }
            history(b, id);
        }
        if (!form) {
            b.add("</section>\n");
            return;
        }
        b.add("<form id=\"signoff-form\" class=\"stack\" data-api=\"/api/v1/comparisons/{}/signoff\" data-next=\"reload\">\n"
                + "<fieldset><legend>Decision</legend>"
                + "<label><input type=\"radio\" name=\"decision\" value=\"ACCEPTED\" required> Accept</label> "
                + "<label><input type=\"radio\" name=\"decision\" value=\"REJECTED\"> Reject</label></fieldset>\n"
                + "<div><label for=\"signoff-comment\">Comment (required to reject)</label>"
                + "<textarea id=\"signoff-comment\" name=\"comment\" maxlength=\"4000\"></textarea></div>\n"
                + "<div><button type=\"submit\">Sign off</button></div>\n<p class=\"error\" role=\"alert\"></p>\n</form>\n</section>\n",
                Html.url(id));
    }

    /** Every sign-off of this comparison, newest first (the first row is the current one). */
    private void history(Html b, String id) {
        List<Signoff> all = node.reviews().history(id);
        b.add("<details id=\"signoff-history\" data-count=\"{}\"{}><summary>Sign-off history ({})</summary>\n"
                + "<table><thead><tr><th scope=\"col\">when</th><th scope=\"col\">who</th><th scope=\"col\">decision</th>"
                + "<th scope=\"col\">comment</th></tr></thead><tbody>\n", all.size(), all.size() > 1 ? Html.of(" open") : new Html(0),
                all.size());
        for (Signoff h : all) {
            b.add("<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n", times.at(h.at()), h.user(),
                    Signoff.ACCEPTED.equals(h.decision()) ? "" : "ALERT", h.decision(), h.comment());
        }
        b.add("</tbody></table>\n</details>\n");
    }

    /**
     * The RT summary tables. A large result (more than {@link #RT_PATIENTS_ALL} patients: an
     * upgrade's 1,000 patients make tens of thousands of rows) shows them for the patients of this
     * page of differences only, so the page stays fast; the HTML report has them all.
     */
    private static void rtSummary(Html b, String id, RtSummary rt, View view) throws java.io.IOException {
        Set<String> onPage = new HashSet<>();
        Set<String> withDifferences = new HashSet<>();
        for (PairResult p : view.onPage()) {
            onPage.add(p.patientId() == null ? "" : p.patientId());
            if (p.status() != PairStatus.IDENTICAL && p.sopInstanceUid() != null) {
                withDifferences.add(p.sopInstanceUid());
            }
        }
        RtSummary shown = rt;
        if (rt.patients().size() > RT_PATIENTS_ALL) {
            List<RtSummary.Patient> patients = rt.patients().stream()
                    .filter(p -> onPage.contains(p.patientId() == null ? "" : p.patientId())).toList();
            shown = new RtSummary(rt.plans(), rt.identicalPlans(), rt.differentPlans(), rt.onlyInBaseline(),
                    rt.onlyInCandidate(), rt.unreadablePlans(), patients, rt.unplacedObjects());
            b.add("<p id=\"rt-partial\" class=\"muted\" data-patients=\"{}\">RT summary of the {} patients on this page of "
                            + "differences (of {}); all of them are in the <a href=\"/api/v1/comparisons/{}?format=html\">HTML report</a>.</p>\n",
                    patients.size(), patients.size(), rt.patients().size(), Html.url(id));
        }
        StringWriter out = new StringWriter(8192);
        RtSummaryFragment.render(shown, withDifferences, out);
        b.fragment(out.toString());
    }

    /** What the differences list shows: the filters of the request, the matching pairs sorted, this page's slice. */
    private record View(String severity, String sopClass, String object, boolean all, int page, List<PairResult> shown,
                        int from, int to) {
        List<PairResult> onPage() {
            return shown.subList(from, to);
        }
    }

    private static View view(ApiRequest r, ComparisonResult result) {
        String severity = r.param("severity");
        if (severity != null && !severity.isEmpty() && !SEVERITIES.contains(severity)) {
            throw ApiException.badRequest("query parameter 'severity' must be one of " + SEVERITIES + ", got '" + severity + "'");
        }
        String sopClass = r.param("sopClass");
        String object = r.param("object");
        boolean all = "all".equals(r.param("show"));
        int page = r.intParam("page", 1, 1, 1_000_000);
        List<PairResult> shown = new ArrayList<>();
        for (PairResult p : result.pairs()) {
            if (object != null && !object.equals(p.sopInstanceUid())) {
                continue;
            }
            if (object == null && !all && p.status() == PairStatus.IDENTICAL) {
                continue;
            }
            if (severity != null && !severity.isEmpty()
                    && !severity.equals(p.severity() == null ? "NONE" : p.severity().name())) {
                continue;
            }
            if (sopClass != null && !sopClass.isEmpty() && !sopClass.equals(p.sopClassUid())) {
                continue;
            }
            shown.add(p);
        }
        shown.sort(Comparator.comparing((PairResult p) -> p.patientId() == null ? "" : p.patientId())
                .thenComparing(p -> p.severity() == null ? 0 : -(p.severity().ordinal() + 1))
                .thenComparing(p -> p.sopClassName() == null ? "" : p.sopClassName())
                .thenComparing(p -> p.sopInstanceUid() == null ? "" : p.sopInstanceUid()));
        int from = Math.min(shown.size(), (page - 1) * PAGE);
        int to = Math.min(shown.size(), from + PAGE);
        return new View(severity, sopClass, object, all, page, shown, from, to);
    }

    private void differences(Html b, ApiRequest r, View view, String id, ComparisonResult result, List<Annotation> annotations) {
        String severity = view.severity();
        String sopClass = view.sopClass();
        String object = view.object();
        boolean all = view.all();
        int page = view.page();

        Map<String, String> classes = new TreeMap<>();
        for (PairResult p : result.pairs()) {
            if (p.sopClassUid() != null) {
                classes.put(p.sopClassUid(), p.sopClassName() != null ? p.sopClassName() : p.sopClassUid());
            }
        }
        String base = "/ui/comparisons/" + Html.url(id);
        b.add("<section id=\"differences\" aria-labelledby=\"h-differences\"><h2 id=\"h-differences\">Differences by patient and object</h2>\n");
        b.add("<form class=\"filters\" method=\"get\" action=\"{}\">\n<div><label for=\"f-severity\">Severity</label>"
                + "<select id=\"f-severity\" name=\"severity\"><option value=\"\">any</option>", base);
        for (String sv : SEVERITIES) {
            b.add("<option value=\"{}\"{}>{}</option>", sv, sv.equals(severity) ? Html.of(" selected") : new Html(0), sv);
        }
        b.add("</select></div>\n<div><label for=\"f-class\">SOP class</label><select id=\"f-class\" name=\"sopClass\">"
                + "<option value=\"\">any</option>");
        classes.forEach((uid, label) -> b.add("<option value=\"{}\"{}>{}</option>", uid,
                uid.equals(sopClass) ? Html.of(" selected") : new Html(0), label));
        b.add("</select></div>\n<div><label for=\"f-show\">Objects</label><select id=\"f-show\" name=\"show\">"
                        + "<option value=\"\">not identical</option><option value=\"all\"{}>all</option></select></div>\n"
                        + "<div><button type=\"submit\">Filter</button></div>\n</form>\n",
                all ? Html.of(" selected") : new Html(0));

        List<PairResult> shown = view.shown();
        if (object != null) {
            b.add("<p><a href=\"{}#differences\">All objects</a></p>\n", base);
        }
        b.add("<p id=\"shown\" data-count=\"{}\">{} objects match.</p>\n", shown.size(), shown.size());
        Map<String, Annotation> byKey = new HashMap<>();
        for (Annotation a : annotations) {
            byKey.put(a.sopInstanceUid() + "\u0000" + a.path(), a);
        }
        String patient = null;
        for (PairResult p : view.onPage()) {
            String pid = p.patientId() == null ? "" : p.patientId();
            if (!pid.equals(patient)) {
                b.add("<h3 class=\"patient\">Patient {}</h3>\n", pid.isEmpty() ? "(no patient ID)" : pid);
                patient = pid;
            }
            pair(b, base, p, object != null && Layout.may(r, Role.PHYSICIST), byKey, id);
        }
        String query = base + "?" + (severity != null ? "severity=" + Html.url(severity) + "&" : "")
                + (sopClass != null ? "sopClass=" + Html.url(sopClass) + "&" : "") + (all ? "show=all&" : "")
                + (object != null ? "object=" + Html.url(object) + "&" : "");
        StatePage.pager(b, query, page, shown.size(), PAGE);
        b.add("</section>\n");
    }

    /** {@code whole}: one object shown in full, and the caller may annotate it. */
    private void pair(Html b, String base, PairResult p, boolean whole, Map<String, Annotation> annotations, String id) {
        String sev = p.severity() == null ? "NONE" : p.severity().name();
        String uid = p.sopInstanceUid();
        b.add("<section class=\"pair\" id=\"pair-{}\" data-sop-instance-uid=\"{}\" data-status=\"{}\" data-severity=\"{}\">"
                        + "<h4><span class=\"{}\">{} {}</span> {} <a href=\"{}?object={}#differences\">{}</a></h4>\n",
                uid, uid, p.status().name(), sev, sev, p.status().name(), p.severity() == null ? "" : sev,
                p.sopClassName() != null ? p.sopClassName() : p.sopClassUid(), base, Html.url(uid), uid);
        if (p.reason() != null) {
            b.add("<p class=\"ALERT\">{}</p>\n", p.reason());
        }
        for (String w : p.warnings()) {
            b.add("<p class=\"WARNING\">{}</p>\n", w);
        }
        List<Difference> ds = p.differences();
        if (!ds.isEmpty()) {
            b.add("<table class=\"differences\"><thead><tr><th scope=\"col\">path</th><th scope=\"col\">VR</th><th scope=\"col\">kind</th>"
                    + "<th scope=\"col\">baseline</th><th scope=\"col\">candidate</th><th scope=\"col\">severity</th>"
                    + "<th scope=\"col\">expected because</th></tr></thead><tbody>\n");
            int n = whole ? ds.size() : Math.min(ds.size(), DIFFERENCES_IN_LIST);
            for (Difference d : ds.subList(0, n)) {
                String path = d.path().toString();
                Annotation a = annotations.get(uid + "\u0000" + path);
                String dsev = d.severity() == null ? "" : d.severity().name();
                b.add("<tr{}><td class=\"v\">{}</td><td>{}</td><td>{}</td>{}"
                                + "<td class=\"{}\">{}</td><td>{}</td></tr>\n",
                        a != null ? Html.of(" class=\"annotated\"") : new Html(0), path, d.vr(), d.kind().name(),
                        values(d), dsev, dsev,
                        a == null ? new Html(0) : Html.of("{} <span class=\"muted\">({}, {})</span>", a.reason(), a.user(),
                                times.at(a.at())));
            }
            b.add("</tbody></table>\n");
            if (n < ds.size()) {
                b.add("<p><a href=\"{}?object={}#differences\">All {} differences of this object</a></p>\n", base,
                        Html.url(uid), ds.size());
            }
            if (whole) {
                b.add("<form class=\"stack annotate\" data-api=\"/api/v1/comparisons/{}/annotations\" data-next=\"reload\">\n"
                        + "<input type=\"hidden\" name=\"sopInstanceUid\" value=\"{}\">\n"
                        + "<div><label for=\"a-path\">Mark as expected: difference</label><select id=\"a-path\" name=\"path\" required>",
                        Html.url(id), uid);
                for (Difference d : ds) {
                    b.add("<option value=\"{}\">{}</option>", d.path().toString(), d.path().toString());
                }
                b.add("</select></div>\n<div><label for=\"a-reason\">Reason</label><input id=\"a-reason\" name=\"reason\" "
                        + "type=\"text\" maxlength=\"4000\" required></div>\n<div><button type=\"submit\">Mark as expected</button></div>\n"
                        + "<p class=\"error\" role=\"alert\"></p>\n</form>\n");
            }
        }
        b.add("</section>\n");
    }

    /**
     * The baseline and candidate cells. A multi-valued number shows the values that changed
     * ("leaf B31: 12.30 -> 12.40 mm", as the HTML report does) with the whole values folded away:
     * 120 leaf positions per side hide the one that moved.
     */
    private static Html values(Difference d) {
        List<String> changed = org.qanode.report.ValueChanges.of(d);
        if (changed.isEmpty()) {
            return Html.of("<td class=\"v\">{}</td><td class=\"v\">{}</td>", value(d.baseline(), d.baselineLength()),
                    value(d.candidate(), d.candidateLength()));
        }
        Html h = new Html(512);
        h.add("<td class=\"v\" colspan=\"2\"><ul class=\"changed-values\">");
        for (String c : changed) {
            h.add("<li>{}</li>", c);
        }
        h.add("</ul><details><summary>all values</summary><p>baseline: {}</p><p>candidate: {}</p></details></td>",
                value(d.baseline(), d.baselineLength()), value(d.candidate(), d.candidateLength()));
        return h;
    }

    private static Html value(String v, Long length) {
        if (v == null) {
            return Html.of("<i>(absent)</i>");
        }
        return length == null ? Html.of("{}", v) : Html.of("{} <i>({} bytes)</i>", v, length);
    }

    private ComparisonResult result(String id) throws java.io.IOException {
        synchronized (cache) {
            ComparisonResult cached = cache.get(id);
            if (cached != null) {
                return cached;
            }
        }
        ComparisonResult r = node.comparisons().files().read(id);
        synchronized (cache) {
            cache.put(id, r);
        }
        return r;
    }

}
