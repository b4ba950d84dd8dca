package org.qanode.net.dimse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.pdu.PduCodec;
import org.qanode.net.pdu.PresentationContextRq;

/**
 * A scripted DICOM peer on a plain socket, for sending byte sequences a well-behaved library
 * never would (pynetdicom's dummy-peer idea): PDUs are written as PS3.8 9.3 lays them out.
 */
final class RawPeer implements AutoCloseable {
    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** Connects and associates, proposing {@code contexts}; fails unless the answer is an A-ASSOCIATE-AC. */
    RawPeer(int port, String calledAeTitle, List<PresentationContextRq> contexts) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        ByteBuf rq = PduCodec.encode(new AssociationRequestor(null, AssociationRequestor.Config.defaults())
                .request("RAWPEER", calledAeTitle, contexts), UnpooledByteBufAllocator.DEFAULT);
        try {
            out.write(ByteBufUtil.getBytes(rq));
        } finally {
            rq.release();
        }
        byte[] ac = readPdu();
        if (ac == null || ac[0] != 0x02) {
            throw new IOException("no A-ASSOCIATE-AC: " + (ac == null ? "closed" : "PDU type " + ac[0]));
        }
    }

    static RawPeer ctStorage(int port) throws IOException {
        return new RawPeer(port, "QANODE", List.of(new PresentationContextRq(1, CT_IMAGE, List.of(EXPLICIT_LE))));
    }

    /** One P-DATA-TF with one PDV (PS3.8 9.3.5, E.2 message control header: bit 0 command, bit 1 last). */
    void pdv(int contextId, boolean command, boolean last, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(6 + 4 + 2 + data.length);
        b.put((byte) 0x04).put((byte) 0).putInt(4 + 2 + data.length);
        b.putInt(2 + data.length).put((byte) contextId).put((byte) ((command ? 1 : 0) | (last ? 2 : 0))).put(data);
        out.write(b.array());
        out.flush();
    }

    void command(int contextId, Command command) throws IOException {
        pdv(contextId, true, true, command.encode());
    }

    void releaseRq() throws IOException {
        out.write(new byte[] {0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0});
        out.flush();
    }

    void abort() throws IOException {
        out.write(new byte[] {0x07, 0, 0, 0, 0, 4, 0, 0, 0, 0});
        out.flush();
        socket.close();
    }

    /** The next whole PDU (header included), or null when the peer closed the connection. */
    byte[] readPdu() throws IOException {
        byte[] header = new byte[6];
        try {
            in.readFully(header);
        } catch (EOFException closed) {
            return null;
        }
        int length = ByteBuffer.wrap(header, 2, 4).getInt();
        byte[] pdu = new byte[6 + length];
        System.arraycopy(header, 0, pdu, 0, 6);
        in.readFully(pdu, 6, length);
        return pdu;
    }

    /** Reads P-DATA-TF PDUs until a whole command has arrived and decodes it. */
    Command readCommand() throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        while (true) {
            byte[] pdu = readPdu();
            if (pdu == null || pdu[0] != 0x04) {
                throw new IOException("expected P-DATA-TF, got " + (pdu == null ? "close" : "PDU type " + pdu[0]));
            }
            ByteBuffer b = ByteBuffer.wrap(pdu, 6, pdu.length - 6);
            boolean last = false;
            while (b.hasRemaining()) {
                int itemLength = b.getInt();
                b.get();
                int header = b.get();
                byte[] data = new byte[itemLength - 2];
                b.get(data);
                if ((header & 1) != 0) {
                    command.write(data);
                    last = (header & 2) != 0;
                }
            }
            if (last) {
                return Command.decode(command.toByteArray());
            }
        }
    }

    /** Reads until the peer closes; true if an A-ABORT (type 07) came before the close. */
    boolean abortedByPeer() throws IOException {
        boolean abort = false;
        try {
            byte[] pdu;
            while ((pdu = readPdu()) != null) {
                abort |= pdu[0] == 0x07;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("peer did not close the association", e);
        } catch (IOException reset) {
            // a reset after the A-ABORT is a close too
        }
        return abort;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
