-- 0001 foundation: migrations ledger, users, sessions, API tokens, audit log.
-- Times are UTC ISO-8601 text ('2026-11-29T08:00:00Z') or unix seconds where they are
-- compared arithmetically (session expiry).

CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,            -- login name
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin','secretariat','member','agency','producer')),
  password_hash TEXT,                            -- argon2id string; NULL = no password login
  agency_id     INTEGER,                         -- for role 'agency'
  unit_id       INTEGER,                         -- for role 'producer'
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE sessions (
  id          INTEGER PRIMARY KEY,
  token_hash  BLOB NOT NULL UNIQUE,              -- BLAKE2b-256 of the cookie token
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,                  -- unix seconds
  last_seen   INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,                  -- absolute expiry
  user_agent  TEXT,
  ip          TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY,
  token_hash  BLOB NOT NULL UNIQUE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  last_used   TEXT,
  revoked     INTEGER NOT NULL DEFAULT 0
);

-- Append-only, hash-chained: hash = BLAKE2b-256(prev_hash || canonical fields).
CREATE TABLE audit_events (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor_id    INTEGER REFERENCES users(id),
  actor_name  TEXT NOT NULL,                      -- kept even if the user is renamed
  action      TEXT NOT NULL,                      -- 'user.create', 'session.login', ...
  entity      TEXT NOT NULL,
  entity_id   INTEGER,
  detail      TEXT NOT NULL DEFAULT '{}',         -- JSON
  ip          TEXT,
  prev_hash   BLOB,
  hash        BLOB NOT NULL
);
CREATE INDEX audit_entity ON audit_events(entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
