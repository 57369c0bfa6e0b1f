-- A finding's reason as a stable code and its parameters besides the English text (issue 15), so
-- each language words it and a machine reads it without parsing prose (docs/controls.md):
-- reason_code names a template of scoring/reasons_<lang>.properties (R2.3.open-incident);
-- reason_params is a JSON object of its parameters: ids, numbers and report-zone times as written,
-- durations as ISO-8601 (PT5M), lists as arrays. Findings written before this have neither (NULL):
-- their stored text is shown as it is.

ALTER TABLE finding ADD COLUMN reason_code VARCHAR(64) NULL AFTER reason;
ALTER TABLE finding ADD COLUMN reason_params MEDIUMTEXT NULL AFTER reason_code;
