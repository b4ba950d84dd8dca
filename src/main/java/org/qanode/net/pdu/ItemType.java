package org.qanode.net.pdu;

/**
 * Item and sub-item type codes of the A-ASSOCIATE PDUs (PS3.8 9.3.2 - 9.3.3, PS3.7 Annex D.3.3):
 * the first byte of every item. Constants, not an enum, so that decoders can switch on the byte
 * they read and keep unknown codes as {@link RawItem}s.
 */
public final class ItemType {
    private ItemType() {
    }

    /** Application Context Item (PS3.8 9.3.2.1). */
    public static final int APPLICATION_CONTEXT = 0x10;
    /** Presentation Context Item of an A-ASSOCIATE-RQ (PS3.8 9.3.2.2). */
    public static final int PRESENTATION_CONTEXT_RQ = 0x20;
    /** Presentation Context Item of an A-ASSOCIATE-AC (PS3.8 9.3.3.2). */
    public static final int PRESENTATION_CONTEXT_AC = 0x21;
    /** Abstract Syntax Sub-Item (PS3.8 9.3.2.2.1). */
    public static final int ABSTRACT_SYNTAX = 0x30;
    /** Transfer Syntax Sub-Item (PS3.8 9.3.2.2.2). */
    public static final int TRANSFER_SYNTAX = 0x40;
    /** User Information Item (PS3.8 9.3.2.3). */
    public static final int USER_INFORMATION = 0x50;
    /** Maximum Length Sub-Item (PS3.8 D.1). */
    public static final int MAXIMUM_LENGTH = 0x51;
    /** Implementation Class UID Sub-Item (PS3.7 D.3.3.2). */
    public static final int IMPLEMENTATION_CLASS_UID = 0x52;
    /** Asynchronous Operations Window Sub-Item (PS3.7 D.3.3.3). */
    public static final int ASYNCHRONOUS_OPERATIONS_WINDOW = 0x53;
    /** SCP/SCU Role Selection Sub-Item (PS3.7 D.3.3.4). */
    public static final int SCP_SCU_ROLE_SELECTION = 0x54;
    /** Implementation Version Name Sub-Item (PS3.7 D.3.3.2). */
    public static final int IMPLEMENTATION_VERSION_NAME = 0x55;
    /** SOP Class Extended Negotiation Sub-Item (PS3.7 D.3.3.5). */
    public static final int SOP_CLASS_EXTENDED_NEGOTIATION = 0x56;
    /** SOP Class Common Extended Negotiation Sub-Item (PS3.7 D.3.3.6). */
    public static final int SOP_CLASS_COMMON_EXTENDED_NEGOTIATION = 0x57;
    /** User Identity Sub-Item of an A-ASSOCIATE-RQ (PS3.7 D.3.3.7.1). */
    public static final int USER_IDENTITY_RQ = 0x58;
    /** User Identity Sub-Item of an A-ASSOCIATE-AC (PS3.7 D.3.3.7.2). */
    public static final int USER_IDENTITY_AC = 0x59;
}
