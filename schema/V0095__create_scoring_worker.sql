-- The `compliance worker` processes alive now, each with the partition it is judging. A worker
-- writes its row's last_seen_at every few seconds (the database's UTC clock, so the machines'
-- clocks do not matter); a manager that finds one of its partitions held by a worker silent for
-- longer than compliance.scoring.worker-lost-after fails that partition at once instead of waiting
-- out worker-timeout, and deletes the row, which tells a worker that was only stalled to stop.
CREATE TABLE scoring_worker (
  worker_id          CHAR(36)     NOT NULL,
  host               VARCHAR(255) NOT NULL,
  pid                BIGINT       NOT NULL,
  started_at         DATETIME(6)  NOT NULL,
  last_seen_at       DATETIME(6)  NOT NULL,
  step_execution_id  BIGINT       NULL,
  CONSTRAINT pk_scoring_worker PRIMARY KEY (worker_id)
);
CREATE INDEX ix_scoring_worker_step ON scoring_worker (step_execution_id);
