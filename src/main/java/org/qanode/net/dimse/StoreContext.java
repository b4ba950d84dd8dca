package org.qanode.net.dimse;

/**
 * What is known about one incoming C-STORE before its data set arrives: the peer, the
 * AE titles (the called one chooses the state), the command's SOP class and instance
 * (PS3.7 9.1.1) and the transfer syntax of the presentation context.
 *
 * <p>{@code moveOriginatorAeTitle} and {@code moveOriginatorMessageId} are the Move Originator
 * Application Entity Title (0000,1030) and Move Originator Message ID (0000,1031) of the
 * C-STORE-RQ (PS3.7 9.3.1.1): present when the store is a sub-operation of a C-MOVE (PS3.4
 * C.4.2.3), naming the AE that asked for the move and its C-MOVE-RQ message ID; null and -1
 * otherwise. Triggered exports use them to route the objects into the export's state.
 */
public record StoreContext(
        String callingAeTitle,
        String calledAeTitle,
        String remoteHost,
        int remotePort,
        String sopClassUid,
        String sopInstanceUid,
        String transferSyntaxUid,
        String associationId,
        String moveOriginatorAeTitle,
        int moveOriginatorMessageId) {

    /** A C-STORE that is not a C-MOVE sub-operation (or whose SCU did not say). */
    public StoreContext(String callingAeTitle, String calledAeTitle, String remoteHost, int remotePort,
            String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String associationId) {
        this(callingAeTitle, calledAeTitle, remoteHost, remotePort, sopClassUid, sopInstanceUid, transferSyntaxUid,
                associationId, null, -1);
    }

    /** Whether the C-STORE-RQ carried a move originator (PS3.7 9.3.1.1). */
    public boolean fromMove() {
        return moveOriginatorAeTitle != null && !moveOriginatorAeTitle.isBlank();
    }
}
