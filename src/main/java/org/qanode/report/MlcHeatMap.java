package org.qanode.report;

import static org.qanode.report.HtmlReport.esc;

import java.util.Locale;
import org.qanode.rt.MlcChanges;

/**
 * A small inline SVG (no script, no external resource) of one beam's MLC differences: a row per
 * leaf (bank A leaves 1..n, then bank B), a column per control point (by Control Point Index,
 * from 0), each differing position a cell whose darkness grows with the size of the difference.
 * Accessible: {@code role="img"} with a title and a description that says in words what the
 * picture shows, and a tooltip per cell.
 */
final class MlcHeatMap {
    private static final int LEFT = 34;
    private static final int TOP = 18;
    private static final int BOTTOM = 30;
    private static final int WIDTH = 520;
    private static final int HEIGHT = 360;

    private MlcHeatMap() {
    }

    /** @param id unique on the page (the SVG's title and desc are referenced by id) */
    static String svg(String id, String beamLabel, MlcChanges m) {
        int rows = Math.max(1, 2 * m.leafPairs());
        int columns = m.controlPoints();
        double max = 0;
        int worst = 0;
        for (int i = 0; i < m.changes().size(); i++) {
            MlcChanges.LeafChange c = m.changes().get(i);
            columns = Math.max(columns, c.controlPoint() + 1);
            if (c.difference() > max) {
                max = c.difference();
                worst = i;
            }
        }
        columns = Math.max(1, columns);
        double w = Math.max(1.5, Math.min(16, (double) WIDTH / columns));
        double h = Math.max(1.5, Math.min(10, (double) HEIGHT / rows));
        double gridW = w * columns;
        double gridH = h * rows;
        int width = (int) Math.max(300, Math.ceil(LEFT + gridW + 10));
        int height = (int) Math.ceil(TOP + gridH + BOTTOM);
        MlcChanges.LeafChange top = m.changes().isEmpty() ? null : m.changes().get(worst);
        String title = "MLC differences of " + beamLabel + " (" + m.device() + ")";
        String desc = m.total() + " leaf position" + (m.total() == 1 ? "" : "s") + " differ"
                + (m.total() == 1 ? "s" : "") + (m.total() > m.changes().size() ? " (the first " + m.changes().size() + " drawn)" : "")
                + (top == null ? "" : "; the largest, " + RtUnit.MM.format(max) + " mm, at leaf " + top.leaf()
                + ", control point " + top.controlPoint()) + ". Rows: leaves A1 to A" + m.leafPairs() + ", then B1 to B"
                + m.leafPairs() + "; columns: control points 0 to " + (columns - 1) + ".";
        StringBuilder sb = new StringBuilder(256 + 160 * m.changes().size());
        sb.append("<svg class=\"mlc-heatmap\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" aria-labelledby=\"").append(esc(id)).append("-t ").append(esc(id)).append("-d\">")
                .append("<title id=\"").append(esc(id)).append("-t\">").append(esc(title)).append("</title>")
                .append("<desc id=\"").append(esc(id)).append("-d\">").append(esc(desc)).append("</desc>");
        sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(num(gridW))
                .append("\" height=\"").append(num(gridH)).append("\" fill=\"#f4f4f4\" stroke=\"#999\" stroke-width=\"0.5\"/>");
        // the line between bank A and bank B
        sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(num(LEFT + gridW)).append("\" y1=\"")
                .append(num(TOP + h * m.leafPairs())).append("\" y2=\"").append(num(TOP + h * m.leafPairs()))
                .append("\" stroke=\"#999\" stroke-width=\"0.5\"/>");
        text(sb, 2, TOP + 8, "A1");
        text(sb, 2, TOP + h * m.leafPairs() + 8, "B1");
        text(sb, LEFT, TOP + gridH + 12, "CP 0");
        text(sb, Math.max(LEFT + 30, LEFT + gridW - 40), TOP + gridH + 12, "CP " + (columns - 1));
        text(sb, LEFT, TOP + gridH + 25, "darkest: " + RtUnit.MM.format(max) + " mm");
        text(sb, LEFT, 12, m.device() + ", leaf (rows) x control point (columns)");
        for (MlcChanges.LeafChange c : m.changes()) {
            int row = row(c);
            double t = max == 0 ? 1 : c.difference() / max;
            sb.append("<rect class=\"leaf\" data-leaf=\"").append(esc(c.leaf())).append("\" data-cp=\"").append(c.controlPoint())
                    .append("\" x=\"").append(num(LEFT + c.controlPoint() * w)).append("\" y=\"").append(num(TOP + row * h))
                    .append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"")
                    .append(colour(t)).append("\"><title>").append(esc(leafText(c))).append("</title></rect>");
        }
        return sb.append("</svg>").toString();
    }

    /** "leaf B31, control point 2: 12.30 -> 12.40 mm". */
    static String leafText(MlcChanges.LeafChange c) {
        String[] v = RtUnit.MM.pair(c.baseline(), c.candidate());
        return "leaf " + c.leaf() + ", control point " + c.controlPoint() + ": " + v[0] + " -> " + v[1] + " mm";
    }

    /** Leaf/Jaw Positions order is the row order: bank A leaf 1 at the top, bank B below it. */
    private static int row(MlcChanges.LeafChange c) {
        return Math.max(0, c.index());
    }

    /** From light red (a tiny difference, still visible) to dark red (the largest). */
    private static String colour(double t) {
        double x = Math.max(0.15, Math.min(1, t));
        int r = (int) Math.round(250 - 110 * x);
        int g = (int) Math.round(200 - 200 * x);
        int b = (int) Math.round(200 - 200 * x);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static void text(StringBuilder sb, double x, double y, String s) {
        sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" font-size=\"9\" font-family=\"sans-serif\" fill=\"#333\">").append(esc(s)).append("</text>");
    }

    private static String num(double d) {
        return RtUnit.round(d, 1);
    }
}
