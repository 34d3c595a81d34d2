-- People the bureau deactivated keep their row and reports, and cannot sign
-- in (SQLite migration "people"); listing a subtree's people joins by unit.
ALTER TABLE people ADD COLUMN deactivated_at TEXT COLLATE "C";
CREATE INDEX people_unit ON people (org_unit_id);
