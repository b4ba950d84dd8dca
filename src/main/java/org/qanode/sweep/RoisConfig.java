package org.qanode.sweep;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.qanode.dicom.AeAddress;
import org.qanode.net.dimse.QueryLevel;
import org.qanode.net.dimse.QueryRetrieveModel;

/**
 * A Query/Retrieve peer (the ROIS's DICOM interface) by name: the {@code rois:} entries of
 * {@code conf/qanode.yml}.
 *
 * @param aeTitle          the ROIS's Q/R SCP AE title (ARIA: the DB Daemon's, e.g. VMSDBD)
 * @param callingAeTitle   our AE title on the query association; also the move destination
 *                         (the ROIS must know it with our host and port) unless
 *                         {@code moveDestination} names another
 * @param moveDestination  the AE title the ROIS sends C-STOREs to; null: {@code callingAeTitle}
 * @param model            Patient Root or Study Root (PS3.4 C.6)
 * @param level            the level retrievals are issued at: STUDY, SERIES or IMAGE
 * @param useGet           C-GET instead of C-MOVE (PS3.4 C.4.3), for peers configured for it
 * @param responseTimeout  longest silence between two responses before C-CANCEL, then abort
 * @param retries          how many times missing or failed instances are asked for again
 * @param storeAeTitles    calling AE titles the ROIS's C-STOREs come from when they differ from
 *                         {@code aeTitle} (ARIA's DB Daemon store AE); they are allowed to
 *                         associate and, when a C-STORE names no move originator, routed to the
 *                         running export of this ROIS
 * @param parallelMoves    retrievals in flight at once, each on its own association (1..8): the
 *                         ROIS stores each one over its own association, so the per-object round
 *                         trips of several overlap
 * @param tls              associations to it (queries, retrievals) over TLS with the node's
 *                         {@code dicom.tls} certificate, key and trusted certificates
 */
public record RoisConfig(String name, String aeTitle, String host, int port, String callingAeTitle,
                         String moveDestination, QueryRetrieveModel model, QueryLevel level, boolean useGet,
                         Duration responseTimeout, int retries, List<String> storeAeTitles, int parallelMoves,
                         boolean tls) {

    /** Retrievals in flight at once unless configured: enough to overlap round trips, gentle on a ROIS. */
    public static final int DEFAULT_PARALLEL_MOVES = 3;

    public RoisConfig(String name, String aeTitle, String host, int port, String callingAeTitle, String moveDestination,
            QueryRetrieveModel model, QueryLevel level, boolean useGet, Duration responseTimeout, int retries,
            List<String> storeAeTitles) {
        this(name, aeTitle, host, port, callingAeTitle, moveDestination, model, level, useGet, responseTimeout, retries,
                storeAeTitles, DEFAULT_PARALLEL_MOVES, false);
    }

    /** Over plain TCP. */
    public RoisConfig(String name, String aeTitle, String host, int port, String callingAeTitle, String moveDestination,
            QueryRetrieveModel model, QueryLevel level, boolean useGet, Duration responseTimeout, int retries,
            List<String> storeAeTitles, int parallelMoves) {
        this(name, aeTitle, host, port, callingAeTitle, moveDestination, model, level, useGet, responseTimeout, retries,
                storeAeTitles, parallelMoves, false);
    }

    public RoisConfig {
        if (parallelMoves < 1 || parallelMoves > 8) {
            throw new IllegalArgumentException("rois." + name + ".parallelMoves: must be 1..8, got " + parallelMoves);
        }
        Objects.requireNonNull(name, "name");
        requireAe(aeTitle, "rois." + name + ".aeTitle");
        requireAe(callingAeTitle, "rois." + name + ".callingAeTitle");
        if (moveDestination != null) {
            requireAe(moveDestination, "rois." + name + ".moveDestination");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("rois." + name + ".host: missing");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("rois." + name + ".port: " + port + " is not a TCP port");
        }
        model = model == null ? QueryRetrieveModel.STUDY_ROOT : model;
        level = level == null ? QueryLevel.SERIES : level;
        if (level == QueryLevel.PATIENT && model == QueryRetrieveModel.STUDY_ROOT) {
            throw new IllegalArgumentException("rois." + name + ".level: PATIENT needs model PATIENT (PS3.4 C.6.2)");
        }
        responseTimeout = responseTimeout == null ? Duration.ofSeconds(60) : responseTimeout;
        if (retries < 0) {
            throw new IllegalArgumentException("rois." + name + ".retries: must be 0 or more");
        }
        storeAeTitles = storeAeTitles == null ? List.of() : List.copyOf(storeAeTitles);
    }

    /** A peer with the defaults: Study Root, SERIES level, C-MOVE, 60 s, 2 retries. */
    public static RoisConfig of(String name, String aeTitle, String host, int port, String callingAeTitle) {
        return new RoisConfig(name, aeTitle, host, port, callingAeTitle, null, QueryRetrieveModel.STUDY_ROOT,
                QueryLevel.SERIES, false, Duration.ofSeconds(60), 2, List.of());
    }

    public String destination() {
        return moveDestination != null ? moveDestination : callingAeTitle;
    }

    public RoisConfig withModel(QueryRetrieveModel m, QueryLevel l) {
        return new RoisConfig(name, aeTitle, host, port, callingAeTitle, moveDestination, m, l, useGet,
                responseTimeout, retries, storeAeTitles, parallelMoves, tls);
    }

    public RoisConfig withGet(boolean get) {
        return new RoisConfig(name, aeTitle, host, port, callingAeTitle, moveDestination, model, level, get,
                responseTimeout, retries, storeAeTitles, parallelMoves, tls);
    }

    public RoisConfig withTimeout(Duration timeout, int retryCount) {
        return new RoisConfig(name, aeTitle, host, port, callingAeTitle, moveDestination, model, level, useGet,
                timeout, retryCount, storeAeTitles, parallelMoves, tls);
    }

    public RoisConfig withStoreAeTitles(List<String> titles) {
        return new RoisConfig(name, aeTitle, host, port, callingAeTitle, moveDestination, model, level, useGet,
                responseTimeout, retries, titles, parallelMoves, tls);
    }

    public RoisConfig withParallelMoves(int n) {
        return new RoisConfig(name, aeTitle, host, port, callingAeTitle, moveDestination, model, level, useGet,
                responseTimeout, retries, storeAeTitles, n, tls);
    }

    public RoisConfig withTls(boolean overTls) {
        return new RoisConfig(name, aeTitle, host, port, callingAeTitle, moveDestination, model, level, useGet,
                responseTimeout, retries, storeAeTitles, parallelMoves, overTls);
    }

    /** Every calling AE title the ROIS's C-STOREs may come from: its own and the store AEs. */
    public List<String> sendingAeTitles() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        all.add(aeTitle);
        all.addAll(storeAeTitles);
        return List.copyOf(all);
    }

    /** The ROIS's Q/R SCP as {@code AET@host:port}. */
    public AeAddress address() {
        return new AeAddress(aeTitle, host, port);
    }

    @Override
    public String toString() {
        return name + " (" + address() + ")";
    }

    private static void requireAe(String ae, String key) {
        // PS3.5 Table 6.2-1 (AE): 1 to 16 characters, no backslash nor control characters.
        if (AeAddress.aeTitleProblem(ae) != null) {
            throw new IllegalArgumentException(key + ": '" + ae + "' is not an AE title (1-16 characters)");
        }
    }
}
