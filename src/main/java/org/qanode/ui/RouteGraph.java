package org.qanode.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qanode.node.AssociationLog;
import org.qanode.node.ObservedConnection;

/**
 * The observed DICOM routes as a graph, the way departments draw their data-flow maps: senders
 * (calling AE title at a host) on the left, the node's called AE titles in the middle, the states
 * the objects went into on the right; an edge per route with its object count. The same graph
 * three ways: inline SVG for the page (no script, no library), Graphviz DOT and PlantUML for
 * the department's own documents.
 */
final class RouteGraph {
    /** A sender, called AE or state, with its id in the exported formats. */
    record Vertex(String id, String label) {
    }

    /** From a sender to a called AE, or from a called AE to a state; {@code objects} summed over its routes. */
    record Edge(Vertex from, Vertex to, long objects, long associations) {
    }

    final List<Vertex> senders = new ArrayList<>();
    final List<Vertex> called = new ArrayList<>();
    final List<Vertex> states = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();

    RouteGraph(List<ObservedConnection> connections) {
        Map<String, Vertex> s = new TreeMap<>();
        Map<String, Vertex> c = new TreeMap<>();
        Map<String, Vertex> t = new TreeMap<>();
        Map<String, long[]> in = new LinkedHashMap<>();
        Map<String, long[]> out = new LinkedHashMap<>();
        for (ObservedConnection o : connections) {
            s.putIfAbsent(o.callingAeTitle() + "@" + o.callingHost(), null);
            c.putIfAbsent(o.calledAeTitle(), null);
            if (!AssociationLog.NO_STATE.equals(o.state())) {
                t.putIfAbsent(o.state(), null);
            }
        }
        // called AE titles by name; senders and states next to the first called AE they use, so that
        // in the usual department (each sender to one AE, each AE to one state) no two edges cross
        number(c, called, "ae", k -> k);
        List<String> calledOrder = new ArrayList<>(c.keySet());
        Map<String, Integer> senderRank = new TreeMap<>();
        Map<String, Integer> stateRank = new TreeMap<>();
        for (ObservedConnection o : connections) {
            int rank = calledOrder.indexOf(o.calledAeTitle());
            senderRank.merge(o.callingAeTitle() + "@" + o.callingHost(), rank, Math::min);
            if (!AssociationLog.NO_STATE.equals(o.state())) {
                stateRank.merge(o.state(), rank, Math::min);
            }
        }
        Map<String, Vertex> sendersByKey = ranked(s, senderRank);
        Map<String, Vertex> statesByKey = ranked(t, stateRank);
        number(sendersByKey, senders, "sender", k -> k.replace("@", " @ "));
        number(statesByKey, states, "state", k -> k);
        for (ObservedConnection o : connections) {
            String se = o.callingAeTitle() + "@" + o.callingHost() + "\u0000" + o.calledAeTitle();
            long[] a = in.computeIfAbsent(se, k -> new long[2]);
            a[0] += o.objects();
            a[1] += o.associations();
            if (!AssociationLog.NO_STATE.equals(o.state())) {
                long[] b = out.computeIfAbsent(o.calledAeTitle() + "\u0000" + o.state(), k -> new long[2]);
                b[0] += o.objects();
                b[1] += o.associations();
            }
        }
        in.forEach((k, v) -> {
            String[] p = k.split("\u0000", -1);
            edges.add(new Edge(sendersByKey.get(p[0]), c.get(p[1]), v[0], v[1]));
        });
        out.forEach((k, v) -> {
            String[] p = k.split("\u0000", -1);
            edges.add(new Edge(c.get(p[0]), statesByKey.get(p[1]), v[0], v[1]));
        });
    }

    /** The keys of {@code keys} ordered by rank, then name (a new map: number it, then look vertices up in it). */
    private static Map<String, Vertex> ranked(Map<String, Vertex> keys, Map<String, Integer> rank) {
        Map<String, Vertex> out = new TreeMap<>((x, y) -> {
            int r = Integer.compare(rank.getOrDefault(x, 0), rank.getOrDefault(y, 0));
            return r != 0 ? r : x.compareTo(y);
        });
        out.putAll(keys);
        return out;
    }

    private static void number(Map<String, Vertex> keys, List<Vertex> into, String prefix,
            java.util.function.UnaryOperator<String> label) {
        int i = 1;
        for (Map.Entry<String, Vertex> e : keys.entrySet()) {
            Vertex v = new Vertex(prefix + i++, label.apply(e.getKey()));
            e.setValue(v);
            into.add(v);
        }
    }

    boolean isEmpty() {
        return senders.isEmpty();
    }

    private static String edgeLabel(Edge e) {
        return e.objects() + (e.objects() == 1 ? " object" : " objects");
    }

    // --- Graphviz DOT (https://graphviz.org/doc/info/lang.html): IDs are quoted strings, " and \ escaped

