package org.qanode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.qanode.dicom.BulkData;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Fragments;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;

/** Element-by-element equality of two data sets, with a message that names the path. */
public final class DatasetAssert {
    private DatasetAssert() {
    }

    /**
     * Same tags, VRs and values. Odd-length values may have gained their padding byte, and
     * group lengths (which the writer never writes) are ignored.
     */
    public static void assertSameContent(Dataset actual, Dataset expected, String where) {
        compare(actual, expected, where + " ");
    }

    private static void compare(Dataset a, Dataset e, String path) {
        Dataset ea = withoutGroupLengths(a);
        Dataset ee = withoutGroupLengths(e);
        int[] at = tags(ea);
        int[] et = tags(ee);
        assertThat(at).as(path + "tags").containsExactly(et);
        for (int i = 0; i < ee.size(); i++) {
            String p = path + "/" + Tag.toString(ee.tagAt(i));
            VR expectedVr = ee.vrAt(i);
            Object ev = ee.valueAt(i);
            Object av = ea.valueAt(i);
            if (ev instanceof Sequence es) {
                assertThat(av).as(p).isInstanceOf(Sequence.class);
                Sequence as = (Sequence) av;
                assertThat(as.size()).as(p + " items").isEqualTo(es.size());
                for (int k = 0; k < es.size(); k++) {
                    compare(as.get(k), es.get(k), p + "/" + (k + 1));
                }
                continue;
            }
            assertThat(acceptableVrs(ee.tagAt(i), expectedVr)).as(p + " VR").contains(ea.vrAt(i));
            if (ev instanceof Fragments ef) {
                assertThat(av).as(p).isInstanceOf(Fragments.class);
                Fragments af = (Fragments) av;
                assertThat(af.size()).as(p + " fragments").isEqualTo(ef.size());
                for (int k = 0; k < ef.size(); k++) {
                    assertThat(padded(bytes(af.items().get(k)), (byte) 0)).as(p + " fragment " + k)
                            .isEqualTo(padded(bytes(ef.items().get(k)), (byte) 0));
                }
                continue;
            }
            byte pad = expectedVr.paddingByte();
            assertThat(padded(bytes(av), pad)).as(p).isEqualTo(padded(bytes(ev), pad));
        }
    }

    /**
     * Same tags, VRs and values by meaning: text values compared as decoded and split values,
     * trimmed per VR (PS3.5 Table 6.2-1), so padding may differ; everything else byte for byte
     * (odd lengths padded). For trips through forms that keep values but not bytes, such as JSON.
     */
    public static void assertSameValues(Dataset actual, Dataset expected, String where) {
        compareValues(withoutGroupLengths(actual), withoutGroupLengths(expected), where + " ");
    }

    private static void compareValues(Dataset a, Dataset e, String path) {
        assertThat(tags(a)).as(path + "tags").containsExactly(tags(e));
        for (int i = 0; i < e.size(); i++) {
            int tag = e.tagAt(i);
            String p = path + "/" + Tag.toString(tag);
            assertThat(a.vrAt(i)).as(p + " VR").isEqualTo(e.vrAt(i));
            Object ev = e.valueAt(i);
            Object av = a.valueAt(i);
            if (ev instanceof Sequence es) {
                assertThat(av).as(p).isInstanceOf(Sequence.class);
                Sequence as = (Sequence) av;
                assertThat(as.size()).as(p + " items").isEqualTo(es.size());
                for (int k = 0; k < es.size(); k++) {
                    compareValues(withoutGroupLengths(as.get(k)), withoutGroupLengths(es.get(k)), p + "/" + (k + 1));
                }
            } else if (ev instanceof Fragments ef) {
                assertThat(av).as(p).isInstanceOf(Fragments.class);
                Fragments af = (Fragments) av;
                assertThat(af.size()).as(p + " fragments").isEqualTo(ef.size());
                for (int k = 0; k < ef.size(); k++) {
                    assertThat(bytes(af.items().get(k))).as(p + " fragment " + k).isEqualTo(bytes(ef.items().get(k)));
                }
            } else if (e.vrAt(i).isText()) {
                assertThat(a.getStrings(tag)).as(p).containsExactly(e.getStrings(tag));
            } else {
                assertThat(padded(bytes(av), e.vrAt(i).paddingByte())).as(p).isEqualTo(padded(bytes(ev), e.vrAt(i).paddingByte()));
            }
        }
    }

    /**
     * The VR read back may legitimately differ after an implicit VR trip: the dictionary then
     * decides among multi-VR entries (US or SS, OB or OW), and UN may become the real VR.
     */
    private static java.util.Set<VR> acceptableVrs(int tag, VR expected) {
        java.util.Set<VR> ok = java.util.EnumSet.of(expected, VR.UN);
        org.qanode.dicom.DictionaryEntry entry = org.qanode.dicom.ElementDictionary.entry(tag);
        if (entry != null && (entry.vrs().size() > 1 || expected == VR.UN)) {
            ok.addAll(entry.vrs());
        }
        return ok;
    }

    /** A shallow copy without group lengths, its character set that of {@code d}. */
    private static Dataset withoutGroupLengths(Dataset d) {
        Dataset copy = new Dataset(d.parent(), d.size());
        for (int i = 0; i < d.size(); i++) {
            if (!Tag.isGroupLength(d.tagAt(i))) {
                copy.setValue(d.tagAt(i), d.vrAt(i), d.valueAt(i));
            }
        }
        return copy;
    }

    private static int[] tags(Dataset d) {
        int[] t = new int[d.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = d.tagAt(i);
        }
        return t;
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        try {
            return ((BulkData) v).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An odd-length value as written: with the VR's padding byte (PS3.5 6.2) appended. */
    private static byte[] padded(byte[] b, byte pad) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = Arrays.copyOf(b, b.length + 1);
        p[b.length] = pad;
        return p;
    }
}
