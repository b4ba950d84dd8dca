package org.qanode.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qanode serve}: runs the node (state store, REST API, webhooks, comparisons) until
 * SIGTERM or SIGINT, on which a shutdown hook stops it in order. Configuration comes from the
 * YAML file, then environment variables, then these options; an invalid one stops start-up with
 * one line per problem, naming the key. Exit codes: 0 stopped, 1 could not start, 2 bad configuration.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the QA node: DICOM SCP (C-ECHO, C-STORE), state store, REST API and webhooks.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped", "1:could not start", "2:invalid configuration"})
public final class ServeCommand implements Callable<Integer> {
    static final Path DEFAULT_CONFIG = Path.of("conf", "qanode.yml");

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration. Default: $QANODE_CONFIG, else conf/qanode.yml if present, else built-in defaults.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "storage.dataDir")
    String dataDir;

    @Option(names = "--index", paramLabel = "JDBC_URL", description = "storage.index")
    String index;

    @Option(names = "--ae-title", paramLabel = "AET", description = "dicom.aeTitle")
    String aeTitle;

    @Option(names = "--dicom-port", paramLabel = "PORT", description = "dicom.port")
    String dicomPort;

    @Option(names = "--http-port", paramLabel = "PORT", description = "http.port")
    String httpPort;

    @Option(names = "--http-bind", paramLabel = "ADDRESS", description = "http.bind")
    String httpBind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "http.token (visible in the process list: prefer QANODE_HTTP_TOKEN)")
    String token;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        QanodeConfig cfg;
        try {
            cfg = ConfigLoader.load(configFile(env), env, overrides());
        } catch (ConfigException e) {
            System.err.println("qanode serve: invalid configuration:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        }
        RunningNode node;
        try {
            node = RunningNode.start(cfg);
        } catch (Exception e) {
            System.err.println("qanode serve: cannot start: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "qanode-shutdown"));
        System.err.println("qanode ready: DICOM " + cfg.dicom().aeTitle() + " on port " + node.dicomPort()
                + ", REST API on " + node.api().baseUrl() + ", data in "
                + cfg.storage().dataDir().toAbsolutePath().normalize());
        try {
            node.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.close();
        }
        return 0;
    }

    private Path configFile(Map<String, String> env) {
        if (config != null) {
            return config;
        }
        String fromEnv = env.get("QANODE_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        put(o, "storage.dataDir", dataDir);
        put(o, "storage.index", index);
        put(o, "dicom.aeTitle", aeTitle);
        put(o, "dicom.port", dicomPort);
        put(o, "http.port", httpPort);
        put(o, "http.bind", httpBind);
        put(o, "http.token", token);
        return o;
    }

    private static void put(Map<String, String> o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
