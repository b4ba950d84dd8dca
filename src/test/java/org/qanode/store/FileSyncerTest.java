package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint's fsyncs issued together: every file or none, as one by one. What it gains is
 * time (docs/performance.md); what must not change is that a failed fsync fails the checkpoint.
 */
class FileSyncerTest {
    @TempDir
    Path dir;

    private List<Path> files(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(Files.write(dir.resolve("f" + i), new byte[] {(byte) i}));
        }
        return files;
    }

    @Test
    void filesGoneSinceNeedNothing() throws IOException {
        List<Path> files = files(40);
        Files.delete(files.get(7));
        Files.delete(files.get(31));
        try (FileSyncer syncer = new FileSyncer()) {
            syncer.fsyncAll(files);
            syncer.fsyncAll(files.subList(0, 2)); // few: on the caller's thread
        }
        assertThat(files.stream().filter(Files::exists)).hasSize(38);
    }

    @Test
    void oneFailedFsyncAmongManyFailsTheWholeCall() throws IOException {
        List<Path> files = files(40);
        // "f3/x": its parent is a file, so opening it fails, and not as a missing file
        files.add(20, files.get(3).resolve("x"));
        try (FileSyncer syncer = new FileSyncer()) {
            assertThatThrownBy(() -> syncer.fsyncAll(files)).isInstanceOf(IOException.class).hasMessageContaining("f3");
            assertThatThrownBy(() -> syncer.fsyncAll(List.of(files.get(20)))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anEarlyFsyncNeverFailsTheCommitterTheCheckpointDoes() throws IOException {
        List<Path> files = files(40);
        files.add(7, files.get(3).resolve("x"));
        try (FileSyncer syncer = new FileSyncer()) {
            syncer.startFsync(files); // returns at once; its failure is only logged
            assertThatThrownBy(() -> syncer.fsyncAll(files)).isInstanceOf(IOException.class);
            files.remove(7);
            syncer.startFsync(files);
            syncer.fsyncAll(files);
        }
    }

    @Test
    void anInterruptedCallerStillWaitsForEveryFsync() throws IOException {
        List<Path> files = files(64);
        try (FileSyncer syncer = new FileSyncer()) {
            Thread.currentThread().interrupt();
            syncer.fsyncAll(files);
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }
    }
}
