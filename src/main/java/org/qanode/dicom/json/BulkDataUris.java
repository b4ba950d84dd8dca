package org.qanode.dicom.json;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.VR;

/**
 * Our form of a BulkDataURI (PS3.18 F.2.6) for a value left in a local file:
 * {@code file:///path?offset=N&length=N}, plus {@code &bigEndian=true} when the file is Explicit
 * VR Big Endian (as dcm4che writes it). Only this process can dereference it, which is all it is
 * for: JSON of a large stored object without copying its pixel data.
 */
final class BulkDataUris {
    private BulkDataUris() {
    }

    static String toUri(BulkData bulk) {
        return bulk.file().toUri() + "?offset=" + bulk.offset() + "&length=" + bulk.length()
                + (bulk.bigEndian() ? "&bigEndian=true" : "");
    }

    /** The BulkData a URI of {@link #toUri} names, or null for any other URI. */
    static BulkData parse(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        if (!"file".equals(u.getScheme()) || u.getRawQuery() == null) {
            return null;
        }
        long offset = -1;
        long length = -1;
        boolean bigEndian = false;
        for (String param : u.getRawQuery().split("&")) {
            String[] kv = param.split("=", 2);
            if (kv.length != 2) {
                return null;
            }
            try {
                switch (kv[0]) {
                    case "offset" -> offset = Long.parseLong(kv[1]);
                    case "length" -> length = Long.parseLong(kv[1]);
                    case "bigEndian" -> bigEndian = Boolean.parseBoolean(kv[1]);
                    default -> {
                        return null;
                    }
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (offset < 0 || length < 0) {
            return null;
        }
        Path file;
        try {
            file = Paths.get(URI.create(uri.substring(0, uri.indexOf('?'))));
        } catch (IllegalArgumentException e) {
            // e.g. file://host/x: a file URI with an authority names no local file (found by fuzzing)
            return null;
        }
        return new BulkData(file, offset, length, bigEndian);
    }
}
