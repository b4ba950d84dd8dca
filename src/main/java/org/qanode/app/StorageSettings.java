package org.qanode.app;

import java.nio.file.Path;

/** Where the state store lives (configuration keys {@code storage.*}); index is a JDBC URL. */
public record StorageSettings(Path dataDir, String index) {
}
