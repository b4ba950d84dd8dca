package org.qanode.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Real tools and files from Debian packages that tests compare us with (dcmtk, pydicom). Where one
 * is missing a test skips, except on CI (environment CI=true), where it must fail so that a
 * broken build image cannot turn agreement tests into silent skips.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** Debian's python3 with python3-pydicom; a python3 earlier on PATH may lack pydicom. */
    public static final Path DEBIAN_PYTHON = Paths.get("/usr/bin/python3");

    /** The charset test files that Debian's python3-pydicom ships (override: -Dqanode.pydicom.charsets). */
    public static Path pydicomCharsetFiles() {
        return Paths.get(System.getProperty("qanode.pydicom.charsets",
                "/usr/lib/python3/dist-packages/pydicom/data/charset_files"));
    }

    /** An executable on PATH, e.g. "dcm2json"; null when there is none. */
    public static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Paths.get(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Skips (or on CI fails) unless {@code path} exists. Returns it for chaining. */
    public static Path require(Path path, String what) {
        if (path == null || !Files.exists(path)) {
            String message = what + " not found" + (path == null ? "" : " at " + path);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (required when CI=true)");
            }
            Assumptions.abort(message);
        }
        return path;
    }

    /** The executable {@code name} from PATH, skipping (or on CI failing) when absent. */
    public static Path requireExecutable(String name, String debianPackage) {
        return require(onPath(name), name + " (Debian package " + debianPackage + ")");
    }
}
