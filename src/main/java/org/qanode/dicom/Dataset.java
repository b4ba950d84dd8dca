package org.qanode.dicom;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * An ordered set of data elements (PS3.5 section 7.1), kept compact the way dcm4che's
 * Attributes are: tags in a sorted int array, VRs alongside, values as the raw encoded
 * bytes (always little-endian here), decoded only when asked for. Values are one of
 * {@code byte[]}, {@link Sequence}, {@link Fragments} or {@link BulkData}; an empty value is
 * an empty array. Not thread-safe.
 */
public final class Dataset {
    private static final byte[] EMPTY = new byte[0];

    private final Dataset parent;
    private int[] tags;
    private VR[] vrs;
    private Object[] values;
    private int size;
    private SpecificCharacterSet charset;

    public Dataset() {
        this(null, 16);
    }

    Dataset(Dataset parent) {
        this(parent, 8);
    }

    public Dataset(Dataset parent, int initialCapacity) {
        this.parent = parent;
        int cap = Math.max(initialCapacity, 1);
        this.tags = new int[cap];
        this.vrs = new VR[cap];
        this.values = new Object[cap];
    }

    /** The data set that owns the sequence this item belongs to, or null at top level. */
    public Dataset parent() {
        return parent;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int tagAt(int index) {
        return tags[index];
    }

    public VR vrAt(int index) {
        return vrs[index];
    }

    public Object valueAt(int index) {
        return values[index];
    }

    /** Position of {@code tag}, or a negative insertion point as {@link Arrays#binarySearch}. */
    public int indexOf(int tag) {
        // Elements arrive in ascending order, so the last one is the commonest hit while building.
        if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            return -(size + 1);
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Integer.compareUnsigned(tags[mid], tag);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    public VR getVR(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? vrs[i] : null;
    }

    public Object getValue(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? values[i] : null;
    }

    /** True when the element is absent or has a zero-length value. */
    public boolean isEmptyValue(int tag) {
        Object v = getValue(tag);
        return v == null || (v instanceof byte[] b && b.length == 0) || (v instanceof Sequence s && s.isEmpty());
    }

    // ----------------------------------------------------------------- setters

    /** Sets a raw value (little-endian bytes, {@link Sequence}, {@link Fragments} or {@link BulkData}). */
    public void setValue(int tag, VR vr, Object value) {
        if (vr == null) {
            throw new IllegalArgumentException("VR of " + Tag.toString(tag) + " is null");
        }
        Object v = value == null ? EMPTY : value;
        if (!(v instanceof byte[] || v instanceof Sequence || v instanceof Fragments || v instanceof BulkData)) {
            throw new IllegalArgumentException("unsupported value type " + v.getClass().getName());
        }
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = v;
        } else {
            insert(-i - 1, tag, vr, v);
        }
        if (tag == Tags.SpecificCharacterSet) {
            charset = null;
        }
    }

    public void setBytes(int tag, VR vr, byte[] value) {
        setValue(tag, vr, value);
    }

    public void setNull(int tag, VR vr) {
        setValue(tag, vr, EMPTY);
    }

    /** Sets a text value; several values are joined with backslash (PS3.5 6.4). */
    public void setString(int tag, VR vr, String... values) {
        String joined = values.length == 1 ? values[0] : String.join("\\", values);
        if (joined == null || joined.isEmpty()) {
            setNull(tag, vr);
            return;
        }
        byte[] bytes = vr.kind() == VR.Kind.TEXT
                ? characterSet().encode(joined, vr)
                : joined.getBytes(StandardCharsets.ISO_8859_1);
        setValue(tag, vr, bytes);
    }

    public void setInt(int tag, VR vr, int... ints) {
        if (vr.isText()) {
            String[] s = new String[ints.length];
            for (int i = 0; i < ints.length; i++) {
                s[i] = Integer.toString(ints[i]);
            }
            setString(tag, vr, s);
        } else {
            setValue(tag, vr, ByteValues.encodeInts(vr, ints));
        }
    }

    public void setDouble(int tag, VR vr, double... doubles) {
        if (vr.isText()) {
            String[] s = new String[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                s[i] = ByteValues.formatDecimalString(doubles[i]);
            }
            setString(tag, vr, s);
        } else {
            setValue(tag, vr, ByteValues.encodeDoubles(vr, doubles));
        }
    }

    /** Creates (or replaces) a sequence element and returns it for filling. */
    public Sequence newSequence(int tag, int initialCapacity) {
        Sequence seq = new Sequence(this, initialCapacity);
        setValue(tag, VR.SQ, seq);
        return seq;
    }

    public Object remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        values[size] = null;
        if (tag == Tags.SpecificCharacterSet) {
            charset = null;
        }
        return old;
    }

