-- Query records are grouped (up to 100 queries of one caller in one record, each with its own time), so details
-- grow past 4000 characters.
ALTER TABLE audit_log ALTER COLUMN detail SET DATA TYPE VARCHAR(100000);
