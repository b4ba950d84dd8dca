package org.qanode.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;

/**
 * Validation against the schema of PS3.15 A.5.1 (src/test/resources/org/qanode/audit/
 * dicom-audit-message.rnc) with Debian's jing, a RELAX NG validator independent of our code.
 */
final class AuditSchema {
    static final Path SCHEMA = Path.of("src/test/resources/org/qanode/audit/dicom-audit-message.rnc");

    private AuditSchema() {
    }

    /** Writes each document to {@code dir} and runs jing once on all; returns its result. */
    static Dcmtk.Result validate(Path dir, List<String> documents) throws IOException {
        Path jing = ExternalTools.requireExecutable("jing", "jing");
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(jing.toString(), "-c", SCHEMA.toString()));
        int i = 0;
        for (String d : documents) {
            Path f = dir.resolve("message-" + (i++) + ".xml");
            Files.writeString(f, d);
            command.add(f.toString());
        }
        return Dcmtk.run(command);
    }

    static void assertValid(Path dir, List<String> documents) throws IOException {
        assertThat(documents).isNotEmpty();
        Dcmtk.Result r = validate(dir, documents);
        assertThat(r.exitCode()).as("jing: " + r.stdout() + r.stderr()).isZero();
    }

    /** The XML of a syslog line as rsyslog wrote it: from the declaration to the end. */
    static String xmlOf(String line) {
        int at = line.indexOf("<?xml");
        assertThat(at).as("an XML audit message in: " + line).isGreaterThanOrEqualTo(0);
        return line.substring(at);
    }
}
