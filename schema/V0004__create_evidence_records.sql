-- Evidence records as loaded from the source drops.
--
-- Every record table keeps every revision of a record: a row is never updated in place except to
-- note the load that superseded it. The revision visible "as of load L" is the one with
-- load_id <= L and (superseded_by_load IS NULL OR superseded_by_load > L); the current revision has
-- superseded_by_load IS NULL. Instants are stored as UTC in DATETIME(6). Ids are stored trimmed;
-- the *_key columns hold the trimmed, upper-cased form the controls compare on.

CREATE TABLE ingest_load (
  load_id           BIGINT       NOT NULL AUTO_INCREMENT,
  job_execution_id  BIGINT       NULL,
  source_name       VARCHAR(1000) NOT NULL,
  file_name         VARCHAR(255) NOT NULL,
  record_kind       VARCHAR(20)  NOT NULL,
  file_sha256       CHAR(64)     NULL,
  encoding          VARCHAR(40)  NOT NULL,
  source_zone       VARCHAR(64)  NOT NULL,
  status            VARCHAR(20)  NOT NULL,
  started_at        DATETIME(6)  NOT NULL,
  finished_at       DATETIME(6)  NULL,
  rows_read         BIGINT       NOT NULL DEFAULT 0,
  rows_inserted     BIGINT       NOT NULL DEFAULT 0,
  rows_unchanged    BIGINT       NOT NULL DEFAULT 0,
  rows_revised      BIGINT       NOT NULL DEFAULT 0,
  rows_rejected     BIGINT       NOT NULL DEFAULT 0,
  unknown_columns   VARCHAR(2000) NULL,
  CONSTRAINT pk_ingest_load PRIMARY KEY (load_id)
);

CREATE TABLE rejected_record (
  rejection_id      BIGINT       NOT NULL AUTO_INCREMENT,
  load_id           BIGINT       NOT NULL,
  file_name         VARCHAR(255) NOT NULL,
  line_no           BIGINT       NOT NULL,
  column_name       VARCHAR(255) NULL,
  reason            VARCHAR(4000) NOT NULL,
  raw_record        TEXT         NOT NULL,
  raw_sha256        CHAR(64)     NOT NULL,
  reference_time    DATETIME(6)  NULL,
  CONSTRAINT pk_rejected_record PRIMARY KEY (rejection_id),
  CONSTRAINT uk_rejected_record UNIQUE (file_name, line_no, raw_sha256)
);

CREATE TABLE change_record (
  change_id          VARCHAR(191) NOT NULL,
  revision           INT          NOT NULL,
  load_id            BIGINT       NOT NULL,
  superseded_by_load BIGINT       NULL,
  content_hash       CHAR(64)     NOT NULL,
  source_line        BIGINT       NOT NULL,
  service            VARCHAR(255) NOT NULL,
  data_center        VARCHAR(255) NOT NULL,
  data_center_key    VARCHAR(255) NOT NULL,
  change_type        VARCHAR(32)  NOT NULL,
  scale              VARCHAR(16)  NOT NULL,
  destructive        BOOLEAN      NOT NULL,
  summary            TEXT         NULL,
  requested_by       VARCHAR(255) NOT NULL,
  approved_by        VARCHAR(255) NULL,
  approved_at        DATETIME(6)  NULL,
  window_start       DATETIME(6)  NULL,
  window_end         DATETIME(6)  NULL,
  started_at         DATETIME(6)  NOT NULL,
  ended_at           DATETIME(6)  NULL,
  outcome            VARCHAR(32)  NULL,
  rollback_plan      TEXT         NULL,
  CONSTRAINT pk_change_record PRIMARY KEY (change_id, revision)
);
CREATE INDEX ix_change_record_started ON change_record (started_at, data_center_key);

CREATE TABLE test_run (
  test_run_id        VARCHAR(191) NOT NULL,
  revision           INT          NOT NULL,
  load_id            BIGINT       NOT NULL,
  superseded_by_load BIGINT       NULL,
  content_hash       CHAR(64)     NOT NULL,
  source_line        BIGINT       NOT NULL,
  change_id          VARCHAR(191) NOT NULL,
  environment        VARCHAR(255) NOT NULL,
  env_parity         DECIMAL(20,12) NULL,
  scope              VARCHAR(32)  NOT NULL,
  started_at         DATETIME(6)  NOT NULL,
  finished_at        DATETIME(6)  NOT NULL,
  result             VARCHAR(16)  NOT NULL,
  tests_total        BIGINT       NULL,
  tests_failed       BIGINT       NULL,
  CONSTRAINT pk_test_run PRIMARY KEY (test_run_id, revision)
);
CREATE INDEX ix_test_run_change ON test_run (change_id, finished_at);

