package org.qanode.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.qanode.net.pdu.Pdu;
import org.qanode.net.pdu.PduDecoder;
import org.qanode.net.pdu.PduException;

/**
 * The PDU layer as a peer reaches it: the bytes go through {@link PduDecoder} (framing and limits,
 * then PduCodec) in an EmbeddedChannel, split into chunks at points derived from the input itself,
 * so the same input always splits the same way. Own exception: {@link PduException}. Every buffer
 * (the chunks, the cumulation, the PDV slices) must be back at reference count zero once the
 * decoded PDUs are released and the decoder is removed from the pipeline.
 */
final class PduTarget implements FuzzTarget {
    /** The P-DATA-TF limit the SCP advertises by default. */
    static final int MAX_PDATA = 16384;

    private final TrackingAllocator alloc = new TrackingAllocator();
    /** One channel for all inputs (a new decoder each time): a channel costs more than a PDU. */
    private EmbeddedChannel channel;

    @Override
    public String name() {
        return "pdu";
    }

    @Override
    public List<byte[]> seeds() {
        return Corpus.pduSeeds();
    }

    @Override
    public List<byte[]> dictionary() {
        return Corpus.pduDictionary();
    }

    @Override
    public String run(byte[] input) {
        alloc.reset();
        if (channel == null) {
            channel = new EmbeddedChannel();
            channel.config().setAllocator(alloc);
        }
        EmbeddedChannel ch = channel;
        PduDecoder decoder = new PduDecoder(MAX_PDATA);
        ch.pipeline().addLast(decoder);
        StringBuilder shape = new StringBuilder();
        RuntimeException failure = null;
        try {
            for (int[] c : chunks(input)) {
                ByteBuf buf = alloc.buffer(c[1]).writeBytes(input, c[0], c[1]);
                try {
                    ch.writeInbound(buf);
                } catch (RuntimeException e) {
                    if (failure != null) {
                        throw e; // after a failure the decoder must drop input silently
                    }
                    failure = e;
                }
                drain(ch, shape);
            }
        } finally {
            // Removing the decoder hands on (and so frees) what it still buffers, as closing would.
            ch.pipeline().remove(decoder);
            drain(ch, shape);
            if (!ch.isActive()) {
                ch.finishAndReleaseAll();
                channel = null;
            }
            List<String> left = alloc.unreleased();
            if (!left.isEmpty()) {
                throw new Oracle.Leak(left.size() + " buffer(s) not released: " + left);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return shape.toString();
    }

    private static void drain(EmbeddedChannel ch, StringBuilder shape) {
        Object o;
        while ((o = ch.readInbound()) != null) {
            if (shape.length() < 64) {
                shape.append(o instanceof Pdu p ? p.type().name() : o.getClass().getSimpleName()).append(' ');
            }
            ReferenceCountUtil.release(o);
        }
    }

    /** Whole, or in 1..64-byte pieces chosen by a random source seeded with the input's hash. */
    private static List<int[]> chunks(byte[] input) {
        int h = Arrays.hashCode(input);
        List<int[]> out = new ArrayList<>();
        if ((h & 3) != 0 || input.length < 2) {
            out.add(new int[] {0, input.length});
            return out;
        }
        SplittableRandom r = new SplittableRandom(h);
        for (int at = 0; at < input.length; ) {
            int n = Math.min(input.length - at, 1 + r.nextInt(64));
            out.add(new int[] {at, n});
            at += n;
        }
        return out;
    }

    @Override
    public boolean isOwn(Throwable t) {
        return t instanceof PduException;
    }
}
