package org.qanode.net.pdu;

import java.util.Arrays;

/** A variable item of an A-ASSOCIATE PDU whose type we do not interpret, kept verbatim (PS3.8 9.3.1: ignore, do not fail). */
public record RawItem(int itemType, byte[] value) {
    public RawItem {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawItem other && itemType == other.itemType && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * itemType + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RawItem[type=" + Integer.toHexString(itemType) + ", " + value.length + " bytes]";
    }
}
