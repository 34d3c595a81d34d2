-- Review level by level (issue 13): sign-offs and 未报 marks per
-- (indicator, unit, period), versioned (SQLite: the signoffs migration).
CREATE TABLE signoffs (
  indicator_code TEXT COLLATE "C" NOT NULL,
  unit_id TEXT COLLATE "C" NOT NULL,
  period TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (indicator_code, period, unit_id)
);
