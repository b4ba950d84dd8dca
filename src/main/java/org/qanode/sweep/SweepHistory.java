package org.qanode.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sweep runs, oldest first, kept as one JSON file in the data directory (replaced
 * atomically on each change, so a crash leaves the previous history).
 */
public final class SweepHistory {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;
    private final List<SweepRecord> runs = new ArrayList<>();

    public SweepHistory(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try {
                runs.addAll(JSON.readValue(file.toFile(), new TypeReference<List<SweepRecord>>() { }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sweep history " + file, e);
            }
        }
    }

    public synchronized List<SweepRecord> all() {
        return List.copyOf(runs);
    }

    public synchronized Optional<SweepRecord> get(String id) {
        return runs.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public synchronized Optional<SweepRecord> last() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /** The newest run whose state is a valid baseline. */
    public synchronized Optional<SweepRecord> lastSuccessful() {
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).successful()) {
                return Optional.of(runs.get(i));
            }
        }
        return Optional.empty();
    }

    /** Adds a run or replaces the one with the same id, and saves. */
    public synchronized void put(SweepRecord r) {
        runs.removeIf(x -> x.id().equals(r.id()));
        runs.add(r);
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), runs);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sweep history " + file, e);
        }
    }
}
