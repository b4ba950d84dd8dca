package org.qanode.dicom;

/**
 * Value Representations of PS3.5 section 6.2.
 *
 * <p>{@link #explicitLength32()} tells whether an explicit-VR encoding uses the
 * 2 reserved bytes + 4-byte length form (PS3.5 section 7.1.2, Table 7.1-1) rather
 * than the 2-byte length form. {@link #paddingByte()} is the byte used to make
 * an odd value even (PS3.5 section 6.2: space for text, NUL for UI and binary).
 */
public enum VR {
    AE(Kind.STRING, false, ' ', true),
    AS(Kind.STRING, false, ' ', true),
    AT(Kind.BINARY, false, 0, false),
    CS(Kind.STRING, false, ' ', true),
    DA(Kind.STRING, false, ' ', true),
    DS(Kind.STRING, false, ' ', true),
    DT(Kind.STRING, false, ' ', true),
    FD(Kind.BINARY, false, 0, false),
    FL(Kind.BINARY, false, 0, false),
    IS(Kind.STRING, false, ' ', true),
    LO(Kind.TEXT, false, ' ', true),
    LT(Kind.TEXT, false, ' ', false),
    OB(Kind.BINARY, true, 0, false),
    OD(Kind.BINARY, true, 0, false),
    OF(Kind.BINARY, true, 0, false),
    OL(Kind.BINARY, true, 0, false),
    OV(Kind.BINARY, true, 0, false),
    OW(Kind.BINARY, true, 0, false),
    PN(Kind.TEXT, false, ' ', true),
    SH(Kind.TEXT, false, ' ', true),
    SL(Kind.BINARY, false, 0, false),
    SQ(Kind.SEQUENCE, true, 0, false),
    SS(Kind.BINARY, false, 0, false),
    ST(Kind.TEXT, false, ' ', false),
    SV(Kind.BINARY, true, 0, false),
    TM(Kind.STRING, false, ' ', true),
    UC(Kind.TEXT, true, ' ', true),
    UI(Kind.STRING, false, 0, true),
    UL(Kind.BINARY, false, 0, false),
    UN(Kind.BINARY, true, 0, false),
    UR(Kind.STRING, true, ' ', false),
    US(Kind.BINARY, false, 0, false),
    UT(Kind.TEXT, true, ' ', false),
    UV(Kind.BINARY, true, 0, false);

    /** How a value of this VR is held and compared. */
    public enum Kind {
        /** ASCII (default repertoire) text: never affected by Specific Character Set. */
        STRING,
        /** Text whose bytes are decoded with the data set's Specific Character Set. */
        TEXT,
        /** Binary numbers or opaque bytes. */
        BINARY,
        /** A sequence of item data sets. */
        SEQUENCE
    }

    private final Kind kind;
    private final boolean explicitLength32;
    private final byte paddingByte;
    private final boolean multiValued;
    private final int code;

    VR(Kind kind, boolean explicitLength32, int paddingByte, boolean multiValued) {
        this.kind = kind;
        this.explicitLength32 = explicitLength32;
        this.paddingByte = (byte) paddingByte;
        this.multiValued = multiValued;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    public Kind kind() {
        return kind;
    }

    /** True for VRs written with a 4-byte length in explicit VR transfer syntaxes (PS3.5 7.1.2). */
    public boolean explicitLength32() {
        return explicitLength32;
    }

    public byte paddingByte() {
        return paddingByte;
    }

    /** True when backslash separates multiple values of this VR (PS3.5 6.4). */
    public boolean backslashSeparated() {
        return multiValued;
    }

    public boolean isText() {
        return kind == Kind.STRING || kind == Kind.TEXT;
    }

    /** Two-character code as a 16-bit number, as it appears on the wire (big-endian character order). */
    public int code() {
        return code;
    }

    /** Size in bytes of one binary value, 0 for variable-size VRs. */
    public int binaryValueSize() {
        return switch (this) {
            case US, SS -> 2;
            case UL, SL, FL, AT -> 4;
            case FD, SV, UV -> 8;
            case OW -> 2;
            case OL, OF -> 4;
            case OD, OV -> 8;
            default -> 0;
        };
    }

    private static final VR[] BY_CODE = new VR[1 << 16];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code] = vr;
        }
    }

    /** The VR for a two-byte code read from the wire, or null if it is not a known VR. */
    public static VR ofCode(int code) {
        return BY_CODE[code & 0xFFFF];
    }

    /** Parse a two-letter VR name; null if unknown. */
    public static VR ofName(String name) {
        if (name == null || name.length() != 2) {
            return null;
        }
        return ofCode((name.charAt(0) << 8) | name.charAt(1));
    }
}
