package org.qanode.rt;

import java.util.List;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;

/**
 * Null-safe reads for the summaries: a Type 2 or Type 3 attribute that is absent or empty is a
 * null value in the summary, never a default that could be mistaken for data. A value that does
 * not parse as a number is also null (an export with a malformed DS must still be summarised).
 */
final class SummaryValues {
    private SummaryValues() {
    }

    static String string(Dataset ds, int tag) {
        return ds == null ? null : ds.getString(tag);
    }

    static Integer integer(Dataset ds, int tag) {
        Double d = number(ds, tag);
        return d == null ? null : (int) Math.round(d);
    }

    static Double number(Dataset ds, int tag) {
        if (ds == null) {
            return null;
        }
        try {
            double[] v = ds.getDoubles(tag);
            return v.length == 0 ? null : v[0];
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** All values of a numeric element, or null when absent or malformed. */
    static List<Double> numbers(Dataset ds, int tag) {
        if (ds == null) {
            return null;
        }
        try {
            double[] v = ds.getDoubles(tag);
            if (v.length == 0) {
                return null;
            }
            Double[] boxed = new Double[v.length];
            for (int i = 0; i < v.length; i++) {
                boxed[i] = v[i];
            }
            return List.of(boxed);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static double[] doubles(Dataset ds, int tag) {
        try {
            return ds.getDoubles(tag);
        } catch (RuntimeException e) {
            return new double[0];
        }
    }

    static int size(Sequence s) {
        return s == null ? 0 : s.size();
    }

    static Dataset first(Sequence s) {
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    static Dataset last(Sequence s) {
        return s == null || s.isEmpty() ? null : s.get(s.size() - 1);
    }

    /** The first item of {@code seq} whose {@code key} equals {@code value} (numbers compared as numbers). */
    static Dataset itemWith(Sequence seq, int key, Integer value) {
        if (seq == null || value == null) {
            return null;
        }
        for (Dataset item : seq) {
            if (value.equals(integer(item, key))) {
                return item;
            }
        }
        return null;
    }

    static double sum(double a, Double b) {
        return b == null ? a : a + b;
    }
}
