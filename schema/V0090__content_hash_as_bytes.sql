-- A record's content hash (the SHA-256 of its values, which tells a revision from the same
-- content loaded again) is kept as its 32 bytes instead of 64 hex characters: half the bytes per
-- row to load, store and compare (docs/ingest.md, issue 16). Hex stays the form it is shown in.
-- Stored hashes are converted, not recomputed; each column keeps its place among the others.
-- RENAME COLUMN needs MySQL 8.0.3 or MariaDB 10.5; jOOQ's code generator skips the UPDATEs.

ALTER TABLE change_record ADD COLUMN content_sha256 BINARY(32) NULL AFTER content_hash;
/* [jooq ignore start] */
UPDATE change_record SET content_sha256 = UNHEX(content_hash);
/* [jooq ignore stop] */
ALTER TABLE change_record DROP COLUMN content_hash;
ALTER TABLE change_record RENAME COLUMN content_sha256 TO content_hash;
ALTER TABLE change_record MODIFY content_hash BINARY(32) NOT NULL;

ALTER TABLE test_run ADD COLUMN content_sha256 BINARY(32) NULL AFTER content_hash;
/* [jooq ignore start] */
UPDATE test_run SET content_sha256 = UNHEX(content_hash);
/* [jooq ignore stop] */
ALTER TABLE test_run DROP COLUMN content_hash;
ALTER TABLE test_run RENAME COLUMN content_sha256 TO content_hash;
ALTER TABLE test_run MODIFY content_hash BINARY(32) NOT NULL;

ALTER TABLE incident ADD COLUMN content_sha256 BINARY(32) NULL AFTER content_hash;
/* [jooq ignore start] */
UPDATE incident SET content_sha256 = UNHEX(content_hash);
/* [jooq ignore stop] */
ALTER TABLE incident DROP COLUMN content_hash;
ALTER TABLE incident RENAME COLUMN content_sha256 TO content_hash;
ALTER TABLE incident MODIFY content_hash BINARY(32) NOT NULL;

ALTER TABLE notification ADD COLUMN content_sha256 BINARY(32) NULL AFTER content_hash;
/* [jooq ignore start] */
UPDATE notification SET content_sha256 = UNHEX(content_hash);
/* [jooq ignore stop] */
ALTER TABLE notification DROP COLUMN content_hash;
ALTER TABLE notification RENAME COLUMN content_sha256 TO content_hash;
ALTER TABLE notification MODIFY content_hash BINARY(32) NOT NULL;

ALTER TABLE postmortem ADD COLUMN content_sha256 BINARY(32) NULL AFTER content_hash;
/* [jooq ignore start] */
UPDATE postmortem SET content_sha256 = UNHEX(content_hash);
/* [jooq ignore stop] */
ALTER TABLE postmortem DROP COLUMN content_hash;
ALTER TABLE postmortem RENAME COLUMN content_sha256 TO content_hash;
ALTER TABLE postmortem MODIFY content_hash BINARY(32) NOT NULL;

ALTER TABLE action_item ADD COLUMN content_sha256 BINARY(32) NULL AFTER content_hash;
/* [jooq ignore start] */
UPDATE action_item SET content_sha256 = UNHEX(content_hash);
/* [jooq ignore stop] */
ALTER TABLE action_item DROP COLUMN content_hash;
ALTER TABLE action_item RENAME COLUMN content_sha256 TO content_hash;
ALTER TABLE action_item MODIFY content_hash BINARY(32) NOT NULL;

ALTER TABLE runbook ADD COLUMN content_sha256 BINARY(32) NULL AFTER content_hash;
/* [jooq ignore start] */
UPDATE runbook SET content_sha256 = UNHEX(content_hash);
/* [jooq ignore stop] */
ALTER TABLE runbook DROP COLUMN content_hash;
ALTER TABLE runbook RENAME COLUMN content_sha256 TO content_hash;
ALTER TABLE runbook MODIFY content_hash BINARY(32) NOT NULL;

ALTER TABLE control_exception ADD COLUMN content_sha256 BINARY(32) NULL AFTER content_hash;
/* [jooq ignore start] */
UPDATE control_exception SET content_sha256 = UNHEX(content_hash);
/* [jooq ignore stop] */
ALTER TABLE control_exception DROP COLUMN content_hash;
ALTER TABLE control_exception RENAME COLUMN content_sha256 TO content_hash;
ALTER TABLE control_exception MODIFY content_hash BINARY(32) NOT NULL;
