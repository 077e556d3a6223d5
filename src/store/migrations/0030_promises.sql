-- 0030 promises: the promise tracker (issue 7).
-- A promise is said by a person (promise_people) holding an office, on an occasion
-- (a visit, a session, an interview), in a county; it quotes the words, names the
-- responsible agency (free text now; agency_id waits for the agency registry) and a
-- target date. Its rating changes are an append-only timeline (promise_ratings),
-- each with a date, a source and a note; promises.rating caches the latest one.
-- Dates people read are ISO Gregorian 'YYYY-MM-DD' here and Jalali on screen.
-- *_key columns hold the Persian search key (text/fa_key) so that a name or a word
-- is found however it was typed.

CREATE TABLE promise_people (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL
);

CREATE TABLE promise_occasions (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('visit','session','interview','other')),
  title       TEXT NOT NULL,
  held_on     TEXT NOT NULL,                     -- ISO Gregorian date
  county      TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  UNIQUE (title, held_on)
);

-- Articles taken in (pasted or uploaded), kept as the source of their promises.
CREATE TABLE promise_articles (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL DEFAULT '',
  url         TEXT,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE promises (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES promise_people(id),
  office      TEXT NOT NULL DEFAULT '',
  occasion_id INTEGER REFERENCES promise_occasions(id),
  county      TEXT NOT NULL DEFAULT '',
  said_on     TEXT NOT NULL,                     -- ISO Gregorian date
  summary     TEXT NOT NULL,                     -- one line: what was promised
  quote       TEXT NOT NULL,                     -- the words as reported
  topic       TEXT NOT NULL DEFAULT '',
  agency      TEXT NOT NULL DEFAULT '',          -- responsible agency, free text
  agency_id   INTEGER,                           -- the agency registry, later
  target_on   TEXT,                              -- ISO Gregorian date or NULL
  rating      TEXT NOT NULL DEFAULT 'not_rated' CHECK (rating IN
              ('not_rated','in_the_works','stalled','kept','compromise','broken')),
  rated_on    TEXT,                              -- date of the latest rating change
  search_key  TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES users(id),
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX promises_person ON promises(person_id);
CREATE INDEX promises_occasion ON promises(occasion_id);
CREATE INDEX promises_rating ON promises(rating);

CREATE TABLE promise_sources (
  id          INTEGER PRIMARY KEY,
  promise_id  INTEGER NOT NULL REFERENCES promises(id),
  url         TEXT,
  title       TEXT NOT NULL DEFAULT '',
  article_id  INTEGER REFERENCES promise_articles(id),
  CHECK (url IS NOT NULL OR article_id IS NOT NULL)
);
CREATE INDEX promise_sources_promise ON promise_sources(promise_id);

-- The timeline: the first row records the promise being made (not_rated); each
-- later row one rating change. Append-only.
CREATE TABLE promise_ratings (
  id          INTEGER PRIMARY KEY,
  promise_id  INTEGER NOT NULL REFERENCES promises(id),
  rating      TEXT NOT NULL CHECK (rating IN
              ('not_rated','in_the_works','stalled','kept','compromise','broken')),
  prev_rating TEXT,
  changed_on  TEXT NOT NULL,                     -- ISO Gregorian date of the evidence
  source      TEXT NOT NULL,                     -- URL or a description of the source
  note        TEXT NOT NULL,
  at          TEXT NOT NULL,                     -- when it was recorded (UTC)
  actor_name  TEXT NOT NULL
);
CREATE INDEX promise_ratings_promise ON promise_ratings(promise_id, changed_on, id);
CREATE INDEX promise_ratings_at ON promise_ratings(at);
CREATE TRIGGER promise_ratings_no_update BEFORE UPDATE ON promise_ratings
BEGIN SELECT RAISE(ABORT, 'rating changes are append-only'); END;
CREATE TRIGGER promise_ratings_no_delete BEFORE DELETE ON promise_ratings
BEGIN SELECT RAISE(ABORT, 'rating changes are append-only'); END;

-- Links to zones, units and cases; those registries land later, so no foreign keys.
CREATE TABLE promise_links (
  promise_id  INTEGER NOT NULL REFERENCES promises(id),
  kind        TEXT NOT NULL CHECK (kind IN ('zone','unit','case')),
  target_id   INTEGER NOT NULL,
  PRIMARY KEY (promise_id, kind, target_id)
);

-- Suggestions from the public: nothing here is shown until the secretariat accepts
-- it into a promise.
CREATE TABLE promise_suggestions (
  id          INTEGER PRIMARY KEY,
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','rejected')),
  person      TEXT NOT NULL,
  office      TEXT NOT NULL DEFAULT '',
  said_on     TEXT NOT NULL DEFAULT '',          -- as typed (Jalali), checked on review
  county      TEXT NOT NULL DEFAULT '',
  quote       TEXT NOT NULL,
  source_url  TEXT NOT NULL DEFAULT '',
  contact     TEXT NOT NULL DEFAULT '',
  ip          TEXT,
  created_at  TEXT NOT NULL,
  reviewed_at TEXT,
  reviewer    TEXT,
  review_note TEXT,
  promise_id  INTEGER REFERENCES promises(id)
);
CREATE INDEX promise_suggestions_status ON promise_suggestions(status, id);
