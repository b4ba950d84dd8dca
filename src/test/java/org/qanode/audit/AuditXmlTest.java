package org.qanode.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.testing.Dcmtk;

/** Every event type's DICOM Audit Message is valid against PS3.15 A.5.1 and says what A.5.3 asks. */
class AuditXmlTest {
    @TempDir
    Path dir;

    private final AuditXml xml = new AuditXml(new AuditSource("QANODE_SITE", "QANODE", "qa-host", "4242"));

    @Test
    void everyEventTypeIsValidAgainstTheSchemaOfPs3_15() throws Exception {
        List<String> docs = new ArrayList<>();
        for (AuditEvent e : AuditSamples.all()) {
            docs.add(xml.toXml(e));
        }
        assertThat(docs).hasSize(AuditEventType.values().length);
        AuditSchema.assertValid(dir, docs);
    }

    /** The validator is not a rubber stamp: a message without AuditSourceIdentification fails it. */
    @Test
    void theValidatorRejectsAMessageTheSchemaForbids() throws Exception {
        String valid = xml.toXml(AuditSamples.of(AuditEventType.LOGIN));
        String broken = valid.replaceAll("<AuditSourceIdentification.*?</AuditSourceIdentification>", "");
        assertThat(broken).isNotEqualTo(valid);
        Dcmtk.Result r = AuditSchema.validate(dir, List.of(broken));
        assertThat(r.exitCode()).isNotZero();
    }

    @Test
    void instancesTransferredNamesTheStudyItsInstancesByClassAndThePatient() {
        String m = xml.toXml(AuditSamples.of(AuditEventType.INSTANCES_STORED));
        assertThat(m).contains("<EventID csd-code=\"110104\" codeSystemName=\"DCM\" originalText=\"DICOM Instances Transferred\"")
                .contains("EventActionCode=\"C\"")
                .contains("ParticipantObjectID=\"1.2.826.0.1.3680043.8.498.1\"")
                .contains("csd-code=\"110180\"")
                .contains("<SOPClass UID=\"1.2.840.10008.5.1.4.1.1.481.5\" NumberOfInstances=\"2\">")
                .contains("<Instance UID=\"1.2.826.0.1.3680043.8.498.3\"")
                .contains("NumberOfInstances=\"1\"")
                .contains("ParticipantObjectID=\"PAT-001\"")
                // the peer is the source and requestor, the node the destination (A.5.3.4)
                .contains("UserID=\"local\" UserIsRequestor=\"true\" NetworkAccessPointID=\"127.0.0.1\"")
                .contains("csd-code=\"110153\"").contains("csd-code=\"110152\"")
                .contains("AuditSourceID=\"QANODE_SITE\"");
        assertThat(xml.toXml(AuditSamples.of(AuditEventType.INSTANCES_DUPLICATE))).contains("EventActionCode=\"R\"");
        assertThat(xml.toXml(AuditSamples.of(AuditEventType.INSTANCES_UPDATED))).contains("EventActionCode=\"U\"");
    }

    /** What the accounts' listener will record: the user tried, and the account changed. */
    @Test
    void loginAndAccountEventsNameTheUserAndTheAccount() {
        assertThat(xml.toXml(AuditSamples.of(AuditEventType.LOGIN))).contains("csd-code=\"110114\"")
                .contains("csd-code=\"110122\"").contains("EventOutcomeIndicator=\"4\"")
                .contains("UserID=\"alice\" UserIsRequestor=\"true\" NetworkAccessPointID=\"10.1.2.3\"");
        assertThat(xml.toXml(AuditSamples.of(AuditEventType.ACCOUNT_CHANGED))).contains("csd-code=\"110137\"")
                .contains("ParticipantObjectID=\"alice\" ParticipantObjectTypeCode=\"1\" ParticipantObjectTypeCodeRole=\"11\"")
                .contains("UserID=\"admin\"");
    }

    @Test
    void textIsEscapedAndFailuresCarryTheirIndicator() {
        String m = xml.toXml(AuditSamples.of(AuditEventType.INSTANCE_REFUSED));
        assertThat(m).contains("EventOutcomeIndicator=\"8\"").contains("&lt;&amp;&gt;").doesNotContain("<&>");
        assertThat(xml.toXml(AuditSamples.of(AuditEventType.ASSOCIATION_REJECTED)))
                .contains("EventOutcomeIndicator=\"4\"").contains("csd-code=\"110126\"");
    }
}
