package org.qanode.net.dimse;

/**
 * What is known about one incoming C-STORE before its data set arrives: the peer, the
 * AE titles (the called one chooses the state), the command's SOP class and instance
 * (PS3.7 9.1.1) and the transfer syntax of the presentation context.
 */
public record StoreContext(
        String callingAeTitle,
        String calledAeTitle,
        String remoteHost,
        int remotePort,
        String sopClassUid,
        String sopInstanceUid,
        String transferSyntaxUid,
        String associationId) {
}