    String dot() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("// DICOM routes into qanode as observed (calling AE @ host -> called AE -> state)\n");
        sb.append("digraph dicom_routes {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (Vertex v : senders) {
            sb.append("  ").append(q(v.id())).append(" [shape=box, label=").append(q(v.label())).append("];\n");
        }
        sb.append("  subgraph cluster_qanode {\n    label=\"qanode\";\n");
        for (Vertex v : called) {
            sb.append("    ").append(q(v.id())).append(" [shape=ellipse, label=").append(q(v.label())).append("];\n");
        }
        for (Vertex v : states) {
            sb.append("    ").append(q(v.id())).append(" [shape=cylinder, label=").append(q("state " + v.label())).append("];\n");
        }
        sb.append("  }\n");
        for (Edge e : edges) {
            sb.append("  ").append(q(e.from().id())).append(" -> ").append(q(e.to().id())).append(" [label=")
                    .append(q(edgeLabel(e))).append("];\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch < 0x20 ? ' ' : ch);
        }
        return sb.append('"').toString();
    }

    // --- PlantUML (deployment diagram): aliases are our ids, labels quoted without " (PlantUML has no escape for it)

    String plantUml() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("@startuml\n' DICOM routes into qanode as observed (calling AE @ host -> called AE -> state)\nleft to right direction\n");
        for (Vertex v : senders) {
            sb.append("node ").append(p(v.label())).append(" as ").append(v.id()).append('\n');
        }
        sb.append("rectangle \"qanode\" {\n");
        for (Vertex v : called) {
            sb.append("  interface ").append(p(v.label())).append(" as ").append(v.id()).append('\n');
        }
        for (Vertex v : states) {
            sb.append("  database ").append(p("state " + v.label())).append(" as ").append(v.id()).append('\n');
        }
        sb.append("}\n");
        for (Edge e : edges) {
            sb.append(e.from().id()).append(" --> ").append(e.to().id()).append(" : ").append(edgeLabel(e)).append('\n');
        }
        sb.append("@enduml\n");
        return sb.toString();
    }

    private static String p(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            sb.append(ch == '"' ? '\'' : ch < 0x20 ? ' ' : ch);
        }
        return sb.append('"').toString();
    }

    // --- inline SVG: three columns, one box per vertex, straight arrows; text is escaped like all HTML

    static final int WIDTH = 1000;
    private static final int BOX_W = 260;
    private static final int BOX_H = 40;
    private static final int ROW = 60;
    private static final int[] COLUMN_X = {10, 370, 730};

    Html svg() {
        int rows = Math.max(1, Math.max(senders.size(), Math.max(called.size(), states.size())));
        int height = 40 + rows * ROW;
        Map<String, int[]> at = new LinkedHashMap<>();
        place(senders, 0, rows, at);
        place(called, 1, rows, at);
        place(states, 2, rows, at);
        Html h = new Html(8192);
        h.add("<svg id=\"route-graph\" class=\"graph\" viewBox=\"0 0 {} {}\" "
                        + "role=\"img\" aria-labelledby=\"route-graph-title route-graph-desc\">\n"
                        + "<title id=\"route-graph-title\">Observed DICOM routes</title>\n"
                        + "<desc id=\"route-graph-desc\">{} senders, {} called AE titles of this node, {} states; "
                        + "the table above lists every route with its counts.</desc>\n"
                        + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                        + "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n"
                        + "<text x=\"{}\" y=\"20\" class=\"col\">senders (calling AE @ host)</text>"
                        + "<text x=\"{}\" y=\"20\" class=\"col\">qanode called AE</text>"
                        + "<text x=\"{}\" y=\"20\" class=\"col\">state</text>\n",
                WIDTH, height, senders.size(), called.size(), states.size(), COLUMN_X[0], COLUMN_X[1], COLUMN_X[2]);
        for (Edge e : edges) {
            int[] a = at.get(e.from().id());
            int[] b = at.get(e.to().id());
            int x1 = a[0] + BOX_W;
            int y1 = a[1] + BOX_H / 2;
            int x2 = b[0];
            int y2 = b[1] + BOX_H / 2;
            h.add("<g class=\"edge\" data-from=\"{}\" data-to=\"{}\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" "
                            + "marker-end=\"url(#arrow)\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>\n",
                    e.from().label(), e.to().label(), x1, y1, x2, y2, (x1 + x2) / 2, (y1 + y2) / 2 - 4, edgeLabel(e));
        }
        for (Map.Entry<String, int[]> v : at.entrySet()) {
            Vertex vertex = vertex(v.getKey());
            int[] p = v.getValue();
            String kind = vertex.id().replaceAll("[0-9]", "");
            h.add("<g class=\"vertex {}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/>"
                            + "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>\n",
                    kind, p[0], p[1], BOX_W, BOX_H, kind.equals("ae") ? 20 : 4, p[0] + BOX_W / 2, p[1] + BOX_H / 2 + 5,
                    shorten((kind.equals("state") ? "state " : "") + vertex.label()));
        }
        h.add("</svg>\n");
        return h;
    }

    private Vertex vertex(String id) {
        for (List<Vertex> l : List.of(senders, called, states)) {
            for (Vertex v : l) {
                if (v.id().equals(id)) {
                    return v;
                }
            }
        }
        throw new IllegalStateException(id);
    }

    private static void place(List<Vertex> column, int index, int rows, Map<String, int[]> at) {
        // centred vertically against the tallest column
        int offset = (rows - column.size()) * ROW / 2;
        for (int i = 0; i < column.size(); i++) {
            at.put(column.get(i).id(), new int[] {COLUMN_X[index], 36 + offset + i * ROW});
        }
    }

    /** A label that fits its box (the full text is in the table and the downloads). */
    private static String shorten(String s) {
        return s.length() <= 34 ? s : s.substring(0, 33) + "…";
    }
}
