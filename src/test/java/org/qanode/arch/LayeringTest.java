package org.qanode.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows of ARCHITECTURE.md pointing down: each package may use only the
 * packages listed for it here. Checked on the sources' imports and qualified names.
 */
class LayeringTest {
    /**
     * Each package and what it may use besides itself and {@code util}. The seams of
     * ARCHITECTURE.md are here as absences: {@code store} uses nothing of {@code net} (the network
     * layer owns the storage contract, {@code ingest} adapts the store to it), {@code compare}
     * nothing of {@code rt} (the RT summary joins the comparison in {@code result}), and the
     * application ({@code node} and below) nothing of HTTP ({@code api}).
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("util", Set.of()),
            Map.entry("dicom", Set.of()),
            Map.entry("dicom.io", Set.of("dicom")),
            Map.entry("dicom.json", Set.of("dicom", "dicom.io")),
            Map.entry("net.pdu", Set.of("dicom")),
            Map.entry("net.tls", Set.of()),
            Map.entry("net.assoc", Set.of("dicom", "net.pdu", "net.tls")),
            Map.entry("net.dimse", Set.of("dicom", "dicom.io", "net.pdu", "net.tls", "net.assoc")),
            Map.entry("compare", Set.of("dicom", "dicom.io")),
            Map.entry("store", Set.of("dicom", "dicom.io", "compare")),
            Map.entry("rt", Set.of("dicom", "dicom.io", "compare")),
            Map.entry("result", Set.of("dicom", "compare", "rt")),
            Map.entry("report", Set.of("dicom", "dicom.io", "compare", "rt", "result")),
            Map.entry("selftest", Set.of("dicom", "dicom.io", "compare", "rt", "result")),
            Map.entry("metrics", Set.of("net.dimse")),
            Map.entry("ingest", Set.of("dicom", "dicom.io", "net.dimse", "store", "metrics")),
            Map.entry("webhook", Set.of("store", "metrics")),
            Map.entry("account", Set.of("store")),
            Map.entry("audit", Set.of("dicom", "net.tls", "net.dimse", "store", "ingest", "account")),
            Map.entry("qarecord", Set.of("dicom", "compare", "rt", "result", "report", "store", "webhook")),
            Map.entry("sweep", Set.of("dicom", "dicom.io", "net.pdu", "net.assoc", "net.dimse", "store", "compare",
                    "rt", "result", "report", "ingest", "selftest")),
            Map.entry("node", Set.of("dicom", "dicom.io", "net.pdu", "net.assoc", "net.dimse", "store", "compare",
                    "rt", "result", "report", "metrics", "ingest", "webhook", "sweep", "selftest", "audit")),
            Map.entry("api", Set.of("dicom", "dicom.io", "dicom.json", "net.pdu", "net.tls", "net.assoc", "net.dimse", "store",
                    "compare", "rt", "result", "report", "metrics", "ingest", "webhook", "sweep", "selftest", "audit", "node", "account")),
            Map.entry("ui", Set.of("dicom", "dicom.io", "dicom.json", "net.pdu", "net.tls", "net.assoc", "net.dimse",
                    "store", "compare", "rt", "result", "report", "metrics", "ingest", "webhook", "sweep", "selftest", "audit", "node", "api", "account")),
            Map.entry("app", Set.of("dicom", "dicom.io", "dicom.json", "net.pdu", "net.tls", "net.assoc", "net.dimse", "store",
                    "compare", "rt", "result", "report", "metrics", "ingest", "webhook", "sweep", "selftest", "audit", "node", "api", "ui", "account",
                    "qarecord")));

    /** HTTP adapters call services; SQL belongs to the store and the services' repositories. */
    private static final Set<String> NO_JDBC = Set.of("api", "ui", "compare", "rt", "report", "net.pdu", "net.assoc",
            "net.dimse", "dicom", "dicom.io", "dicom.json");

    private static final Pattern REF = Pattern.compile("org\\.qanode\\.([a-z]+(?:\\.[a-z]+)?)\\.[A-Z]");

    @Test
    void packagesDependOnlyDownwards() throws IOException {
        Path root = Paths.get("src/main/java/org/qanode");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(file + ": package " + pkg + " is not in the layer table");
                    continue;
                }
                Matcher m = REF.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !used.equals("util") && !allowed.contains(used)) {
                        violations.add(file + " uses org.qanode." + used);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void httpAdaptersAndCodecsUseNoJdbc() throws IOException {
        Path root = Paths.get("src/main/java/org/qanode");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                if (NO_JDBC.contains(pkg) && Files.readString(file).contains("java.sql.")) {
                    violations.add(file + " uses java.sql");
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
