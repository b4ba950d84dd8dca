package org.qanode.net.assoc;

import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.PDataTf;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/** Records listener calls as strings; optionally answers P-DATA. Releases every PDataTf it gets. */
class RecordingListener implements AssociationListener {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(1);
    volatile Association association;
    private final BiConsumer<Association, PDataTf> onData;

    RecordingListener() {
        this((a, p) -> { });
    }

    RecordingListener(BiConsumer<Association, PDataTf> onData) {
        this.onData = onData;
    }

    @Override
    public void onAssociated(Association a) {
        association = a;
        calls.add("associated " + a.callingAeTitle() + "->" + a.calledAeTitle() + " " + a.acceptedContexts().size());
    }

    @Override
    public void onPData(Association a, PDataTf pdata) {
        try {
            calls.add("pdata " + pdata.values().get(0).contextId() + (pdata.values().get(0).command() ? " command" : " data"));
            onData.accept(a, pdata);
        } finally {
            pdata.release();
        }
    }

    @Override
    public void onReleased(Association a) {
        calls.add("released");
        ended.countDown();
    }

    @Override
    public void onAborted(Association a, AbortSource source, AbortReason reason) {
        calls.add("aborted " + source + " " + reason);
        ended.countDown();
    }
}
