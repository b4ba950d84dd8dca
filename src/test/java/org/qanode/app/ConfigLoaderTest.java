package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("qanode.yml");
        Files.writeString(f, text);
        return f;
    }

    private static List<String> problems(Path file, Map<String, String> env, Map<String, String> cli) {
        try {
            ConfigLoader.load(file, env, cli);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("configuration accepted");
    }

    @Test
    void defaultsAreWhatScriptsAndDocsRelyOn() throws Exception {
        QanodeConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(c.dicom().aeTitle()).isEqualTo("QANODE");
        assertThat(c.dicom().port()).isEqualTo(11112);
        assertThat(c.dicom().states()).isEqualTo(Map.of("QA_PRE", "pre", "QA_POST", "post"));
        assertThat(c.dicom().receivingState()).isEqualTo("inbox");
        assertThat(c.dicom().allowedCallingAeTitles()).isEmpty();
        // ARIA exports Halcyon plans in Varian's private class: accepted without configuration (issue 13)
        assertThat(c.dicom().extraSopClasses()).containsExactly("1.2.246.352.70.1.70");
        assertThat(ConfigLoader.load(Path.of("conf/qanode.yml"), Map.of(), Map.of()).dicom().extraSopClasses())
                .containsExactly("1.2.246.352.70.1.70");
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.http().bind()).isEqualTo("127.0.0.1");
        assertThat(c.http().token()).isNull();
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("./var"));
        assertThat(c.storage().index()).startsWith("jdbc:h2:file:").endsWith("/var/index");
        assertThat(c.storage().directWrites()).isTrue();
        assertThat(ConfigLoader.load(null, Map.of("QANODE_STORAGE_DIRECT_WRITES", "false"), Map.of()).storage()
                .directWrites()).isFalse();
        assertThat(c.webhooks()).isEmpty();
        assertThat(c.compare().profile()).isEqualTo("upgrade");
    }

    /** Section qa (issue 15): both systems read, secrets from the environment and never printed. */
    @Test
    void qaRecordSectionIsReadWithSecretsFromTheEnvironment() throws Exception {
        Path f = yaml("""
                qa:
                  redmine:
                    url: "https://redmine.example/"
                    project: linac-qa
                    minSeverity: warning
                    signoffStatus: {ACCEPTED: Resolved}
                  qatrack:
                    url: https://qatrack.example/api
                    authHeader: X-QATrack-Authorization
                    tests: {verdict_ok: identical, n_alerts: alerts}
                    mappings:
                      - {baseline: pre, candidate: post, unit: TrueBeam 1, testList: ARIA upgrade check}
                      - {sweep: true, unit: ARIA, testList: Nightly}
                """);
        QanodeConfig c = ConfigLoader.load(f, Map.of("QANODE_QA_REDMINE_API_KEY", "rk-secret-1",
                "QANODE_QA_QATRACK_TOKEN", "qt-secret-2"), Map.of());
        var r = c.qaRecord().redmine();
        assertThat(r.url()).isEqualTo("https://redmine.example");
        assertThat(r.apiKey()).isEqualTo("rk-secret-1");
        assertThat(r.tracker()).isEqualTo("Bug");
        assertThat(r.minSeverity()).isEqualTo(org.qanode.compare.Severity.WARNING);
        assertThat(r.signoffStatus()).isEqualTo(Map.of("ACCEPTED", "Resolved"));
        var q = c.qaRecord().qatrack();
        assertThat(q.token()).isEqualTo("qt-secret-2");
        assertThat(q.authHeader()).isEqualTo("X-QATrack-Authorization");
        assertThat(q.tests()).isEqualTo(Map.of("verdict_ok", "identical", "n_alerts", "alerts"));
        assertThat(q.mappings()).hasSize(2);
        assertThat(q.mappings().get(1).sweep()).isTrue();
        assertThat(r + " " + q + " " + c).doesNotContain("rk-secret-1").doesNotContain("qt-secret-2");
        // without the section nothing is configured; the default tests apply when qatrack names none
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).qaRecord().any()).isFalse();
        assertThat(ConfigLoader.load(yaml("qa: {qatrack: {url: 'http://q/api', token: t, mappings: [{candidate: post, "
                + "unit: U, testList: T}]}}"), Map.of(), Map.of()).qaRecord().qatrack().tests())
                .containsEntry("qanode_identical", "identical").containsEntry("qanode_result", "result").hasSize(7);
    }

    @Test
    void qaRecordProblemsNameTheirKeys() throws Exception {
        Path f = yaml("""
                qa:
                  redmine: {url: "ftp://redmine", minSeverity: NONE, signoffStatus: {MAYBE: Resolved}}
                  qatrack:
                    url: http://q/api
                    token: t
                    authHeader: "Bad Header"
                    tests: {a: colour}
                    mappings: [{unit: U}, {candidate: post, unit: U, testList: T, colour: blue}]
                """);
        assertThat(problems(f, Map.of(), Map.of())).containsExactlyInAnyOrder(
                "qa.redmine.url: expected an http:// or https:// URL, got 'ftp://redmine'",
                "qa.redmine.apiKey: missing",
                "qa.redmine.project: missing",
                "qa.redmine.minSeverity: NONE would open an issue for identical results: use INFO, WARNING or ALERT",
                "qa.redmine.signoffStatus.MAYBE: expected ACCEPTED or REJECTED",
                "qa.qatrack.authHeader: expected an HTTP header name",
                "qa.qatrack.tests.a: unknown value 'colour' (one of identical, objects, differences, alerts, warnings, "
                        + "missing, added, unreadable, severity, summary, result)",
                "qa.qatrack.mappings[0].testList: missing",
                "qa.qatrack.mappings[0]: needs baseline and/or candidate (state names, * for any), or sweep: true",
                "qa.qatrack.mappings[1].colour: unknown key (baseline, candidate, sweep, unit, testList)");
        assertThat(problems(yaml("qa: {qatrack: {url: 'http://q/api', token: t}}"), Map.of(), Map.of()))
                .containsExactly("qa.qatrack.mappings: missing: at least one {baseline, candidate, unit, testList} or "
                        + "{sweep: true, unit, testList}");
    }

    /** The shipped conf/qanode.yml is valid and says what the defaults say. */
    @Test
    void shippedFileEqualsTheDefaults() throws Exception {
        assertThat(ConfigLoader.load(Path.of("conf/qanode.yml"), Map.of(), Map.of()))
                .isEqualTo(ConfigLoader.load(null, Map.of(), Map.of()));
    }

    @Test
    void environmentOverridesFileAndCommandLineOverridesBoth() throws Exception {
        Path f = yaml("""
                dicom: {port: 104, states: {A: a}}
                http: {port: 9000, token: fromfile}
                storage: {dataDir: /srv/qanode}
                webhooks:
                  - {url: "https://qa.example/hook", secret: s1}
                rois:
                  ARIA: {aeTitle: VMSDBD, host: aria.example, port: 105}
                """);
        QanodeConfig c = ConfigLoader.load(f,
                Map.of("QANODE_HTTP_PORT", "9100", "QANODE_HTTP_TOKEN", "fromenv", "QANODE_DICOM_STATES", "QA_PRE=pre,X=y",
                        "QANODE_DICOM_ALLOWED_CALLING_AE_TITLES", "VMSDBD, VMSFSD"),
                Map.of("http.port", "9200", "storage.dataDir", dir.toString()));
        assertThat(c.dicom().port()).isEqualTo(104);
        assertThat(c.http().port()).isEqualTo(9200);
        assertThat(c.http().token()).isEqualTo("fromenv");
        assertThat(c.dicom().states()).isEqualTo(Map.of("QA_PRE", "pre", "X", "y"));
        assertThat(c.dicom().allowedCallingAeTitles()).containsExactly("VMSDBD", "VMSFSD");
        assertThat(c.storage().dataDir()).isEqualTo(dir);
        assertThat(c.storage().index()).isEqualTo(org.qanode.store.StateStore.defaultIndexUrl(dir));
        assertThat(c.webhooks()).hasSize(1);
        assertThat(c.webhooks().get(0).toString()).doesNotContain("s1");
    }

    @Test
    void everyProblemIsReportedWithItsKey() throws Exception {
        Path f = yaml("""
                dicom:
                  port: 70000
                  aeTitle: THIS_AE_TITLE_IS_TOO_LONG
                  prot: 1
                  states: {QA_PRE: "../x"}
                http: {port: eighty, token: "has space"}
                storage: {index: "jdbc:mysql://db"}
                webhooks:
                  - {url: "ftp://x"}
                  - {url: "http://ok.example", secret: s, extra: 1}
                colour: blue
                """);
        assertThat(problems(f, Map.of(), Map.of())).containsExactlyInAnyOrder(
                "dicom.prot: unknown key",
                "colour: unknown section (known: rois, sweep, dicom, storage, http, audit, webhooks, webhookDelivery, qa, compare)",
                "dicom.aeTitle: not a valid AE title (1 to 16 printable ASCII characters, no backslash): 'THIS_AE_TITLE_IS_TOO_LONG'",
                "dicom.port: must be 0..65535, got 70000",
                "dicom.states.QA_PRE: not a valid state name (1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit): '../x'",
                "storage.index: expected a jdbc:h2: or jdbc:postgresql: URL, got 'jdbc:mysql://db'",
                "http.token: must be printable ASCII without spaces (it travels in an HTTP header)",
                "http.port: expected an integer, got 'eighty'",
                "webhooks[0].secret: missing: every delivery is signed with it",
                "webhooks[1].extra: unknown key (webhooks take url and secret)");
        assertThat(problems(null, Map.of("QANODE_DICOM_PORT", "x"), Map.of()))
                .containsExactly("dicom.port: expected an integer, got 'x'");
        assertThat(problems(yaml("dicom: [1, 2"), Map.of(), Map.of()).get(0)).contains("not valid YAML at line");
        assertThat(problems(dir.resolve("missing.yml"), Map.of(), Map.of()).get(0)).startsWith("configuration file not found");
    }

    /**
     * docs/configuration.md holds the table generated from {@link Setting#ALL} as it is: every key
     * with its default and environment variable. On a change, paste {@code Setting.markdownTable()}.
     */
    @Test
    void documentationListsEverySetting() throws Exception {
        String doc = Files.readString(Path.of("docs/configuration.md"));
        for (Setting s : Setting.ALL) {
            assertThat(doc).as(s.key()).contains("`" + s.key() + "`");
            if (!s.env().isEmpty()) {
                assertThat(doc).as(s.env()).contains("`" + s.env() + "`");
            }
        }
        assertThat(doc).as("the settings table of docs/configuration.md").contains(Setting.markdownTable());
    }

    /** The defaults the loader uses are the table's: no second copy in the loader. */
    @Test
    void defaultsComeFromTheTable() throws Exception {
        QanodeConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(c.dicom().port()).isEqualTo(Setting.get("dicom.port").defaultInt());
        assertThat(c.dicom().aeTitle()).isEqualTo(Setting.get("dicom.aeTitle").defaultValue());
        assertThat(c.dicom().states()).containsEntry("QA_PRE", "pre").containsEntry("QA_POST", "post").hasSize(2);
        assertThat(c.http().port()).isEqualTo(Setting.get("http.port").defaultInt());
        assertThat(c.storage().dataDir()).isEqualTo(Path.of(Setting.get("storage.dataDir").defaultValue()));
        assertThat(c.compare().profile()).isEqualTo(Setting.get("compare.profile").defaultValue());
        for (Setting s : Setting.ALL) {
            if (s.type() == Setting.Type.INT) {
                assertThat(s.defaultInt()).as(s.key()).isBetween((int) s.min(), (int) s.max());
            }
            if (s.defaultValue() != null) {
                assertThat(s.defaultNode()).as(s.key()).isNotNull();
            }
        }
    }

    @Test
    void serveStopsWithOneLinePerProblemAndExitCode2() throws Exception {
        Path f = yaml("http: {port: -1}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute("serve", "--config", f.toString(), "--dicom-port", "abc");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("qanode serve: invalid configuration:\n"
                + "  dicom.port: expected an integer, got 'abc'\n"
                + "  http.port: must be 0..65535, got -1\n");
    }

    @Test
    void configIsImmutable() throws Exception {
        QanodeConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertThatThrownBy(() -> c.dicom().states().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.webhooks().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    /** rois: and sweep: are validated at start-up with the rest, one line per problem naming the key. */
    @Test
    void tlsSectionsAreCheckedKeyByKey() throws Exception {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).dicom().tls()).as("no section, no TLS port").isNull();
        Path f = yaml("dicom:\n  port: 2762\n  tls: {certificate: nope.crt, profile: tls10, colour: red}\n"
                + "http:\n  tls: {certificate: nope.crt}\n"
                + "rois:\n  ARIA: {aeTitle: VMSDBD, host: aria, tls: true}\n");
        assertThat(problems(f, Map.of(), Map.of())).containsExactlyInAnyOrder(
                "dicom.tls.colour: unknown key",
                "dicom.tls.port: must differ from dicom.port (PS3.15 B.1: TLS has a port of its own)",
                "dicom.tls.certificate: not a readable file: nope.crt",
                "dicom.tls.privateKey: missing (a PEM file)",
                "dicom.tls.trustedCertificates: missing (a PEM file)",
                "dicom.tls.profile: unknown TLS profile 'tls10' (known: bcp195-nd, bcp195-extended, bcp195-rfc8996)",
                "http.tls.certificate: not a readable file: nope.crt",
                "http.tls.privateKey: missing (a PEM file)",
                "rois.ARIA.tls: true needs the dicom.tls section (certificate, privateKey, trustedCertificates)");

        Path pem = Files.writeString(dir.resolve("x.pem"), "-----BEGIN CERTIFICATE-----\n");
        QanodeConfig ok = ConfigLoader.load(yaml("dicom:\n  tls: {certificate: " + pem + ", privateKey: " + pem
                + ", trustedCertificates: " + pem + ", profile: bcp195-nd, only: true}\n"), Map.of(), Map.of());
        assertThat(ok.dicom().tls().port()).isEqualTo(2762);
        assertThat(ok.dicom().tls().only()).isTrue();
        assertThat(ok.dicom().tls().settings().requireClientCertificate()).isTrue();
        assertThat(ok.dicom().tls().settings().profile().section()).isEqualTo("PS3.15 B.10");
        assertThat(ok.http().tls()).isNull();
    }

    @Test
    void roisAndSweepAreValidatedWithTheRest() throws Exception {
        Path f = yaml("rois:\n"
                + "  ARIA: {aeTitle: VMSDBD, host: aria, port: 0, colour: red}\n"
                + "  MOSAIQ: {aeTitle: MOSAIQ_AE_TITLE_TOO_LONG, host: m, level: PATIENT}\n"
                + "sweep: {rois: ORTHANC, schedule: '61 2 * * *', patients: missing.csv, keep: 1, profile: nope}\n");
        assertThat(problems(f, Map.of(), Map.of())).containsExactlyInAnyOrder(
                "rois.ARIA.colour: unknown key (known: aeTitle, host, port, callingAeTitle, moveDestination, model,"
                        + " level, useGet, timeoutSeconds, retries, storeAeTitles, parallelMoves, tls)",
                "rois.ARIA.port: must be 1..65535, got 0",
                "rois.MOSAIQ.aeTitle: 'MOSAIQ_AE_TITLE_TOO_LONG' is not an AE title (1-16 characters)",
                "sweep.rois: 'ORTHANC' is not under rois: (configured: none)",
                "sweep.patients: file not found: missing.csv",
                "sweep.keep: must be 2..10000, got 1",
                "sweep.profile: profile 'nope': " + profileError("nope"));

        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "ID\nQA1\n");
        QanodeConfig ok = ConfigLoader.load(yaml("rois:\n  ARIA: {aeTitle: VMSDBD, host: aria, port: 105,"
                + " storeAeTitles: [VMSSTORE]}\nsweep: {rois: ARIA, patients: '" + csv + "'}\n"), Map.of(), Map.of());
        assertThat(ok.rois().get("ARIA").port()).isEqualTo(105);
        assertThat(ok.rois().get("ARIA").callingAeTitle()).isEqualTo("QANODE");
        assertThat(ok.rois().get("ARIA").sendingAeTitles()).containsExactly("VMSDBD", "VMSSTORE");
        assertThat(ok.sweep().schedule()).isEqualTo("0 2 * * *");
        assertThat(ok.sweep().profile()).isEqualTo("nightly");
        assertThat(problems(yaml("sweep: {rois: A, schedule: 'x'}\nrois: {A: {aeTitle: A, host: h}}\n"), Map.of(),
                Map.of()).get(0)).startsWith("sweep.schedule: 'x'");
    }

    private static String profileError(String name) {
        try {
            new org.qanode.compare.ProfileLoader(Path.of("conf/profiles")).load(name);
            return "";
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
