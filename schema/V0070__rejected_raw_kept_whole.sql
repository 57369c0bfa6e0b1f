-- A rejected row's raw text was a TEXT (65,535 bytes), and a longer one was cut silently. It is now
-- kept whole up to 16,777,215 bytes of UTF-8 (MEDIUMTEXT); beyond that its first part is kept with
-- a marker at its end, and the two columns below say so for a program:
--   raw_bytes  the size of the whole raw text in UTF-8 (raw_sha256 is always the whole text's hash)
--   raw_cut    whether raw_record holds only its first part
-- Both are NULL for rows kept before this migration: a raw text of those that is 65,533 bytes or
-- longer may have been cut, and how long it was is not known.
ALTER TABLE rejected_record MODIFY raw_record MEDIUMTEXT NOT NULL;
ALTER TABLE rejected_record ADD COLUMN raw_bytes BIGINT NULL;
ALTER TABLE rejected_record ADD COLUMN raw_cut BOOLEAN NULL;
