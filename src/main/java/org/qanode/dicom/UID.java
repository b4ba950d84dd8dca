package org.qanode.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The PS3.6 Annex A registry of DICOM UIDs (transfer syntaxes, SOP classes, well-known
 * instances, ...), loaded once, lazily and thread-safely, from the generated {@code uids.tsv}.
 * Keyword constants are in {@link UIDs}.
 *
 * <p>Lookups accept a value as read from a UI element: a trailing NUL pad (PS3.5 6.2) or space
 * is ignored.
 */
public final class UID {
    private UID() {
    }

    /** Registry row. {@code type} is PS3.6's: "SOP Class", "Transfer Syntax", "Meta SOP Class", ... */
    public record Entry(String uid, String keyword, String name, String type, boolean retired) {
        public boolean isTransferSyntax() {
            return type.equals("Transfer Syntax");
        }

        /**
         * A Storage SOP Class (PS3.4 Annex B), recognised by PS3.6's name: a "SOP Class" whose
         * name contains "Storage" ("RT Plan Storage", "Digital X-Ray Image Storage - For
         * Processing", "Stored Print Storage SOP Class"), except Storage Commitment (PS3.4
         * Annex J), which is a service about storage, not a storage SOP class.
         */
        public boolean isStorageSopClass() {
            return type.equals("SOP Class") && name.contains("Storage") && !name.startsWith("Storage Commitment");
        }
    }

    private static final class Holder {
        static final Map<String, Entry> BY_UID;
        static final List<String> STORAGE;

        static {
            Map<String, Entry> byUid = new HashMap<>();
            List<String> storage = new ArrayList<>();
            for (Entry e : load()) {
                if (byUid.put(e.uid(), e) != null) {
                    throw new IllegalStateException("duplicate UID in uids.tsv: " + e.uid());
                }
                if (e.isStorageSopClass()) {
                    storage.add(e.uid());
                }
            }
            BY_UID = Map.copyOf(byUid);
            STORAGE = List.copyOf(storage);
        }
    }

    /** The registry row, or null if the UID is not in PS3.6 Annex A. */
    public static Entry entry(String uid) {
        return uid == null ? null : Holder.BY_UID.get(strip(uid));
    }

    /** PS3.6 name ("RT Plan Storage"), or null if unknown. */
    public static String nameOf(String uid) {
        Entry e = entry(uid);
        return e == null ? null : e.name();
    }

    /** PS3.6 keyword ("RTPlanStorage"), or null if unknown ("" for the few registered without one). */
    public static String keywordOf(String uid) {
        Entry e = entry(uid);
        return e == null ? null : e.keyword();
    }

    public static boolean isTransferSyntax(String uid) {
        Entry e = entry(uid);
        return e != null && e.isTransferSyntax();
    }

    /** See {@link Entry#isStorageSopClass()}; retired storage SOP classes count too. */
    public static boolean isStorageSopClass(String uid) {
        Entry e = entry(uid);
        return e != null && e.isStorageSopClass();
    }

    /** Every Storage SOP Class UID, retired ones included, in registry order. */
    public static List<String> storageSopClasses() {
        return Holder.STORAGE;
    }

    /**
     * A new UID "2.25." + the random UUID read as an unsigned 128-bit decimal (PS3.5 B.2,
     * ISO/IEC 9834-8): globally unique without a registered root; at most 44 characters.
     */
    public static String toUuidUid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return "2.25." + new BigInteger(1, bytes);
    }

    private static String strip(String uid) {
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == '\0' || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        return end == uid.length() ? uid : uid.substring(0, end);
    }

    /** Lines: uid, keyword, name, type, "retired" or "". */
    private static List<Entry> load() {
        String resource = "uids.tsv";
        try (InputStream in = UID.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource org/qanode/dicom/" + resource + " missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Entry> entries = new ArrayList<>(500);
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 5) {
                    throw new IllegalStateException(resource + ":" + number + ": malformed line");
                }
                entries.add(new Entry(f[0], f[1], f[2], f[3], f[4].equals("retired")));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
