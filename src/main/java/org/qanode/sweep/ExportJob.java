package org.qanode.sweep;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The mutable progress of one export; readers take {@link #snapshot}s. Thread-safe. */
public final class ExportJob {
    private final String id;
    private final ExportRequest request;
    private final Clock clock;
    private final List<Consumer<ExportStatus>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean cancelRequested;
    private String status = ExportStatus.QUEUED;
    private int expected;
    private int received;
    private int failed;
    private int retries;
    private int patients;
    private int studies;
    private int series;
    private String error;
    private List<String> missing = List.of();
    private Instant startedAt;
    private Instant finishedAt;

    public ExportJob(String id, ExportRequest request, Clock clock) {
        this.id = id;
        this.request = request;
        this.clock = clock;
    }

    public String id() {
        return id;
    }

    public ExportRequest request() {
        return request;
    }

    public void onChange(Consumer<ExportStatus> listener) {
        listeners.add(listener);
    }

    /** Asks the running export to send C-CANCEL and stop; it ends FAILED ("cancelled"). */
    public void cancel() {
        cancelRequested = true;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public ExportStatus await(long timeout, TimeUnit unit) throws InterruptedException {
        finished.await(timeout, unit);
        return snapshot();
    }

    public synchronized ExportStatus snapshot() {
        return new ExportStatus(id, status, request.rois(), request.state(), expected, received, failed, retries,
                patients, studies, series, error, missing, time(startedAt), time(finishedAt));
    }

    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    void started() {
        synchronized (this) {
            status = ExportStatus.RUNNING;
            startedAt = clock.instant();
        }
        fire();
    }

    void found(int patientCount, int studyCount, int seriesCount, int instanceCount) {
        synchronized (this) {
            patients = patientCount;
            studies = studyCount;
            series = seriesCount;
            expected = instanceCount;
        }
        fire();
    }

    void progress(int receivedSoFar, int failedSoFar) {
        synchronized (this) {
            received = receivedSoFar;
            failed = failedSoFar;
        }
        fire();
    }

    void retried() {
        synchronized (this) {
            retries++;
        }
        fire();
    }

    void finish(String finalStatus, int receivedCount, int failedCount, List<String> missingUids, String reason) {
        synchronized (this) {
            status = finalStatus;
            received = receivedCount;
            failed = failedCount;
            missing = new ArrayList<>(missingUids);
            error = reason;
            finishedAt = clock.instant();
        }
        fire();
        finished.countDown();
    }

    private void fire() {
        ExportStatus s = snapshot();
        for (Consumer<ExportStatus> l : listeners) {
            l.accept(s);
        }
    }
}
