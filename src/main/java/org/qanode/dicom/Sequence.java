package org.qanode.dicom;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The items of a sequence element (PS3.5 section 7.5); each item is a data set whose parent is the owner. */
public final class Sequence implements Iterable<Dataset> {
    private final Dataset owner;
    private final ArrayList<Dataset> items;

    Sequence(Dataset owner, int initialCapacity) {
        this.owner = owner;
        this.items = new ArrayList<>(initialCapacity);
    }

    /** Appends a new empty item that inherits the owner's character set. */
    public Dataset addItem() {
        Dataset item = new Dataset(owner);
        items.add(item);
        return item;
    }

    /** Appends a deep copy of {@code source}, re-parented to this sequence's owner. */
    public Dataset addCopyOf(Dataset source) {
        Dataset item = new Dataset(owner);
        item.addAll(source);
        items.add(item);
        return item;
    }

    public Dataset get(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<Dataset> items() {
        return java.util.Collections.unmodifiableList(items);
    }

    public Dataset remove(int index) {
        return items.remove(index);
    }

    @Override
    public Iterator<Dataset> iterator() {
        return items().iterator();
    }

    void trimToSize() {
        items.trimToSize();
    }
}
