package org.qanode.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qanode.node.CompareSettings;
import org.qanode.api.HttpSettings;
import org.qanode.compare.Severity;
import org.qanode.qarecord.QaRecordSettings;
import org.qanode.qarecord.QatrackSettings;
import org.qanode.qarecord.RedmineSettings;
import org.qanode.webhook.RetryPolicy;
import org.qanode.webhook.WebhookTarget;
import org.qanode.compare.ProfileLoader;
import org.qanode.dicom.AeAddress;
import org.qanode.sweep.RoisConfig;
import org.qanode.sweep.SweepSettings;
import org.qanode.store.StateNames;
import org.qanode.store.StateStore;
import org.qanode.net.tls.TlsProfile;
import org.qanode.net.tls.TlsSettings;

/**
 * Reads conf/qanode.yml, applies environment variables ({@link Setting#env()}) and then
 * command-line overrides on top, and validates everything once. Every problem is collected with
 * its key, so an operator fixes a broken file in one go; nothing half-valid ever starts.
 * Relative paths are relative to the working directory (the distribution folder for bin/qanode
 * and the systemd unit).
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ObjectNode root;
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader(ObjectNode root) {
        this.root = root;
    }

    /**
     * @param file      YAML file, or null for the built-in defaults
     * @param env       environment variables (System.getenv() in production)
     * @param overrides key to value from the command line, applied last
     */
    public static QanodeConfig load(Path file, Map<String, String> env, Map<String, String> overrides)
            throws ConfigException {
        ObjectNode root = file == null ? JsonNodeFactory.instance.objectNode() : parse(file);
        ConfigLoader loader = new ConfigLoader(root);
        loader.checkKeys();
        for (Setting s : Setting.ALL) {
            String value = s.env().isEmpty() ? null : env.get(s.env());
            if (value != null) {
                loader.put(s.key(), value, s.env());
            }
        }
        overrides.forEach((key, value) -> loader.put(key, value, "command line"));
        QanodeConfig config = loader.build();
        if (!loader.problems.isEmpty()) {
            throw new ConfigException(loader.problems);
        }
        return config;
    }

    private static ObjectNode parse(Path file) throws ConfigException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of("configuration file not found: " + file));
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(List.of(file + ": expected a mapping of sections (dicom, storage, http, ...)"));
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(List.of(file + ": not valid YAML" + where + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read configuration file " + file + ": " + e.getMessage()));
        }
    }

    // ------------------------------------------------------------------ building

    /** Every default, range and check below comes from {@link Setting#ALL}: nothing is repeated here. */
    private QanodeConfig build() {
        DicomSettings dicom = new DicomSettings(
                aeTitle("dicom.aeTitle", string("dicom.aeTitle")),
                string("dicom.bind"),
                integer("dicom.port"),
                integer("dicom.maxPduLength"),
                integer("dicom.maxAssociations"),
                list("dicom.allowedCallingAeTitles").stream().map(t -> aeTitle("dicom.allowedCallingAeTitles", t))
                        .toList(),
                list("dicom.extraSopClasses").stream().map(u -> uid("dicom.extraSopClasses", u)).toList(),
                stateMap(),
                stateName("dicom.receivingState", string("dicom.receivingState")),
                integer("dicom.shutdownGraceSeconds"),
                integer("dicom.maxAssociationsPerHost"),
                integer("dicom.maxPendingConnections"),
                integer("dicom.pduTimeoutSeconds"),
                dicomTls(),
                integer("dicom.warmUpObjects"));

        Path dataDir = path("storage.dataDir", string("storage.dataDir"));
        String index = string("storage.index");
        if (index == null) {
            index = StateStore.defaultIndexUrl(dataDir);
        } else if (!index.startsWith("jdbc:h2:") && !index.startsWith("jdbc:postgresql:")) {
            problem("storage.index", "expected a jdbc:h2: or jdbc:postgresql: URL, got '" + index + "'");
        }
        StorageSettings storage = new StorageSettings(dataDir, index,
                longValue("storage.minFreeBytes", StateStore.DEFAULT_MIN_FREE_BYTES, 0, Long.MAX_VALUE),
                bool("storage.directWrites"));

        String token = string("http.token");
        if (token != null && (token.isBlank() || !token.equals(token.strip()) || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            problem("http.token", "must be printable ASCII without spaces (it travels in an HTTP header)");
        }
        String publicUrl = string("http.publicUrl");
        if (publicUrl != null) {
            publicUrl = httpUrl("http.publicUrl", publicUrl.replaceAll("/+$", ""));
        }
        HttpSettings http = new HttpSettings(string("http.bind"), integer("http.port"), token,
                integer("http.maxBodyBytes"), publicUrl, integer("http.headerTimeoutSeconds"),
                integer("http.idleTimeoutSeconds"), httpTls(), bool("http.allowInsecure"),
                integer("http.loginMaxFailures"), integer("http.loginWindowSeconds"));

        RetryPolicy retry = new RetryPolicy(
                Duration.ofMillis(integer("webhookDelivery.initialDelayMs")),
                Duration.ofMillis(integer("webhookDelivery.maxDelayMs")),
                Duration.ofMillis(integer("webhookDelivery.timeoutMs")));

        CompareSettings compare = new CompareSettings(string("compare.profile"),
                path("compare.profilesDir", string("compare.profilesDir")),
                integer("compare.queueCapacity"),
                integer("compare.workers"),
                integer("compare.threads"));
        List<String> roisProblems = new ArrayList<>();
        Map<String, RoisConfig> rois = RoisSettings.rois(node("rois"), dicom.aeTitle(), roisProblems);
        ProfileLoader profiles = new ProfileLoader(compare.profilesDir());
        SweepSettings sweep = RoisSettings.sweep(node("sweep"), rois, name -> {
            try {
                profiles.load(name);
                return null;
            } catch (IOException | RuntimeException e) {
                return "profile '" + name + "': " + e.getMessage();
            }
        }, roisProblems);
        problems.addAll(roisProblems);
        rois.values().stream().filter(r -> r.tls() && dicom.tls() == null).forEach(r ->
                problem("rois." + r.name() + ".tls", "true needs the dicom.tls section (certificate, privateKey, trustedCertificates)"));
        AuditSettings audit = audit();
        if (audit.syslog() && audit.protocol() == org.qanode.audit.SyslogSettings.Protocol.TLS && dicom.tls() == null) {
            problem("audit.syslog.protocol", "tls needs the dicom.tls section (certificate, privateKey, trustedCertificates)");
        }
        return new QanodeConfig(dicom, storage, http, webhooks(), retry, compare, rois, sweep, audit, qaRecord());
    }

    /** {@code audit}: source id and syslog receiver. */
    private AuditSettings audit() {
        org.qanode.audit.SyslogSettings.Protocol protocol = org.qanode.audit.SyslogSettings.Protocol.UDP;
        String text = string("audit.syslog.protocol");
        try {
            protocol = org.qanode.audit.SyslogSettings.Protocol.of(text);
        } catch (IllegalArgumentException e) {
            problem("audit.syslog.protocol", "expected udp, tcp or tls, got '" + text + "'");
        }
        String host = string("audit.syslog.host");
        return new AuditSettings(string("audit.sourceId"), host == null || host.isBlank() ? null : host.strip(),
                integer("audit.syslog.port"), protocol);
    }

    /** Section {@code qa} (issue 15): each system is configured by its url; the rest is checked only then. */
    private QaRecordSettings qaRecord() {
        RedmineSettings redmine = null;
        String url = string("qa.redmine.url");
        if (url != null) {
            url = httpUrl("qa.redmine.url", url.replaceAll("/+$", ""));
            String key = required("qa.redmine.apiKey");
            String project = required("qa.redmine.project");
            Severity min = Severity.ALERT;
            String sev = string("qa.redmine.minSeverity");
            try {
                min = Severity.valueOf(sev.strip().toUpperCase(java.util.Locale.ROOT));
                if (min == Severity.NONE) {
                    problem("qa.redmine.minSeverity", "NONE would open an issue for identical results: use INFO, WARNING or ALERT");
                }
            } catch (IllegalArgumentException e) {
                problem("qa.redmine.minSeverity", "expected INFO, WARNING or ALERT, got '" + sev + "'");
            }
            Map<String, String> status = stringMap("qa.redmine.signoffStatus");
            status.keySet().stream().filter(d -> !d.equals("ACCEPTED") && !d.equals("REJECTED")).forEach(d ->
                    problem("qa.redmine.signoffStatus." + d, "expected ACCEPTED or REJECTED"));
            if (key != null && project != null) {
                redmine = new RedmineSettings(url, key, project, string("qa.redmine.tracker"), min, status);
            }
        }
        QatrackSettings qatrack = null;
        url = string("qa.qatrack.url");
        if (url != null) {
            url = httpUrl("qa.qatrack.url", url.replaceAll("/+$", ""));
            String token = required("qa.qatrack.token");
            String header = string("qa.qatrack.authHeader");
            if (header == null || !header.matches("[A-Za-z0-9-]+")) {
                problem("qa.qatrack.authHeader", "expected an HTTP header name");
            }
            Map<String, String> tests = stringMap("qa.qatrack.tests");
            tests.forEach((macro, source) -> {
                if (!QatrackSettings.SOURCES.contains(source)) {
                    problem("qa.qatrack.tests." + macro, "unknown value '" + source + "' (one of "
                            + String.join(", ", QatrackSettings.SOURCES) + ")");
                }
            });
            List<QatrackSettings.Mapping> mappings = qatrackMappings();
            if (token != null) {
                qatrack = new QatrackSettings(url, token, header, tests, mappings);
            }
        }
        return new QaRecordSettings(redmine, qatrack);
    }

    private String required(String key) {
        String v = string(key);
        if (v == null || v.isBlank()) {
            problem(key, "missing");
            return null;
        }
        return v;
    }

    /** A mapping of names to single values (env: not settable). */
    private Map<String, String> stringMap(String key) {
        JsonNode n = value(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            problem(key, "expected a mapping");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problem(key + "." + e.getKey(), "expected a single value");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private List<QatrackSettings.Mapping> qatrackMappings() {
        JsonNode n = value("qa.qatrack.mappings");
        List<QatrackSettings.Mapping> out = new ArrayList<>();
        if (n == null || n.isEmpty()) {
            problem("qa.qatrack.mappings", "missing: at least one {baseline, candidate, unit, testList} or {sweep: true, unit, testList}");
            return out;
        }
        if (!n.isArray()) {
            problem("qa.qatrack.mappings", "expected a list");
            return out;
        }
        List<String> keys = List.of("baseline", "candidate", "sweep", "unit", "testList");
        for (int i = 0; i < n.size(); i++) {
            String k = "qa.qatrack.mappings[" + i + "]";
            JsonNode m = n.get(i);
            if (!m.isObject()) {
                problem(k, "expected {baseline, candidate, unit, testList}");
                continue;
            }
            m.fieldNames().forEachRemaining(f -> {
                if (!keys.contains(f)) {
                    problem(k + "." + f, "unknown key (" + String.join(", ", keys) + ")");
                }
            });
            String unit = m.path("unit").asText(null);
            String testList = m.path("testList").asText(null);
            boolean sweep = m.path("sweep").asBoolean(false);
            String b = m.path("baseline").asText(null);
            String c = m.path("candidate").asText(null);
            if (unit == null || unit.isBlank()) {
                problem(k + ".unit", "missing");
            }
            if (testList == null || testList.isBlank()) {
                problem(k + ".testList", "missing");
            }
            if (!sweep && b == null && c == null) {
                problem(k, "needs baseline and/or candidate (state names, * for any), or sweep: true");
            }
            out.add(new QatrackSettings.Mapping(b, c, sweep, unit, testList));
        }
        return out;
    }

    /** {@code dicom.tls}, or null when the section is absent: its keys' defaults apply only when it is present. */
    private DicomSettings.Tls dicomTls() {
        if (node("dicom.tls") == null) {
            return null;
        }
        if (!node("dicom.tls").isObject()) {
            problem("dicom.tls", "expected a mapping {port, certificate, privateKey, trustedCertificates, ...}");
            return null;
        }
        int port = integer("dicom.tls.port");
        boolean only = bool("dicom.tls.only");
        if (!only && port != 0 && port == integer("dicom.port")) {
            problem("dicom.tls.port", "must differ from dicom.port (PS3.15 B.1: TLS has a port of its own)");
        }
        Path certificate = file("dicom.tls.certificate");
        Path key = file("dicom.tls.privateKey");
        Path trusted = file("dicom.tls.trustedCertificates");
        boolean requireClient = bool("dicom.tls.requireClientCertificate");
        TlsProfile profile = TlsProfile.DEFAULT;
        try {
            profile = TlsProfile.parse(string("dicom.tls.profile"));
        } catch (IllegalArgumentException e) {
            problem("dicom.tls.profile", e.getMessage());
        }
        if (certificate == null || key == null || trusted == null) {
            return null;
        }
        return new DicomSettings.Tls(port, only, new TlsSettings(certificate, key, trusted, requireClient, profile));
    }

    /** {@code http.tls}, or null for plain HTTP. */
    private TlsSettings httpTls() {
        if (node("http.tls") == null) {
            return null;
        }
        if (!node("http.tls").isObject()) {
            problem("http.tls", "expected a mapping {certificate, privateKey}");
            return null;
        }
        Path certificate = file("http.tls.certificate");
        Path key = file("http.tls.privateKey");
        return certificate == null || key == null ? null : TlsSettings.serverOnly(certificate, key);
    }

    /** A required file that must exist and be readable now (its content is checked when the node starts). */
    private Path file(String key) {
        String value = string(key);
        if (value == null || value.isBlank()) {
            problem(key, "missing (a PEM file)");
            return null;
        }
        Path p = path(key, value);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            problem(key, "not a readable file: " + value);
            return null;
        }
        return p;
    }

    private boolean bool(String key) {
        String text = string(key);
        if (text == null) {
            return Boolean.parseBoolean(Setting.get(key).defaultValue());
        }
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(key, "expected true or false, got '" + text + "'");
                yield Boolean.parseBoolean(Setting.get(key).defaultValue());
            }
        };
    }

    private Map<String, String> stateMap() {
        JsonNode node = value("dicom.states");
        Map<String, String> raw = new LinkedHashMap<>();
        if (node == null) {
            problem("dicom.states", "expected a mapping of called AE title to state name");
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> raw.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : null));
        } else if (node.isTextual()) {
            // from the environment: AE=state,AE=state
            for (String part : node.asText().split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq < 0) {
                    problem("dicom.states", "expected AE=state pairs separated by commas, got '" + part.strip() + "'");
                    continue;
                }
                raw.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        } else {
            problem("dicom.states", "expected a mapping of called AE title to state name");
        }
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((ae, state) -> {
            String key = "dicom.states." + ae;
            out.put(aeTitle(key, ae), stateName(key, state));
        });
        return out;
    }

    private List<WebhookTarget> webhooks() {
        JsonNode node = value("webhooks");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            problem("webhooks", "expected a list of {url, secret}");
            return List.of();
        }
        List<WebhookTarget> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String key = "webhooks[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                problem(key, "expected {url, secret}");
                continue;
            }
            for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("url") && !f.equals("secret")) {
                    problem(key + "." + f, "unknown key (webhooks take url and secret)");
                }
            }
            String url = item.path("url").isValueNode() ? item.path("url").asText(null) : null;
            String secret = item.path("secret").isValueNode() ? item.path("secret").asText(null) : null;
            if (url == null || url.isBlank()) {
                problem(key + ".url", "missing");
                continue;
            }
            if (secret == null || secret.isEmpty()) {
                problem(key + ".secret", "missing: every delivery is signed with it");
                continue;
            }
            out.add(new WebhookTarget(httpUrl(key + ".url", url), secret));
        }
        return out;
    }

    // ------------------------------------------------------------------ typed reads

    private JsonNode node(String key) {
        JsonNode n = root;
        for (String part : key.split("\\.")) {
            n = n == null || !n.isObject() ? null : n.get(part);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /** The value of {@code key} from file, environment or command line, else its default from the table. */
    private JsonNode value(String key) {
        JsonNode n = node(key);
        return n != null ? n : Setting.get(key).defaultNode();
    }

    private String string(String key) {
        JsonNode n = value(key);
        if (n == null) {
            return null;
        }
        if (!n.isValueNode()) {
            problem(key, "expected a single value");
            JsonNode def = Setting.get(key).defaultNode();
            return def == null ? null : def.asText();
        }
        return n.asText();
    }

    /** An {@link Setting.Type#INT} in the setting's range; on a problem, the default (the problem is reported). */
    private int integer(String key) {
        Setting s = Setting.get(key);
        String text = string(key);
        if (text == null) {
            return s.defaultInt();
        }
        try {
            int v = Integer.parseInt(text.strip());
            if (v < s.min() || v > s.max()) {
                problem(key, "must be " + s.min() + ".." + s.max() + ", got " + v);
                return s.defaultInt();
            }
            return v;
        } catch (NumberFormatException e) {
            problem(key, "expected an integer, got '" + text + "'");
            return s.defaultInt();
        }
    }

    private long longValue(String key, long def, long min, long max) {
        String text = string(key);
        if (text == null) {
            return def;
        }
        try {
            long v = Long.parseLong(text.strip());
            if (v < min || v > max) {
                problem(key, "must be " + min + ".." + max + ", got " + v);
                return def;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(key, "expected a number of bytes, got '" + text + "'");
            return def;
        }
    }

    private List<String> list(String key) {
        JsonNode n = value(key);
        if (n == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(item -> out.add(item.asText()));
        } else if (n.isTextual()) {
            for (String part : n.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else {
            problem(key, "expected a list");
        }
        return out;
    }

    private Path path(String key, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            problem(key, "not a valid path: " + value);
            return Path.of(".");
        }
    }

    /** PS3.5 Table 6.2-1, AE: up to 16 characters, no backslash or control characters, not all spaces. */
    private String aeTitle(String key, String value) {
        if (AeAddress.aeTitleProblem(value) != null) {
            problem(key, "not a valid AE title (1 to 16 printable ASCII characters, no backslash): '" + value + "'");
        }
        return value == null ? "" : value.strip();
    }

    private String uid(String key, String value) {
        if (!value.matches("[0-9]+(\\.[0-9]+)*") || value.length() > 64) {
            problem(key, "not a UID: '" + value + "'");
        }
        return value;
    }

    private String stateName(String key, String value) {
        if (!StateNames.isValid(value)) {
            problem(key, "not a valid state name (1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit): '"
                    + value + "'");
        }
        return value;
    }

    private String httpUrl(String key, String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problem(key, "expected an http:// or https:// URL, got '" + value + "'");
            }
        } catch (URISyntaxException e) {
            problem(key, "not a valid URL: '" + value + "'");
        }
        return value;
    }

    // ------------------------------------------------------------------ keys and overrides

    /** Unknown keys are errors: a misspelt key silently falling back to its default is worse. */
    private void checkKeys() {
        Set<String> known = new LinkedHashSet<>();
        Set<String> sections = new LinkedHashSet<>(Setting.RESERVED_SECTIONS);
        for (Setting s : Setting.ALL) {
            known.add(s.key());
            sections.add(s.key().split("\\.")[0]);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            if (!sections.contains(section)) {
                problem(section, "unknown section (known: " + String.join(", ", sections) + ")");
                continue;
            }
            JsonNode value = root.get(section);
            if (known.contains(section) || Setting.RESERVED_SECTIONS.contains(section) || value.isNull()) {
                continue;
            }
            if (!value.isObject()) {
                problem(section, "expected a mapping");
                continue;
            }
            checkNested(section, value, known);
        }
    }

    /** Keys below {@code prefix}: each must be a setting, or a mapping some settings live in (dicom.tls). */
    private void checkNested(String prefix, JsonNode value, Set<String> known) {
        for (Iterator<String> keys = value.fieldNames(); keys.hasNext(); ) {
            String key = prefix + "." + keys.next();
            if (known.contains(key)) {
                continue;
            }
            JsonNode child = value.get(key.substring(prefix.length() + 1));
            boolean isSection = known.stream().anyMatch(k -> k.startsWith(key + "."));
            if (isSection && child.isObject()) {
                checkNested(key, child, known);
            } else if (isSection && child.isNull()) {
                problem(key, "expected a mapping");
            } else if (!isSection) {
                problem(key, "unknown key");
            }
        }
    }

    private void put(String key, String value, String source) {
        String[] parts = key.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = n.get(parts[i]);
            if (child == null || child.isNull()) {
                child = n.putObject(parts[i]);
            }
            if (!child.isObject()) {
                problem(key, "cannot override from " + source + ": " + parts[i] + " is not a mapping");
                return;
            }
            n = (ObjectNode) child;
        }
        n.set(parts[parts.length - 1], TextNode.valueOf(value));
    }

    private void problem(String key, String message) {
        problems.add(key + ": " + message);
    }
}
