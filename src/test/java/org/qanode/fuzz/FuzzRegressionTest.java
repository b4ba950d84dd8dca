package org.qanode.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The minimized inputs that once broke a decoder (test-data/fuzz/TARGET/, each file named after
 * the bug it found, with the target's input format: a mode or control byte first where the
 * target has one): each must now end in a result or the codec's own exception.
 */
class FuzzRegressionTest {

    @Test
    void everyStoredCrasherIsHandled() {
        Path root = Path.of("test-data", "fuzz");
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String name : Targets.NAMES) {
            Path dir = root.resolve(name);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            FuzzTarget target = Targets.create(name);
            for (Path p : Corpus.list(dir, "")) {
                n++;
                Oracle.Outcome o = Oracle.execute(target, Corpus.read(p));
                if (o.isFinding()) {
                    failures.add(p + ": " + o.finding());
                }
            }
        }
        assertThat(failures).isEmpty();
        System.out.println("fuzz regression: " + n + " stored inputs handled");
    }
}
