package org.qanode.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.qanode.account.Account;
import org.qanode.account.AccountException;
import org.qanode.account.Accounts;
import org.qanode.account.Role;
import org.qanode.audit.AuditSource;
import org.qanode.audit.AuditTrail;
import org.qanode.audit.AuditedSecurityEvents;
import org.qanode.account.Secrets;
import org.qanode.store.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code qanode user}: the node's accounts. While a node runs on the data directory
 * ({@link NodeLock}) every subcommand goes through its REST API as an admin (the configured
 * {@code http.token}): the node holds the embedded index open, and only the node can end the
 * sessions of a removed account at once and tell its audit trail. Otherwise the index is opened
 * directly (and created with the data directory if need be, so the first admin can exist before
 * the first start). Passwords come from a prompt (twice, not echoed) or, with
 * {@code --password-stdin}, from the first line of standard input; never from the command line,
 * where {@code ps} and the shell history would show them. Exit codes: 0 done, 1 refused or an
 * error, 2 usage or configuration.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Add, list, remove and reset accounts (roles viewer, physicist, admin).",
        subcommands = {UserCommand.Add.class, UserCommand.ListAccounts.class, UserCommand.Remove.class,
                UserCommand.Reset.class, UserCommand.SetRole.class})
public final class UserCommand implements Callable<Integer> {
    /** Who made a change from the command line, for the audit trail. */
    static final String CLI = "cli";

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** The same operations on the index directly or through the running node. */
    interface Port {
        Issued add(String name, Role role, String password) throws Exception;

        List<Account> list() throws Exception;

        void remove(String name) throws Exception;

        Issued reset(String name, String password) throws Exception;

        Account role(String name, Role role) throws Exception;
    }

    record Issued(Account account, String token) {
    }

    interface Body {
        int run(Port accounts, PrintWriter out) throws Exception;
    }

    static int with(UserCommand parent, CommandSpec spec, Body body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            QanodeConfig cfg = parent.configuration.load();
            Path dataDir = cfg.storage().dataDir();
            Optional<NodeLock.Info> node = NodeLock.running(dataDir);
            if (node.isPresent()) {
                return body.run(new Remote(NodeClient.of(node.get(), cfg)), out);
            }
            // the node is stopped: changes go to the index directly, and into its audit trail (the
            // index only: the syslog receiver hears of them through the trail's API, not from here)
            try (StateStore store = StateStore.open(dataDir, cfg.storage().index());
                    AuditTrail audit = AuditTrail.start(store.index(),
                            AuditSource.local(cfg.audit().sourceId(), cfg.dicom().aeTitle()), null)) {
                return body.run(new Local(new Accounts(store.index(), new AuditedSecurityEvents(audit))), out);
            }
        } catch (ConfigException e) {
            ConfigOptions.print("user", e, err);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("qanode user: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("qanode user: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** On the index: the node is not running. */
    record Local(Accounts accounts) implements Port {
        @Override
        public Issued add(String name, Role role, String password) {
            Accounts.Issued i = accounts.add(CLI, CLI, name, role, password);
            return new Issued(i.account(), i.token());
        }

        @Override
        public List<Account> list() {
            return accounts.list();
        }

        @Override
        public void remove(String name) {
            accounts.remove(CLI, CLI, name);
        }

        @Override
        public Issued reset(String name, String password) {
            Accounts.Issued i = accounts.reset(CLI, CLI, name, password);
            return new Issued(i.account(), i.token());
        }

        @Override
        public Account role(String name, Role role) {
            return accounts.setRole(CLI, CLI, name, role);
        }
    }

    /** Through the running node's REST API (admin). */
    record Remote(NodeClient node) implements Port {
        private static final JsonNodeFactory F = JsonNodeFactory.instance;

        @Override
        public Issued add(String name, Role role, String password) throws Exception {
            return issued(node.post("/api/v1/accounts", F.objectNode().put("name", name).put("role", role.label())
                    .put("password", password)));
        }

        @Override
        public List<Account> list() throws Exception {
            List<Account> out = new ArrayList<>();
            for (JsonNode a : node.get("/api/v1/accounts").path("items")) {
                out.add(account(a));
            }
            return out;
        }

        @Override
        public void remove(String name) throws Exception {
            node.delete("/api/v1/accounts/" + NodeClient.encode(name));
        }

        @Override
        public Issued reset(String name, String password) throws Exception {
            return issued(node.post("/api/v1/accounts/" + NodeClient.encode(name) + "/reset",
                    F.objectNode().put("password", password)));
        }

        @Override
        public Account role(String name, Role role) throws Exception {
            return account(node.put("/api/v1/accounts/" + NodeClient.encode(name) + "/role",
                    F.objectNode().put("role", role.label())));
        }

        private static Issued issued(JsonNode n) {
            return new Issued(account(n), n.path("token").asText());
        }

        private static Account account(JsonNode a) {
            return new Account(a.path("name").asText(), Role.parse(a.path("role").asText()), a.path("createdAt").asText(null),
                    a.path("changedAt").asText(null));
        }
    }

    /** The password: first line of stdin, or typed twice at the console. */
    static String password(boolean fromStdin) throws Exception {
        String password;
        if (fromStdin) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            password = in.readLine();
            if (password == null) {
                throw new IllegalArgumentException("--password-stdin: standard input is empty");
            }
        } else {
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException("no terminal to ask for the password: use --password-stdin");
            }
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Password again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the passwords differ");
            }
            password = new String(first);
            Arrays.fill(first, ' ');
            Arrays.fill(again, ' ');
        }
        Secrets.checkPassword(password);
        return password;
    }

    private static void printIssued(String what, Issued i, PrintWriter out) {
        out.printf("%s %s (%s)%n", what, i.account().name(), i.account().role().label());
        out.println("script token (shown once, stored only hashed; send it as Authorization: Bearer):");
        out.println(i.token());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account; prints its script token once.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, physicist or admin")
        String role;
        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean stdin;

        @Override
        public Integer call() {
            return with(parent, spec, (accounts, out) -> {
                Role r = Role.parse(role);
                printIssued("added account", accounts.add(name, r, password(stdin)), out);
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Accounts with their roles.")
    static final class ListAccounts implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return with(parent, spec, (accounts, out) -> {
                out.printf("%-24s %-10s %-24s %s%n", "NAME", "ROLE", "CREATED", "CHANGED");
                for (Account a : accounts.list()) {
                    out.printf("%-24s %-10s %-24s %s%n", a.name(), a.role().label(), a.createdAt(), a.changedAt());
                }
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete an account; its sessions end.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            return with(parent, spec, (accounts, out) -> {
                try {
                    accounts.remove(name);
                } catch (AccountException | NodeClient.RemoteException e) {
                    spec.commandLine().getErr().println("qanode user: " + e.getMessage());
                    return 1;
                }
                out.println("removed account " + name);
                return 0;
            });
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "New password and new script token (printed once); the old ones stop working.")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean stdin;

        @Override
        public Integer call() {
            return with(parent, spec, (accounts, out) -> {
                printIssued("reset account", accounts.reset(name, password(stdin)), out);
                return 0;
            });
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Change an account's role; its sessions end.")
    static final class SetRole implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, physicist or admin")
        String role;

        @Override
        public Integer call() {
            return with(parent, spec, (accounts, out) -> {
                Account a = accounts.role(name, Role.parse(role));
                out.printf("account %s is now %s%n", a.name(), a.role().label());
                return 0;
            });
        }
    }
}
