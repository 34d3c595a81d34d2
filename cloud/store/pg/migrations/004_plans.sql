-- Plans per year and roll-ups as a rebuildable projection (SQLite
-- migration 6). Each indicator's definition moves to plans, one row per
-- year from its activeFrom to its activeTo (open-ended: to the latest year
-- it has reports in, at least activeFrom), with year in place of
-- activeFrom/activeTo; indicators stays as the registry of codes. Each
-- unit-year keeps the contribution last applied to the roll-ups (counted);
-- old roll-ups are emptied and a rebuild job is queued for every
-- indicator-year with reports (the server runs pending jobs at start).
CREATE TABLE plans (
  code TEXT COLLATE "C" NOT NULL REFERENCES indicators(code),
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (code, year)
);
CREATE INDEX plans_year ON plans(year, seq, code);

INSERT INTO plans (code, year, seq, body)
SELECT i.code, y, i.seq, ((i.body::jsonb - 'activeFrom' - 'activeTo') || jsonb_build_object('year', y))::text
FROM indicators i,
  LATERAL generate_series(
    (i.body::jsonb ->> 'activeFrom')::int,
    coalesce((i.body::jsonb ->> 'activeTo')::int,
             greatest((i.body::jsonb ->> 'activeFrom')::int, coalesce((SELECT max(u.year) FROM unit_years u WHERE u.indicator_code = i.code), 0)))
  ) AS y
WHERE i.body::jsonb ? 'activeFrom';

ALTER TABLE unit_years ADD COLUMN counted TEXT NOT NULL DEFAULT '{}';
CREATE INDEX unit_years_by_year ON unit_years(indicator_code, year, org_unit_id);
DELETE FROM rollups;

CREATE TABLE rollup_jobs (
  indicator_code TEXT COLLATE "C" NOT NULL,
  year INTEGER NOT NULL,
  state TEXT NOT NULL,
  requested_at TEXT COLLATE "C" NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (indicator_code, year)
);
CREATE INDEX rollup_jobs_state ON rollup_jobs(state, requested_at);
INSERT INTO rollup_jobs (indicator_code, year, state, requested_at, body)
SELECT indicator_code, year, 'pending', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       jsonb_build_object('indicatorCode', indicator_code, 'year', year, 'state', 'pending', 'cursor', NULL, 'done', 0, 'total', count(*),
                          'requestedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'updatedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
FROM unit_years GROUP BY indicator_code, year;
