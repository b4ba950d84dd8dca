package org.qanode.dicom.io;

import org.qanode.dicom.UIDs;
/**
 * How a data set is encoded (PS3.5 section 10). Only the four uncompressed syntaxes
 * change the codec; every other (compressed) syntax is Explicit VR Little Endian with
 * encapsulated pixel data, which the reader keeps as fragments.
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated, boolean encapsulated) {

    public static final String IMPLICIT_VR_LITTLE_ENDIAN = UIDs.ImplicitVRLittleEndian;
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = UIDs.ExplicitVRLittleEndian;
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = UIDs.DeflatedExplicitVRLittleEndian;
    public static final String EXPLICIT_VR_BIG_ENDIAN = UIDs.ExplicitVRBigEndian;

    public static final TransferSyntax IMPLICIT_LE = new TransferSyntax(IMPLICIT_VR_LITTLE_ENDIAN, false, false, false, false);
    public static final TransferSyntax EXPLICIT_LE = new TransferSyntax(EXPLICIT_VR_LITTLE_ENDIAN, true, false, false, false);
    public static final TransferSyntax DEFLATED_LE = new TransferSyntax(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, true, false, true, false);
    public static final TransferSyntax EXPLICIT_BE = new TransferSyntax(EXPLICIT_VR_BIG_ENDIAN, true, true, false, false);

    /** The four syntaxes that can be converted into each other without a codec. */
    public static final java.util.List<TransferSyntax> UNCOMPRESSED = java.util.List.of(EXPLICIT_LE, IMPLICIT_LE, DEFLATED_LE, EXPLICIT_BE);

    public static TransferSyntax of(String uid) {
        String u = uid == null ? "" : uid.trim();
        return switch (u) {
            case IMPLICIT_VR_LITTLE_ENDIAN -> IMPLICIT_LE;
            case EXPLICIT_VR_LITTLE_ENDIAN -> EXPLICIT_LE;
            case DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN -> DEFLATED_LE;
            case EXPLICIT_VR_BIG_ENDIAN -> EXPLICIT_BE;
            // JPIP Referenced Deflate is deflated too, and carries no pixel data in the stream
            case UIDs.JPIPReferencedDeflate -> new TransferSyntax(u, true, false, true, false);
            case UIDs.JPIPReferenced -> new TransferSyntax(u, true, false, false, false);
            default -> new TransferSyntax(u, true, false, false, true);
        };
    }

    public boolean isUncompressed() {
        return !encapsulated;
    }
}
