package org.qanode.net.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Backpressure of one association's storage thread: reads pause above the high-water mark,
 * resume below the low-water mark, and the storage thread disturbs the event loop only for that
 * resume (not once per fragment, which cost a context switch per PDV). The fragments it carries are
 * the network's buffers: kept alive until written, released after, whatever happens.
 */
class StorageQueueTest {
    private final EmbeddedChannel embedded = new EmbeddedChannel();
    private final AtomicInteger eventLoopTasks = new AtomicInteger();
    private final Channel channel = countingChannel(embedded, eventLoopTasks);
    private final StorageQueue queue = new StorageQueue("storage-queue-test");

    @AfterEach
    void close() {
        queue.shutdown();
        embedded.finishAndReleaseAll();
    }

    @Test
    void fragmentsBelowTheHighWaterMarkNeverWakeTheEventLoop() throws Exception {
        AtomicInteger received = new AtomicInteger();
        for (int i = 0; i < 500; i++) {
            queue.executeData(channel, Unpooled.wrappedBuffer(new byte[16 * 1024]), b -> received.addAndGet(b.remaining()));
        }
        drain();

        assertThat(received.get()).isEqualTo(500 * 16 * 1024);
        assertThat(eventLoopTasks.get()).as("tasks posted to the event loop").isZero();
        assertThat(embedded.config().isAutoRead()).isTrue();
        assertThat(queue.paused()).isFalse();
    }

    @Test
    void readsPauseAboveTheHighWaterMarkAndResumeOnceDrained() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        byte[] megabyte = new byte[1 << 20];
        // the first task blocks the storage thread, so everything after it waits in the queue
        queue.execute(() -> await(release));
        for (int i = 0; i < 8; i++) {
            queue.executeData(channel, Unpooled.wrappedBuffer(megabyte), b -> received.addAndGet(b.remaining()));
        }
        assertThat(embedded.config().isAutoRead()).as("8 MB queued: at the mark, still reading").isTrue();
        queue.executeData(channel, Unpooled.wrappedBuffer(megabyte), b -> received.addAndGet(b.remaining()));
        assertThat(embedded.config().isAutoRead()).as("9 MB queued: paused").isFalse();
        assertThat(queue.paused()).isTrue();

        release.countDown();
        drain();
        assertThat(eventLoopTasks.get()).as("one resume for one pause").isEqualTo(1);
        assertThat(embedded.config().isAutoRead()).as("resume waits for the event loop").isFalse();
        embedded.runPendingTasks();
        assertThat(embedded.config().isAutoRead()).isTrue();
        assertThat(received.get()).isEqualTo(9 << 20);
    }

    @Test
    void aResumeScheduledBeforeTheQueueFilledAgainLeavesReadsPaused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        byte[] megabyte = new byte[1 << 20];
        queue.execute(() -> await(release));
        for (int i = 0; i < 9; i++) {
            queue.executeData(channel, Unpooled.wrappedBuffer(megabyte), b -> { });
        }
        release.countDown();
        drain();
        // the storage thread has posted its resume; before it runs, the peer fills the queue again
        CountDownLatch second = new CountDownLatch(1);
        queue.execute(() -> await(second));
        for (int i = 0; i < 9; i++) {
            queue.executeData(channel, Unpooled.wrappedBuffer(megabyte), b -> { });
        }
        embedded.runPendingTasks();
        assertThat(embedded.config().isAutoRead()).as("the stale resume must not undo the new pause").isFalse();

        second.countDown();
        drain();
        embedded.runPendingTasks();
        assertThat(embedded.config().isAutoRead()).isTrue();
        assertThat(eventLoopTasks.get()).isEqualTo(2);
    }

    @Test
    void theStorageThreadReadsTheNetworkBufferAfterTheEventLoopLetGoOfItAndThenReleasesIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        queue.execute(() -> await(release));
        ByteBuf pdv = Unpooled.directBuffer(4096).writeBytes(new byte[] {9, 8, 7, 6, 5});
        pdv.readByte(); // a fragment starts where the PDV's header ended
        byte[] seen = new byte[4];
        queue.executeData(channel, pdv, b -> b.get(seen));
        pdv.release(); // the event loop is done with the PDU, as StoreScp's handler is
        assertThat(pdv.refCnt()).as("kept for the storage thread").isEqualTo(1);

        release.countDown();
        drain();
        assertThat(seen).containsExactly(8, 7, 6, 5);
        assertThat(pdv.refCnt()).as("released once written").isZero();
    }

    @Test
    void aBufferIsReleasedWhenTheWriteFailsAndWhenTheStorageThreadIsGone() throws Exception {
        ByteBuf failing = Unpooled.directBuffer(16).writeBytes(new byte[16]);
        queue.executeData(channel, failing, b -> {
            throw new IllegalStateException("disk gone");
        });
        failing.release();
        drain();
        assertThat(failing.refCnt()).isZero();

        queue.shutdown();
        ByteBuf late = Unpooled.directBuffer(16).writeBytes(new byte[16]);
        assertThatThrownBy(() -> queue.executeData(channel, late, b -> { }))
                .isInstanceOf(RejectedExecutionException.class);
        late.release();
        assertThat(late.refCnt()).isZero();
    }

    /** Waits until everything submitted so far has run on the storage thread. */
    private void drain() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        queue.execute(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The embedded channel, with its event loop counting the tasks posted to it. */
    private static Channel countingChannel(EmbeddedChannel channel, AtomicInteger tasks) {
        EventLoop loop = channel.eventLoop();
        EventLoop counting = (EventLoop) Proxy.newProxyInstance(StorageQueueTest.class.getClassLoader(),
                new Class<?>[] {EventLoop.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        tasks.incrementAndGet();
                    }
                    return invoke(method, loop, args);
                });
        return (Channel) Proxy.newProxyInstance(StorageQueueTest.class.getClassLoader(), new Class<?>[] {Channel.class},
                (proxy, method, args) -> method.getName().equals("eventLoop") ? counting : invoke(method, channel, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
