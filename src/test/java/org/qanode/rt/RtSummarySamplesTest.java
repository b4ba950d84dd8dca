package org.qanode.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.Samples;

/**
 * Every value of the plan summaries of the corpus's RT (Ion) Plans checked against independent
 * readings: pydicom and dicompyler-core (Debian python3-pydicom, python3-dicompylercore) through
 * src/test/resources/org/qanode/rt/independent_summary.py, and dcmtk's drtdump for the object
 * type and the patient.
 */
class RtSummarySamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<Path> plans;
    private static JsonNode expected;

    @BeforeAll
    static void readIndependently() throws IOException {
        ExternalTools.require(ExternalTools.DEBIAN_PYTHON, "Debian python3");
        try (var s = Files.list(Samples.get("rtplan"))) {
            plans = s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
        }
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.DEBIAN_PYTHON.toString(), script().toString()));
        plans.forEach(p -> cmd.add(p.toString()));
        Dcmtk.Result r = Dcmtk.run(cmd);
        if (r.exitCode() != 0 && r.stderr().contains("No module named")) {
            ExternalTools.require(null, "python3-pydicom and python3-dicompylercore: " + r.stderr().strip());
        }
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        expected = JSON.readTree(r.stdout());
    }

    static Path script() {
        return Path.of("src/test/resources/org/qanode/rt/independent_summary.py").toAbsolutePath();
    }

    static Dataset read(Path p) throws IOException {
        return DicomReader.readFile(p, ReadOptions.withBulkDataByReference()).dataset();
    }

    @Test
    void planAndBeamValuesAgreeWithPydicomAndDicompyler() throws IOException {
        int beamsChecked = 0;
        List<String> notSummarised = new ArrayList<>();
        for (Path p : plans) {
            RtObjectSummary s = RtObjects.summarise(read(p));
            if (s == null) {
                notSummarised.add(p.getFileName().toString());
                continue;
            }
            PlanSummary plan = (PlanSummary) s;
            JsonNode e = expected.get(p.toString());
            String at = p.getFileName().toString();
            assertThat(plan.patientId()).as(at).isEqualTo(text(e.get("patientId")));
            assertThat(plan.label()).as(at).isEqualTo(text(e.get("label")));
            assertThat(plan.label()).as(at).isEqualTo(text(e.at("/dicompyler/label")));
            assertThat(plan.date()).as(at).isEqualTo(text(e.at("/dicompyler/date")));
            assertThat(plan.time()).as(at).isEqualTo(text(e.at("/dicompyler/time")));
            assertThat(plan.fractionsPlanned() == null ? 0 : plan.fractionsPlanned()).as(at)
                    .isEqualTo(e.get("fractionsPlanned").asInt());
            assertThat(plan.beams()).as(at).hasSize(e.get("beams").size());
            for (BeamParameters b : plan.beams()) {
                JsonNode eb = e.get("beams").get(String.valueOf(b.number()));
                String where = at + " beam " + b.number();
                assertThat(b.name()).as(where).isEqualTo(text(eb.get("name")));
                assertThat(b.type()).as(where).isEqualTo(text(eb.get("type")));
                assertThat(b.radiationType()).as(where).isEqualTo(text(eb.get("radiationType")));
                assertThat(b.machine()).as(where).isEqualTo(text(eb.get("machine")));
                assertThat(b.rotationDirection()).as(where).isEqualTo(text(eb.get("rotationDirection")));
                assertThat(b.controlPoints()).as(where).isEqualTo(eb.get("controlPoints").asInt());
                assertThat(b.mlc()).as(where).isEqualTo(eb.get("mlc").asBoolean());
                for (String f : List.of("energy", "meterset", "gantryStart", "gantryStop", "collimatorAngle",
                        "couchAngle", "ssd")) {
                    Object ours = BeamParameters.FIELDS.stream().filter(x -> x.name().equals(f)).findFirst()
                            .orElseThrow().value().apply(b);
                    number(where + " " + f, (Double) ours, eb.get(f));
                }
                list(where + " jawX", b.jawX(), eb.get("jawX"));
                list(where + " jawY", b.jawY(), eb.get("jawY"));
                list(where + " isocenter", b.isocenter(), eb.get("isocenter"));
                JsonNode dp = e.at("/dicompyler/beams/" + b.number());
                if (!dp.isMissingNode()) {
                    assertThat(b.name() == null ? "" : b.name()).as(where).isEqualTo(dp.get("name").asText());
                    if (dp.hasNonNull("doseCGy")) {
                        assertThat(b.beamDose() * plan.fractionsPlanned() * 100).as(where + " dose")
                                .isCloseTo(dp.get("doseCGy").asDouble(), within(1e-6));
                    }
                }
                beamsChecked++;
            }
        }
        // the Halcyon plan uses Varian's private SOP Class, which the summary does not claim to read
        assertThat(notSummarised).containsExactly("pps_halcyon_varian_private_sop_class.dcm");
        assertThat(beamsChecked).isGreaterThan(50);
    }

    private static final Pattern PATIENT = Pattern.compile("(?m)^Patient\\s+: (.*?) \\((?:[^#]*, )?#(.*)\\)$");

    @Test
    void objectTypeAndPatientAgreeWithDrtdump() throws IOException {
        ExternalTools.requireExecutable("drtdump", "dcmtk");
        int checked = 0;
        for (Path p : plans) {
            RtObjectSummary s = RtObjects.summarise(read(p));
            if (s == null || p.getFileName().toString().contains("nometa")) {
                continue; // drtdump needs the File Meta to know the transfer syntax
            }
            Dcmtk.Result r = Dcmtk.run("drtdump", p.toString());
            String kind = ((PlanSummary) s).sopClassUid().endsWith(".8") ? "RT Ion Plan object" : "RT Plan object";
            assertThat(r.stdout()).as(p.toString()).startsWith(kind);
            Matcher m = PATIENT.matcher(r.stdout());
            assertThat(m.find()).as(r.stdout()).isTrue();
            assertThat(s.patientId()).as(p.toString()).isEqualTo(m.group(2));
            assertThat(s.patientName() == null ? "" : s.patientName()).isEqualTo(m.group(1));
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    private static String text(JsonNode n) {
        // an empty Type 2 value is absent to the summary; pydicom reads it as ""
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    private static void number(String what, Double ours, JsonNode theirs) {
        if (theirs == null || theirs.isNull()) {
            assertThat(ours).as(what).isNull();
        } else {
            assertThat(ours).as(what).isNotNull().isCloseTo(theirs.asDouble(), within(1e-9));
        }
    }

    private static void list(String what, List<Double> ours, JsonNode theirs) {
        if (theirs == null || theirs.isNull()) {
            assertThat(ours).as(what).isNull();
            return;
        }
        assertThat(ours).as(what).hasSize(theirs.size());
        for (int i = 0; i < theirs.size(); i++) {
            assertThat(ours.get(i)).as(what + "[" + i + "]").isCloseTo(theirs.get(i).asDouble(), within(1e-9));
        }
    }

}
