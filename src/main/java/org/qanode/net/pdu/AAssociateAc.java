package org.qanode.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-AC PDU, PS3.8 section 9.3.3. The AE title fields are "reserved" in the AC but
 * PS3.8 asks that they echo the RQ, which dcmtk does and so do we.
 */
public record AAssociateAc(int protocolVersion, String calledAeTitle, String callingAeTitle, String applicationContextName,
                           List<PresentationContextAc> presentationContexts, UserInformation userInformation,
                           List<RawItem> otherItems) implements Pdu {
    public AAssociateAc {
        Objects.requireNonNull(calledAeTitle, "calledAeTitle");
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(applicationContextName, "applicationContextName");
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation, "userInformation");
        otherItems = List.copyOf(otherItems);
    }

    @Override
    public PduType type() {
        return PduType.A_ASSOCIATE_AC;
    }
}
