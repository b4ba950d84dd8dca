package org.qanode.compare;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds and compiles profiles. Lookup order for a name: {@code DIR/NAME.yml} in the profiles
 * directory (conf/profiles by default, overridable), then the copy bundled on the class path
 * (the build copies conf/profiles there), so the CLI works from any working directory. A
 * value ending in .yml or .yaml is read as a file path.
 */
public final class ProfileLoader {
    public static final Path DEFAULT_DIR = Path.of("conf", "profiles");
    public static final String DEFAULT_PROFILE = "upgrade";
    /** Where the build puts the bundled copies of conf/profiles. */
    static final String RESOURCE_DIR = "/org/qanode/compare/profiles/";
    /** The profiles shipped with qanode. */
    public static final List<String> BUNDLED = List.of("upgrade", "nightly", "strict");

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path dir;

    public ProfileLoader(Path dir) {
        this.dir = dir == null ? DEFAULT_DIR : dir;
    }

    public Profile load(String nameOrFile) throws IOException {
        String name = nameOrFile == null ? DEFAULT_PROFILE : nameOrFile;
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return read(Path.of(name));
        }
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("bad profile name '" + name + "'");
        }
        Path file = dir.resolve(name + ".yml");
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        try (InputStream in = ProfileLoader.class.getResourceAsStream(RESOURCE_DIR + name + ".yml")) {
            if (in == null) {
                throw new IllegalArgumentException("no profile '" + name + "' in " + dir.toAbsolutePath()
                        + " nor bundled (bundled: " + String.join(", ", BUNDLED) + ")");
            }
            return compile(YAML.readValue(in, ProfileDefinition.class), "bundled " + name + ".yml");
        }
    }

    public static Profile read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return compile(YAML.readValue(in, ProfileDefinition.class), file.toString());
        }
    }

    private static Profile compile(ProfileDefinition def, String where) {
        try {
            return Profile.compile(def);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
