package org.qanode.net.assoc;

/** Our PS3.7 D.3.3.2 implementation identification, sent in every A-ASSOCIATE-RQ and -AC. */
public final class Implementation {
    /**
     * A UUID-derived UID under the 2.25 root (PS3.5 B.2), which needs no registration; it names
     * this implementation, not any instance, so it is a constant.
     */
    public static final String CLASS_UID = "2.25.215482236476409226467296262470232150925";
    /** At most 16 characters (PS3.7 D.3.3.2.3). */
    public static final String VERSION_NAME = "QANODE_010";

    private Implementation() {
    }
}
