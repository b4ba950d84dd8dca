package org.qanode.fuzz;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap buffers that are remembered, so a fuzz run can tell after each input whether every
 * buffer the decoder or its cumulator allocated went back to reference count zero. Exact and
 * immediate, unlike the paranoid leak detector, which sees a leak only after a GC and records a
 * stack trace at every access (it would cost more than the decoding); so these buffers are not
 * wrapped for it.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
    private final List<ByteBuf> allocated = new ArrayList<>();

    TrackingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        allocated.add(b);
        return b;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** Descriptions of the buffers not at reference count zero; empty when all were released. */
    List<String> unreleased() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < allocated.size(); i++) {
            int rc = allocated.get(i).refCnt();
            if (rc != 0) {
                out.add("buffer #" + i + " (" + allocated.get(i).capacity() + " bytes) refCnt " + rc);
            }
        }
        return out;
    }

    void reset() {
        allocated.clear();
    }
}
