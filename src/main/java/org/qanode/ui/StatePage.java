package org.qanode.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qanode.api.ApiException;
import org.qanode.api.ApiRequest;
import org.qanode.api.ApiResponse;
import org.qanode.dicom.UID;
import org.qanode.node.Node;
import org.qanode.store.InstancePage;
import org.qanode.store.InstanceQuery;
import org.qanode.store.InstanceRecord;
import org.qanode.store.StateNames;
import org.qanode.store.StateSummary;

/** {@code /ui/states/{name}}: a state's current objects grouped by patient, paged, each downloadable. */
final class StatePage {
    static final int PAGE = 500;

    private final Node node;
    private final Layout layout;
    private final Times times;

    StatePage(Node node, Layout layout, Times times) {
        this.node = node;
        this.layout = layout;
        this.times = times;
    }

    ApiResponse render(ApiRequest r) {
        String name = r.pathParam("name");
        StateSummary state = StateNames.isValid(name) ? node.store().state(name).orElse(null) : null;
        if (state == null) {
            throw ApiException.notFound("no state '" + name + "'");
        }
        int page = r.intParam("page", 1, 1, 1_000_000);
        InstancePage objects = node.store().listInstances(name,
                new InstanceQuery(null, null, null, false, (page - 1) * PAGE, PAGE));
        Html b = new Html(65536);
        b.add("<h1>State {}</h1>\n<p>{} objects ({} unreadable), created {}.</p>\n", name, state.instances(),
                state.unreadable(), times.at(state.createdAt()));
        Map<String, List<InstanceRecord>> byPatient = new LinkedHashMap<>();
        for (InstanceRecord o : objects.items()) {
            byPatient.computeIfAbsent(o.patientId() == null ? "" : o.patientId(), k -> new ArrayList<>()).add(o);
        }
        for (Map.Entry<String, List<InstanceRecord>> e : byPatient.entrySet()) {
            InstanceRecord first = e.getValue().get(0);
            b.add("<section class=\"patient\" data-patient=\"{}\"><h2>Patient {} <span class=\"muted\">{}</span></h2>\n",
                    e.getKey(), e.getKey().isEmpty() ? "(no patient ID)" : e.getKey(), first.fields().patientName());
            b.add("<table><thead><tr><th scope=\"col\">SOP class</th><th scope=\"col\">modality</th><th scope=\"col\">plan label</th>"
                    + "<th scope=\"col\">SOP Instance UID</th><th scope=\"col\" class=\"num\">bytes</th><th scope=\"col\">received</th>"
                    + "<th scope=\"col\">from</th><th scope=\"col\">file</th></tr></thead><tbody>\n");
            for (InstanceRecord o : e.getValue()) {
                String file = "/api/v1/states/" + Html.url(name) + "/instances/" + Html.url(o.sopInstanceUid()) + "/file";
                b.add("<tr data-sop-instance-uid=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"v\">{}</td><td class=\"num\">{}</td>"
                                + "<td>{}</td><td>{}</td><td><a class=\"download\" href=\"{}\" download>Download<span class=\"skip\"> {}</span></a>{}</td></tr>\n",
                        o.sopInstanceUid(), o.sopClassUid() == null ? "" : UID.nameOf(o.sopClassUid()), o.modality(),
                        o.fields().rtPlanLabel(), o.sopInstanceUid(), o.sizeBytes(), times.at(o.receivedAt()),
                        o.callingAeTitle(), file, o.sopInstanceUid(),
                        o.parseError() != null ? Html.of(" <span class=\"ALERT\">unreadable: {}</span>", o.parseError()) : new Html(0));
            }
            b.add("</tbody></table>\n</section>\n");
        }
        if (objects.items().isEmpty()) {
            b.add("<p>No objects.</p>\n");
        }
        pager(b, "/ui/states/" + Html.url(name) + "?", page, objects.total(), PAGE);
        return WebUi.html(200, layout.page(r, "State " + name, b, null));
    }

    /** Previous / next links; {@code base} ends with ? or &amp;. */
    static void pager(Html b, String base, int page, long total, int size) {
        long pages = Math.max(1, (total + size - 1) / size);
        if (pages <= 1) {
            return;
        }
        b.add("<nav class=\"pager\" aria-label=\"pages\">");
        if (page > 1) {
            b.add("<a rel=\"prev\" href=\"{}page={}\">Previous page</a>", base, page - 1);
        }
        b.add("<span>page {} of {}</span>", page, pages);
        if (page < pages) {
            b.add("<a rel=\"next\" href=\"{}page={}\">Next page</a>", base, page + 1);
        }
        b.add("</nav>\n");
    }
}
