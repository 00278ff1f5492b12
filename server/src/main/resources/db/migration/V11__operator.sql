-- The operating organisation runs the deployment: its admins change deployment-wide settings, and its admins and
-- auditors see deployment-wide figures (metrics, the whole audit chain). The first organisation created is it.
ALTER TABLE organisation ADD COLUMN operator BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE organisation SET operator = TRUE WHERE id = (SELECT MIN(id) FROM organisation);
