-- "2026Q3 now differs from its submission": one row per submission, webhook and difference posted
-- (docs/schedule.md, "Alerts"), so the same difference is announced once, and only a new one again.
CREATE TABLE submission_drift_alert (
  drift_alert_id     BIGINT        NOT NULL AUTO_INCREMENT,
  submission_id      BIGINT        NOT NULL,
  scoring_run_id     BIGINT        NOT NULL,
  webhook_origin     VARCHAR(300)  NOT NULL,
  webhook_sha256     CHAR(64)      NOT NULL,
  difference_sha256  CHAR(64)      NOT NULL,
  findings_changed   BIGINT        NOT NULL,
  status             VARCHAR(12)   NOT NULL,
  attempts           INT           NOT NULL,
  error_message      VARCHAR(4000) NULL,
  created_at         DATETIME(6)   NOT NULL,
  CONSTRAINT pk_submission_drift_alert PRIMARY KEY (drift_alert_id),
  CONSTRAINT uq_submission_drift_alert UNIQUE (submission_id, webhook_sha256, difference_sha256)
);
