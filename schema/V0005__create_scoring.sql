-- Scoring runs are append-only: a run's findings and scores are written once, by that run, and
-- never edited by a later run, so last quarter's pack can always be re-made from its run.

CREATE TABLE scoring_run (
  run_id             BIGINT        NOT NULL AUTO_INCREMENT,
  job_execution_id   BIGINT        NULL,
  period             VARCHAR(8)    NOT NULL,
  period_start       DATETIME(6)   NOT NULL,
  period_end         DATETIME(6)   NOT NULL,
  report_zone        VARCHAR(64)   NOT NULL,
  as_of              DATETIME(6)   NOT NULL,
  evidence_load_id   BIGINT        NOT NULL,
  policy_version     VARCHAR(100)  NOT NULL,
  policy_sha256      CHAR(64)      NOT NULL,
  policy_content     TEXT          NOT NULL,
  status             VARCHAR(20)   NOT NULL,
  started_at         DATETIME(6)   NOT NULL,
  finished_at        DATETIME(6)   NULL,
  findings_count     BIGINT        NOT NULL DEFAULT 0,
  error_message      VARCHAR(4000) NULL,
  CONSTRAINT pk_scoring_run PRIMARY KEY (run_id)
);
CREATE INDEX ix_scoring_run_period ON scoring_run (period, status, run_id);

CREATE TABLE finding (
  run_id             BIGINT        NOT NULL,
  control_id         VARCHAR(8)    NOT NULL,
  subject_id         VARCHAR(191)  NOT NULL,
  requirement        VARCHAR(4)    NOT NULL,
  subject_type       VARCHAR(16)   NOT NULL,
  status             VARCHAR(12)   NOT NULL,
  reason             VARCHAR(2000) NOT NULL,
  evidence_refs      VARCHAR(4000) NOT NULL,
  reference_time     DATETIME(6)   NOT NULL,
  exception_id       VARCHAR(191)  NULL,
  CONSTRAINT pk_finding PRIMARY KEY (run_id, control_id, subject_id)
);
CREATE INDEX ix_finding_subject ON finding (subject_id, run_id);

CREATE TABLE requirement_score (
  run_id             BIGINT        NOT NULL,
  requirement        VARCHAR(8)    NOT NULL,
  pass_count         BIGINT        NOT NULL,
  fail_count         BIGINT        NOT NULL,
  exception_count    BIGINT        NOT NULL,
  pending_count      BIGINT        NOT NULL,
  score              DECIMAL(4,1)  NULL,
  rating             VARCHAR(8)    NOT NULL,
  CONSTRAINT pk_requirement_score PRIMARY KEY (run_id, requirement)
);
