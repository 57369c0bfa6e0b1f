-- The submission of its own period a run compares with ("Changes since the submission" in its
-- pack): the period's current submission when the run was scored, fixed then, so a later
-- submission never changes this run's pack.
ALTER TABLE scoring_run ADD COLUMN baseline_submission_id BIGINT NULL;
