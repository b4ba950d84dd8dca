package org.qanode.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One configuration key: its YAML path, the environment variable that overrides it, its type
 * and range, the default and what it does. {@link #ALL} is the one table of settings: the loader
 * takes defaults and checks from it, every command (serve and the CLI alike) loads through the
 * loader, and docs/configuration.md is tested against {@link #markdownTable()}, so neither the
 * code nor the documentation can drift from it. Command-line options carry no defaults of
 * their own; given, they override the loaded value.
 *
 * @param defaultValue the default as YAML would write it ({@code 11112}, {@code []},
 *                     {@code {QA_PRE: pre}}), the value the loader uses when the key is absent;
 *                     null when there is none or it is derived from other keys ({@link #note})
 * @param min          for {@link Type#INT}: the smallest value accepted
 * @param max          for {@link Type#INT}: the largest value accepted
 * @param note         what the documentation says beside (or instead of) the default, or null
 */
public record Setting(String key, String env, Type type, String defaultValue, long min, long max, String note,
        String description) {

    /** How a value is read and checked; {@link ConfigLoader} has one check per type. */
    public enum Type {
        STRING, INT, BOOLEAN, AE_TITLE, AE_TITLES, UIDS, STATE_NAME, STATE_MAP, PATH, JDBC_URL, TOKEN, HTTP_URL,
        WEBHOOKS, LIST, ENUM, CRON, MAP, QATRACK_MAPPINGS
    }

    public static final List<Setting> ALL = List.of(
            of("dicom.aeTitle", "QANODE_DICOM_AE_TITLE", Type.AE_TITLE, "QANODE", null,
                    "our AE title; objects sent to it go to the receiving state; the calling AE title of `qanode echo` and `send`"),
            of("dicom.bind", "QANODE_DICOM_BIND", Type.STRING, "0.0.0.0", null, "address the DICOM listener binds"),
            integer("dicom.port", "QANODE_DICOM_PORT", "11112", 0, 65_535, null, "DICOM port (0: any free port)"),
            // PS3.8 D.1: at least the 4 KiB all peers must handle; 16 MiB bounds buffers
            integer("dicom.maxPduLength", "QANODE_DICOM_MAX_PDU_LENGTH", "65536", 4096, 16 * 1024 * 1024, null,
                    "largest P-DATA-TF PDU we accept, in bytes"),
            integer("dicom.maxAssociations", "QANODE_DICOM_MAX_ASSOCIATIONS", "16", 1, 1000, null,
                    "associations at once; more are rejected (transient, local limit)"),
            integer("dicom.maxAssociationsPerHost", "QANODE_DICOM_MAX_ASSOCIATIONS_PER_HOST", "8", 1, 1000, null,
                    "associations at once from one calling host (IP address); more are rejected (transient, local limit)"),
            integer("dicom.maxPendingConnections", "QANODE_DICOM_MAX_PENDING_CONNECTIONS", "64", 1, 10_000, null,
                    "connections at once without an accepted association (A-ASSOCIATE-RQ not yet complete, or rejected); more are closed at once"),
            integer("dicom.pduTimeoutSeconds", "QANODE_DICOM_PDU_TIMEOUT_SECONDS", "60", 1, 3600, null,
                    "longest time one PDU may take from its first byte to its last; a slower peer is aborted"),
            // docs/performance.md, "Ingest: warm-up at start": a fresh JVM spends the CPU of the
            // first thousands of objects mostly compiling; this moves that into start-up
            integer("dicom.warmUpObjects", "QANODE_DICOM_WARM_UP_OBJECTS", "3000", 0, 100_000, null,
                    "synthetic RT objects sent through a private copy of the ingest path (own store, index, metrics and audit, all discarded; two log lines) before the DICOM port opens, so that the first objects after a start are handled by compiled code; costs start-up time (about 5 s on two cores for 3000); 0: none"),
            of("dicom.allowedCallingAeTitles", "QANODE_DICOM_ALLOWED_CALLING_AE_TITLES", Type.AE_TITLES, "[]", "(any)",
                    "calling AE titles accepted; env: comma-separated"),
            // Varian's private SOP class of Halcyon plans: ARIA exports those plans in it, not as RT
            // Plan Storage, so a node that refused it would lose every Halcyon plan of an export.
            of("dicom.extraSopClasses", "QANODE_DICOM_EXTRA_SOP_CLASSES", Type.UIDS, "[1.2.246.352.70.1.70]", null,
                    "SOP classes accepted besides Verification and all Storage classes; the default is Varian's private Halcyon plan class, in which ARIA exports Halcyon plans ([] accepts none); env: comma-separated"),
            integer("dicom.shutdownGraceSeconds", "QANODE_DICOM_SHUTDOWN_GRACE_SECONDS", "30", 0, 3600, null,
                    "on SIGTERM, how long transfers in progress may finish before they are aborted"),
            // PS3.15 B.1: TLS on a port of its own; 2762 is IANA's dicom-tls
            integer("dicom.tls.port", "QANODE_DICOM_TLS_PORT", "2762", 0, 65_535, "(when the dicom.tls section is present)",
                    "DICOM TLS port (PS3.15 B.1); no dicom.tls section: no TLS port (0: any free port)"),
            of("dicom.tls.only", "QANODE_DICOM_TLS_ONLY", Type.BOOLEAN, "false", null,
                    "true: the plain dicom.port is not opened, DICOM only over TLS"),
            of("dicom.tls.certificate", "QANODE_DICOM_TLS_CERTIFICATE", Type.PATH, null, "(required with dicom.tls)",
                    "our certificate chain, PEM (ours first, then intermediate CAs); also our client certificate as SCU"),
            of("dicom.tls.privateKey", "QANODE_DICOM_TLS_PRIVATE_KEY", Type.PATH, null, "(required with dicom.tls)",
                    "its private key, PEM PKCS#8 (BEGIN PRIVATE KEY), unencrypted, RSA or EC; readable by the node only"),
            of("dicom.tls.trustedCertificates", "QANODE_DICOM_TLS_TRUSTED_CERTIFICATES", Type.PATH, null,
                    "(required with dicom.tls)",
                    "PEM bundle of the CAs or peer certificates we accept, as SCP (client certificates) and as SCU (servers)"),
            of("dicom.tls.requireClientCertificate", "QANODE_DICOM_TLS_REQUIRE_CLIENT_CERTIFICATE", Type.BOOLEAN, "true",
                    null, "a peer without a certificate signed by a trusted CA is refused at the handshake"),
            of("dicom.tls.profile", "QANODE_DICOM_TLS_PROFILE", Type.ENUM, "bcp195-rfc8996", null,
                    "TLS versions and cipher suites: bcp195-rfc8996 (PS3.15 B.12: TLS 1.2 and 1.3), bcp195-nd (B.10), "
                            + "bcp195-extended (B.11: TLS 1.2); TLS 1.0 and 1.1 never"),
            of("dicom.states", "QANODE_DICOM_STATES", Type.STATE_MAP, "{QA_PRE: pre, QA_POST: post}", null,
                    "called AE title to state; env: AE=state,AE=state"),
            of("dicom.receivingState", "QANODE_DICOM_RECEIVING_STATE", Type.STATE_NAME, "inbox", null,
                    "state for other called AE titles, until PUT /api/v1/receiving-state sets one (kept in the index)"),
            of("storage.dataDir", "QANODE_STORAGE_DATA_DIR", Type.PATH, "./var", null,
                    "data directory: states, comparison results, embedded index, node.json while the node runs"),
            of("storage.index", "QANODE_STORAGE_INDEX", Type.JDBC_URL, null, "jdbc:h2:file:DATA_DIR/index",
                    "index JDBC URL: embedded H2 or jdbc:postgresql://..."),
            // a number of bytes, possibly beyond 2^31: read as a long by ConfigLoader
            of("storage.minFreeBytes", "QANODE_STORAGE_MIN_FREE_BYTES", Type.STRING, null,
                    "the larger of 1 GiB and 2 % of the volume",
                    "free space (bytes) kept on the data directory's volume: below it new objects are refused with A700 before any byte is written, and health says ready: false; storing resumes when space returns; 0: no watermark"),
            of("storage.directWrites", "QANODE_STORAGE_DIRECT_WRITES", Type.BOOLEAN, "true", null,
                    "write a received object larger than 1 MiB around the page cache (O_DIRECT) where the data directory's file system allows it; false: through the page cache (either way fsynced before Success)"),
            of("http.bind", "QANODE_HTTP_BIND", Type.STRING, "127.0.0.1", null, "address the REST API binds"),
            integer("http.port", "QANODE_HTTP_PORT", "8080", 0, 65_535, null, "REST API port (0: any free port)"),
            of("http.token", "QANODE_HTTP_TOKEN", Type.TOKEN, null, "null (no authentication unless accounts exist)",
                    "admin bearer token (also a login with an empty user name); the CLI sends it to a running node; accounts (qanode user add) are the alternative"),
            of("http.allowInsecure", "QANODE_HTTP_ALLOW_INSECURE", Type.BOOLEAN, "false", null,
                    "serve the REST API and UI on a non-loopback http.bind without HTTPS (http.tls) or without accounts / http.token; else the node refuses to start"),
            integer("http.loginMaxFailures", "QANODE_HTTP_LOGIN_MAX_FAILURES", "5", 1, 1000, null,
                    "failed logins of one account within http.loginWindowSeconds before further attempts get 429 with Retry-After (4 times as many per remote address)"),
            integer("http.loginWindowSeconds", "QANODE_HTTP_LOGIN_WINDOW_SECONDS", "900", 1, 86_400, null,
                    "sliding window over which failed logins are counted"),
            of("http.tls.certificate", "QANODE_HTTP_TLS_CERTIFICATE", Type.PATH, null, "null (plain HTTP)",
                    "with http.tls.privateKey: HTTPS on http.port with this PEM certificate chain, and HSTS on every response"),
            of("http.tls.privateKey", "QANODE_HTTP_TLS_PRIVATE_KEY", Type.PATH, null, "(required with http.tls)",
                    "its private key, PEM PKCS#8, unencrypted"),
            integer("http.maxBodyBytes", "QANODE_HTTP_MAX_BODY_BYTES", "1048576", 1024, 64 * 1024 * 1024, null,
                    "largest request body; larger ones get 413"),
            integer("http.headerTimeoutSeconds", "QANODE_HTTP_HEADER_TIMEOUT_SECONDS", "10", 1, 3600, null,
                    "a request's headers must be complete this long after its first byte (a new connection's first request: after connecting); else 408 and the connection is closed"),
            integer("http.idleTimeoutSeconds", "QANODE_HTTP_IDLE_TIMEOUT_SECONDS", "60", 1, 86_400, null,
                    "a kept-alive connection without a request for this long is closed; so is one whose request body pauses this long (408)"),
            of("http.publicUrl", "QANODE_HTTP_PUBLIC_URL", Type.HTTP_URL, null, "http://BIND:PORT",
                    "base URL for links in webhook events"),
            // issue 12: the audit trail (docs/security.md); records always go to the index
            of("audit.sourceId", "QANODE_AUDIT_SOURCE_ID", Type.STRING, null, "dicom.aeTitle",
                    "AuditSourceID of every DICOM Audit Message (PS3.15 A.5.2.5): how the SIEM names this node"),
            of("audit.syslog.host", "QANODE_AUDIT_SYSLOG_HOST", Type.STRING, null, "null (index only)",
                    "syslog receiver (SIEM, audit record repository) that gets every audit record as a DICOM Audit Message (PS3.15 A.5) in an RFC 5424 message"),
            // 514 is syslog's UDP and TCP port; 6514 is syslog over TLS (RFC 5425)
            integer("audit.syslog.port", "QANODE_AUDIT_SYSLOG_PORT", "514", 1, 65_535, null,
                    "its port (6514 is the registered port of syslog over TLS)"),
            of("audit.syslog.protocol", "QANODE_AUDIT_SYSLOG_PROTOCOL", Type.ENUM, "udp", null,
                    "udp (RFC 5426), tcp (RFC 6587 octet counting) or tls (RFC 5425, with dicom.tls's certificate, key and trusted certificates); a receiver that is down delays nothing: messages wait in a bounded queue, are retried, and what overflows is counted in qanode_audit_syslog_dropped"),
            of("webhooks", "", Type.WEBHOOKS, "[]", null,
                    "list of {url, secret}: receivers of comparison.finished and state.firstObject events"),
            integer("webhookDelivery.initialDelayMs", "QANODE_WEBHOOK_INITIAL_DELAY_MS", "1000", 10, 3_600_000, null,
                    "wait after the first failed delivery; doubles per failure"),
            integer("webhookDelivery.maxDelayMs", "QANODE_WEBHOOK_MAX_DELAY_MS", "600000", 10, 86_400_000, null,
                    "longest wait between attempts"),
            integer("webhookDelivery.timeoutMs", "QANODE_WEBHOOK_TIMEOUT_MS", "10000", 100, 600_000, null,
                    "connect and response time-out of one delivery"),
            // Issue 15: results into the department's QA record (docs/qa-record.md)
            of("qa.redmine.url", "QANODE_QA_REDMINE_URL", Type.HTTP_URL, null, "null (no Redmine)",
                    "Redmine base URL: comparisons at or above minSeverity open an issue there"),
            of("qa.redmine.apiKey", "QANODE_QA_REDMINE_API_KEY", Type.TOKEN, null, "(required with qa.redmine.url)",
                    "API key of the Redmine user issues are opened as (X-Redmine-API-Key); never logged"),
            of("qa.redmine.project", "QANODE_QA_REDMINE_PROJECT", Type.STRING, null, "(required with qa.redmine.url)",
                    "project identifier issues go to"),
            of("qa.redmine.tracker", "QANODE_QA_REDMINE_TRACKER", Type.STRING, "Bug", null, "tracker name of the issues"),
            of("qa.redmine.minSeverity", "QANODE_QA_REDMINE_MIN_SEVERITY", Type.ENUM, "ALERT", null,
                    "INFO, WARNING or ALERT: a comparison (or sweep) this bad or worse gets an issue"),
            of("qa.redmine.signoffStatus", "", Type.MAP, "{}", null,
                    "sign-off decision to the issue status it sets, e.g. {ACCEPTED: Resolved, REJECTED: Feedback}; a sign-off always adds a note"),
            of("qa.qatrack.url", "QANODE_QA_QATRACK_URL", Type.HTTP_URL, null, "null (no QATrack+)",
                    "QATrack+ API root, e.g. https://qatrack.example/api"),
            of("qa.qatrack.token", "QANODE_QA_QATRACK_TOKEN", Type.TOKEN, null, "(required with qa.qatrack.url)",
                    "QATrack+ API token, sent as `Token ...`; never logged"),
            of("qa.qatrack.authHeader", "QANODE_QA_QATRACK_AUTH_HEADER", Type.STRING, "Authorization", null,
                    "header the token travels in (some proxies rename it)"),
            of("qa.qatrack.tests", "", Type.MAP,
                    "{qanode_identical: identical, qanode_objects: objects, qanode_differences: differences, "
                            + "qanode_alerts: alerts, qanode_missing: missing, qanode_summary: summary, qanode_result: result}",
                    null, "test macro name to value: identical (boolean), objects, differences, alerts, warnings, missing, added, unreadable (numbers), severity, summary (strings), result (upload: the JSON result); the list's other tests are sent skipped"),
            of("qa.qatrack.mappings", "", Type.QATRACK_MAPPINGS, "[]", null,
                    "list of {baseline, candidate, unit, testList} (state names, `*` or a trailing `*` matches) or {sweep: true, unit, testList}: the first match records a comparison"),
            of("compare.profile", "QANODE_COMPARE_PROFILE", Type.STRING, "upgrade", null,
                    "profile of comparisons that name none (also `qanode compare` without --profile)"),
            of("compare.profilesDir", "QANODE_COMPARE_PROFILES_DIR", Type.PATH, "conf/profiles", null,
                    "where profiles are looked up before the bundled ones"),
            integer("compare.queueCapacity", "QANODE_COMPARE_QUEUE_CAPACITY", "16", 1, 10_000, null,
                    "comparisons waiting to run; more get 503"),
            integer("compare.workers", "QANODE_COMPARE_WORKERS", "1", 1, 64, null, "comparisons running at once"),
            integer("compare.threads", "QANODE_COMPARE_THREADS", "0", 0, 256, "(one per core)",
                    "threads inside one comparison"),
            of("rois.NAME.aeTitle", "", Type.AE_TITLE, null, "(required)",
                    "Q/R SCP AE title of the ROIS named NAME (ARIA: the DB Daemon's, e.g. VMSDBD)"),
            of("rois.NAME.host", "", Type.STRING, null, "(required)", "host of the ROIS's DICOM interface"),
            integer("rois.NAME.port", "", "104", 1, 65_535, null, "its DICOM port"),
            of("rois.NAME.callingAeTitle", "", Type.AE_TITLE, null, "dicom.aeTitle",
                    "our AE title on the query association; also the move destination"),
            of("rois.NAME.moveDestination", "", Type.AE_TITLE, null, "null (callingAeTitle)",
                    "another AE title of ours the ROIS knows us under, for C-MOVE"),
            of("rois.NAME.model", "", Type.ENUM, "STUDY", null, "query/retrieve information model: STUDY or PATIENT (root)"),
            of("rois.NAME.level", "", Type.ENUM, "SERIES", null,
                    "what one C-MOVE asks for: PATIENT (PATIENT model), STUDY, SERIES or IMAGE; STUDY and SERIES move a whole study where the wanted modalities cover all its series"),
            of("rois.NAME.useGet", "", Type.BOOLEAN, "false", null, "C-GET instead of C-MOVE"),
            of("rois.NAME.tls", "", Type.BOOLEAN, "false", null,
                    "associations to it over TLS with dicom.tls's certificate, key and trusted certificates (port: its TLS port)"),
            integer("rois.NAME.timeoutSeconds", "", "60", 1, 86_400, null,
                    "silence between two responses before C-CANCEL, then abort"),
            integer("rois.NAME.retries", "", "2", 0, 100, null, "rounds asking again for missing instances"),
            of("rois.NAME.storeAeTitles", "", Type.AE_TITLES, "[]", null,
                    "calling AE titles of the ROIS's C-STOREs when they differ from aeTitle; allowed and routed to its export"),
            integer("rois.NAME.parallelMoves", "", "3", 1, 8, null,
                    "retrievals in flight at once (1..8), each on its own association; 1 for a ROIS that serves one at a time"),
            of("sweep.rois", "", Type.STRING, null, "(required)", "the rois: entry the nightly sweep exports from"),
            of("sweep.schedule", "", Type.CRON, "0 2 * * *", null,
                    "cron (minute hour day month weekday), server time zone; a run missed while the node was down is made up at start-up"),
            of("sweep.patients", "", Type.PATH, null, "null",
                    "CSV patient list (ARIA patients under treatment); the file must exist"),
            integer("sweep.studyDays", "", "0", 0, 3650, null, "without a patient list: studies of the last N days"),
            of("sweep.modalities", "", Type.LIST, "[RTPLAN, RTRECORD, RTSTRUCT, RTDOSE, RTIMAGE]", null,
                    "what a sweep exports"),
            of("sweep.profile", "", Type.STRING, "nightly", null, "comparison profile of the sweep"),
            integer("sweep.keep", "", "14", 2, 10_000, "(at least 2)", "sweep states kept"));

    /**
     * Sections whose second level is free (ROIS names) or validated by their own mapping
     * ({@link RoisSettings}): the generic key check leaves them to it.
     */
    public static final List<String> RESERVED_SECTIONS = List.of("rois", "sweep");

    private static final Map<String, Setting> BY_KEY = ALL.stream()
            .collect(Collectors.toMap(Setting::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Setting of(String key, String env, Type type, String defaultValue, String note, String description) {
        return new Setting(key, env, type, defaultValue, 0, 0, note, description);
    }

    private static Setting integer(String key, String env, String defaultValue, long min, long max, String note,
            String description) {
        return new Setting(key, env, Type.INT, defaultValue, min, max, note, description);
    }

    /** The setting of {@code key} (for rois: {@code rois.NAME.port}); a key not in the table is a bug. */
    public static Setting get(String key) {
        Setting s = BY_KEY.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no setting " + key + " in Setting.ALL");
        }
        return s;
    }

    /** The default as a YAML node, or null when there is none. */
    public JsonNode defaultNode() {
        if (defaultValue == null) {
            return null;
        }
        try {
            return YAML.readTree(defaultValue);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("default of " + key + " is not YAML: " + defaultValue, e);
        }
    }

    /** The default of an {@link Type#INT} setting. */
    public int defaultInt() {
        return Integer.parseInt(defaultValue);
    }

    /** The default column of the documentation: the value, its note, or both. */
    public String documentedDefault() {
        if (defaultValue == null) {
            return note;
        }
        return note == null ? defaultValue : defaultValue + " " + note;
    }

    /** The settings table of docs/configuration.md, one row per setting, as a test compares it. */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| key | default | environment variable | meaning |\n| --- | --- | --- | --- |\n");
        for (Setting s : ALL) {
            b.append("| `").append(s.key()).append("` | `").append(s.documentedDefault()).append("` | ")
                    .append(s.env().isEmpty() ? "(file only)" : "`" + s.env() + "`").append(" | ")
                    .append(s.description()).append(" |\n");
        }
        return b.toString();
    }
}
