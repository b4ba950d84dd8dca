-- Issue 15 ("Results into the department's QA record"): the durable outbox carries more than
-- webhooks. channel names who delivers a row: 'webhook' (signed POST to url, as before), or a
-- QA record system ('redmine', 'qatrack') whose delivery is built from the event body when it is
-- sent. Such rows keep an empty signature and the system's base URL in url; no credential is
-- ever stored. Portable SQL: H2 2.x and PostgreSQL 10+.
ALTER TABLE webhook_outbox ADD COLUMN channel VARCHAR(16) DEFAULT 'webhook' NOT NULL;

CREATE INDEX webhook_outbox_channel ON webhook_outbox (channel, id);

-- What each QA record system made of a comparison: the Redmine issue id, the QATrack+ test list
-- instance URL. One row per system and comparison ever, written as soon as the remote system
-- answers, so a retried delivery never makes a second issue or instance (each system is also
-- asked before anything is created, in case the row was lost with a crash).
CREATE TABLE qa_record_links (
    qa_system VARCHAR(16) NOT NULL,
    comparison_id VARCHAR(36) NOT NULL,
    remote_id VARCHAR(1024) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (qa_system, comparison_id)
);
