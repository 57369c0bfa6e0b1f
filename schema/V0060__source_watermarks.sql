-- How far each pull from a source system got: per configured source and record kind, the highest
-- value of the query's watermark column among the rows of the last pull whose load succeeded. The
-- next pull reads only rows above it. Written only after the ingest of a pull completed, so a pull
-- that failed (source down, load died) is read again whole by the next one.
CREATE TABLE source_watermark (
  source_name        VARCHAR(100)  NOT NULL,
  record_kind        VARCHAR(20)   NOT NULL,
  -- TIMESTAMP (ISO local date-time), NUMBER (plain decimal) or TEXT: how the value is bound again
  value_type         VARCHAR(10)   NOT NULL,
  watermark_value    VARCHAR(255)  NOT NULL,
  updated_at         DATETIME(6)   NOT NULL,
  CONSTRAINT pk_source_watermark PRIMARY KEY (source_name, record_kind)
);
