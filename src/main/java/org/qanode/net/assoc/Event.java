package org.qanode.net.assoc;

/** State machine events, PS3.8 section 9.2.2 (Table 9-2). */
public enum Event {
    EVT1("A-ASSOCIATE request (local user)", true),
    EVT2("Transport connection confirm (local transport service)", false),
    EVT3("A-ASSOCIATE-AC PDU received", false),
    EVT4("A-ASSOCIATE-RJ PDU received", false),
    EVT5("Transport connection indication (local transport service)", false),
    EVT6("A-ASSOCIATE-RQ PDU received", false),
    EVT7("A-ASSOCIATE response primitive (accept)", true),
    EVT8("A-ASSOCIATE response primitive (reject)", true),
    EVT9("P-DATA request primitive", true),
    EVT10("P-DATA-TF PDU received", false),
    EVT11("A-RELEASE request primitive", true),
    EVT12("A-RELEASE-RQ PDU received", false),
    EVT13("A-RELEASE-RP PDU received", false),
    EVT14("A-RELEASE response primitive", true),
    EVT15("A-ABORT request primitive", true),
    EVT16("A-ABORT PDU received", false),
    EVT17("Transport connection closed indication", false),
    EVT18("ARTIM timer expired", false),
    EVT19("Unrecognized or invalid PDU received", false);

    private final String description;
    private final boolean localPrimitive;

    Event(String description, boolean localPrimitive) {
        this.description = description;
        this.localPrimitive = localPrimitive;
    }

    public String description() {
        return description;
    }

    /** True for primitives issued by the local service user (our own API), false for network and timer events. */
    public boolean localPrimitive() {
        return localPrimitive;
    }

    @Override
    public String toString() {
        return "Evt" + (ordinal() + 1);
    }
}
