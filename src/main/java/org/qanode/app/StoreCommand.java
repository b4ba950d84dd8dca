package org.qanode.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.qanode.dicom.UID;
import org.qanode.store.InstancePage;
import org.qanode.store.InstanceQuery;
import org.qanode.store.InstanceRecord;
import org.qanode.store.StateStore;
import org.qanode.store.StateSummary;
import org.qanode.store.StoreEvent;
import org.qanode.store.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code qanode store}: look into and maintain the state store from the shell, with or
 * without the node running (with embedded H2 the node must be stopped: H2 locks its file).
 * Exit codes: 0 done, 1 a problem found or an error, 2 usage.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "List, show, delete and verify states of the store.",
        subcommands = {StoreCommand.ListStates.class, StoreCommand.Show.class, StoreCommand.Delete.class,
                StoreCommand.Verify.class})
public final class StoreCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "./var", scope = ScopeType.INHERIT,
            description = "data directory (storage.dataDir), default ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--index", scope = ScopeType.INHERIT,
            description = "index JDBC URL (storage.index), default jdbc:h2:file:DATA_DIR/index")
    String index;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    StateStore open() throws Exception {
        String url = index != null ? index : StateStore.defaultIndexUrl(dataDir);
        // The CLI never receives, so no state is ever chosen.
        return StateStore.open(dataDir, url);
    }

    /** Runs {@code body} on an open store; errors become one line on stderr and exit 1. */
    interface Body {
        int run(StateStore store, PrintWriter out) throws Exception;
    }

    static int withStore(StoreCommand parent, CommandSpec spec, Body body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (StateStore store = parent.open()) {
            return body.run(store, out);
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

    @Command(name = "list", mixinStandardHelpOptions = true, description = "States with their object counts by SOP class.")
    static final class ListStates implements Callable<Integer> {
        @ParentCommand
        StoreCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withStore(parent, spec, (store, out) -> {
                List<StateSummary> states = store.listStates();
                out.printf("%-24s %9s %11s  %s%n", "STATE", "OBJECTS", "UNREADABLE", "CREATED");
                for (StateSummary s : states) {
                    out.printf("%-24s %9d %11d  %s%n", s.name(), s.instances(), s.unreadable(), s.createdAt());
                    for (Map.Entry<String, Long> e : s.bySopClass().entrySet()) {
                        out.printf("    %7d  %s%n", e.getValue(), sopClass(e.getKey()));
                    }
                }
                return 0;
            });
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
                    spec.commandLine().getErr().println("qanode store: no state " + state);
                    return 1;
                }
                InstanceQuery q = new InstanceQuery(patientId, sopClass, modality, history, 0, limit);
                InstancePage page = store.listInstances(state, q);
                out.printf("%-64s %3s %-8s %-16s %-16s %s%n", "SOP INSTANCE UID", "V", "MODALITY", "PATIENT ID",
                        "PLAN LABEL", "STATUS");
                for (InstanceRecord r : page.items()) {
                    out.printf("%-64s %3d %-8s %-16s %-16s %s%n", r.sopInstanceUid(), r.version(), nz(r.modality()),
                            nz(r.patientId()), nz(r.fields().rtPlanLabel()), status(r));
                }
                out.printf("%d of %d objects%n", page.items().size(), page.total());
                List<StoreEvent> events = store.events(state);
                if (!events.isEmpty()) {
                    out.println("events:");
                    for (StoreEvent e : events) {
                        out.printf("  %s %-17s %s %s%n", e.occurredAt(), e.kind(), nz(e.sopInstanceUid()), nz(e.detail()));
                    }
                }
                return 0;
            });
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
            });
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
            });
        }
    }

    private static String sopClass(String uid) {
        if (uid == null || uid.isEmpty()) {
            return "(no SOP Class UID)";
        }
        String name = UID.nameOf(uid);
        return name == null || name.equals(uid) ? uid : uid + " " + name;
    }

    private static String status(InstanceRecord r) {
        String s = r.current() ? "current" : "replaced";
        if (r.parseError() != null) {
            s += ", UNREADABLE: " + r.parseError();
        }
        if (r.integrity() != org.qanode.store.Integrity.OK) {
            s += ", " + r.integrity();
        }
        return s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
