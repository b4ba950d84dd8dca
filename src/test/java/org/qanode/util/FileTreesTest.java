package org.qanode.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void truncateFilesKeepsEveryFileAndFolderButNoByte() throws IOException {
        Path root = dir.resolve("tree");
        Files.createDirectories(root.resolve("a/b"));
        Files.write(root.resolve("top.dcm"), new byte[70_000]);
        Files.writeString(root.resolve("a/b/deep.dcm"), "bytes");
        Files.createFile(root.resolve("a/empty"));
        Object inode = Files.readAttributes(root.resolve("top.dcm"),
                BasicFileAttributes.class).fileKey();

        FileTrees.truncateFiles(root);

        assertThat(root.resolve("top.dcm")).isEmptyFile();
        assertThat(root.resolve("a/b/deep.dcm")).isEmptyFile();
        assertThat(root.resolve("a/empty")).isEmptyFile();
        assertThat(Files.readAttributes(root.resolve("top.dcm"),
                BasicFileAttributes.class).fileKey()).as("the same file, not a new one")
                .isEqualTo(inode);
    }

    @Test
    void truncateFilesOfNothingIsNothing() throws IOException {
        FileTrees.truncateFiles(dir.resolve("absent"));
        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void deleteRemovesTheWholeTree() throws IOException {
        Path root = dir.resolve("tree");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/deep.dcm"), "bytes");

        FileTrees.delete(root);

        assertThat(root).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }
}
