-- Every pack made, with the run it was made from, so the API can serve the latest one and anyone
-- can re-make it byte for byte from the same run.
CREATE TABLE evidence_pack (
  pack_id            BIGINT        NOT NULL AUTO_INCREMENT,
  run_id             BIGINT        NOT NULL,
  period             VARCHAR(8)    NOT NULL,
  lang               VARCHAR(4)    NOT NULL,
  file_path          VARCHAR(2000) NOT NULL,
  size_bytes         BIGINT        NOT NULL,
  sha256             CHAR(64)      NOT NULL,
  created_at         DATETIME(6)   NOT NULL,
  CONSTRAINT pk_evidence_pack PRIMARY KEY (pack_id)
);
CREATE INDEX ix_evidence_pack_period ON evidence_pack (period, pack_id);
