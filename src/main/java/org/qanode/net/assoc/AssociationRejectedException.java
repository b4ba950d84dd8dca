package org.qanode.net.assoc;

import org.qanode.net.pdu.AAssociateRj;

/** The acceptor answered with A-ASSOCIATE-RJ (PS3.8 9.3.4); carries its result, source and reason. */
public class AssociationRejectedException extends Exception {
    private final AAssociateRj rejection;

    public AssociationRejectedException(AAssociateRj rejection) {
        super("association rejected: " + rejection.result() + ", " + rejection.source() + ", " + rejection.reason());
        this.rejection = rejection;
    }

    public AAssociateRj rejection() {
        return rejection;
    }
}
