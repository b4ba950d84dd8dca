package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.store.StateStore;
import org.qanode.testing.LogCapture;

/**
 * {@code storage.directWrites} reaches the node's state store (issue 16, step 10): the store's
 * start-up line says what it was given. What the store does with it: {@code DirectOutputTest}.
 */
class DirectWritesSettingTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = LogCapture.of(StateStore.class, Level.INFO);

    @Test
    void theNodeGivesTheSettingToItsStore() throws Exception {
        assertThat(startLine(Map.of())).contains("storage.directWrites true");
        assertThat(startLine(Map.of("QANODE_STORAGE_DIRECT_WRITES", "false"))).endsWith("storage.directWrites false");
    }

    private String startLine(Map<String, String> env) throws Exception {
        log.events().clear();
        Path data = dir.resolve("var-" + env.size());
        Map<String, String> cli = Map.of("storage.dataDir", data.toString(), "dicom.port", "0", "http.port", "0", "dicom.warmUpObjects", "0");
        try (RunningNode node = RunningNode.start(ConfigLoader.load(null, env, cli))) {
            return log.events().stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("state store at")).findFirst().orElseThrow();
        }
    }
}
