-- The same tables as the SQLite store's migrations 1–4, in PostgreSQL.
-- Keys and paths compare byte-wise (COLLATE "C"), as in SQLite: subtree
-- queries are path ranges ('/d/' <= path < '/d0') and ids sort in time
-- order, which a language collation would reorder.

CREATE TABLE org_units (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  parent_id TEXT COLLATE "C" REFERENCES org_units(id),
  path TEXT COLLATE "C" NOT NULL UNIQUE
);
CREATE INDEX org_units_parent ON org_units(parent_id);
CREATE INDEX org_units_level_path ON org_units(level, path);

CREATE TABLE people (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  org_unit_id TEXT COLLATE "C" NOT NULL REFERENCES org_units(id),
  openid TEXT COLLATE "C" UNIQUE
);

CREATE TABLE invites (
  code TEXT COLLATE "C" PRIMARY KEY,
  person_id TEXT COLLATE "C" NOT NULL REFERENCES people(id),
  created_by TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  expires_at TEXT COLLATE "C" NOT NULL,
  used_at TEXT COLLATE "C",
  used_by TEXT
);

CREATE TABLE indicators (
  code TEXT COLLATE "C" PRIMARY KEY,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL
);

CREATE TABLE reports (
  id TEXT COLLATE "C" PRIMARY KEY,
  indicator_code TEXT COLLATE "C" NOT NULL REFERENCES indicators(code),
  org_unit_id TEXT COLLATE "C" NOT NULL REFERENCES org_units(id),
  unit_path TEXT COLLATE "C" NOT NULL,
  period TEXT COLLATE "C" NOT NULL,
  year INTEGER NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX reports_unit_year ON reports(indicator_code, org_unit_id, year);
CREATE INDEX reports_path_updated ON reports(unit_path, updated_at);
CREATE INDEX reports_indicator_period ON reports(indicator_code, period, updated_at);

CREATE TABLE submissions (
  client_id TEXT COLLATE "C" PRIMARY KEY,
  report_id TEXT COLLATE "C" NOT NULL REFERENCES reports(id),
  version INTEGER NOT NULL
);

-- One row per unit, indicator and year: the write's lock (SELECT … FOR
-- UPDATE) and the stamp that tells a write its roll-up deltas are stale.
CREATE TABLE unit_years (
  indicator_code TEXT COLLATE "C" NOT NULL,
  org_unit_id TEXT COLLATE "C" NOT NULL,
  year INTEGER NOT NULL,
  stamp INTEGER NOT NULL,
  PRIMARY KEY (indicator_code, org_unit_id, year)
);

CREATE TABLE rollups (
  indicator_code TEXT COLLATE "C" NOT NULL,
  unit_id TEXT COLLATE "C" NOT NULL,
  period TEXT COLLATE "C" NOT NULL,
  field TEXT COLLATE "C" NOT NULL,
  sum DOUBLE PRECISION NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (indicator_code, unit_id, period, field)
);

CREATE TABLE history (
  id BIGSERIAL PRIMARY KEY,
  report_id TEXT COLLATE "C" NOT NULL REFERENCES reports(id),
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  version INTEGER NOT NULL,
  changes TEXT NOT NULL,
  comment TEXT
);
CREATE INDEX history_report ON history(report_id, id);

CREATE TABLE reminder_grants (
  person_id TEXT COLLATE "C" NOT NULL,
  template_id TEXT COLLATE "C" NOT NULL,
  openid TEXT,
  one_time INTEGER NOT NULL CHECK (one_time >= 0),
  long_term BOOLEAN NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (person_id, template_id)
);

CREATE TABLE reminder_days (
  person_id TEXT COLLATE "C" PRIMARY KEY,
  day TEXT COLLATE "C" NOT NULL
);
CREATE INDEX reminder_days_day ON reminder_days(day);

CREATE TABLE reminder_outbox (
  id TEXT COLLATE "C" PRIMARY KEY,
  person_id TEXT COLLATE "C" NOT NULL,
  day TEXT NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX reminder_outbox_person ON reminder_outbox(person_id, id);

CREATE TABLE narratives (
  indicator_code TEXT COLLATE "C" NOT NULL REFERENCES indicators(code),
  org_unit_id TEXT COLLATE "C" NOT NULL REFERENCES org_units(id),
  year INTEGER NOT NULL,
  text TEXT NOT NULL,
  by_id TEXT NOT NULL,
  by_name TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (indicator_code, org_unit_id, year)
);

CREATE TABLE narrative_history (
  id BIGSERIAL PRIMARY KEY,
  indicator_code TEXT COLLATE "C" NOT NULL,
  org_unit_id TEXT COLLATE "C" NOT NULL,
  year INTEGER NOT NULL,
  text TEXT,
  by_id TEXT NOT NULL,
  by_name TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX narrative_history_key ON narrative_history(indicator_code, org_unit_id, year, id);
