-- Issue 16 ("Durable ingest as fast as peers that skip durability"): the store's commit journal
-- (store.CommitJournal, docs/store.md "Commit journal"). Each commit group writes its objects to
-- the journal file and fsyncs it once before any of them is answered; the group's rows commit
-- in the same transaction as this row's applied_seq, the journal sequence number of the group's
-- last object. After a crash, start-up files again every journal record above applied_seq (the
-- index lost them) and restores the files of those at or below it. One row, id 1.
-- Portable SQL: H2 2.x and PostgreSQL 10+.
CREATE TABLE store_journal (
    id INTEGER NOT NULL PRIMARY KEY,
    applied_seq BIGINT NOT NULL
);
INSERT INTO store_journal (id, applied_seq) VALUES (1, 0);
