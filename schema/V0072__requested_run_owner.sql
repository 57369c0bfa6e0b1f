-- The process that runs a requested run (docs/schedule.md, "Runs whose server stopped"): named in
-- the error of a run it left behind when it died, so the officer sees which server stopped.
ALTER TABLE requested_run ADD COLUMN owner_host VARCHAR(255) NULL;
ALTER TABLE requested_run ADD COLUMN owner_pid BIGINT NULL;
ALTER TABLE requested_run ADD COLUMN owner_started_at DATETIME(6) NULL;
