-- Issue 16: the commit journal's "applied" mark moves into the rows themselves. Every index row
-- and event a commit group writes carries the journal sequence number of the object it belongs
-- to, so the index says how far it got without one more UPDATE per group (that statement, and
-- the page H2 rewrote for it at every commit, were 8 % of the commit thread on four
-- associations). Start-up takes the highest number found; a group that wrote nothing (only
-- identical duplicates) leaves no mark, and filing it again is a no-op. Rows written outside the
-- pipeline (migrations, repair of old data) have none. Replaces 011's one-row table.
-- Portable SQL: H2 2.x and PostgreSQL 10+.
ALTER TABLE instances ADD COLUMN journal_seq BIGINT;
ALTER TABLE events ADD COLUMN journal_seq BIGINT;
DROP TABLE store_journal;
