-- Issue 14 ("Review and sign-off in the browser", associations page): the DICOM connections the
-- node has observed, one row per calling AE title, calling host, called AE title and the state
-- the objects went into (empty when an association stored nothing, e.g. C-ECHO only). Updated
-- once per association when it ends (never per object: the ingest path stays as it is); the
-- instances table keeps the calling AE of each object, this table adds the host, the called AE
-- and when the route was first and last used. Portable SQL: H2 2.x and PostgreSQL 10+.
CREATE TABLE dicom_connections (
    calling_ae_title VARCHAR(16) NOT NULL,
    calling_host VARCHAR(64) NOT NULL,
    called_ae_title VARCHAR(16) NOT NULL,
    state_name VARCHAR(64) NOT NULL,
    associations BIGINT NOT NULL,
    aborted BIGINT NOT NULL,
    objects BIGINT NOT NULL,
    failed BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT dicom_connections_key PRIMARY KEY (calling_ae_title, calling_host, called_ae_title, state_name)
);

CREATE INDEX dicom_connections_last_seen ON dicom_connections (last_seen);
