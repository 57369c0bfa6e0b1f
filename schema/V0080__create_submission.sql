-- The submission (docs/pack.md, "Submission"): which run of a period was sent to the ministry,
-- by whom and when, and the pack that was sent. Rows are only ever added: a resubmission adds a
-- row that supersedes the period's earlier one, which is kept. Every row names the one before it
-- (any period, in submission order) by its hash, so the ledger is one hash chain, as are the
-- manifests of the submitted packs.
CREATE TABLE submission (
  submission_id            BIGINT        NOT NULL AUTO_INCREMENT,
  period                   VARCHAR(8)    NOT NULL,
  run_id                   BIGINT        NOT NULL,
  submitted_by             VARCHAR(100)  NOT NULL,
  submitted_at             DATETIME(6)   NOT NULL,
  reason                   VARCHAR(2000) NULL,
  amends_submission_id     BIGINT        NULL,
  lang                     VARCHAR(4)    NOT NULL,
  pack_sha256              CHAR(64)      NOT NULL,
  manifest_sha256          CHAR(64)      NOT NULL,
  previous_manifest_sha256 CHAR(64)      NULL,
  previous_row_sha256      CHAR(64)      NULL,
  row_sha256               CHAR(64)      NOT NULL,
  CONSTRAINT pk_submission PRIMARY KEY (submission_id),
  -- one successor per row: two submitters racing cannot fork the chain
  CONSTRAINT uq_submission_chain UNIQUE (previous_row_sha256)
);
CREATE INDEX ix_submission_period ON submission (period, submission_id);

-- The previous quarter's run a run compares with (its submitted run when this run was scored,
-- else none), fixed when the run is made, so scoring another period later never changes this
-- run's pack.
ALTER TABLE scoring_run ADD COLUMN previous_run_id BIGINT NULL;
