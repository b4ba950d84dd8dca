package org.qanode.net.dimse;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One C-STORE data set on its way into a {@link StorageTarget}. A refused object (or one whose
 * write failed) keeps receiving its bytes, which are dropped, so the response can be sent
 * after the last fragment as PS3.7 expects; the failure status is kept for that response.
 */
final class StoreOperation {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOperation.class);

    private final int contextId;
    private final Command command;
    private final StoreContext context;
    private final long started;
    private StorageTarget target;
    private int failureStatus = -1;
    private String errorComment;
    private long bytes;

    StoreOperation(int contextId, Command command, StorageTarget target, StoreContext context, long started) {
        this.contextId = contextId;
        this.command = command;
        this.target = target;
        this.context = context;
        this.started = started;
    }

    static StoreOperation refused(int contextId, Command command, int status, String comment, long started,
            StoreContext context) {
        StoreOperation o = new StoreOperation(contextId, command, null, context, started);
        o.failureStatus = status;
        o.errorComment = comment;
        return o;
    }

    void write(ByteBuffer data) {
        bytes += data.remaining();
        if (target == null) {
            return;
        }
        try {
            target.write(data);
        } catch (IOException | RuntimeException e) {
            LOG.warn("write of {} failed: {}", command.affectedSopInstanceUid(), e.toString());
            fail(DimseStatus.OUT_OF_RESOURCES, "cannot write: " + e.getMessage());
        }
    }

    /** All data arrived: commit, or report the failure noted earlier. */
    int complete() {
        if (target == null) {
            return failureStatus;
        }
        try {
            int status = target.commit();
            target = null;
            return status;
        } catch (DimseException e) {
            target = null;
            failureStatus = e.status();
            errorComment = e.getMessage();
            return failureStatus;
        } catch (RuntimeException e) {
            LOG.error("commit of {} failed", command.affectedSopInstanceUid(), e);
            fail(DimseStatus.OUT_OF_RESOURCES, "storage failure");
            return failureStatus;
        }
    }

    void abandon() {
        if (target != null) {
            target.abort();
            target = null;
        }
    }

    private void fail(int status, String comment) {
        abandon();
        failureStatus = status;
        errorComment = comment;
    }

    int contextId() {
        return contextId;
    }

    Command command() {
        return command;
    }

    StoreContext context() {
        return context;
    }

    long started() {
        return started;
    }

    long bytes() {
        return bytes;
    }

    String errorComment() {
        return errorComment;
    }
}
