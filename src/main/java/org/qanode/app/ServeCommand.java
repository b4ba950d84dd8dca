package org.qanode.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ConfigOptions configuration = new ConfigOptions();

    @Option(names = "--ae-title", paramLabel = "AET", description = "Overrides dicom.aeTitle.")
    String aeTitle;

    @Option(names = "--dicom-port", paramLabel = "PORT", description = "Overrides dicom.port.")
    String dicomPort;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Overrides http.port.")
    String httpPort;

    @Option(names = "--http-bind", paramLabel = "ADDRESS", description = "Overrides http.bind.")
    String httpBind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Overrides http.token (visible in the process list: prefer QANODE_HTTP_TOKEN).")
    String token;

    @Override
    public Integer call() {
        QanodeConfig cfg;
        try {
            cfg = configuration.load(overrides());
        } catch (ConfigException e) {
            System.err.println("qanode serve: invalid configuration:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        }
        RunningNode node;
        try {
            node = RunningNode.start(cfg);
        } catch (NodeLock.HeldException e) {
            System.err.println("qanode serve: " + e.getMessage());
            return 1;
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

    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        ConfigOptions.put(o, "dicom.aeTitle", aeTitle);
        ConfigOptions.put(o, "dicom.port", dicomPort);
        ConfigOptions.put(o, "http.port", httpPort);
        ConfigOptions.put(o, "http.bind", httpBind);
        ConfigOptions.put(o, "http.token", token);
        return o;
    }
}
