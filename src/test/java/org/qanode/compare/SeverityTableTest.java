package org.qanode.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qanode.compare.PairStatus.DIFFERENT;
import static org.qanode.compare.PairStatus.ONLY_IN_BASELINE;
import static org.qanode.compare.PairStatus.ONLY_IN_CANDIDATE;
import static org.qanode.compare.PairStatus.UNREADABLE;
import static org.qanode.compare.Severity.ALERT;
import static org.qanode.compare.Severity.INFO;
import static org.qanode.compare.Severity.WARNING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UIDs;
import org.qanode.dicom.VR;

/**
 * Severity by meaning (issue 13): the bundled profiles' severity of a pair, per SOP Class and pair
 * status, written out here independently of the YAML and checked cell by cell.
 */
class SeverityTableTest {
    /** Varian's private Halcyon plan class: ARIA exports Halcyon plans in it. */
    static final String HALCYON_PLAN = "1.2.246.352.70.1.70";

    static final Map<String, String> PLANS = classes(
            "RT Plan (photon, electron, brachy)", UIDs.RTPlanStorage,
            "RT Ion Plan", UIDs.RTIonPlanStorage,
            "Varian Halcyon plan", HALCYON_PLAN,
            "Tomotherapeutic Radiation", UIDs.TomotherapeuticRadiationStorage,
            "C-Arm Photon-Electron Radiation", UIDs.CArmPhotonElectronRadiationStorage,
            "RT Radiation Set", UIDs.RTRadiationSetStorage,
            "RT Beams Delivery Instruction", UIDs.RTBeamsDeliveryInstructionStorage);
    static final Map<String, String> RECORDS = classes(
            "RT Beams Treatment Record", UIDs.RTBeamsTreatmentRecordStorage,
            "RT Brachy Treatment Record", UIDs.RTBrachyTreatmentRecordStorage,
            "RT Ion Beams Treatment Record", UIDs.RTIonBeamsTreatmentRecordStorage,
            "RT Treatment Summary Record", UIDs.RTTreatmentSummaryRecordStorage,
            "Tomotherapeutic Radiation Record", UIDs.TomotherapeuticRadiationRecordStorage);
    static final Map<String, String> OTHER_CLINICAL = classes(
            "RT Structure Set", UIDs.RTStructureSetStorage,
            "Spatial Registration", UIDs.SpatialRegistrationStorage,
            "RT Dose", UIDs.RTDoseStorage,
            "CT", UIDs.CTImageStorage,
            "MR", UIDs.MRImageStorage,
            "PET", UIDs.PositronEmissionTomographyImageStorage,
            "RT Image", UIDs.RTImageStorage);
    static final Map<String, String> NOT_CLINICAL = classes(
            "Key Object Selection", UIDs.KeyObjectSelectionDocumentStorage,
            "Grayscale Presentation State", UIDs.GrayscaleSoftcopyPresentationStateStorage,
            "Basic Text SR", UIDs.BasicTextSRStorage);

    @TempDir
    Path tmp;

    @Test
    void upgradeAlertsOnEveryChangedLostOrUnreadableClinicalObject() throws IOException {
        Profile p = new ProfileLoader(null).load("upgrade");
        List<String> wrong = new ArrayList<>();
        Map<String, String> clinical = new LinkedHashMap<>(PLANS);
        clinical.putAll(RECORDS);
        clinical.putAll(OTHER_CLINICAL);
        clinical.forEach((name, uid) -> {
            check(p, name, uid, DIFFERENT, null, ALERT, wrong);
            check(p, name, uid, ONLY_IN_BASELINE, null, ALERT, wrong);
            check(p, name, uid, UNREADABLE, null, ALERT, wrong);
            check(p, name, uid, ONLY_IN_CANDIDATE, null, WARNING, wrong);
        });
        NOT_CLINICAL.forEach((name, uid) -> {
            check(p, name, uid, DIFFERENT, null, WARNING, wrong);
            check(p, name, uid, ONLY_IN_BASELINE, null, ALERT, wrong);
            check(p, name, uid, UNREADABLE, null, ALERT, wrong);
            check(p, name, uid, ONLY_IN_CANDIDATE, null, WARNING, wrong);
        });
        check(p, "unidentified file", null, UNREADABLE, null, ALERT, wrong);
        check(p, "unknown private class", "1.2.3.4.5.6", ONLY_IN_BASELINE, null, ALERT, wrong);
        assertThat(wrong).isEmpty();
    }

    @Test
    void upgradeRatesEveryDifferenceOfAPlanAlert() throws IOException {
        Profile p = new ProfileLoader(null).load("upgrade");
        assertThat(p.severityOf(HALCYON_PLAN, DIFFERENT, TagPath.parse("/(300B,1040)"), null)).isEqualTo(ALERT);
        assertThat(p.severityOf(UIDs.RTIonPlanStorage, DIFFERENT, TagPath.parse("/IonBeamSequence/1/BeamName"), null))
                .isEqualTo(ALERT);
    }

