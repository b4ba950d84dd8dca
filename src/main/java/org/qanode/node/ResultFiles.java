package org.qanode.node;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.qanode.result.ComparisonResult;
import org.qanode.report.JsonReport;

/**
 * Finished comparison results as JSON files, DATA_DIR/comparisons/ID.json. Written to a
 * temporary name, fsynced and renamed, so a crash leaves either the whole result or none;
 * the index row is marked DONE only afterwards. The JSON is served as stored (no re-encoding).
 */
public final class ResultFiles {
    private final Path dir;

    public ResultFiles(Path dataDir) throws IOException {
        this.dir = dataDir.resolve("comparisons");
        org.qanode.store.FileModes.createDirectories(dir);
    }

    public Path file(String id) {
        return dir.resolve(id + ".json");
    }

    public void write(ComparisonResult result) throws IOException {
        Path tmp = dir.resolve(result.id() + ".json.tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
             Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            new JsonReport().render(result, w);
        }
        org.qanode.store.FileModes.file(tmp); // results name patients: 0640, whatever the umask
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file(result.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the rename itself is still atomic
        }
    }

    public byte[] readBytes(String id) throws IOException {
        return Files.readAllBytes(file(id));
    }

    public ComparisonResult read(String id) throws IOException {
        return JsonReport.MAPPER.readValue(file(id).toFile(), ComparisonResult.class);
    }
}
