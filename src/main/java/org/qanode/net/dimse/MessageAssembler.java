package org.qanode.net.dimse;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.qanode.net.pdu.PresentationDataValue;

/**
 * Reassembles DIMSE messages from presentation data values (PS3.8 Annex E, PS3.7 section
 * 9.3.1): command fragments are collected (commands are small) and decoded whole; data set
 * fragments are handed on as they come, so a data set is never held whole. One message at
 * a time: PS3.7 forbids interleaving the fragments of two messages, and a peer that does it
 * gets a protocol error rather than a silently mixed object.
 */
public final class MessageAssembler {

    /** Receives complete commands and data set fragments, in order. */
    public interface Handler {
        void onCommand(int contextId, Command command) throws DimseProtocolException;

        /** {@code data} is only valid during the call; copy what you keep. */
        void onDataFragment(int contextId, ByteBuf data, boolean last) throws DimseProtocolException;
    }

    /** Commands are a few hundred bytes; anything this large is not a command. */
    private static final int MAX_COMMAND_BYTES = 64 * 1024;

    private final Handler handler;
    private final ByteArrayOutputStream commandBytes = new ByteArrayOutputStream(256);
    private int commandContextId = -1;
    private int dataContextId = -1;

    public MessageAssembler(Handler handler) {
        this.handler = handler;
    }

    public void accept(PresentationDataValue pdv) throws DimseProtocolException {
        if (pdv.command()) {
            acceptCommandFragment(pdv);
        } else {
            acceptDataFragment(pdv);
        }
    }

    private void acceptCommandFragment(PresentationDataValue pdv) throws DimseProtocolException {
        if (dataContextId != -1) {
            throw new DimseProtocolException("command fragment on context " + pdv.contextId()
                    + " while the data set on context " + dataContextId + " is incomplete");
        }
        if (commandContextId != -1 && commandContextId != pdv.contextId()) {
            throw new DimseProtocolException("command fragments interleaved on contexts " + commandContextId
                    + " and " + pdv.contextId());
        }
        commandContextId = pdv.contextId();
        ByteBuf data = pdv.data();
        if (commandBytes.size() + data.readableBytes() > MAX_COMMAND_BYTES) {
            throw new DimseProtocolException("command set larger than " + MAX_COMMAND_BYTES + " bytes");
        }
        byte[] chunk = new byte[data.readableBytes()];
        data.getBytes(data.readerIndex(), chunk);
        commandBytes.write(chunk, 0, chunk.length);
        if (!pdv.last()) {
            return;
        }
        Command command;
        try {
            command = Command.decode(commandBytes.toByteArray());
        } catch (IOException e) {
            throw new DimseProtocolException("cannot decode command set: " + e.getMessage(), e);
        }
        int contextId = commandContextId;
        commandBytes.reset();
        commandContextId = -1;
        if (command.commandField() < 0) {
            throw new DimseProtocolException("command set without Command Field (0000,0100)");
        }
        if (command.hasDataSet()) {
            dataContextId = contextId;
        }
        handler.onCommand(contextId, command);
    }

    private void acceptDataFragment(PresentationDataValue pdv) throws DimseProtocolException {
        if (dataContextId == -1) {
            throw new DimseProtocolException("data set fragment on context " + pdv.contextId() + " without a command");
        }
        if (pdv.contextId() != dataContextId) {
            throw new DimseProtocolException("data set fragment on context " + pdv.contextId()
                    + " while the data set on context " + dataContextId + " is incomplete");
        }
        if (pdv.last()) {
            dataContextId = -1;
        }
        handler.onDataFragment(pdv.contextId(), pdv.data(), pdv.last());
    }

    /** True while a message is partly received, e.g. when the association ends. */
    public boolean inMessage() {
        return commandContextId != -1 || dataContextId != -1;
    }
}
