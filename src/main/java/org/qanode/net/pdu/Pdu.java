package org.qanode.net.pdu;

/**
 * One of the seven PS3.8 upper layer protocol data units (PS3.8 section 9.3).
 * Decoded by {@link PduCodec#decode}, encoded by {@link PduCodec#encode}.
 */
public sealed interface Pdu permits AAssociateRq, AAssociateAc, AAssociateRj, PDataTf, AReleaseRq, AReleaseRp, AAbort {
    PduType type();
}
