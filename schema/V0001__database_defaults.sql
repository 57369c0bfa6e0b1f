-- Ids and text compare exactly (byte order, case-sensitive, no padding tricks); the controls do
-- their own trimming and case folding through the *_key columns. Both MySQL 8 and MariaDB accept this.
/* [jooq ignore start] */
ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
/* [jooq ignore stop] */