CREATE TABLE incident (
  incident_id           VARCHAR(191) NOT NULL,
  revision              INT          NOT NULL,
  load_id               BIGINT       NOT NULL,
  superseded_by_load    BIGINT       NULL,
  content_hash          CHAR(64)     NOT NULL,
  source_line           BIGINT       NOT NULL,
  service               VARCHAR(255) NOT NULL,
  data_center           VARCHAR(255) NOT NULL,
  data_center_key       VARCHAR(255) NOT NULL,
  severity              VARCHAR(8)   NOT NULL,
  title                 TEXT         NULL,
  incident_type         VARCHAR(255) NOT NULL,
  incident_type_key     VARCHAR(255) NOT NULL,
  started_at            DATETIME(6)  NOT NULL,
  detected_at           DATETIME(6)  NOT NULL,
  resolved_at           DATETIME(6)  NULL,
  closed_at             DATETIME(6)  NULL,
  users_affected_pct    DECIMAL(20,12) NOT NULL,
  detection_source      VARCHAR(32)  NOT NULL,
  cause_change_id       VARCHAR(191) NULL,
  commander             VARCHAR(255) NULL,
  commander_assigned_at DATETIME(6)  NULL,
  CONSTRAINT pk_incident PRIMARY KEY (incident_id, revision)
);
CREATE INDEX ix_incident_started ON incident (started_at, data_center_key);

CREATE TABLE notification (
  notification_id    VARCHAR(191) NOT NULL,
  revision           INT          NOT NULL,
  load_id            BIGINT       NOT NULL,
  superseded_by_load BIGINT       NULL,
  content_hash       CHAR(64)     NOT NULL,
  source_line        BIGINT       NOT NULL,
  incident_id        VARCHAR(191) NOT NULL,
  channel            VARCHAR(32)  NOT NULL,
  kind               VARCHAR(16)  NOT NULL,
  published_at       DATETIME(6)  NOT NULL,
  url                TEXT         NULL,
  CONSTRAINT pk_notification PRIMARY KEY (notification_id, revision)
);
CREATE INDEX ix_notification_incident ON notification (incident_id, published_at);

CREATE TABLE postmortem (
  postmortem_id      VARCHAR(191) NOT NULL,
  revision           INT          NOT NULL,
  load_id            BIGINT       NOT NULL,
  superseded_by_load BIGINT       NULL,
  content_hash       CHAR(64)     NOT NULL,
  source_line        BIGINT       NOT NULL,
  incident_id        VARCHAR(191) NOT NULL,
  published_at       DATETIME(6)  NOT NULL,
  template_version   VARCHAR(255) NULL,
  root_cause         TEXT         NULL,
  CONSTRAINT pk_postmortem PRIMARY KEY (postmortem_id, revision)
);
CREATE INDEX ix_postmortem_incident ON postmortem (incident_id, published_at);

CREATE TABLE action_item (
  action_item_id     VARCHAR(191) NOT NULL,
  revision           INT          NOT NULL,
  load_id            BIGINT       NOT NULL,
  superseded_by_load BIGINT       NULL,
  content_hash       CHAR(64)     NOT NULL,
  source_line        BIGINT       NOT NULL,
  postmortem_id      VARCHAR(191) NOT NULL,
  title              TEXT         NULL,
  owner              VARCHAR(255) NULL,
  due_at             DATETIME(6)  NOT NULL,
  closed_at          DATETIME(6)  NULL,
  CONSTRAINT pk_action_item PRIMARY KEY (action_item_id, revision)
);
CREATE INDEX ix_action_item_due ON action_item (due_at);
CREATE INDEX ix_action_item_postmortem ON action_item (postmortem_id);

CREATE TABLE runbook (
  runbook_id         VARCHAR(191) NOT NULL,
  version            VARCHAR(100) NOT NULL,
  revision           INT          NOT NULL,
  load_id            BIGINT       NOT NULL,
  superseded_by_load BIGINT       NULL,
  content_hash       CHAR(64)     NOT NULL,
  source_line        BIGINT       NOT NULL,
  incident_type      VARCHAR(255) NOT NULL,
  incident_type_key  VARCHAR(255) NOT NULL,
  title              TEXT         NULL,
  owner_department   VARCHAR(255) NULL,
  roles              TEXT         NULL,
  last_reviewed_at   DATETIME(6)  NOT NULL,
  CONSTRAINT pk_runbook PRIMARY KEY (runbook_id, version, revision)
);
CREATE INDEX ix_runbook_type ON runbook (incident_type_key, last_reviewed_at);

CREATE TABLE control_exception (
  exception_id       VARCHAR(191) NOT NULL,
  revision           INT          NOT NULL,
  load_id            BIGINT       NOT NULL,
  superseded_by_load BIGINT       NULL,
  content_hash       CHAR(64)     NOT NULL,
  source_line        BIGINT       NOT NULL,
  control_id         VARCHAR(32)  NOT NULL,
  control_key        VARCHAR(32)  NOT NULL,
  subject_id         VARCHAR(191) NOT NULL,
  reason             TEXT         NOT NULL,
  approved_by        VARCHAR(255) NOT NULL,
  valid_from         DATETIME(6)  NOT NULL,
  valid_until        DATETIME(6)  NOT NULL,
  CONSTRAINT pk_control_exception PRIMARY KEY (exception_id, revision)
);
CREATE INDEX ix_control_exception_subject ON control_exception (control_key, subject_id);
