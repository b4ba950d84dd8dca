-- Exports run by the node (POST /api/v1/exports, and the export of each sweep): one row per
-- export, kept as history after the process that ran it is gone. The final status document
-- (ExportStatus as JSON: counts, error, missing UIDs) is stored whole, because the missing
-- list has no fixed size. Rows still QUEUED or RUNNING at start-up are marked FAILED: an export
-- cannot resume (the C-MOVE died with the process). Portable SQL: H2 2.x and PostgreSQL 10+.
CREATE TABLE exports (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    rois VARCHAR(64) NOT NULL,
    state_name VARCHAR(64) NOT NULL,
    status VARCHAR(16) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    document VARCHAR(1000000) NOT NULL
);

CREATE INDEX exports_created ON exports (created_at);
