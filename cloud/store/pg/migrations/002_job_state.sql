-- Where the day's reminder pass stands between bounded runs (one row per job).
CREATE TABLE job_state (
  name TEXT COLLATE "C" PRIMARY KEY,
  body TEXT NOT NULL
);
