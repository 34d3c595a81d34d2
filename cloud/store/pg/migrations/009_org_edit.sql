-- Org tree editing (issue 13, SQLite migration 9): units can be retired or
-- merged (rows stay: their reports are history) and carry population
-- figures for rates.
ALTER TABLE org_units ADD COLUMN retired_at TEXT;
ALTER TABLE org_units ADD COLUMN merged_into TEXT COLLATE "C";
ALTER TABLE org_units ADD COLUMN population JSONB;
