package org.qanode.net.dimse;

import org.qanode.dicom.UIDs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.qanode.dicom.ByteValues;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;

/**
 * A DIMSE command set (PS3.7 section 9.3 and Annex E): group 0000 elements, always encoded
 * Implicit VR Little Endian and led by Command Group Length (0000,0000).
 */
public final class Command {
    /** Command Data Set Type (0000,0800) value meaning "no data set follows" (PS3.7 E.1). */
    public static final int NO_DATA_SET = 0x0101;

    private final Dataset elements;

    public Command(Dataset elements) {
        this.elements = elements;
    }

    public Dataset elements() {
        return elements;
    }

    public int commandField() {
        return elements.getInt(Tags.CommandField, -1);
    }

    public int messageId() {
        return elements.getInt(Tags.MessageID, -1);
    }

    public int messageIdBeingRespondedTo() {
        return elements.getInt(Tags.MessageIDBeingRespondedTo, -1);
    }

    public boolean hasDataSet() {
        return elements.getInt(Tags.CommandDataSetType, NO_DATA_SET) != NO_DATA_SET;
    }

    public int status() {
        return elements.getInt(Tags.Status, -1);
    }

    /** Affected SOP Class UID (0000,0002) whole, see {@link #uid}; null when absent or empty. */
    public String affectedSopClassUid() {
        return uid(Tags.AffectedSOPClassUID);
    }

    /** Affected SOP Instance UID (0000,1000) whole, see {@link #uid}; null when absent or empty. */
    public String affectedSopInstanceUid() {
        return uid(Tags.AffectedSOPInstanceUID);
    }

    /**
     * A UID element of the command set as sent, padding removed but never split: the UIDs of a
     * command have VM 1 (PS3.7 E.1), so "7.7.7\1" is one invalid UID, not the UID "7.7.7". Taking
     * the first value made two different objects one. Callers validate (PS3.5 9.1) before use.
     */
    private String uid(int tag) {
        String s = elements.getText(tag);
        return s == null || s.isEmpty() ? null : s;
    }

    /** Move Originator Application Entity Title (0000,1030) of a C-STORE-RQ sub-operation, or null. */
    public String moveOriginatorAeTitle() {
        return elements.getString(Tags.MoveOriginatorApplicationEntityTitle);
    }

    /** Move Originator Message ID (0000,1031), or -1. */
    public int moveOriginatorMessageId() {
        return elements.getInt(Tags.MoveOriginatorMessageID, -1);
    }

    public int remainingSuboperations() {
        return elements.getInt(Tags.NumberOfRemainingSuboperations, -1);
    }

    public int completedSuboperations() {
        return elements.getInt(Tags.NumberOfCompletedSuboperations, -1);
    }

    public int failedSuboperations() {
        return elements.getInt(Tags.NumberOfFailedSuboperations, -1);
    }

    public int warningSuboperations() {
        return elements.getInt(Tags.NumberOfWarningSuboperations, -1);
    }

    public String errorComment() {
        return elements.getString(Tags.ErrorComment);
    }

