package org.qanode.store;

import java.nio.charset.StandardCharsets;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.ElementDictionary;
import org.qanode.dicom.VR;

/**
 * Text values for the index, also from elements that arrived as UN. Some writers (GDCM's
 * converter in the corpus) send every element of an Explicit VR data set as UN; PS3.5 6.2.2
 * lets a receiver read such a value with the dictionary's VR, which is what this does, so
 * those objects still index with their patient ID and modality.
 */
final class IndexValues {
    private IndexValues() {
    }

    /** The first value, trimmed per VR; null when absent or empty. */
    static String first(Dataset ds, int tag) {
        VR vr = textVr(ds, tag);
        String all = vr == null ? null : whole(ds, tag);
        if (all == null) {
            return null;
        }
        String[] values = ByteValues.splitText(all, vr);
        return values.length == 0 || values[0].isEmpty() ? null : values[0];
    }

    /** The whole decoded value including backslashes, padding removed; null when absent. */
    static String whole(Dataset ds, int tag) {
        if (ds.getVR(tag) != VR.UN) {
            return ds.getText(tag);
        }
        VR vr = textVr(ds, tag);
        byte[] b = ds.getBytes(tag);
        if (vr == null || b == null) {
            return null;
        }
        String s = vr.kind() == VR.Kind.TEXT ? ds.characterSet().decode(b, 0, b.length)
                : new String(b, StandardCharsets.ISO_8859_1);
        return ByteValues.trimPadding(s, vr);
    }

    private static VR textVr(Dataset ds, int tag) {
        VR vr = ds.getVR(tag);
        if (vr == VR.UN) {
            vr = ElementDictionary.vrOf(tag);
        }
        return vr != null && vr.isText() ? vr : null;
    }
}
