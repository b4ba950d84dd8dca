package org.qanode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.node.ObservedConnection;
import org.qanode.testing.ExternalTools;

/** The route graph from observed connections: vertices, summed edges, order, and escaping in all three forms. */
class RouteGraphTest {
    @TempDir
    Path dir;

    private static ObservedConnection c(String calling, String host, String called, String state, long objects) {
        return new ObservedConnection(calling, host, called, state, 1, 0, objects, 0, objects * 1000,
                "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z");
    }

    static final List<ObservedConnection> ROUTES = List.of(
            c("ARIA", "10.0.0.5", "QA_PRE", "pre", 6),
            c("ARIA", "10.0.0.5", "QA_PRE", "pre-2", 4),
            c("AAA_TPS", "10.0.0.9", "QA_POST", "post", 5),
            c("MON\"ITOR\\", "::1", "QANODE", "", 0));

    @Test
    void sendersCalledAeTitlesAndStatesWithSummedEdges() {
        RouteGraph g = new RouteGraph(ROUTES);
        assertThat(g.called).extracting(RouteGraph.Vertex::label).containsExactly("QANODE", "QA_POST", "QA_PRE");
        // each sender and state next to the first called AE it uses: no crossing here
        assertThat(g.senders).extracting(RouteGraph.Vertex::label)
                .containsExactly("MON\"ITOR\\ @ ::1", "AAA_TPS @ 10.0.0.9", "ARIA @ 10.0.0.5");
        assertThat(g.states).extracting(RouteGraph.Vertex::label).containsExactly("post", "pre", "pre-2");
        // ARIA's two routes are one edge to QA_PRE with 10 objects; the echo-only route has no state edge
        assertThat(g.edges).filteredOn(e -> e.from().label().startsWith("ARIA"))
                .singleElement().satisfies(e -> {
                    assertThat(e.to().label()).isEqualTo("QA_PRE");
                    assertThat(e.objects()).isEqualTo(10);
                    assertThat(e.associations()).isEqualTo(2);
                });
        assertThat(g.edges).filteredOn(e -> e.from().label().equals("QANODE")).isEmpty();
        assertThat(g.edges).hasSize(3 + 3);
    }

    @Test
    void dotIsRenderedByGraphvizWithTheLabelsIntact() throws Exception {
        Path dot = ExternalTools.requireExecutable("dot", "graphviz");
        String text = new RouteGraph(ROUTES).dot();
        assertThat(text).contains("\"MON\\\"ITOR\\\\ @ ::1\"");
        Path file = dir.resolve("routes.dot");
        Files.writeString(file, text);
        Process p = new ProcessBuilder(dot.toString(), "-Tsvg", file.toString()).start();
        String svg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).isEmpty();
        assertThat(svg).contains("MON&quot;ITOR\\ @ ::1").contains("state pre&#45;2").contains("10 objects");
    }

    @Test
    void plantUmlIsOneWellFormedDiagram() {
        String puml = new RouteGraph(ROUTES).plantUml();
        ExportsAndAssociationsBrowserTest.assertPlantUml(puml);
        assertThat(puml).contains("node \"MON'ITOR\\ @ ::1\" as sender1").contains("database \"state pre-2\" as state3");
    }

    @Test
    void svgEscapesLabelsAndHasATextAlternative() {
        String svg = new RouteGraph(ROUTES).svg().toString();
        assertThat(svg).startsWith("<svg id=\"route-graph\"").contains("role=\"img\"").contains("<title id=\"route-graph-title\">")
                .contains("MON&quot;ITOR\\ @ ::1").doesNotContain("MON\"ITOR");
        assertThat(svg.split("<g class=\"edge\"", -1)).hasSize(6 + 1);
        assertThat(new RouteGraph(List.of()).isEmpty()).isTrue();
    }
}
