package org.qanode.ui;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.qanode.api.ApiRequest;
import org.qanode.api.ApiResponse;
import org.qanode.node.AssociationLog;
import org.qanode.node.Node;
import org.qanode.node.ObservedConnection;

/**
 * {@code /ui/associations}: who sent what to which state, from the association log (migration
 * 010): calling AE title, host, called AE title, state, counts, first and last seen; the route
 * graph inline, and as Graphviz DOT ({@code /ui/associations/routes.dot}) and PlantUML
 * ({@code /ui/associations/routes.puml}) downloads.
 */
final class AssociationsPage {
    static final int LIMIT = 1000;

    private final Node node;
    private final Layout layout;
    private final Times times;

    AssociationsPage(Node node, Layout layout, Times times) {
        this.node = node;
        this.layout = layout;
        this.times = times;
    }

    ApiResponse render(ApiRequest r) {
        List<ObservedConnection> routes = node.associations().connections(LIMIT);
        Html b = new Html(32768);
        b.add("<h1>Associations</h1>\n<p>DICOM associations the node has accepted, by sender, called AE title and the "
                + "state the objects went into; counted when each association ends.</p>\n");
        b.add("<section aria-labelledby=\"h-routes\"><h2 id=\"h-routes\">Who sent what to which state</h2>\n");
        if (routes.isEmpty()) {
            b.add("<p id=\"no-routes\">No association has ended here yet.</p>\n</section>\n");
            return WebUi.html(200, layout.page(r, "Associations", b, null));
        }
        b.add("<table id=\"routes\"><thead><tr><th scope=\"col\">calling AE</th><th scope=\"col\">host</th>"
                + "<th scope=\"col\">called AE</th><th scope=\"col\">state</th><th scope=\"col\" class=\"num\">associations</th>"
                + "<th scope=\"col\" class=\"num\">objects</th><th scope=\"col\" class=\"num\">failed</th>"
                + "<th scope=\"col\" class=\"num\">MB</th><th scope=\"col\">first seen</th><th scope=\"col\">last seen</th>"
                + "</tr></thead><tbody>\n");
        for (ObservedConnection c : routes) {
            boolean none = AssociationLog.NO_STATE.equals(c.state());
            b.add("<tr data-calling=\"{}\" data-called=\"{}\" data-state=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                            + "<td class=\"num\">{}{}</td><td class=\"num\">{}</td><td class=\"num{}\">{}</td><td class=\"num\">{}</td>"
                            + "<td>{}</td><td>{}</td></tr>\n",
                    c.callingAeTitle(), c.calledAeTitle(), c.state(), c.callingAeTitle(), c.callingHost(), c.calledAeTitle(),
                    none ? Html.of("<span class=\"muted\">(none)</span>")
                            : Html.of("<a href=\"/ui/states/{}\">{}</a>", Html.url(c.state()), c.state()),
                    c.associations(), c.aborted() > 0 ? Html.of(" <span class=\"WARNING\">({} aborted)</span>", c.aborted()) : new Html(0),
                    c.objects(), c.failed() > 0 ? " ALERT" : "", c.failed(), String.format(java.util.Locale.ROOT, "%.1f", c.bytes() / 1e6),
                    times.at(c.firstSeen()), times.at(c.lastSeen()));
        }
        b.add("</tbody></table>\n</section>\n");
        RouteGraph graph = new RouteGraph(routes);
        b.add("<section aria-labelledby=\"h-graph\"><h2 id=\"h-graph\">Route graph</h2>\n"
                + "<p class=\"noprint\">Download: <a id=\"dot\" href=\"/ui/associations/routes.dot\" download>Graphviz DOT</a> · "
                + "<a id=\"puml\" href=\"/ui/associations/routes.puml\" download>PlantUML</a></p>\n<div class=\"graph\">{}</div>\n</section>\n",
                graph.svg());
        return WebUi.html(200, layout.page(r, "Associations", b, null));
    }

    ApiResponse dot(ApiRequest r) {
        return download("text/vnd.graphviz; charset=utf-8", "qanode-routes.dot", graph().dot());
    }

    ApiResponse plantUml(ApiRequest r) {
        return download("text/plain; charset=utf-8", "qanode-routes.puml", graph().plantUml());
    }

    private RouteGraph graph() {
        return new RouteGraph(node.associations().connections(LIMIT));
    }

    private static ApiResponse download(String type, String file, String body) {
        return WebUi.secure(ApiResponse.raw(200, type, body.getBytes(StandardCharsets.UTF_8)))
                .withHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .withHeader("Cache-Control", "no-store");
    }
}
