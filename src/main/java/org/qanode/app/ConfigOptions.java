package org.qanode.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command that touches the node's configuration shares: where the
 * configuration is and the data directory and index it names. Loaded exactly as {@code serve}
 * loads it (file, then {@code QANODE_*}, then these options), so a command run beside the node
 * reads the node's data directory. None of these options has a default of its own: absent, the
 * configured value (or the table's default, {@link Setting}) holds.
 */
final class ConfigOptions {
    /** The configuration file when neither --config nor $QANODE_CONFIG names one, used if present. */
    static final Path DEFAULT_CONFIG = Path.of("conf", "qanode.yml");

    /** The environment: System.getenv() in production; in-process tests set their own. */
    static Supplier<Map<String, String>> environment = System::getenv;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "YAML configuration. Default: $QANODE_CONFIG, else conf/qanode.yml if present, else built-in defaults.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Overrides storage.dataDir (default from the configuration: ./var).")
    String dataDir;

    @Option(names = "--index", paramLabel = "JDBC_URL", scope = ScopeType.INHERIT,
            description = "Overrides storage.index (default: embedded H2 in DATA_DIR/index).")
    String index;

    /** The configuration with these options, then {@code more} (other command-line overrides), on top. */
    QanodeConfig load(Map<String, String> more) throws ConfigException {
        Map<String, String> env = environment.get();
        Map<String, String> overrides = new LinkedHashMap<>();
        put(overrides, "storage.dataDir", dataDir);
        put(overrides, "storage.index", index);
        more.forEach((k, v) -> put(overrides, k, v));
        return ConfigLoader.load(configFile(config, env), env, overrides);
    }

    QanodeConfig load() throws ConfigException {
        return load(Map.of());
    }

    /** {@code explicit}, else $QANODE_CONFIG, else conf/qanode.yml when it exists, else none (built-in defaults). */
    static Path configFile(Path explicit, Map<String, String> env) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.get("QANODE_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
    }

    static void put(Map<String, String> overrides, String key, String value) {
        if (value != null) {
            overrides.put(key, value);
        }
    }

    /** The problems of an invalid configuration, as every command prints them. */
    static void print(String command, ConfigException e, java.io.PrintWriter err) {
        err.println("qanode " + command + ": invalid configuration:");
        e.problems().forEach(p -> err.println("  " + p));
        err.flush();
    }
}
