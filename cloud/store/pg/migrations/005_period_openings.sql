-- Late reports: a closed period opened again for one unit, until a date
-- (SQLite migration 7).
CREATE TABLE period_openings (
  indicator_code TEXT COLLATE "C" NOT NULL,
  org_unit_id TEXT COLLATE "C" NOT NULL,
  period TEXT COLLATE "C" NOT NULL,
  until TEXT COLLATE "C" NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (indicator_code, org_unit_id, period)
);
CREATE INDEX period_openings_unit ON period_openings (org_unit_id, until);
