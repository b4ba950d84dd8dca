package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.account.Role;
import org.qanode.account.SecurityEvents;
import picocli.CommandLine;

/**
 * {@code qanode user} on a stopped node (the index directly, even before the first start) and on
 * a running one (through its REST API with the configured admin token, so the node itself makes
 * the change and tells its audit hook).
 */
class UserCommandTest {
    @TempDir
    Path dir;
    RunningNode node;

    record Run(int code, String out, String err) {
    }

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    private Run user(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("user"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            return new Run(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
        } finally {
            System.setIn(old);
        }
    }

    private static String token(Run r) {
        String[] lines = r.out().strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private int status(String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.api().baseUrl() + "/api/v1/states"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void stoppedThenRunning() throws Exception {
        Path data = dir.resolve("var");
        String d = data.toString();
        // the first admin, before the node ever ran: the store is created for it
        Run added = user("a long password\n", "add", "alice", "--role", "admin", "--password-stdin", "--data-dir", d);
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("added account alice (admin)").contains("shown once");
        String alice = token(added);
        assertThat(alice).startsWith("qan_");
        assertThat(user(null, "list", "--data-dir", d).out()).contains("alice").contains("admin");
        Run badRole = user("a long password\n", "add", "bob", "--role", "boss", "--password-stdin", "--data-dir", d);
        assertThat(badRole.code()).isEqualTo(2);
        assertThat(badRole.err()).contains("role must be viewer, physicist or admin");
        Run shortPassword = user("short\n", "add", "bob", "--role", "viewer", "--password-stdin", "--data-dir", d);
        assertThat(shortPassword.code()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("at least 10 characters");

        Path config = dir.resolve("qanode.yml");
        Files.writeString(config, "dicom: {port: 0}\nhttp: {port: 0, token: cli-admin-t0ken}\nstorage: {dataDir: \""
                + d.replace("\\", "/") + "\"}\n");
        List<String> heard = new CopyOnWriteArrayList<>();
        node = RunningNode.start(ConfigLoader.load(config, Map.of(), Map.of("dicom.warmUpObjects", "0")), new SecurityEvents() {
            @Override
            public void accountAdded(String actor, String remote, String user, Role role) {
                heard.add("added " + user + " by " + actor);
            }

            @Override
            public void accountRemoved(String actor, String remote, String user) {
                heard.add("removed " + user + " by " + actor);
            }

            @Override
            public void accountReset(String actor, String remote, String user) {
                heard.add("reset " + user + " by " + actor);
            }
        });
        assertThat(status(null)).isEqualTo(401);
        assertThat(status(alice)).isEqualTo(200);

        // while it runs: through the node, as its admin token
        Run bob = user("another password\n", "add", "bob", "--role", "viewer", "--password-stdin", "--config", config.toString());
        assertThat(bob.code()).as(bob.err()).isZero();
        String bobToken = token(bob);
        assertThat(status(bobToken)).isEqualTo(200);
        Run reset = user("a third password\n", "reset", "bob", "--password-stdin", "--config", config.toString());
        assertThat(reset.code()).as(reset.err()).isZero();
        assertThat(status(bobToken)).isEqualTo(401);
        assertThat(status(token(reset))).isEqualTo(200);
        Run role = user(null, "role", "bob", "--role", "physicist", "--config", config.toString());
        assertThat(role.out()).contains("account bob is now physicist");
        assertThat(user(null, "list", "--config", config.toString()).out()).contains("bob").contains("physicist");
        assertThat(user(null, "remove", "bob", "--config", config.toString()).code()).isZero();
        assertThat(status(token(reset))).isEqualTo(401);
        Run again = user(null, "remove", "bob", "--config", config.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("no account bob");
        assertThat(heard).containsExactly("added bob by token", "reset bob by token", "removed bob by token");

        // without the admin token the running node refuses, and says what is missing
        Run noToken = user(null, "list", "--data-dir", d);
        assertThat(noToken.code()).isEqualTo(1);
        assertThat(noToken.err()).contains("401").contains("http.token");

        node.close();
        node = null;
        assertThat(user(null, "list", "--data-dir", d).out()).contains("alice").doesNotContain("bob");
    }
}
