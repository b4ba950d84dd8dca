package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up self-check (issue 13) has finished when {@code serve}'s DICOM port opens (issue
 * 16): its work does not compete with a peer's first objects, and health has its result from the
 * first request on.
 */
class SelfCheckBeforeDicomPortTest {
    @TempDir
    Path dir;

    @Test
    void theSelfCheckHasARecordedResultWhenTheNodeIsUp() throws Exception {
        Map<String, String> cli = Map.of("storage.dataDir", dir.resolve("var").toString(), "dicom.port", "0",
                "http.port", "0", "dicom.warmUpObjects", "0");
        try (RunningNode node = RunningNode.start(ConfigLoader.load(null, Map.of(), cli))) {
            assertThat(node.node().selftest().latest()).as("the self-check's result, recorded").isPresent()
                    .get().extracting(r -> r.ok()).isEqualTo(true);
        }
    }
}
