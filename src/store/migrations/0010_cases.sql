-- 0010 obstacle cases (پرونده): the case, every agency it was ever referred to (for
-- the liaisons' access), its append-only history (events, comments, internal notes),
-- attachments (files live beside the database, content-addressed), in-app
-- notifications, saved filters, the official holidays for due dates, and full-text
-- search over titles, descriptions and public comments with the Persian tokenizer.

CREATE TABLE holidays (
  day       TEXT PRIMARY KEY,          -- ISO Gregorian date
  name      TEXT NOT NULL,
  fixed     INTEGER NOT NULL DEFAULT 0, -- a solar holiday fixed by law
  to_check  INTEGER NOT NULL DEFAULT 0  -- lunar: computed, to be checked against the official calendar
);

CREATE TABLE cases (
  id           INTEGER PRIMARY KEY,
  unit_id      INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  category_id  INTEGER NOT NULL REFERENCES categories(id) ON DELETE RESTRICT,
  title        TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  amount       INTEGER CHECK (amount IS NULL OR amount >= 0),   -- rials
  state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','submitted','in_review',
                 'referred','answered','returned','on_agenda','decided','in_execution','closed')),
  outcome      TEXT CHECK (outcome IN ('resolved','rejected','withdrawn','not_executed')),
  agency_id    INTEGER REFERENCES agencies(id) ON DELETE RESTRICT, -- the current (last) referral
  due_on       TEXT,                  -- ISO date the current referral's answer is due
  reminded     INTEGER NOT NULL DEFAULT 0, -- for this referral: 1 due-soon notice sent, 2 overdue notice sent
  filed_by     INTEGER REFERENCES users(id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_state ON cases(state, id);
CREATE INDEX cases_state_category ON cases(state, category_id, id);
CREATE INDEX cases_due ON cases(state, due_on);
CREATE INDEX cases_unit ON cases(unit_id, id);
CREATE INDEX cases_category ON cases(category_id, id);
CREATE INDEX cases_agency ON cases(agency_id, state, due_on);
CREATE INDEX cases_created ON cases(created_at);

-- Every agency a case was ever referred to: a liaison sees exactly these cases.
CREATE TABLE case_agencies (
  agency_id  INTEGER NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
  case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
  PRIMARY KEY (agency_id, case_id)
);
CREATE INDEX case_agencies_case ON case_agencies(case_id);

-- The case's history: transitions (kind = action code, or 'file'), comments, internal
-- notes (secretariat only), attachments, reminders. Append-only.
CREATE TABLE case_events (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
  at          TEXT NOT NULL,
  actor_id    INTEGER REFERENCES users(id),
  actor_name  TEXT NOT NULL,
  kind        TEXT NOT NULL,
  from_state  TEXT,
  to_state    TEXT,
  agency_id   INTEGER REFERENCES agencies(id),
  due_on      TEXT,
  body        TEXT NOT NULL DEFAULT '',
  internal    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_events_case ON case_events(case_id, id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;

CREATE TABLE case_attachments (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
  event_id   INTEGER NOT NULL REFERENCES case_events(id),
  name       TEXT NOT NULL,             -- as uploaded (display only)
  mime       TEXT NOT NULL CHECK (mime IN ('application/pdf','image/jpeg','image/png')),
  size       INTEGER NOT NULL CHECK (size > 0),
  hash       TEXT NOT NULL,             -- BLAKE2b-256 hex; the file's name under <db>.files/
  internal   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_attachments_case ON case_attachments(case_id);

CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  case_id     INTEGER REFERENCES cases(id),
  kind        TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  read_at     TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, id);

CREATE TABLE saved_filters (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  query       TEXT NOT NULL,            -- the list's query string
  created_at  TEXT NOT NULL,
  UNIQUE (user_id, name)
);

-- rowid = case id; comments holds the public comments and answers, appended.
CREATE VIRTUAL TABLE cases_fts USING fts5(title, description, comments, tokenize='tashil');
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO cases_fts(rowid, title, description, comments) VALUES (new.id, new.title, new.description, '');
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF title, description ON cases BEGIN
  UPDATE cases_fts SET title = new.title, description = new.description WHERE rowid = new.id;
END;
CREATE TRIGGER cases_fts_comment AFTER INSERT ON case_events
  WHEN new.internal = 0 AND new.body <> '' AND new.kind IN ('comment','answer','return','ask_return','reject')
BEGIN
  UPDATE cases_fts SET comments = comments || char(10) || new.body WHERE rowid = new.case_id;
END;

-- Official holidays 1403–1405. The solar ones (fixed = 1: 1–4 and 12–13 Farvardin,
-- 14–15 Khordad, 22 Bahman, 29 Esfand) are exact. The lunar ones (to_check = 1) are
-- computed from the Umm al-Qura calendar and may differ by a day from Iran's
-- official calendar (moon sighting): TO BE CHECKED against the official calendar
-- (تقویم رسمی مرکز تقویم مؤسسه ژئوفیزیک) and corrected by the admin.
INSERT INTO holidays(day, name, fixed, to_check) VALUES
 ('2024-03-20','جشن نوروز',1,0),
 ('2024-03-21','عید نوروز',1,0),
 ('2024-03-22','عید نوروز',1,0),
 ('2024-03-23','عید نوروز',1,0),
 ('2024-03-31','روز جمهوری اسلامی؛ شهادت امام علی',1,1),
 ('2024-04-01','روز طبیعت',1,0),
 ('2024-04-10','عید سعید فطر',0,1),
 ('2024-04-11','تعطیل به مناسبت عید سعید فطر',0,1),
 ('2024-05-04','شهادت امام جعفر صادق',0,1),
 ('2024-06-03','رحلت امام خمینی',1,0),
 ('2024-06-04','قیام ۱۵ خرداد',1,0),
 ('2024-06-16','عید سعید قربان',0,1),
 ('2024-06-24','عید سعید غدیر خم',0,1),
 ('2024-07-15','تاسوعای حسینی',0,1),
 ('2024-07-16','عاشورای حسینی',0,1),
 ('2024-08-24','اربعین حسینی',0,1),
 ('2024-09-01','رحلت رسول اکرم و شهادت امام حسن مجتبی',0,1),
 ('2024-09-03','شهادت امام رضا',0,1),
 ('2024-09-11','شهادت امام حسن عسکری',0,1),
 ('2024-09-20','میلاد رسول اکرم و امام جعفر صادق',0,1),
 ('2024-12-04','شهادت حضرت فاطمه زهرا',0,1),
 ('2025-01-13','ولادت امام علی',0,1),
 ('2025-01-27','مبعث رسول اکرم',0,1),
 ('2025-02-10','پیروزی انقلاب اسلامی',1,0),
 ('2025-02-14','ولادت حضرت قائم',0,1),
 ('2025-03-19','ملی شدن صنعت نفت',1,0),
 ('2025-03-21','جشن نوروز؛ شهادت امام علی',1,1),
 ('2025-03-22','عید نوروز',1,0),
 ('2025-03-23','عید نوروز',1,0),
 ('2025-03-24','عید نوروز',1,0),
 ('2025-03-30','عید سعید فطر',0,1),
 ('2025-03-31','تعطیل به مناسبت عید سعید فطر',0,1),
 ('2025-04-01','روز جمهوری اسلامی',1,0),
 ('2025-04-02','روز طبیعت',1,0),
 ('2025-04-23','شهادت امام جعفر صادق',0,1),
 ('2025-06-04','رحلت امام خمینی',1,0),
 ('2025-06-05','قیام ۱۵ خرداد',1,0),
 ('2025-06-06','عید سعید قربان',0,1),
 ('2025-06-14','عید سعید غدیر خم',0,1),
 ('2025-07-04','تاسوعای حسینی',0,1),
 ('2025-07-05','عاشورای حسینی',0,1),
 ('2025-08-14','اربعین حسینی',0,1),
 ('2025-08-22','رحلت رسول اکرم و شهادت امام حسن مجتبی',0,1),
 ('2025-08-23','شهادت امام رضا',0,1),
 ('2025-08-31','شهادت امام حسن عسکری',0,1),
 ('2025-09-09','میلاد رسول اکرم و امام جعفر صادق',0,1),
 ('2025-11-24','شهادت حضرت فاطمه زهرا',0,1),
 ('2026-01-02','ولادت امام علی',0,1),
 ('2026-01-16','مبعث رسول اکرم',0,1),
 ('2026-02-03','ولادت حضرت قائم',0,1),
 ('2026-02-11','پیروزی انقلاب اسلامی',1,0),
 ('2026-03-10','شهادت امام علی',0,1),
 ('2026-03-20','عید سعید فطر؛ ملی شدن صنعت نفت',1,1),
 ('2026-03-21','تعطیل به مناسبت عید سعید فطر؛ جشن نوروز',1,1),
 ('2026-03-22','عید نوروز',1,0),
 ('2026-03-23','عید نوروز',1,0),
 ('2026-03-24','عید نوروز',1,0),
 ('2026-04-01','روز جمهوری اسلامی',1,0),
 ('2026-04-02','روز طبیعت',1,0),
 ('2026-04-13','شهادت امام جعفر صادق',0,1),
 ('2026-05-27','عید سعید قربان',0,1),
 ('2026-06-04','رحلت امام خمینی؛ عید سعید غدیر خم',1,1),
 ('2026-06-05','قیام ۱۵ خرداد',1,0),
 ('2026-06-24','تاسوعای حسینی',0,1),
 ('2026-06-25','عاشورای حسینی',0,1),
 ('2026-08-03','اربعین حسینی',0,1),
 ('2026-08-11','رحلت رسول اکرم و شهادت امام حسن مجتبی',0,1),
 ('2026-08-13','شهادت امام رضا',0,1),
 ('2026-08-21','شهادت امام حسن عسکری',0,1),
 ('2026-08-30','میلاد رسول اکرم و امام جعفر صادق',0,1),
 ('2026-11-13','شهادت حضرت فاطمه زهرا',0,1),
 ('2026-12-22','ولادت امام علی',0,1),
 ('2027-01-05','مبعث رسول اکرم',0,1),
 ('2027-01-23','ولادت حضرت قائم',0,1),
 ('2027-02-11','پیروزی انقلاب اسلامی',1,0),
 ('2027-02-28','شهادت امام علی',0,1),
 ('2027-03-09','عید سعید فطر',0,1),
 ('2027-03-10','تعطیل به مناسبت عید سعید فطر',0,1),
 ('2027-03-20','ملی شدن صنعت نفت',1,0);
