-- Issue 11 ("Stored means stored"): descriptive index fields are kept whole, never cut to the
-- length PS3.5 allows their VR (real exports exceed it); see IndexFields for the sizes, beyond
-- which an object is refused rather than indexed with a cut value. UID columns stay 64: a longer
-- value is not a UID and is refused. SET DATA TYPE is the SQL-standard form H2 2.x and
-- PostgreSQL both accept.

ALTER TABLE instances ALTER COLUMN patient_id SET DATA TYPE VARCHAR(512);

ALTER TABLE instances ALTER COLUMN patient_name SET DATA TYPE VARCHAR(1024);

ALTER TABLE instances ALTER COLUMN modality SET DATA TYPE VARCHAR(64);

ALTER TABLE instances ALTER COLUMN rt_plan_label SET DATA TYPE VARCHAR(512);

ALTER TABLE instances ALTER COLUMN rt_plan_date SET DATA TYPE VARCHAR(64);
