-- A real install (SQLite migration 5): install mode, per-person session
-- generations, rate-limit counters shared by every server process, and
-- uploaded files (who sent them, for whose unit, how big).
CREATE TABLE install (
  key TEXT COLLATE "C" PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO install (key, value) SELECT 'mode', 'demo' WHERE EXISTS (SELECT 1 FROM people WHERE id = 'u-admin');

CREATE TABLE session_generations (
  person_id TEXT COLLATE "C" PRIMARY KEY,
  generation INTEGER NOT NULL
);

CREATE TABLE rate_limits (
  key TEXT COLLATE "C" PRIMARY KEY,
  count INTEGER NOT NULL,
  reset_at BIGINT NOT NULL
);
CREATE INDEX rate_limits_reset ON rate_limits(reset_at);

CREATE TABLE uploads (
  id TEXT COLLATE "C" PRIMARY KEY,
  person_id TEXT COLLATE "C" NOT NULL,
  unit_path TEXT COLLATE "C" NOT NULL,
  mime TEXT NOT NULL,
  name TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX uploads_person_created ON uploads(person_id, created_at);
CREATE INDEX uploads_created ON uploads(created_at);
