-- 0020 working-group sessions (جلسه): the bodies that meet (the provincial working
-- group and its sub-groups), sessions with their attendance and agenda, the
-- resolutions (مصوبه) issued at them with the cases they decide, and each
-- resolution's append-only history (notice, objection, ruling, outcome).
-- Code says "meeting" because "session" is taken by sign-in sessions.

CREATE TABLE meeting_bodies (
  id    INTEGER PRIMARY KEY,
  code  TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL,
  main  INTEGER NOT NULL DEFAULT 0       -- the main working group (others are sub-groups)
);
INSERT INTO meeting_bodies(id, code, name, main) VALUES
  (1, 'main', 'کارگروه تسهیل و رفع موانع تولید استان', 1),
  (2, 'finance', 'کمیته تأمین مالی و بانکی', 0),
  (3, 'infrastructure', 'کمیته زیرساخت و انشعابات', 0),
  (4, 'permits', 'کمیته مجوزها، اراضی و محیط زیست', 0),
  (5, 'county', 'کارگروه تسهیل شهرستان اسلامشهر', 0);

CREATE TABLE meetings (
  id          INTEGER PRIMARY KEY,
  body_id     INTEGER NOT NULL REFERENCES meeting_bodies(id) ON DELETE RESTRICT,
  year        INTEGER NOT NULL,           -- Jalali year of held_on
  seq         INTEGER NOT NULL,           -- the session's number in its body's year
  held_on     TEXT NOT NULL,              -- ISO Gregorian date
  starts_at   TEXT NOT NULL DEFAULT '',   -- HH:MM, Tehran time
  place       TEXT NOT NULL DEFAULT '',
  chair       TEXT NOT NULL DEFAULT '',
  secretary   TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','held','cancelled')),
  created_by  INTEGER REFERENCES users(id),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  UNIQUE (body_id, year, seq)
);
CREATE INDEX meetings_held ON meetings(held_on, id);

CREATE TABLE meeting_attendees (
  id              INTEGER PRIMARY KEY,
  meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  position        TEXT NOT NULL DEFAULT '',
  agency_id       INTEGER REFERENCES agencies(id) ON DELETE RESTRICT,
  full_authority  INTEGER NOT NULL DEFAULT 0,
  present         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_attendees_meeting ON meeting_attendees(meeting_id, id);

-- Agenda items: a case (the usual) or a free topic; `position` orders them.
CREATE TABLE meeting_items (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  case_id     INTEGER REFERENCES cases(id) ON DELETE RESTRICT,
  title       TEXT NOT NULL,
  notes       TEXT NOT NULL DEFAULT '',
  UNIQUE (meeting_id, case_id)
);
CREATE INDEX meeting_items_meeting ON meeting_items(meeting_id, position);
CREATE INDEX meeting_items_case ON meeting_items(case_id);

CREATE TABLE resolutions (
  id              INTEGER PRIMARY KEY,
  meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE RESTRICT,
  item_id         INTEGER NOT NULL REFERENCES meeting_items(id) ON DELETE RESTRICT,
  number          TEXT NOT NULL UNIQUE,   -- the notice number, year/session/n
  text            TEXT NOT NULL,
  agency_id       INTEGER NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
  deadline        TEXT NOT NULL,          -- ISO date the agency must carry it out by
  notice_on       TEXT NOT NULL,          -- ISO date of the notice (ابلاغ)
  window_ends_on  TEXT NOT NULL,          -- last day of the objection window
  state           TEXT NOT NULL DEFAULT 'issued' CHECK (state IN ('issued','objection_pending',
                    'in_execution','carried_out','partly','not_carried_out','objected')),
  objection       TEXT NOT NULL DEFAULT '',
  objected_on     TEXT,
  ruling          TEXT CHECK (ruling IN ('upheld','amended','accepted')),
  ruling_note     TEXT NOT NULL DEFAULT '',
  fault           TEXT CHECK (fault IN ('applicant','agency')),
  evidence        TEXT NOT NULL DEFAULT '',
  outcome_on      TEXT,                   -- ISO date the outcome was recorded
  overdue_noted   INTEGER NOT NULL DEFAULT 0, -- the agency was told its deadline passed
  created_by      INTEGER REFERENCES users(id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX resolutions_agency ON resolutions(agency_id, state, deadline);
CREATE INDEX resolutions_meeting ON resolutions(meeting_id, id);
CREATE INDEX resolutions_state ON resolutions(state, deadline);
CREATE INDEX resolutions_window ON resolutions(state, window_ends_on);

CREATE TABLE resolution_cases (
  resolution_id  INTEGER NOT NULL REFERENCES resolutions(id) ON DELETE RESTRICT,
  case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
  PRIMARY KEY (resolution_id, case_id)
);
CREATE INDEX resolution_cases_case ON resolution_cases(case_id);

-- Evidence and letters about a resolution (the agency's objection, the execution
-- report): files live beside the database, content-addressed, like cases'.
CREATE TABLE resolution_attachments (
  id             INTEGER PRIMARY KEY,
  resolution_id  INTEGER NOT NULL REFERENCES resolutions(id) ON DELETE RESTRICT,
  name           TEXT NOT NULL,
  mime           TEXT NOT NULL CHECK (mime IN ('application/pdf','image/jpeg','image/png')),
  size           INTEGER NOT NULL CHECK (size > 0),
  hash           TEXT NOT NULL,
  added_by       INTEGER REFERENCES users(id),
  added_at       TEXT NOT NULL
);
CREATE INDEX resolution_attachments_resolution ON resolution_attachments(resolution_id, id);

CREATE TABLE resolution_events (
  id             INTEGER PRIMARY KEY,
  resolution_id  INTEGER NOT NULL REFERENCES resolutions(id) ON DELETE RESTRICT,
  at             TEXT NOT NULL,
  actor_id       INTEGER REFERENCES users(id),
  actor_name     TEXT NOT NULL,
  kind           TEXT NOT NULL,           -- issue, object, uphold, amend, accept, start, outcome
  from_state     TEXT,
  to_state       TEXT,
  body           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX resolution_events_resolution ON resolution_events(resolution_id, id);
CREATE TRIGGER resolution_events_no_update BEFORE UPDATE ON resolution_events
BEGIN SELECT RAISE(ABORT, 'resolution events are append-only'); END;
CREATE TRIGGER resolution_events_no_delete BEFORE DELETE ON resolution_events
BEGIN SELECT RAISE(ABORT, 'resolution events are append-only'); END;
