-- A finding is reached by its subject through the primary key (run_id, control_id, subject_id):
-- the record view asks for the shown runs and every control id, a few dozen point ranges
-- (ScoringResults.findingsOfSubject), so the index by subject only cost each score its upkeep. At a
-- million changes its 3.1 million entries were a fifth of the findings' load on the server (27.5 s
-- without it, 35.3 s with it, the same rows loaded alone).
DROP INDEX ix_finding_subject ON finding;
