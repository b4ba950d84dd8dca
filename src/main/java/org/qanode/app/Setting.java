package org.qanode.app;

import java.util.List;

/**
 * One configuration key: its YAML path, the environment variable that overrides it, the
 * default and what it does. {@link #ALL} is the single list the loader checks keys against and
 * docs/configuration.md is tested against, so the table cannot drift from the code.
 */
public record Setting(String key, String env, String defaultValue, String description) {

    public static final List<Setting> ALL = List.of(
            new Setting("dicom.aeTitle", "QANODE_DICOM_AE_TITLE", "QANODE",
                    "our AE title; objects sent to it go to the receiving state"),
            new Setting("dicom.bind", "QANODE_DICOM_BIND", "0.0.0.0", "address the DICOM listener binds"),
            new Setting("dicom.port", "QANODE_DICOM_PORT", "11112", "DICOM port (0: any free port)"),
            new Setting("dicom.maxPduLength", "QANODE_DICOM_MAX_PDU_LENGTH", "65536",
                    "largest P-DATA-TF PDU we accept, in bytes"),
            new Setting("dicom.maxAssociations", "QANODE_DICOM_MAX_ASSOCIATIONS", "16",
                    "associations at once; more are rejected (transient, local limit)"),
            new Setting("dicom.maxAssociationsPerHost", "QANODE_DICOM_MAX_ASSOCIATIONS_PER_HOST", "8",
                    "associations at once from one calling host (IP address); more are rejected (transient, local limit)"),
            new Setting("dicom.maxPendingConnections", "QANODE_DICOM_MAX_PENDING_CONNECTIONS", "64",
                    "connections at once without an accepted association (A-ASSOCIATE-RQ not yet complete, or rejected); more are closed at once"),
            new Setting("dicom.pduTimeoutSeconds", "QANODE_DICOM_PDU_TIMEOUT_SECONDS", "60",
                    "longest time one PDU may take from its first byte to its last; a slower peer is aborted"),
            new Setting("dicom.allowedCallingAeTitles", "QANODE_DICOM_ALLOWED_CALLING_AE_TITLES", "[] (any)",
                    "calling AE titles accepted; env: comma-separated"),
            new Setting("dicom.extraSopClasses", "QANODE_DICOM_EXTRA_SOP_CLASSES", "[]",
                    "SOP classes accepted besides Verification and all Storage classes, e.g. Varian's Halcyon plan 1.2.246.352.70.1.70; env: comma-separated"),
            new Setting("dicom.shutdownGraceSeconds", "QANODE_DICOM_SHUTDOWN_GRACE_SECONDS", "30",
                    "on SIGTERM, how long transfers in progress may finish before they are aborted"),
            new Setting("dicom.states", "QANODE_DICOM_STATES", "{QA_PRE: pre, QA_POST: post}",
                    "called AE title to state; env: AE=state,AE=state"),
            new Setting("dicom.receivingState", "QANODE_DICOM_RECEIVING_STATE", "inbox",
                    "state for other called AE titles, until PUT /api/v1/receiving-state sets one (kept in the index)"),
            new Setting("storage.dataDir", "QANODE_STORAGE_DATA_DIR", "./var",
                    "data directory: states, comparison results, embedded index"),
            new Setting("storage.index", "QANODE_STORAGE_INDEX", "jdbc:h2:file:DATA_DIR/index",
                    "index JDBC URL: embedded H2 or jdbc:postgresql://..."),
            new Setting("storage.minFreeBytes", "QANODE_STORAGE_MIN_FREE_BYTES",
                    "the larger of 1 GiB and 2 % of the volume",
                    "free space (bytes) kept on the data directory's volume: below it new objects are refused with A700 before any byte is written, and health says ready: false; storing resumes when space returns; 0: no watermark"),
            new Setting("http.bind", "QANODE_HTTP_BIND", "127.0.0.1", "address the REST API binds"),
            new Setting("http.port", "QANODE_HTTP_PORT", "8080", "REST API port (0: any free port)"),
            new Setting("http.token", "QANODE_HTTP_TOKEN", "null (no authentication)",
                    "bearer token required by every endpoint but health"),
            new Setting("http.maxBodyBytes", "QANODE_HTTP_MAX_BODY_BYTES", "1048576",
                    "largest request body; larger ones get 413"),
            new Setting("http.publicUrl", "QANODE_HTTP_PUBLIC_URL", "http://BIND:PORT",
                    "base URL for links in webhook events"),
            new Setting("webhooks", "", "[]",
                    "list of {url, secret}: receivers of comparison.finished and state.firstObject events"),
            new Setting("webhookDelivery.initialDelayMs", "QANODE_WEBHOOK_INITIAL_DELAY_MS", "1000",
                    "wait after the first failed delivery; doubles per failure"),
            new Setting("webhookDelivery.maxDelayMs", "QANODE_WEBHOOK_MAX_DELAY_MS", "600000",
                    "longest wait between attempts"),
            new Setting("webhookDelivery.timeoutMs", "QANODE_WEBHOOK_TIMEOUT_MS", "10000",
                    "connect and response time-out of one delivery"),
            new Setting("compare.profile", "QANODE_COMPARE_PROFILE", "upgrade",
                    "profile of comparisons that name none"),
            new Setting("compare.profilesDir", "QANODE_COMPARE_PROFILES_DIR", "conf/profiles",
                    "where profiles are looked up before the bundled ones"),
            new Setting("compare.queueCapacity", "QANODE_COMPARE_QUEUE_CAPACITY", "16",
                    "comparisons waiting to run; more get 503"),
            new Setting("compare.workers", "QANODE_COMPARE_WORKERS", "1", "comparisons running at once"),
            new Setting("compare.threads", "QANODE_COMPARE_THREADS", "0 (one per core)",
                    "threads inside one comparison"),
            new Setting("rois.NAME.aeTitle", "", "(required)",
                    "Q/R SCP AE title of the ROIS named NAME (ARIA: the DB Daemon's, e.g. VMSDBD)"),
            new Setting("rois.NAME.host", "", "(required)", "host of the ROIS's DICOM interface"),
            new Setting("rois.NAME.port", "", "104", "its DICOM port"),
            new Setting("rois.NAME.callingAeTitle", "", "dicom.aeTitle",
                    "our AE title on the query association; also the move destination"),
            new Setting("rois.NAME.moveDestination", "", "null (callingAeTitle)",
                    "another AE title of ours the ROIS knows us under, for C-MOVE"),
            new Setting("rois.NAME.model", "", "STUDY", "query/retrieve information model: STUDY or PATIENT (root)"),
            new Setting("rois.NAME.level", "", "SERIES",
                    "what one C-MOVE asks for: PATIENT (PATIENT model), STUDY, SERIES or IMAGE; STUDY and SERIES move a whole study where the wanted modalities cover all its series"),
            new Setting("rois.NAME.useGet", "", "false", "C-GET instead of C-MOVE"),
            new Setting("rois.NAME.timeoutSeconds", "", "60",
                    "silence between two responses before C-CANCEL, then abort"),
            new Setting("rois.NAME.retries", "", "2", "rounds asking again for missing instances"),
            new Setting("rois.NAME.storeAeTitles", "", "[]",
                    "calling AE titles of the ROIS's C-STOREs when they differ from aeTitle; allowed and routed to its export"),
            new Setting("rois.NAME.parallelMoves", "", "3",
                    "retrievals in flight at once (1..8), each on its own association; 1 for a ROIS that serves one at a time"),
            new Setting("sweep.rois", "", "(required)", "the rois: entry the nightly sweep exports from"),
            new Setting("sweep.schedule", "", "0 2 * * *",
                    "cron (minute hour day month weekday), server time zone; a run missed while the node was down is made up at start-up"),
            new Setting("sweep.patients", "", "null",
                    "CSV patient list (ARIA patients under treatment); the file must exist"),
            new Setting("sweep.studyDays", "", "0",
                    "without a patient list: studies of the last N days"),
            new Setting("sweep.modalities", "", "RTPLAN, RTRECORD, RTSTRUCT, RTDOSE, RTIMAGE", "what a sweep exports"),
            new Setting("sweep.profile", "", "nightly", "comparison profile of the sweep"),
            new Setting("sweep.keep", "", "14", "sweep states kept (at least 2)"));

    /**
     * Sections whose second level is free (ROIS names) or validated by their own mapping
     * ({@link RoisSettings}): the generic key check leaves them to it.
     */
    public static final List<String> RESERVED_SECTIONS = List.of("rois", "sweep");
}
