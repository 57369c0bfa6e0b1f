-- What the scheduler and the runs API did, so a failed night is visible with its error and the
-- next one is not blocked by it (rows are only written, never locked across runs).

-- One row per firing of a Quartz schedule (nightly, quarterly, or fired on demand).
CREATE TABLE scheduled_run (
  scheduled_run_id   BIGINT        NOT NULL AUTO_INCREMENT,
  schedule_name      VARCHAR(64)   NOT NULL,
  fire_instance_id   VARCHAR(95)   NOT NULL,
  scheduled_for      DATETIME(6)   NULL,
  started_at         DATETIME(6)   NOT NULL,
  finished_at        DATETIME(6)   NULL,
  scheduler_instance VARCHAR(190)  NOT NULL,
  status             VARCHAR(12)   NOT NULL,
  error_message      VARCHAR(4000) NULL,
  CONSTRAINT pk_scheduled_run PRIMARY KEY (scheduled_run_id)
);
CREATE INDEX ix_scheduled_run_name ON scheduled_run (schedule_name, scheduled_run_id);

-- The Batch job executions a scheduled run started, in order.
CREATE TABLE scheduled_run_job (
  scheduled_run_id   BIGINT        NOT NULL,
  job_execution_id   BIGINT        NOT NULL,
  job_name           VARCHAR(100)  NOT NULL,
  CONSTRAINT pk_scheduled_run_job PRIMARY KEY (scheduled_run_id, job_execution_id)
);

-- A scoring run (and its pack) requested through POST /api/periods/{period}/runs; its id is the
-- run_id of the API.
CREATE TABLE requested_run (
  run_id             BIGINT        NOT NULL AUTO_INCREMENT,
  period             VARCHAR(8)    NOT NULL,
  requested_by       VARCHAR(100)  NULL,
  requested_at       DATETIME(6)   NOT NULL,
  finished_at        DATETIME(6)   NULL,
  status             VARCHAR(12)   NOT NULL,
  score_execution_id BIGINT        NULL,
  pack_execution_id  BIGINT        NULL,
  error_message      VARCHAR(4000) NULL,
  CONSTRAINT pk_requested_run PRIMARY KEY (run_id)
);
CREATE INDEX ix_requested_run_period ON requested_run (period, run_id);

-- One row per scoring run and webhook: what was posted, or why it could not be. The URL itself is
-- a secret (Slack puts the token in it), so only its origin and a hash are kept.
CREATE TABLE alert_delivery (
  delivery_id        BIGINT        NOT NULL AUTO_INCREMENT,
  scoring_run_id     BIGINT        NOT NULL,
  period             VARCHAR(8)    NOT NULL,
  webhook_origin     VARCHAR(300)  NOT NULL,
  webhook_sha256     CHAR(64)      NOT NULL,
  findings_count     BIGINT        NOT NULL,
  status             VARCHAR(12)   NOT NULL,
  attempts           INT           NOT NULL,
  error_message      VARCHAR(4000) NULL,
  created_at         DATETIME(6)   NOT NULL,
  CONSTRAINT pk_alert_delivery PRIMARY KEY (delivery_id),
  CONSTRAINT uq_alert_delivery_run_webhook UNIQUE (scoring_run_id, webhook_sha256)
);
CREATE INDEX ix_alert_delivery_time ON alert_delivery (created_at);