    @Test
    void nightlyKeepsItsMeaning() throws IOException {
        Profile p = new ProfileLoader(null).load("nightly");
        Dataset approved = new Dataset();
        approved.setString(Tags.ApprovalStatus, VR.CS, "APPROVED");
        Dataset unapproved = new Dataset();
        unapproved.setString(Tags.ApprovalStatus, VR.CS, "UNAPPROVED");
        List<String> wrong = new ArrayList<>();
        RECORDS.forEach((name, uid) -> {
            check(p, name, uid, ONLY_IN_CANDIDATE, null, INFO, wrong);
            check(p, name, uid, ONLY_IN_BASELINE, null, ALERT, wrong);
            check(p, name, uid, DIFFERENT, null, WARNING, wrong);
            check(p, name, uid, UNREADABLE, null, ALERT, wrong);
        });
        PLANS.forEach((name, uid) -> {
            check(p, name, uid, ONLY_IN_CANDIDATE, null, INFO, wrong);
            check(p, name + " approved", uid, DIFFERENT, approved, ALERT, wrong);
            check(p, name + " unapproved", uid, DIFFERENT, unapproved, WARNING, wrong);
            check(p, name, uid, ONLY_IN_BASELINE, null, WARNING, wrong);
            check(p, name, uid, UNREADABLE, null, ALERT, wrong);
        });
        OTHER_CLINICAL.forEach((name, uid) -> {
            check(p, name, uid, DIFFERENT, null, WARNING, wrong);
            check(p, name, uid, ONLY_IN_CANDIDATE, null, WARNING, wrong);
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void strictRatesEverythingWarning() throws IOException {
        Profile p = new ProfileLoader(null).load("strict");
        List<String> wrong = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>(PLANS);
        all.putAll(RECORDS);
        all.putAll(NOT_CLINICAL);
        all.forEach((name, uid) -> {
            for (PairStatus s : List.of(DIFFERENT, ONLY_IN_BASELINE, ONLY_IN_CANDIDATE, UNREADABLE)) {
                check(p, name, uid, s, null, WARNING, wrong);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void groupsListsAndKeywordsAreValidated() throws IOException {
        Path ok = write("ok.yml", """
                name: t
                sopClassGroups:
                  mine: [RTPlanStorage, 1.2.3.4]
                  both: [mine, RTDoseStorage]
                severities:
                  - {sopClass: [both], pairStatus: [DIFFERENT, ONLY_IN_CANDIDATE], severity: ALERT}
                  - {sopClass: RTIonPlanStorage, pairStatus: DIFFERENT, severity: INFO}
                """);
        Profile p = ProfileLoader.read(ok);
        assertThat(p.severityOf(UIDs.RTPlanStorage, ONLY_IN_CANDIDATE, null, null)).isEqualTo(ALERT);
        assertThat(p.severityOf("1.2.3.4", DIFFERENT, null, null)).isEqualTo(ALERT);
        assertThat(p.severityOf(UIDs.RTDoseStorage, DIFFERENT, null, null)).isEqualTo(ALERT);
        assertThat(p.severityOf(UIDs.RTDoseStorage, ONLY_IN_BASELINE, null, null)).isEqualTo(WARNING);
        assertThat(p.severityOf(UIDs.RTIonPlanStorage, DIFFERENT, null, null)).isEqualTo(INFO);

        Path typo = write("typo.yml", """
                name: t
                severities:
                  - {sopClass: RTPlanStorrage, severity: ALERT}
                """);
        assertThatThrownBy(() -> ProfileLoader.read(typo)).hasMessageContaining("'RTPlanStorrage' is neither");
        Path loop = write("loop.yml", """
                name: t
                sopClassGroups: {a: [b], b: [a]}
                severities:
                  - {sopClass: a, severity: ALERT}
                """);
        assertThatThrownBy(() -> ProfileLoader.read(loop)).hasMessageContaining("contains itself");
        Path none = write("none.yml", """
                name: t
                severities:
                  - {pairStatus: DIFFERENT, severity: NONE}
                """);
        assertThatThrownBy(() -> ProfileLoader.read(none)).hasMessageContaining("NONE");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static void check(Profile p, String name, String uid, PairStatus status, Dataset subject, Severity expected,
            List<String> wrong) {
        Severity actual = p.severityOf(uid, status, null, subject);
        if (actual != expected) {
            wrong.add(p.name() + ": " + name + " " + status + " is " + actual + ", expected " + expected);
        }
    }

    private static Map<String, String> classes(String... nameUid) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameUid.length; i += 2) {
            m.put(nameUid[i], nameUid[i + 1]);
        }
        return m;
    }
}
