package org.qanode.app;

import java.nio.file.Path;
import org.qanode.store.StateStore;

/**
 * Where the state store lives (configuration keys {@code storage.*}); index is a JDBC URL.
 * {@code minFreeBytes}: the free-space watermark, 0 for none, {@link StateStore#DEFAULT_MIN_FREE_BYTES}
 * for the default (the larger of 1 GiB and 2 % of the volume). {@code directWrites}: objects larger
 * than 1 MiB are written around the page cache where the file system allows it.
 */
public record StorageSettings(Path dataDir, String index, long minFreeBytes, boolean directWrites) {

    public StorageSettings(Path dataDir, String index) {
        this(dataDir, index, StateStore.DEFAULT_MIN_FREE_BYTES, true);
    }
}
