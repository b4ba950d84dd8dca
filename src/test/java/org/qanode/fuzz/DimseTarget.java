package org.qanode.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.qanode.net.dimse.Command;
import org.qanode.net.dimse.DimseProtocolException;
import org.qanode.net.dimse.MessageAssembler;
import org.qanode.net.pdu.PresentationDataValue;

/**
 * The DIMSE command reader: {@link MessageAssembler} collecting command fragments and decoding
 * the command set ({@link Command#decode}), then the accessors a session calls on the command.
 * Input: one control byte, then the command set bytes. The control byte chooses how many
 * fragments (1-4) the command arrives in, whether a data fragment comes first (out of order),
 * and whether a data fragment follows on the same or another presentation context.
 * Own exception: {@link DimseProtocolException}. The PDV buffers belong to the caller: the
 * assembler must neither release nor retain them.
 */
final class DimseTarget implements FuzzTarget {

    @Override
    public String name() {
        return "dimse";
    }

    @Override
    public List<byte[]> seeds() {
        return Corpus.dimseSeeds();
    }

    @Override
    public List<byte[]> dictionary() {
        return Corpus.dicomDictionary();
    }

    @Override
    public String run(byte[] input) throws Exception {
        if (input.length == 0) {
            return "empty";
        }
        int control = input[0] & 0xFF;
        int length = input.length - 1;
        int fragments = Math.min(1 + (control & 3), Math.max(1, length));
        StringBuilder shape = new StringBuilder();
        MessageAssembler assembler = new MessageAssembler(new MessageAssembler.Handler() {
            @Override
            public void onCommand(int contextId, Command c) {
                shape.append(String.format("cmd %04X ds=%s st=%d ", c.commandField(), c.hasDataSet(), c.status()));
                c.messageId();
                c.messageIdBeingRespondedTo();
                c.affectedSopClassUid();
                c.affectedSopInstanceUid();
                c.moveOriginatorAeTitle();
                c.moveOriginatorMessageId();
                c.remainingSuboperations();
                c.completedSuboperations();
                c.failedSuboperations();
                c.warningSuboperations();
                c.errorComment();
                c.toString();
            }

            @Override
            public void onDataFragment(int contextId, ByteBuf data, boolean last) {
                shape.append("data ");
            }
        });
        List<ByteBuf> buffers = new ArrayList<>();
        try {
            if ((control & 0x04) != 0) {
                assembler.accept(pdv(1, false, true, new byte[] {0, 0}, 0, 2, buffers));
            }
            int at = 1;
            for (int i = 0; i < fragments; i++) {
                int n = i == fragments - 1 ? input.length - at : length / fragments;
                assembler.accept(pdv(1, true, i == fragments - 1, input, at, n, buffers));
                at += n;
            }
            if ((control & 0x08) != 0) {
                assembler.accept(pdv((control & 0x10) != 0 ? 3 : 1, false, true, new byte[] {0x08, 0, 0x16, 0}, 0, 4, buffers));
            }
            if ((control & 0x20) != 0) {
                // a second command right after: the assembler must have reset its state
                assembler.accept(pdv(1, true, true, input, 1, length, buffers));
            }
            shape.append(assembler.inMessage() ? "open" : "closed");
        } finally {
            for (ByteBuf b : buffers) {
                if (b.refCnt() != 1) {
                    throw new Oracle.Leak("PDV buffer refCnt " + b.refCnt() + " after the assembler, expected 1");
                }
                b.release();
            }
        }
        return shape.toString();
    }

    private static PresentationDataValue pdv(int context, boolean command, boolean last, byte[] src, int from, int n,
            List<ByteBuf> buffers) {
        ByteBuf b = Unpooled.wrappedBuffer(src, from, n);
        buffers.add(b);
        return new PresentationDataValue(context, command, last, b);
    }

    @Override
    public boolean isOwn(Throwable t) {
        return t instanceof DimseProtocolException;
    }
}
