package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The store contract on embedded H2, the default index. */
class StateStoreH2Test extends StateStoreContract {
    private String url;

    @Override
    String indexUrl(Path tempDir) {
        if (url == null) {
            url = StateStore.defaultIndexUrl(tempDir.resolve("index-dir"));
        }
        return url;
    }

    @Override
    String storeUrl() {
        return url;
    }

    /**
     * Issue 11: H2's shutdown hook closed the index the moment SIGTERM arrived; the node closes
     * it itself, after the transfers' grace period (ServeProcessTest proves the whole path).
     */
    @Test
    void embeddedH2IsNotClosedByItsOwnShutdownHook() {
        assertThat(IndexDatabase.durable("jdbc:h2:file:/var/qanode/index"))
                .isEqualTo("jdbc:h2:file:/var/qanode/index;WRITE_DELAY=500;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(IndexDatabase.durable("jdbc:h2:file:/x;DB_CLOSE_ON_EXIT=TRUE")).doesNotContain("DB_CLOSE_ON_EXIT=FALSE");
        assertThat(IndexDatabase.durable("jdbc:h2:tcp://db/qanode")).doesNotContain("DB_CLOSE_ON_EXIT");
        assertThat(IndexDatabase.durable("jdbc:postgresql://db/qanode")).isEqualTo("jdbc:postgresql://db/qanode");
    }
}
