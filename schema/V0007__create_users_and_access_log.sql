CREATE TABLE app_user (
  username           VARCHAR(100)  NOT NULL,
  password_hash      VARCHAR(255)  NOT NULL,
  role               VARCHAR(16)   NOT NULL,
  created_at         DATETIME(6)   NOT NULL,
  CONSTRAINT pk_app_user PRIMARY KEY (username)
);

-- Every /api/** request, allowed or refused.
CREATE TABLE access_log (
  access_id          BIGINT        NOT NULL AUTO_INCREMENT,
  at_time            DATETIME(6)   NOT NULL,
  username           VARCHAR(100)  NULL,
  method             VARCHAR(10)   NOT NULL,
  path               VARCHAR(4000) NOT NULL,
  status             INT           NOT NULL,
  CONSTRAINT pk_access_log PRIMARY KEY (access_id)
);
CREATE INDEX ix_access_log_time ON access_log (at_time);
