import type Database from 'better-sqlite3'

/**
 * Ordered schema migrations; `PRAGMA user_version` records how many ran.
 * Never edit a shipped migration: add the next one.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE org_units (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    parent_id TEXT REFERENCES org_units(id),
    path TEXT NOT NULL UNIQUE
  );
  CREATE INDEX org_units_parent ON org_units(parent_id);
  CREATE INDEX org_units_level_path ON org_units(level, path);

  CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    org_unit_id TEXT NOT NULL REFERENCES org_units(id),
    openid TEXT UNIQUE
  );

  CREATE TABLE invites (
    code TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    used_by TEXT
  );

  CREATE TABLE indicators (
    code TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL
  );

  CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    indicator_code TEXT NOT NULL REFERENCES indicators(code),
    org_unit_id TEXT NOT NULL REFERENCES org_units(id),
    unit_path TEXT NOT NULL,
    period TEXT NOT NULL,
    year INTEGER NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX reports_unit_year ON reports(indicator_code, org_unit_id, year);
  CREATE INDEX reports_path_updated ON reports(unit_path, updated_at);

  CREATE TABLE submissions (
    client_id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id),
    version INTEGER NOT NULL
  );

  CREATE TABLE unit_years (
    indicator_code TEXT NOT NULL,
    org_unit_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    stamp INTEGER NOT NULL,
    PRIMARY KEY (indicator_code, org_unit_id, year)
  ) WITHOUT ROWID;

  CREATE TABLE rollups (
    indicator_code TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    period TEXT NOT NULL,
    field TEXT NOT NULL,
    sum REAL NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (indicator_code, unit_id, period, field)
  ) WITHOUT ROWID;

  CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id),
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    version INTEGER NOT NULL,
    changes TEXT NOT NULL,
    comment TEXT
  );
  CREATE INDEX history_report ON history(report_id, id);
  `,
  // 2: reminders (subscribe-message grants, the day each person was last
  // reminded, and the outbox of every attempt).
  `
  CREATE TABLE reminder_grants (
    person_id TEXT NOT NULL,
    template_id TEXT NOT NULL,
    openid TEXT,
    one_time INTEGER NOT NULL CHECK (one_time >= 0),
    long_term INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (person_id, template_id)
  ) WITHOUT ROWID;

  CREATE TABLE reminder_days (
    person_id TEXT PRIMARY KEY,
    day TEXT NOT NULL
  );
  CREATE INDEX reminder_days_day ON reminder_days(day);

  CREATE TABLE reminder_outbox (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    day TEXT NOT NULL,
    status TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX reminder_outbox_person ON reminder_outbox(person_id, id);
  `,
  // 3: 自查表 narratives an editor wrote over the draft (one current text
  // per indicator, unit and year) and every change to them (who, when).
  `
  CREATE TABLE narratives (
    indicator_code TEXT NOT NULL REFERENCES indicators(code),
    org_unit_id TEXT NOT NULL REFERENCES org_units(id),
    year INTEGER NOT NULL,
    text TEXT NOT NULL,
    by_id TEXT NOT NULL,
    by_name TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (indicator_code, org_unit_id, year)
  ) WITHOUT ROWID;

  CREATE TABLE narrative_history (
    id INTEGER PRIMARY KEY,
    indicator_code TEXT NOT NULL,
    org_unit_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    text TEXT,
    by_id TEXT NOT NULL,
    by_name TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX narrative_history_key ON narrative_history(indicator_code, org_unit_id, year, id);
  `,
  // 4: the 自查表's evidence column and reviewer lists filter reports by
  // indicator and period, newest first: a bounded index read instead of
  // every report of the indicator.
  `
  CREATE INDEX reports_indicator_period ON reports(indicator_code, period, updated_at);
  `,
  // 5: a real install. The install mode (a folder seeded with the demo
  // people is 'demo' until `admin drop-demo`; a database from before this
  // migration with the demo admin in it is one), per-person session
  // generations (a token of an older generation is dead), rate-limit
  // counters shared by every process on the database, and uploaded files
  // (who sent them, for whose unit, how big: quotas, scope, orphans).
  `
  CREATE TABLE install (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO install (key, value) SELECT 'mode', 'demo' WHERE EXISTS (SELECT 1 FROM people WHERE id = 'u-admin');

  CREATE TABLE session_generations (
    person_id TEXT PRIMARY KEY,
    generation INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    reset_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX rate_limits_reset ON rate_limits(reset_at);

  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    unit_path TEXT NOT NULL,
    mime TEXT NOT NULL,
    name TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX uploads_person_created ON uploads(person_id, created_at);
  CREATE INDEX uploads_created ON uploads(created_at);
  `,
  // 6: plans per year and roll-ups as a rebuildable projection.
  // - Each indicator's definition moves to plans, one row per year from
  //   its activeFrom to its activeTo (open-ended: to the latest year it has
  //   reports in, at least activeFrom), with year in place of
  //   activeFrom/activeTo. indicators stays as the registry of codes
  //   that reports and narratives reference.
  // - Each unit-year keeps the contribution last applied to the roll-ups
  //   (counted). Old roll-ups were kept by deltas whose basis is not
  //   stored, and could have drifted: they are emptied (consistent with
  //   counted = {}) and a rebuild job is queued for every
  //   indicator-year with reports; the server runs pending jobs at start.
  `
  CREATE TABLE plans (
    code TEXT NOT NULL REFERENCES indicators(code),
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (code, year)
  ) WITHOUT ROWID;
  CREATE INDEX plans_year ON plans(year, seq, code);

  WITH RECURSIVE span(code, y, last) AS (
    SELECT i.code, json_extract(i.body, '$.activeFrom'),
           coalesce(json_extract(i.body, '$.activeTo'),
                    max(json_extract(i.body, '$.activeFrom'), coalesce((SELECT max(year) FROM unit_years u WHERE u.indicator_code = i.code), 0)))
    FROM indicators i WHERE json_extract(i.body, '$.activeFrom') IS NOT NULL
    UNION ALL
    SELECT code, y + 1, last FROM span WHERE y < last
  )
  INSERT INTO plans (code, year, seq, body)
  SELECT s.code, s.y, i.seq, json_set(json_remove(i.body, '$.activeFrom', '$.activeTo'), '$.year', s.y)
  FROM span s JOIN indicators i ON i.code = s.code;

  ALTER TABLE unit_years ADD COLUMN counted TEXT NOT NULL DEFAULT '{}';
  CREATE INDEX unit_years_by_year ON unit_years(indicator_code, year, org_unit_id);
  DELETE FROM rollups;

  CREATE TABLE rollup_jobs (
    indicator_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    state TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (indicator_code, year)
  ) WITHOUT ROWID;
  CREATE INDEX rollup_jobs_state ON rollup_jobs(state, requested_at);
  INSERT INTO rollup_jobs (indicator_code, year, state, requested_at, body)
  SELECT indicator_code, year, 'pending', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
         json_object('indicatorCode', indicator_code, 'year', year, 'state', 'pending', 'cursor', NULL, 'done', 0, 'total', count(*),
                     'requestedAt', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'updatedAt', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  FROM unit_years GROUP BY indicator_code, year;
  `,
  // 7: late reports: a closed period opened again for one unit, until a date.
  `
  CREATE TABLE period_openings (
    indicator_code TEXT NOT NULL,
    org_unit_id TEXT NOT NULL,
    period TEXT NOT NULL,
    until TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (indicator_code, org_unit_id, period)
  ) WITHOUT ROWID;
  CREATE INDEX period_openings_unit ON period_openings(org_unit_id, until);
  `,
  // 8: where the day's reminder pass stands between bounded runs (one row per job).
  `
  CREATE TABLE job_state (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL
  );
  `,
  // desk (issue 13): org units can be retired or merged (rows stay: their
  // reports are history) and carry population figures for rates.
  `
  ALTER TABLE org_units ADD COLUMN retired_at TEXT;
  ALTER TABLE org_units ADD COLUMN merged_into TEXT;
  ALTER TABLE org_units ADD COLUMN population TEXT;
  `,
  // review (issue 13): sign-offs and 未报 marks per (indicator, unit, period), versioned.
  `
  CREATE TABLE signoffs (
    indicator_code TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    period TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (indicator_code, period, unit_id)
  ) WITHOUT ROWID;
  `,
  // people (branch people): a person the bureau deactivated keeps their row and reports, and cannot sign in.
  `
  ALTER TABLE people ADD COLUMN deactivated_at TEXT;
  CREATE INDEX people_unit ON people(org_unit_id);
  `
]

/** A database whose schema is newer than this code: refuse it rather than run on a schema we do not know. */
export class FutureSchemaError extends Error {
  constructor(readonly found: number) {
    super(
      `The database has schema version ${found}, newer than this server knows (${MIGRATIONS.length}). ` +
        'It was written by a newer 格报: run that version, or restore a backup made for this one.'
    )
  }
}

/**
 * Brings the schema up to date in one EXCLUSIVE transaction: two servers
 * (or a server and the admin command) starting at once on a new database
 * take turns, and the second sees the first one's version and runs nothing.
 * Returns the schema version.
 */
export function migrate(db: Database.Database): number {
  const run = db.transaction((): number => {
    const current = db.pragma('user_version', { simple: true }) as number
    if (current > MIGRATIONS.length) throw new FutureSchemaError(current)
    for (let i = current; i < MIGRATIONS.length; i++) db.exec(MIGRATIONS[i])
    if (current < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`)
    return MIGRATIONS.length
  })
  return run.exclusive()
}
