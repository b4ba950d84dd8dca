package org.qanode.app;

import org.qanode.util.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.ElementDictionary;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.UID;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomParseException;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qanode dump}: prints DICOM files as text, one element a line, the way dcmdump does:
 * tag, VR, value, then length and keyword; nested items indented. Pixel Data and other bulk
 * values stay in the file (read by reference) and only their first bytes are shown.
 * Exit code 1 when any file failed to parse, with one line per failure on stderr.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print DICOM files (or every file under a directory) as text.")
public final class DumpCommand implements Callable<Integer> {
    private static final int VALUE_COLUMN = 52;

    /**
     * The JSON writer, in a holder so that Jackson (about 50 classes) is loaded
     * only when {@code --json} is given, not every time picocli instantiates this command.
     */
    private static final class Json {
        static final org.qanode.dicom.json.DicomJsonWriter WRITER = new org.qanode.dicom.json.DicomJsonWriter(
                org.qanode.dicom.json.DicomJsonWriter.Options.DEFAULT.withPrettyPrint(true)
                        .withBulkData(org.qanode.dicom.json.BulkDataPolicy.URI));
    }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "DICOM files, or directories to dump recursively.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--max-value-length", paramLabel = "N", defaultValue = "64",
            description = "Shorten values to N characters (0: print whole values). Default: ${DEFAULT-VALUE}.")
    int maxValueLength;

    @Option(names = "--json", description = "Print DICOM JSON (PS3.18 Annex F), one object per file; bulk data as BulkDataURI.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            try {
                files.addAll(filesOf(input));
            } catch (IOException e) {
                err.println("qanode dump: " + input + ": cannot list: " + e.getMessage());
                failed++;
            }
        }
        // Files are read and formatted on all cores, printed in order; a bounded window of
        // pending results keeps memory flat however many files there are.
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.daemon("dump"));
        try {
            ArrayDeque<Future<String[]>> window = new ArrayDeque<>();
            int next = 0;
            while (next < files.size() || !window.isEmpty()) {
                while (next < files.size() && window.size() < 4 * threads) {
                    Path file = files.get(next++);
                    window.add(pool.submit(() -> render(file)));
                }
                String[] result = get(window.poll());
                if (result[1] != null) {
                    err.println(result[1]);
                    failed++;
                } else {
                    out.print(result[0]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    /** The dump of one file, or (second element) its one-line error. */
    private String[] render(Path file) {
        StringBuilder sb = new StringBuilder(8192);
        try {
            DicomFile f = DicomReader.readFile(file, ReadOptions.withBulkDataByReference());
            if (json) {
                java.io.StringWriter w = new java.io.StringWriter();
                Json.WRITER.write(f.dataset(), w);
                sb.append(w).append('\n');
                return new String[] {sb.toString(), null};
            }
            dump(file, f, sb);
            return new String[] {sb.toString(), null};
        } catch (DicomParseException e) {
            return new String[] {null, "qanode dump: " + file + ": " + e.getMessage()};
        } catch (IOException | RuntimeException e) {
            return new String[] {null, "qanode dump: " + file + ": cannot read: " + e};
        }
    }

    private static String[] get(Future<String[]> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return new String[] {null, "qanode dump: " + e.getCause()};
        }
    }

    private static List<Path> filesOf(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> s = Files.walk(input)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private void dump(Path file, DicomFile f, StringBuilder sb) throws IOException {
        sb.append("# File: ").append(file).append('\n');
        if (f.fileMeta() != null) {
            sb.append("# File Meta Information\n");
            dataset(f.fileMeta(), 0, sb);
        } else {
            sb.append("# No File Meta Information\n");
        }
        String ts = f.transferSyntax().uid();
        String tsName = UID.nameOf(ts);
        sb.append("# Data Set: ").append(ts).append(tsName == null ? "" : " (" + tsName + ")").append('\n');
        dataset(f.dataset(), 0, sb);
        sb.append('\n');
    }

    private void dataset(Dataset ds, int depth, StringBuilder sb) throws IOException {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            VR vr = ds.vrAt(i);
            Object v = ds.valueAt(i);
            int start = sb.length();
            indent(sb, depth);
            sb.append(Tag.toString(tag)).append(' ').append(vr).append(' ');
            if (v instanceof Sequence seq) {
                sb.append("(Sequence, ").append(seq.size()).append(seq.size() == 1 ? " item)" : " items)");
                tail(sb, start, -1, keyword(tag));
                for (int k = 0; k < seq.size(); k++) {
                    int itemStart = sb.length();
                    indent(sb, depth + 1);
                    sb.append("(FFFE,E000) na (Item #").append(k + 1).append(')');
                    tail(sb, itemStart, -1, "Item");
                    dataset(seq.get(k), depth + 2, sb);
                }
            } else if (v instanceof Fragments fr) {
                sb.append("(Pixel Sequence, ").append(fr.size()).append(" fragments)");
                tail(sb, start, -1, keyword(tag));
                for (int k = 0; k < fr.size(); k++) {
                    Object frag = fr.items().get(k);
                    int itemStart = sb.length();
                    indent(sb, depth + 1);
                    sb.append("(FFFE,E000) pi ").append(shorten(hex(bytesOf(frag, maxBytes())), Fragments.lengthOf(frag) > maxBytes()));
                    tail(sb, itemStart, Fragments.lengthOf(frag), k == 0 ? "Basic Offset Table" : "Fragment #" + k);
                }
            } else {
                long length = v instanceof byte[] b ? b.length : ((BulkData) v).length();
                byte[] b = bytesOf(v, maxBytes());
                if (v instanceof BulkData bulk && bulk.bigEndian()) {
                    ByteValues.swapByteOrder(b, vr); // bulk data of a big-endian file is stored as it was
                }
                sb.append(value(ds, vr, b, length));
                tail(sb, start, length, keyword(tag));
            }
        }
    }

    /** How many leading bytes a shortened value needs (3 characters a byte in hex). */
    private int maxBytes() {
        return maxValueLength <= 0 ? Integer.MAX_VALUE : maxValueLength;
    }

    private String value(Dataset ds, VR vr, byte[] b, long length) {
        boolean partial = b.length < length;
        if (length == 0) {
            return "(no value)";
        }
        if (vr.isText()) {
            String s = vr.kind() == VR.Kind.TEXT ? ds.characterSet().decode(b, 0, b.length)
                    : new String(b, StandardCharsets.ISO_8859_1);
            s = ByteValues.trimPadding(s, vr).replace("\r\n", "\\r\\n").replace('\n', ' ').replace('\r', ' ');
            return "[" + shorten(s, partial) + "]";
        }
        return switch (vr) {
            case US, SS, UL, SL, SV, UV, FL, FD, AT -> shorten(String.join("\\", ByteValues.formatBinary(vr, b)), partial);
            case OW -> {
                StringBuilder w = new StringBuilder(b.length / 2 * 5);
                for (int k = 0; k + 1 < b.length; k += 2) {
                    if (k > 0) {
                        w.append('\\');
                    }
                    String h = Integer.toHexString(ByteValues.u16(b, k));
                    w.append("0000", h.length(), 4).append(h);
                }
                yield shorten(w.toString(), partial);
            }
            default -> shorten(hex(b), partial);
        };
    }

    private static String hex(byte[] b) {
        return ByteValues.hex(b, 0, b.length);
    }

    /** Cuts to --max-value-length; "..." also when only the first bytes of the value were read. */
    private String shorten(String s, boolean partial) {
        if (maxValueLength > 0 && s.length() > maxValueLength) {
            return s.substring(0, maxValueLength) + "...";
        }
        return partial ? s + "..." : s;
    }

    private static String keyword(int tag) {
        String k = ElementDictionary.keywordOf(tag);
        if (!k.isEmpty()) {
            return k;
        }
        if (Tag.isPrivateCreator(tag)) {
            return "PrivateCreator";
        }
        return Tag.isGroupLength(tag) ? "GroupLength" : (Tag.isPrivate(tag) ? "Private" : "Unknown");
    }

    /** Pads to the comment column and ends the line with "# length, keyword" as dcmdump does. */
    private static void tail(StringBuilder sb, int lineStart, long length, String keyword) {
        int col = sb.length() - lineStart;
        for (int k = col; k < VALUE_COLUMN; k++) {
            sb.append(' ');
        }
        sb.append(" # ");
        String len = length < 0 ? "u/l" : Long.toString(length);
        for (int k = len.length(); k < 4; k++) {
            sb.append(' ');
        }
        sb.append(len).append(", ").append(keyword).append('\n');
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int k = 0; k < depth; k++) {
            sb.append("  ");
        }
    }

    /** At most {@code max} leading bytes of a value; bulk data is read only that far. */
    private static byte[] bytesOf(Object v, int max) throws IOException {
        if (v instanceof byte[] b) {
            return b.length <= max ? b : java.util.Arrays.copyOf(b, max);
        }
        BulkData bulk = (BulkData) v;
        int n = (int) Math.min(bulk.length(), max);
        try (InputStream in = bulk.openStream()) {
            return in.readNBytes(n);
        }
    }
}
