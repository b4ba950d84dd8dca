package org.qanode.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Sequence;
import org.qanode.dicom.Tag;
import org.qanode.dicom.VR;

/**
 * The tag-path diff of two data sets under a profile. Walks both sorted element lists
 * together; equal raw bytes are equal without decoding, which is the common case and keeps
 * the walk cheap. Ignore rules and tolerances are consulted only where bytes differ.
 *
 * <p>Path rule: a difference inside matched items uses the item's position on the baseline
 * side; an ADDED item (candidate only) uses its candidate position. Private elements are matched
 * by private creator and element offset, not by block number ({@link PrivateBlocks}); their
 * path keeps the {@code (GGGG,EEEE)} of the baseline when both sides hold them. Not thread-safe:
 * one instance per worker thread.
 */
final class DatasetDiffer {
    private final Profile profile;
    private final IgnoreRules ignore;
    private int[] tags = new int[16];
    private int[] items = new int[16];
    private int depth;
    private List<Difference> out;

    DatasetDiffer(Profile profile) {
        this.profile = profile;
        this.ignore = profile.ignoreRules();
    }

    List<Difference> diff(Dataset baseline, Dataset candidate) {
        out = new ArrayList<>();
        depth = 0;
        diffDatasets(baseline, candidate);
        List<Difference> result = out;
        out = null;
        return result;
    }

    private void diffDatasets(Dataset a, Dataset b) {
        PrivateBlocks.Keys keysB = PrivateBlocks.candidateKeys(a, b);
        if (keysB == null) {
            diffByTag(a, b);
            return;
        }
        // Private blocks were relocated: walk the candidate in the order of its baseline-aligned keys.
        int i = 0;
        int k = 0;
        int na = a.size();
        int nb = keysB.size();
        while (i < na || k < nb) {
            int cmp;
            if (i == na) {
                cmp = 1;
            } else if (k == nb) {
                cmp = -1;
            } else {
                cmp = Long.compare(PrivateBlocks.keyOf(a.tagAt(i)), keysB.key(k));
            }
            if (cmp == 0) {
                compareElement(a, i++, b, keysB.index(k++));
            } else if (cmp < 0) {
                onlyOneSide(a, i++, DifferenceKind.REMOVED);
            } else {
                onlyOneSide(b, keysB.index(k++), DifferenceKind.ADDED);
            }
        }
    }

    /** The common case: both element lists in tag order, walked together. */
    private void diffByTag(Dataset a, Dataset b) {
        int i = 0;
        int j = 0;
        int na = a.size();
        int nb = b.size();
        while (i < na || j < nb) {
            int cmp;
            if (i == na) {
                cmp = 1;
            } else if (j == nb) {
                cmp = -1;
            } else {
                cmp = Integer.compareUnsigned(a.tagAt(i), b.tagAt(j));
            }
            if (cmp == 0) {
                compareElement(a, i++, b, j++);
            } else if (cmp < 0) {
                onlyOneSide(a, i++, DifferenceKind.REMOVED);
            } else {
                onlyOneSide(b, j++, DifferenceKind.ADDED);
            }
        }
    }

    private void compareElement(Dataset a, int i, Dataset b, int j) {
        Object va = a.valueAt(i);
        Object vb = b.valueAt(j);
        VR vra = a.vrAt(i);
        VR vrb = b.vrAt(j);
        if (vra == vrb && va instanceof byte[] x && vb instanceof byte[] y && Arrays.equals(x, y)) {
            return;
        }
        push(a.tagAt(i));
        try {
            if (ignore.ignores(tags, items, depth)) {
                return;
            }
            if (va instanceof Sequence sa && vb instanceof Sequence sb) {
                diffSequences(sa, sb);
                return;
            }
            if (!equalValues(vra, va, a, vrb, vb, b)) {
                VR shown = vra == VR.UN ? vrb : vra;
                out.add(new Difference(path(), Tag.toHexString(a.tagAt(i)), shown.name(), DifferenceKind.CHANGED,
                        ElementValue.text(shown, va, a), ElementValue.text(shown, vb, b),
                        ElementValue.digestLength(shown, va), ElementValue.digestLength(shown, vb), null));
            }
        } finally {
            pop();
        }
    }

    private boolean equalValues(VR vra, Object va, Dataset a, VR vrb, Object vb, Dataset b) {
        VR vr = ElementValue.common(vra, vrb);
        if (vr == null) {
            // Two different known VRs: equal only if they read as the same text.
            return vra.isText() && vrb.isText() && va instanceof byte[] x && vb instanceof byte[] y
                    && Arrays.equals(ElementValue.split(vra, x, a), ElementValue.split(vrb, y, b));
        }
        if (va instanceof byte[] x && vb instanceof byte[] y) {
            return ElementValue.equal(vr, x, a, y, b, () -> profile.toleranceFor(tags, items, depth));
        }
        if (va instanceof Sequence || vb instanceof Sequence) {
            return false;
        }
        // Bulk data, fragments, or one of each with an in-memory value: by digest.
        return BinaryDigest.of(vr, va).equals(BinaryDigest.of(vr, vb));
    }

    private void diffSequences(Sequence a, Sequence b) {
        int seqTag = tags[depth - 1];
        int[] keys = profile.itemKeysOf(seqTag);
        for (ItemMatcher.Match m : ItemMatcher.match(a, b, keys)) {
            if (m.baseline() >= 0 && m.candidate() >= 0) {
                items[depth - 1] = m.baseline() + 1;
                diffDatasets(a.get(m.baseline()), b.get(m.candidate()));
            } else if (m.baseline() >= 0) {
                items[depth - 1] = m.baseline() + 1;
                out.add(new Difference(path(), Tag.toHexString(seqTag), "SQ", DifferenceKind.REMOVED,
                        ItemMatcher.describe(a.get(m.baseline()), keys), null, null, null, null));
            } else {
                items[depth - 1] = m.candidate() + 1;
                out.add(new Difference(path(), Tag.toHexString(seqTag), "SQ", DifferenceKind.ADDED,
                        null, ItemMatcher.describe(b.get(m.candidate()), keys), null, null, null));
            }
        }
        items[depth - 1] = 0;
    }

    private void onlyOneSide(Dataset ds, int index, DifferenceKind kind) {
        int tag = ds.tagAt(index);
        push(tag);
        try {
            if (ignore.ignores(tags, items, depth)) {
                return;
            }
            VR vr = ds.vrAt(index);
            Object v = ds.valueAt(index);
            String text = ElementValue.text(vr, v, ds);
            Long length = ElementValue.digestLength(vr, v);
            boolean added = kind == DifferenceKind.ADDED;
            out.add(new Difference(path(), Tag.toHexString(tag), vr.name(), kind,
                    added ? null : text, added ? text : null, added ? null : length, added ? length : null, null));
        } finally {
            pop();
        }
    }

    private void push(int tag) {
        if (depth == tags.length) {
            tags = Arrays.copyOf(tags, depth * 2);
            items = Arrays.copyOf(items, depth * 2);
        }
        tags[depth] = tag;
        items[depth] = 0;
        depth++;
    }

    private void pop() {
        depth--;
    }

    private TagPath path() {
        return TagPath.of(tags, items, depth);
    }
}
