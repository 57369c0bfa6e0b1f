-- The queue of partition requests from a scoring manager to `compliance worker` processes
-- (Spring Integration's JdbcChannelMessageStore, table as its schema-mysql.sql names it). Both
-- MySQL 8 and MariaDB accept this; polling uses FOR UPDATE SKIP LOCKED (MySQL 8, MariaDB 10.6+).
CREATE TABLE INT_CHANNEL_MESSAGE (
  MESSAGE_ID        CHAR(36)      NOT NULL,
  GROUP_KEY         CHAR(36)      NOT NULL,
  CREATED_DATE      BIGINT        NOT NULL,
  MESSAGE_PRIORITY  BIGINT        NULL,
  MESSAGE_SEQUENCE  BIGINT        NOT NULL AUTO_INCREMENT UNIQUE,
  MESSAGE_CONTENT   BLOB          NULL,
  REGION            VARCHAR(100)  NOT NULL,
  CONSTRAINT INT_CHANNEL_MESSAGE_PK PRIMARY KEY (REGION, GROUP_KEY, CREATED_DATE, MESSAGE_SEQUENCE)
);
CREATE INDEX INT_CHANNEL_MSG_DELETE_IDX ON INT_CHANNEL_MESSAGE (REGION, GROUP_KEY, MESSAGE_ID);