    /** Encodes with a recomputed Command Group Length, as PS3.7 9.3 requires it first. */
    public byte[] encode() {
        try {
            Dataset body = new Dataset();
            body.addAll(elements);
            body.remove(Tags.CommandGroupLength);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            bytes.write(new byte[12]);
            DicomWriter.writeDataset(bytes, body, TransferSyntax.IMPLICIT_LE);
            byte[] out = bytes.toByteArray();
            // (0000,0000) UL, length 4, value = bytes after this element
            ByteValues.put32(out, 0, 0);
            ByteValues.put32(out, 4, 4);
            ByteValues.put32(out, 8, out.length - 12);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Command decode(byte[] bytes) throws IOException {
        return new Command(DicomReader.readDataset(bytes, TransferSyntax.IMPLICIT_LE));
    }

    // ------------------------------------------------------------------ builders, PS3.7 9.3

    private static Dataset base(int field, String sopClassUid, int dataSetType) {
        Dataset d = new Dataset();
        if (sopClassUid != null) {
            d.setString(Tags.AffectedSOPClassUID, VR.UI, sopClassUid);
        }
        d.setInt(Tags.CommandField, VR.US, field);
        d.setInt(Tags.CommandDataSetType, VR.US, dataSetType);
        return d;
    }

    public static Command cEchoRq(int messageId) {
        Dataset d = base(CommandField.C_ECHO_RQ, UIDs.Verification, NO_DATA_SET);
        d.setInt(Tags.MessageID, VR.US, messageId);
        return new Command(d);
    }

    public static Command cStoreRq(int messageId, String sopClassUid, String sopInstanceUid, int priority,
            String moveOriginatorAet, int moveOriginatorMessageId) {
        Dataset d = base(CommandField.C_STORE_RQ, sopClassUid, 0x0000);
        d.setInt(Tags.MessageID, VR.US, messageId);
        d.setInt(Tags.Priority, VR.US, priority);
        d.setString(Tags.AffectedSOPInstanceUID, VR.UI, sopInstanceUid);
        if (moveOriginatorAet != null) {
            d.setString(Tags.MoveOriginatorApplicationEntityTitle, VR.AE, moveOriginatorAet);
            d.setInt(Tags.MoveOriginatorMessageID, VR.US, moveOriginatorMessageId);
        }
        return new Command(d);
    }

    /** C-FIND-RQ (PS3.7 9.3.2.1); the identifier follows as the data set. */
    public static Command cFindRq(int messageId, String sopClassUid, int priority) {
        Dataset d = base(CommandField.C_FIND_RQ, sopClassUid, 0x0000);
        d.setInt(Tags.MessageID, VR.US, messageId);
        d.setInt(Tags.Priority, VR.US, priority);
        return new Command(d);
    }

    /** C-MOVE-RQ (PS3.7 9.3.4.1): sub-operations go to the AE title {@code moveDestination}. */
    public static Command cMoveRq(int messageId, String sopClassUid, int priority, String moveDestination) {
        Dataset d = base(CommandField.C_MOVE_RQ, sopClassUid, 0x0000);
        d.setInt(Tags.MessageID, VR.US, messageId);
        d.setInt(Tags.Priority, VR.US, priority);
        d.setString(Tags.MoveDestination, VR.AE, moveDestination);
        return new Command(d);
    }

    /** C-GET-RQ (PS3.7 9.3.3.1): sub-operations come back on this association. */
    public static Command cGetRq(int messageId, String sopClassUid, int priority) {
        Dataset d = base(CommandField.C_GET_RQ, sopClassUid, 0x0000);
        d.setInt(Tags.MessageID, VR.US, messageId);
        d.setInt(Tags.Priority, VR.US, priority);
        return new Command(d);
    }

    /** C-CANCEL-RQ (PS3.7 9.3.2.3): no SOP class, only the message ID being cancelled. */
    public static Command cCancelRq(int messageIdBeingRespondedTo) {
        Dataset d = base(CommandField.C_CANCEL_RQ, null, NO_DATA_SET);
        d.setInt(Tags.MessageIDBeingRespondedTo, VR.US, messageIdBeingRespondedTo);
        return new Command(d);
    }

    /** A response to {@code rq} with the given status; SOP class and instance echoed as PS3.7 requires. */
    public static Command response(Command rq, int status, String errorComment) {
        int field = rq.commandField() | 0x8000;
        Dataset d = base(field, rq.affectedSopClassUid(), NO_DATA_SET);
        d.setInt(Tags.MessageIDBeingRespondedTo, VR.US, rq.messageId());
        d.setInt(Tags.Status, VR.US, status);
        if (rq.affectedSopInstanceUid() != null) {
            d.setString(Tags.AffectedSOPInstanceUID, VR.UI, rq.affectedSopInstanceUid());
        }
        if (errorComment != null && !DimseStatus.isSuccess(status)) {
            String comment = errorComment.length() > 64 ? errorComment.substring(0, 64) : errorComment;
            d.setString(Tags.ErrorComment, VR.LO, comment);
        }
        return new Command(d);
    }

    @Override
    public String toString() {
        return CommandField.name(commandField()) + "[id=" + (CommandField.isResponse(commandField())
                ? messageIdBeingRespondedTo() : messageId()) + "]";
    }
}
