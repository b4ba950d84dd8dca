package org.qanode.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.qanode.dicom.UID;
import org.qanode.store.InstancePage;
import org.qanode.store.InstanceQuery;
import org.qanode.store.StateStore;
import org.qanode.store.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code qanode store}: look into and maintain the state store from the shell. It reads the same
 * configuration as {@code serve} (--config, QANODE_*, conf/qanode.yml) and so the same data
 * directory. While a node runs on it ({@link NodeLock}), {@code list} and {@code show} ask the
 * node over its REST API (same output), and {@code delete} and {@code verify} say which node
 * holds the directory. No subcommand ever creates a store: a missing data directory or index is
 * one line naming it. Exit codes: 0 done, 1 a problem found or an error, 2 usage or configuration.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "List, show, delete and verify states of the store.",
        subcommands = {StoreCommand.ListStates.class, StoreCommand.Show.class, StoreCommand.Delete.class,
                StoreCommand.Verify.class})
public final class StoreCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Runs {@code body} on an open store; errors become one line on stderr and exit 1. */
    interface Body {
        int run(StateStore store, PrintWriter out) throws Exception;
    }

    /** The same through a running node's REST API. */
    interface RemoteBody {
        int run(NodeClient node, PrintWriter out) throws Exception;
    }

    /**
     * Runs {@code local} on the configured store, or {@code remote} through the node that holds
     * it; with {@code remote} null, a running node is one line and exit 1. A missing data
     * directory or index is never created.
     */
    static int withStore(StoreCommand parent, CommandSpec spec, Body local, RemoteBody remote) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            QanodeConfig cfg = parent.configuration.load();
            Path dataDir = cfg.storage().dataDir();
            Optional<NodeLock.Info> node = NodeLock.running(dataDir);
            if (node.isPresent()) {
                if (remote == null) {
                    err.println("qanode store: " + new NodeLock.HeldException(dataDir, node.get()).getMessage()
                            + "; stop it first");
                    return 1;
                }
                return remote.run(NodeClient.of(node.get(), cfg), out);
            }
            String missing = missingStore(cfg.storage());
            if (missing != null) {
                err.println("qanode store: " + missing);
                return 1;
            }
            try (StateStore store = StateStore.open(dataDir, cfg.storage().index())) {
                // The CLI never receives, so no state is ever chosen.
                return local.run(store, out);
            }
        } catch (ConfigException e) {
            ConfigOptions.print("store", e, err);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("qanode store: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("qanode store: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Why there is no store to read at {@code storage}, or null when there is one: a missing data
     * directory, or a missing embedded H2 index file (a server index is taken on trust).
     */
    static String missingStore(StorageSettings storage) {
        Path dataDir = storage.dataDir();
        if (!Files.isDirectory(dataDir)) {
            return "no data directory " + dataDir.toAbsolutePath().normalize() + " (storage.dataDir)";
        }
        Path h2 = h2File(storage.index());
        if (h2 != null && !Files.isRegularFile(h2)) {
            return "no store in " + dataDir.toAbsolutePath().normalize() + ": its index " + h2 + " does not exist";
        }
        return null;
    }

    /** The file of an embedded H2 index URL (jdbc:h2:file:PATH;...), or null for any other URL. */
    static Path h2File(String url) {
        String prefix = "jdbc:h2:file:";
        if (url == null || !url.startsWith(prefix)) {
            return null;
        }
        String path = url.substring(prefix.length());
        int semi = path.indexOf(';');
        return Path.of((semi < 0 ? path : path.substring(0, semi)) + ".mv.db");
    }

    /** One state as both listings print it. */
    record StateRow(String name, long instances, long unreadable, String createdAt, Map<String, Long> bySopClass) {
    }

    /** One object as {@code show} prints it. */
    record InstanceRow(String sopInstanceUid, int version, String modality, String patientId, String planLabel,
            String status) {
    }

    /** One event as {@code show} prints it. */
    record EventRow(String occurredAt, String kind, String sopInstanceUid, String detail) {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "States with their object counts by SOP class.")
    static final class ListStates implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withStore(parent, spec, (store, out) -> {
                print(store.listStates().stream().map(s -> new StateRow(s.name(), s.instances(), s.unreadable(),
                        time(s.createdAt()), new TreeMap<>(s.bySopClass()))).toList(), out);
                return 0;
            }, (node, out) -> {
                List<StateRow> rows = new ArrayList<>();
                for (JsonNode s : node.get("/api/v1/states").path("items")) {
                    Map<String, Long> counts = new TreeMap<>();
                    s.path("bySopClass").forEach(c -> counts.put(c.path("sopClassUid").asText(), c.path("count").asLong()));
                    rows.add(new StateRow(s.path("name").asText(), s.path("instances").asLong(),
                            s.path("unreadable").asLong(), s.path("createdAt").asText(null), counts));
                }
                print(rows, out);
                return 0;
            });
        }

        private static void print(List<StateRow> states, PrintWriter out) {
            out.printf("%-24s %9s %11s  %s%n", "STATE", "OBJECTS", "UNREADABLE", "CREATED");
            for (StateRow s : states) {
                out.printf("%-24s %9d %11d  %s%n", s.name(), s.instances(), s.unreadable(), s.createdAt());
                for (Map.Entry<String, Long> e : s.bySopClass().entrySet()) {
                    out.printf("    %7d  %s%n", e.getValue(), sopClass(e.getKey()));
                }
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The objects and events of one state.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "STATE")
        String state;
        @Option(names = "--patient-id")
        String patientId;
        @Option(names = "--modality")
        String modality;
        @Option(names = "--sop-class", description = "SOP Class UID")
        String sopClass;
        @Option(names = "--history", description = "also versions that were replaced")
        boolean history;
        @Option(names = "--limit", defaultValue = "1000")
        int limit;

        @Override
        public Integer call() {
            return withStore(parent, spec, (store, out) -> {
                if (store.state(state).isEmpty()) {
                    return noState();
                }
                InstanceQuery q = new InstanceQuery(patientId, sopClass, modality, history, 0, limit);
                InstancePage page = store.listInstances(state, q);
                print(page.items().stream().map(r -> new InstanceRow(r.sopInstanceUid(), r.version(), r.modality(),
                        r.patientId(), r.fields().rtPlanLabel(), status(r.current(), r.parseError(), r.integrity().name())))
                        .toList(), page.total(), store.events(state).stream().map(e -> new EventRow(time(e.occurredAt()),
                        e.kind().name(), e.sopInstanceUid(), e.detail())).toList(), out);
                return 0;
            }, (node, out) -> {
                String base = "/api/v1/states/" + NodeClient.encode(state);
                try {
                    node.get(base);
                } catch (NodeClient.RemoteException e) {
                    if (e.status() == 404) {
                        return noState();
                    }
                    throw e;
                }
                List<InstanceRow> rows = new ArrayList<>();
                long total = 0;
                while (rows.size() < limit) {
                    int page = Math.min(limit - rows.size(), InstanceQuery.MAX_LIMIT);
                    JsonNode p = node.get(base + "/instances?offset=" + rows.size() + "&limit=" + page
                            + param("patientId", patientId) + param("modality", modality)
                            + param("sopClassUid", sopClass) + (history ? "&history=true" : ""));
                    total = p.path("total").asLong();
                    for (JsonNode r : p.path("items")) {
                        rows.add(new InstanceRow(r.path("sopInstanceUid").asText(), r.path("version").asInt(),
                                r.path("modality").asText(null), r.path("patientId").asText(null),
                                r.path("rtPlanLabel").asText(null), status(r.path("current").asBoolean(),
                                r.path("parseError").asText(null), r.path("integrity").asText("OK"))));
                    }
                    if (p.path("items").size() < page) {
                        break;
                    }
                }
                List<EventRow> events = new ArrayList<>();
                for (JsonNode e : node.get(base + "/events").path("items")) {
                    events.add(new EventRow(e.path("occurredAt").asText(null), e.path("kind").asText(),
                            e.path("sopInstanceUid").asText(null), e.path("detail").asText(null)));
                }
                print(rows, total, events, out);
                return 0;
            });
        }

        private int noState() {
            spec.commandLine().getErr().println("qanode store: no state " + state);
            return 1;
        }

        private static String param(String name, String value) {
            return value == null ? "" : "&" + name + "=" + NodeClient.encode(value);
        }

        private static void print(List<InstanceRow> rows, long total, List<EventRow> events, PrintWriter out) {
            out.printf("%-64s %3s %-8s %-16s %-16s %s%n", "SOP INSTANCE UID", "V", "MODALITY", "PATIENT ID",
                    "PLAN LABEL", "STATUS");
            for (InstanceRow r : rows) {
                out.printf("%-64s %3d %-8s %-16s %-16s %s%n", r.sopInstanceUid(), r.version(), nz(r.modality()),
                        nz(r.patientId()), nz(r.planLabel()), r.status());
            }
            out.printf("%d of %d objects%n", rows.size(), total);
            if (!events.isEmpty()) {
                out.println("events:");
                for (EventRow e : events) {
                    out.printf("  %s %-17s %s %s%n", e.occurredAt(), e.kind(), nz(e.sopInstanceUid()), nz(e.detail()));
                }
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a state: its files and index rows.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "STATE")
        String state;

        @Override
        public Integer call() {
            return withStore(parent, spec, (store, out) -> {
                if (!store.deleteState(state)) {
                    spec.commandLine().getErr().println("qanode store: no state " + state);
                    return 1;
                }
                out.println("deleted state " + state);
                return 0;
            }, null);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Re-hash every file against the index; report missing, corrupted and unindexed files.",
                    "Exit code 1 when a problem was found (also when --repair dealt with it)."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "STATE", arity = "0..1", description = "default: every state in the index or on disk")
        String state;
        @Option(names = "--repair", description = "flag missing and corrupted files in the index, index unindexed files, "
                + "delete stale staging files")
        boolean repair;

        @Override
        public Integer call() {
            return withStore(parent, spec, (store, out) -> {
                List<String> states = new ArrayList<>();
                if (state != null) {
                    states.add(state);
                } else {
                    TreeSet<String> all = new TreeSet<>(store.statesOnDisk());
                    store.listStates().forEach(s -> all.add(s.name()));
                    states.addAll(all);
                }
                int problems = 0;
                for (String s : states) {
                    VerifyReport report = store.verify(s, repair);
                    out.printf("%s: %d files checked, %d problems%s%n", s, report.checked(), report.problems().size(),
                            repair && !report.clean() ? " (repaired where possible)" : "");
                    for (VerifyReport.Problem p : report.problems()) {
                        out.printf("  %-10s %s %s%n", p.kind(), p.path(), nz(p.detail()));
                    }
                    problems += report.problems().size();
                }
                return problems == 0 ? 0 : 1;
            }, null);
        }
    }

    private static String sopClass(String uid) {
        if (uid == null || uid.isEmpty()) {
            return "(no SOP Class UID)";
        }
        String name = UID.nameOf(uid);
        return name == null || name.equals(uid) ? uid : uid + " " + name;
    }

    /** "current" or "replaced", then what is wrong with the object, as the index says. */
    private static String status(boolean current, String parseError, String integrity) {
        String s = current ? "current" : "replaced";
        if (parseError != null) {
            s += ", UNREADABLE: " + parseError;
        }
        if (integrity != null && !integrity.equals(org.qanode.store.Integrity.OK.name())) {
            s += ", " + integrity;
        }
        return s;
    }

    /** Times as the REST API writes them (UTC, milliseconds), so both ways print the same. */
    static String time(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS).toInstant().toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
