-- R2.3 looks, for each freeze incident, at the changes of its data centre while it was open:
-- an index led by data centre keeps that a narrow range even for a long-open incident.
CREATE INDEX ix_change_record_dc_started ON change_record (data_center_key, started_at);
