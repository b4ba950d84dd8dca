package org.qanode.net.dimse;

/**
 * DIMSE status codes (PS3.7 Annex C and the service-specific codes of PS3.4), with the
 * names operators see in logs.
 */
public final class DimseStatus {
    private DimseStatus() {
    }

    public static final int SUCCESS = 0x0000;
    public static final int CANCEL = 0xFE00;
    public static final int PENDING = 0xFF00;
    public static final int PENDING_WARNING = 0xFF01;
    /** C-STORE warnings, PS3.4 Table B.2-1. */
    public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
    public static final int ELEMENTS_DISCARDED = 0xB006;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = 0xB007;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int NOT_AUTHORIZED = 0x0124;
    public static final int DUPLICATE_INVOCATION = 0x0210;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    public static final int MISTYPED_ARGUMENT = 0x0212;
    public static final int PROCESSING_FAILURE = 0x0110;
    /** Invalid SOP Instance (PS3.7 Annex C): the UID breaks the PS3.5 9.1 rules. */
    public static final int INVALID_SOP_INSTANCE = 0x0117;
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    /** Invalid Object Instance (PS3.7 C.4.2): e.g. a SOP Instance UID that breaks PS3.5 9.1. */
    public static final int INVALID_OBJECT_INSTANCE = 0x0117;
    /** Refused: Out of Resources (PS3.4 B.2.3): the status for any storage failure. */
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int OUT_OF_RESOURCES_MATCHES = 0xA701;
    public static final int OUT_OF_RESOURCES_SUB_OPERATIONS = 0xA702;
    public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;

    public static boolean isSuccess(int status) {
        return status == SUCCESS;
    }

    public static boolean isWarning(int status) {
        return status == 0x0001 || (status & 0xF000) == 0xB000 || status == 0x0107 || status == 0x0116;
    }

    public static boolean isPending(int status) {
        return status == PENDING || status == PENDING_WARNING;
    }

    public static boolean isFailure(int status) {
        return !isSuccess(status) && !isWarning(status) && !isPending(status) && status != CANCEL;
    }

    /** A name for logs, e.g. "Out of Resources (A700)". */
    public static String name(int status) {
        String name = switch (status) {
            case SUCCESS -> "Success";
            case CANCEL -> "Cancel";
            case PENDING, PENDING_WARNING -> "Pending";
            case COERCION_OF_DATA_ELEMENTS -> "Coercion of Data Elements";
            case ELEMENTS_DISCARDED -> "Elements Discarded";
            case DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING -> "Data Set does not match SOP Class";
            case SOP_CLASS_NOT_SUPPORTED -> "Refused: SOP Class not supported";
            case NOT_AUTHORIZED -> "Refused: Not authorized";
            case DUPLICATE_INVOCATION -> "Duplicate invocation";
            case UNRECOGNIZED_OPERATION -> "Unrecognized operation";
            case MISTYPED_ARGUMENT -> "Mistyped argument";
            case PROCESSING_FAILURE -> "Processing failure";
            case INVALID_SOP_INSTANCE -> "Invalid SOP Instance";
            case DUPLICATE_SOP_INSTANCE -> "Duplicate SOP Instance";
            case OUT_OF_RESOURCES, OUT_OF_RESOURCES_MATCHES, OUT_OF_RESOURCES_SUB_OPERATIONS -> "Out of Resources";
            case MOVE_DESTINATION_UNKNOWN -> "Move Destination unknown";
            default -> {
                if ((status & 0xFF00) == 0xA900) {
                    yield "Error: Data Set does not match SOP Class";
                }
                if ((status & 0xF000) == 0xC000) {
                    yield "Error: Cannot understand";
                }
                if ((status & 0xFF00) == 0xA700) {
                    yield "Refused: Out of Resources";
                }
                yield isWarning(status) ? "Warning" : "Failure";
            }
        };
        return name + " (" + hex4(status) + ")";
    }

    /** Four upper-case hex digits, as PS3.7 writes statuses (String.format is slow on a per-object path). */
    private static String hex4(int status) {
        String h = Integer.toHexString(status & 0xFFFF).toUpperCase(java.util.Locale.ROOT);
        return "0000".substring(h.length()) + h;
    }
}
