-- Failed logins counted per user name and per client address, shared by every `serve` process on
-- the database, so a lock holds whichever process the next guess reaches. One row per counted
-- subject; a row with no failure for a day is deleted by the next failure anywhere.
CREATE TABLE login_throttle (
  -- USER (the name tried, existing or not) or ADDRESS (the client address)
  scope              VARCHAR(10)   NOT NULL,
  subject            VARCHAR(100)  NOT NULL,
  -- failures since window_started_at; set back to 0 when a lock starts
  failures           INT           NOT NULL,
  window_started_at  DATETIME(6)   NOT NULL,
  -- how many times this subject was locked: each lock lasts twice the one before
  lockouts           INT           NOT NULL,
  locked_at          DATETIME(6)   NULL,
  locked_until       DATETIME(6)   NULL,
  last_failure_at    DATETIME(6)   NOT NULL,
  -- the client address of the last failure (for a USER row: where the guesses came from)
  last_address       VARCHAR(100)  NOT NULL,
  CONSTRAINT pk_login_throttle PRIMARY KEY (scope, subject)
);
CREATE INDEX ix_login_throttle_last_failure ON login_throttle (last_failure_at);
