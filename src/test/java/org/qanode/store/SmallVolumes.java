package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * For the tests that put the data directory on a small real volume (tmpfs, an ext4 image) and
 * fill it: running mount(8) and friends, the rule that such a test may skip only outside CI, and
 * what a refused object must not leave behind.
 */
final class SmallVolumes {
    private SmallVolumes() {
    }

    /** Runs {@code command}; whether it exited 0 within a minute. */
    static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Skips the test when {@code mounted} is false (not root, no loop device), except when
     * CI=true: there the volume is required, and its absence fails the test.
     */
    static void requireMounted(boolean mounted, String what) {
        if (!mounted && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("cannot mount " + what + " (required when CI=true: run the tests as root)");
        }
        Assumptions.assumeTrue(mounted, "cannot mount " + what + " here (not root?)");
    }

    /** After a test: closes {@code store} (if opened), then unmounts {@code mount} (if mounted, else null). */
    static void closeAndUnmount(StateStore store, Path mount) throws InterruptedException {
        if (store != null) {
            store.close();
        }
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    /**
     * Under {@code root}: no object file and no staging file (unused spares and {@code kept}
     * aside), and no record in the data directory's journal (the journal file itself stays).
     */
    static void assertNothingLeft(Path root, Path dataDir, Path... kept) throws IOException {
        Path journal = CommitJournal.path(dataDir);
        List<Path> keep = List.of(kept);
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.filter(Files::isRegularFile).filter(p -> !p.equals(journal)).filter(p -> !keep.contains(p))
                    .filter(p -> !Spares.unused(p)).toList()).isEmpty();
        }
        try {
            assertThat(CommitJournal.read(journal, e -> { }).records()).as("records in the journal").isZero();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