    /** Removes every element whose tag matches; returns how many went. */
    public int removeIf(IntPredicate tagFilter) {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (!tagFilter.test(tags[r])) {
                tags[w] = tags[r];
                vrs[w] = vrs[r];
                values[w] = values[r];
                w++;
            }
        }
        int removed = size - w;
        Arrays.fill(values, w, size, null);
        size = w;
        charset = null;
        return removed;
    }

    /** Deep-copies every element of {@code other} into this data set. */
    public void addAll(Dataset other) {
        for (int i = 0; i < other.size; i++) {
            Object v = other.values[i];
            if (v instanceof Sequence seq) {
                Sequence copy = newSequence(other.tags[i], seq.size());
                for (Dataset item : seq) {
                    copy.addCopyOf(item);
                }
            } else {
                setValue(other.tags[i], other.vrs[i], v instanceof byte[] b ? b.clone() : v);
            }
        }
    }

    private void insert(int index, int tag, VR vr, Object value) {
        if (size == tags.length) {
            int cap = Math.max(8, size + (size >> 1));
            tags = Arrays.copyOf(tags, cap);
            vrs = Arrays.copyOf(vrs, cap);
            values = Arrays.copyOf(values, cap);
        }
        if (index < size) {
            System.arraycopy(tags, index, tags, index + 1, size - index);
            System.arraycopy(vrs, index, vrs, index + 1, size - index);
            System.arraycopy(values, index, values, index + 1, size - index);
        }
        tags[index] = tag;
        vrs[index] = vr;
        values[index] = value;
        size++;
    }

    /** Releases spare capacity once a data set is complete; keeps memory close to the encoded size. */
    public void trimToSize() {
        if (tags.length > size) {
            tags = Arrays.copyOf(tags, Math.max(size, 1));
            vrs = Arrays.copyOf(vrs, Math.max(size, 1));
            values = Arrays.copyOf(values, Math.max(size, 1));
        }
    }

    // ----------------------------------------------------------------- character set

    /** The Specific Character Set in force here: this data set's own, else the enclosing one's. */
    public SpecificCharacterSet characterSet() {
        SpecificCharacterSet cs = charset;
        if (cs == null) {
            int i = indexOf(Tags.SpecificCharacterSet);
            if (i >= 0 && values[i] instanceof byte[] b) {
                cs = SpecificCharacterSet.valueOf(ByteValues.splitText(
                        new String(b, StandardCharsets.ISO_8859_1), VR.CS));
            } else {
                cs = parent != null ? parent.characterSet() : SpecificCharacterSet.DEFAULT;
            }
            charset = cs;
        }
        return cs;
    }

    // ----------------------------------------------------------------- getters

    /** The whole decoded text value including backslashes, padding removed per VR; null if absent. */
    public String getText(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b)) {
            return null;
        }
        return decodeText(vrs[i], b);
    }

    String decodeText(VR vr, byte[] b) {
        String s = vr.kind() == VR.Kind.TEXT
                ? characterSet().decode(b, 0, b.length, vr)
                : new String(b, StandardCharsets.ISO_8859_1);
        return ByteValues.trimPadding(s, vr);
    }

    /** First value of a text element, trimmed per VR, or null when absent or empty. */
    public String getString(int tag) {
        String[] all = getStrings(tag);
        return all.length == 0 || all[0].isEmpty() ? null : all[0];
    }

    public String getString(int tag, String defaultValue) {
        String s = getString(tag);
        return s != null ? s : defaultValue;
    }

    /**
     * All values as strings: text values split at backslash and trimmed per VR, binary
     * numbers formatted. Empty array when absent.
     */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) {
            return new String[0];
        }
        VR vr = vrs[i];
        if (vr.isText()) {
            return ByteValues.splitText(decodeText(vr, b), vr);
        }
        return ByteValues.formatBinary(vr, b);
    }

    /** First value as int (US, SS, UL, SL, IS, or a DS holding an integer), or the default. */
    public int getInt(int tag, int defaultValue) {
        int[] v = getInts(tag);
        return v.length > 0 ? v[0] : defaultValue;
    }

    public int[] getInts(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) {
            return new int[0];
        }
        VR vr = vrs[i];
        if (vr.isText()) {
            String[] s = ByteValues.splitText(decodeText(vr, b), vr);
            int[] out = new int[s.length];
            for (int k = 0; k < s.length; k++) {
                out[k] = (int) Math.round(Double.parseDouble(s[k]));
            }
            return out;
        }
        return ByteValues.decodeInts(vr, b);
    }

    /** First value as double (DS, IS, FL, FD and the integer VRs), or the default. */
    public double getDouble(int tag, double defaultValue) {
        double[] v = getDoubles(tag);
        return v.length > 0 ? v[0] : defaultValue;
    }

    public double[] getDoubles(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b) || b.length == 0) {
            return new double[0];
        }
        VR vr = vrs[i];
        if (vr.isText()) {
            String[] s = ByteValues.splitText(decodeText(vr, b), vr);
            double[] out = new double[s.length];
            for (int k = 0; k < s.length; k++) {
                out[k] = Double.parseDouble(s[k]);
            }
            return out;
        }
        return ByteValues.decodeDoubles(vr, b);
    }

    public byte[] getBytes(int tag) {
        Object v = getValue(tag);
        return v instanceof byte[] b ? b : null;
    }

    public Sequence getSequence(int tag) {
        Object v = getValue(tag);
        return v instanceof Sequence s ? s : null;
    }

    /** The single item of a sequence or its first one; null when absent or empty. */
    public Dataset getNestedDataset(int tag) {
        Sequence s = getSequence(tag);
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    /** A DA value (PS3.5 6.2: YYYYMMDD; the retired YYYY.MM.DD form too), or null when absent or unparsable. */
    public java.time.LocalDate getDate(int tag) {
        return DateTimes.parseDate(getString(tag));
    }

    /** A TM value (HHMMSS.FFFFFF, any trailing part optional; the retired HH:MM:SS form too), or null. */
    public java.time.LocalTime getTime(int tag) {
        return DateTimes.parseTime(getString(tag));
    }

    /**
     * A date and time from a DA and a TM element (e.g. RTPlanDate + RTPlanTime), or null when
     * the date is missing; a missing time means midnight.
     */
    public java.time.LocalDateTime getDateTime(int dateTag, int timeTag) {
        java.time.LocalDate d = getDate(dateTag);
        if (d == null) {
            return null;
        }
        java.time.LocalTime t = getTime(timeTag);
        return d.atTime(t != null ? t : java.time.LocalTime.MIDNIGHT);
    }

    public PersonName getPersonName(int tag) {
        String s = getString(tag);
        return s == null ? null : PersonName.parse(s);
    }

    /** Deep structural equality: same tags, VRs and values (bytes compared exactly). */
    public boolean deepEquals(Dataset other) {
        if (other == null || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (tags[i] != other.tags[i] || vrs[i] != other.vrs[i] || !ByteValues.valueEquals(values[i], other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Dataset[" + size + " elements]";
    }
}
