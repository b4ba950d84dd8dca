package org.qanode.net.pdu;

import org.qanode.dicom.UIDs;
import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-RQ PDU, PS3.8 section 9.3.2. AE titles are held without their space padding
 * (PS3.8: leading and trailing spaces are not significant). {@code otherItems} keeps variable
 * items of types PS3.8 does not define for this PDU, re-encoded after the user information.
 */
public record AAssociateRq(int protocolVersion, String calledAeTitle, String callingAeTitle, String applicationContextName,
                           List<PresentationContextRq> presentationContexts, UserInformation userInformation,
                           List<RawItem> otherItems) implements Pdu {
    /** PS3.7 Annex A.2.1: the only application context name DICOM defines. */
    public static final String DICOM_APPLICATION_CONTEXT = UIDs.DICOMApplicationContext;

    public AAssociateRq {
        Objects.requireNonNull(calledAeTitle, "calledAeTitle");
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(applicationContextName, "applicationContextName");
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation, "userInformation");
        otherItems = List.copyOf(otherItems);
    }

    public AAssociateRq(String calledAeTitle, String callingAeTitle, List<PresentationContextRq> presentationContexts,
                        UserInformation userInformation) {
        this(1, calledAeTitle, callingAeTitle, DICOM_APPLICATION_CONTEXT, presentationContexts, userInformation, List.of());
    }

    @Override
    public PduType type() {
        return PduType.A_ASSOCIATE_RQ;
    }
}
