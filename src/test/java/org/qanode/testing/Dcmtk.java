package org.qanode.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dcmtk and dicom3tools command line tools for agreement tests. Tests that need
 * them skip (JUnit assumption) where the tools are not installed.
 */
public final class Dcmtk {
    private Dcmtk() {
    }

    /** Output and exit code of one tool run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, stdout and stderr decoded as UTF-8, with a time bound of 120 s. */
    public static Result run(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("TCP_NODELAY", "1");
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errPump = new Thread(() -> pump(p.getErrorStream(), err));
            errPump.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pump(p.getInputStream(), out);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            errPump.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(String... command) {
        return run(List.of(command));
    }

    private static void pump(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of a dcmdump listing: tag path, VR as printed, length (-1 for u/l) and value text. */
    public record DumpLine(String path, String vr, long length, String value) {
    }

    /**
     * Parses the output of {@code dcmdump +L -Un +U8} into lines with tag paths in our
     * {@code (GGGG,EEEE)/item/(GGGG,EEEE)} form (items 1-based). Delimitation items are
     * dropped (dcmdump prints them "for re-encoding" whether or not the file has them);
     * items are kept as lines with VR "na" or "pi" and the path of the item.
     */
    public static List<DumpLine> parseDump(String dump) {
        List<DumpLine> lines = new ArrayList<>();
        // path prefix per indentation level: the element path at that level
        List<String> elementAt = new ArrayList<>();
        List<Integer> itemCount = new ArrayList<>();
        List<String> itemPathAt = new ArrayList<>();
        for (String line : logicalLines(dump)) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            if (indent >= line.length() || line.charAt(indent) != '(') {
                continue;
            }
            int level = indent / 2;
            String tag = line.substring(indent, indent + 11).toUpperCase();
            String vr = line.substring(indent + 12, indent + 14);
            int hash = line.lastIndexOf(" #");
            String value = line.substring(indent + 15, hash).stripTrailing();
            String meta = line.substring(hash + 2).trim();
            String lenText = meta.substring(0, meta.indexOf(',')).trim();
            long length = lenText.equals("u/l") ? -1 : Long.parseLong(lenText);
            if (tag.equals("(FFFE,E00D)") || tag.equals("(FFFE,E0DD)")) {
                continue;
            }
            if (tag.equals("(FFFE,E000)")) {
                // an item of the element one level up
                String owner = elementAt.get(level - 1);
                int n = itemCount.get(level - 1) + 1;
                itemCount.set(level - 1, n);
                String itemPath = owner + "/" + n;
                set(itemPathAt, level, itemPath);
                lines.add(new DumpLine(itemPath, vr, length, vr.equals("pi") ? value : ""));
                continue;
            }
            String parentPath = level == 0 ? "" : itemPathAt.get(level - 1);
            String path = parentPath + (parentPath.isEmpty() ? "" : "/") + tag;
            set(elementAt, level, path);
            set(itemCount, level, 0);
            lines.add(new DumpLine(path, vr, length, value));
        }
        return lines;
    }

    private static final java.util.regex.Pattern ELEMENT_START =
            java.util.regex.Pattern.compile("^ *\\([0-9a-f]{4},[0-9a-f]{4}\\) [A-Za-z?]{2} .*", java.util.regex.Pattern.DOTALL);

    private static final java.util.regex.Pattern COMPLETE =
            java.util.regex.Pattern.compile(".* #\\s*(\\d+|u/l), \\d+ \\S.*", java.util.regex.Pattern.DOTALL);

    /**
     * Joins the physical lines of a multi-line text value (LT, ST, UT with CR LF inside) to
     * the element line they belong to; drops comments and blank lines between elements.
     */
    private static List<String> logicalLines(String dump) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String physical : dump.split("\n", -1)) {
            if (ELEMENT_START.matcher(physical).matches()) {
                if (current != null) {
                    out.add(current.toString().stripTrailing());
                }
                current = new StringBuilder(physical);
            } else if (current != null && !COMPLETE.matcher(current).matches()) {
                current.append('\n').append(physical);
            }
        }
        if (current != null) {
            out.add(current.toString().stripTrailing());
        }
        return out;
    }

    private static <T> void set(List<T> list, int index, T value) {
        while (list.size() <= index) {
            list.add(null);
        }
        list.set(index, value);
    }
}
