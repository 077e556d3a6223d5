-- 0002 registry: counties, ISIC classes, agencies, obstacle categories, zones (with
-- infrastructure and conversion stages) and production units, with full-text search.
-- Every row that people edit carries `version` for optimistic concurrency (ETag).

CREATE TABLE counties (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  province TEXT NOT NULL DEFAULT 'تهران'
);
INSERT INTO counties(id, name) VALUES
 (1,'تهران'),(2,'اسلامشهر'),(3,'ری'),(4,'شمیرانات'),(5,'شهریار'),(6,'رباط‌کریم'),
 (7,'بهارستان'),(8,'پاکدشت'),(9,'ورامین'),(10,'پیشوا'),(11,'قرچک'),(12,'دماوند'),
 (13,'فیروزکوه'),(14,'ملارد'),(15,'قدس'),(16,'پردیس');

-- ISIC Rev.4 classes a province meets (four digits), with Persian titles.
CREATE TABLE isic_classes (
  code     TEXT PRIMARY KEY CHECK (length(code) = 4),
  title_fa TEXT NOT NULL,
  sector   TEXT NOT NULL            -- a short Persian sector name for filters and maps
);
INSERT INTO isic_classes(code, title_fa, sector) VALUES
 ('1010','فرآوری و نگهداری گوشت','غذایی'),
 ('1050','تولید فراورده‌های لبنی','غذایی'),
 ('1061','تولید فراورده‌های آسیاب غلات','غذایی'),
 ('1071','تولید نان و شیرینی','غذایی'),
 ('1079','تولید سایر فراورده‌های غذایی','غذایی'),
 ('1104','تولید نوشیدنی‌های غیرالکلی و آب معدنی','غذایی'),
 ('1311','آماده‌سازی و ریسندگی الیاف نساجی','نساجی'),
 ('1392','تولید کالاهای نساجی آماده به جز پوشاک','نساجی'),
 ('1410','تولید پوشاک به جز پوشاک خز','پوشاک'),
 ('1511','دباغی و عمل‌آوری چرم','چرم'),
 ('1512','تولید کیف، چمدان و زین و یراق','چرم'),
 ('1520','تولید کفش','کفش'),
 ('1610','اره‌کشی و رنده‌کاری چوب','چوب'),
 ('1621','تولید روکش و صفحات چوبی','چوب'),
 ('1622','تولید قطعات نجاری ساختمان','چوب'),
 ('1623','تولید ظروف چوبی','چوب'),
 ('1629','تولید سایر محصولات چوبی','چوب'),
 ('1701','تولید خمیر کاغذ، کاغذ و مقوا','کاغذ'),
 ('1811','چاپ','چاپ'),
 ('2011','تولید مواد شیمیایی پایه','شیمیایی'),
 ('2022','تولید رنگ، جلا و مرکب','شیمیایی'),
 ('2023','تولید شوینده، صابون و مواد آرایشی','شیمیایی'),
 ('2100','تولید دارو','دارویی'),
 ('2211','تولید تایر و تیوب','لاستیک و پلاستیک'),
 ('2220','تولید محصولات پلاستیکی','لاستیک و پلاستیک'),
 ('2310','تولید شیشه و محصولات شیشه‌ای','کانی غیرفلزی'),
 ('2392','تولید مصالح ساختمانی رسی','کانی غیرفلزی'),
 ('2395','تولید اشیا از بتن، سیمان و گچ','کانی غیرفلزی'),
 ('2410','تولید آهن و فولاد پایه','فلزات'),
 ('2511','تولید محصولات فلزی ساختمانی','محصولات فلزی'),
 ('2592','عملیات روی فلزات و پوشش‌دهی','محصولات فلزی'),
 ('2599','تولید سایر محصولات فلزی','محصولات فلزی'),
 ('2610','تولید قطعات و تخته‌های الکترونیکی','الکترونیک'),
 ('2710','تولید موتور، ژنراتور و ترانسفورماتور برق','برقی'),
 ('2750','تولید وسایل خانگی','برقی'),
 ('2819','تولید سایر ماشین‌آلات عمومی','ماشین‌آلات'),
 ('2930','تولید قطعات و لوازم خودرو','خودرو و قطعات'),
 ('3100','تولید مبلمان','مبلمان'),
 ('3290','سایر صنایع تولیدی','سایر');

CREATE TABLE agencies (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN ('bank','tax','social_security','customs','electricity',
               'water','gas','telecom','municipality','parks_company','environment','secretariat','other')),
  parent_id  INTEGER REFERENCES agencies(id) ON DELETE RESTRICT,
  phone      TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE categories (
  id           INTEGER PRIMARY KEY,
  parent_id    INTEGER REFERENCES categories(id) ON DELETE RESTRICT,
  name         TEXT NOT NULL,
  agency_kind  TEXT,                -- the default agency kind a case of it goes to
  answer_days  INTEGER NOT NULL DEFAULT 10 CHECK (answer_days BETWEEN 1 AND 120),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  UNIQUE (parent_id, name)
);

CREATE TABLE zones (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('spot','gov_park','nongov_park','specialised_park')),
  name        TEXT NOT NULL,
  county_id   INTEGER NOT NULL REFERENCES counties(id),
  outline     TEXT,                 -- GeoJSON Polygon, WGS84
  center_lat  REAL CHECK (center_lat BETWEEN -90 AND 90),
  center_lon  REAL CHECK (center_lon BETWEEN -180 AND 180),
  area_ha     REAL CHECK (area_ha >= 0),
  stage       TEXT CHECK (stage IN ('identified','studies','application','qualified','board_approval',
               'inquiries','establishment_licence','infrastructure','operating_licence')),
  notes       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  UNIQUE (county_id, name)
);

CREATE TABLE zone_infrastructure (
  zone_id  INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
  utility  TEXT NOT NULL CHECK (utility IN ('water','electricity','gas','telecom','road','sewage')),
  state    TEXT NOT NULL CHECK (state IN ('none','partial','full')),
  note     TEXT NOT NULL DEFAULT '',
  as_of    TEXT,                    -- ISO date
  PRIMARY KEY (zone_id, utility)
);

CREATE TABLE zone_stages (
  zone_id  INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
  stage    TEXT NOT NULL,
  reached  TEXT NOT NULL,           -- ISO date
  PRIMARY KEY (zone_id, stage)
);

CREATE TABLE units (
  id            INTEGER PRIMARY KEY,
  national_id   TEXT NOT NULL UNIQUE, -- legal national ID (11) or owner's national code (10)
  id_kind       TEXT NOT NULL CHECK (id_kind IN ('legal-id','national-code')),
  business_id   TEXT,
  licence_kind  TEXT NOT NULL DEFAULT 'none' CHECK (licence_kind IN
                  ('establishment','operating','guild','none')),
  licence_no    TEXT,
  name          TEXT NOT NULL,
  isic          TEXT REFERENCES isic_classes(code),
  employees     INTEGER NOT NULL DEFAULT 0 CHECK (employees BETWEEN 0 AND 100000),
  state         TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','semi_active','idle')),
  lat           REAL CHECK (lat BETWEEN -90 AND 90),
  lon           REAL CHECK (lon BETWEEN -180 AND 180),
  address       TEXT NOT NULL DEFAULT '',
  postal_code   TEXT,
  county_id     INTEGER REFERENCES counties(id),
  zone_id       INTEGER REFERENCES zones(id) ON DELETE RESTRICT,
  contact_name  TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX units_zone ON units(zone_id);
CREATE INDEX units_county ON units(county_id);
CREATE INDEX units_isic ON units(isic);
CREATE INDEX units_state ON units(state);

-- Producers may hold several units; liaisons belong to an agency (users.agency_id).
CREATE TABLE unit_members (
  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (unit_id, user_id)
);

-- Full-text search over units and zones with the Persian tokenizer (text/fa_fts5),
-- kept in step with the tables by triggers; rowid is the unit's or zone's id.
CREATE VIRTUAL TABLE units_fts USING fts5(name, address, activity, tokenize='tashil');
CREATE VIRTUAL TABLE zones_fts USING fts5(name, notes, tokenize='tashil');

CREATE TRIGGER units_fts_insert AFTER INSERT ON units BEGIN
  INSERT INTO units_fts(rowid, name, address, activity) VALUES (new.id, new.name, new.address,
    coalesce((SELECT title_fa FROM isic_classes WHERE code = new.isic), ''));
END;
CREATE TRIGGER units_fts_delete AFTER DELETE ON units BEGIN
  DELETE FROM units_fts WHERE rowid = old.id;
END;
CREATE TRIGGER units_fts_update AFTER UPDATE OF name, address, isic ON units BEGIN
  DELETE FROM units_fts WHERE rowid = old.id;
  INSERT INTO units_fts(rowid, name, address, activity) VALUES (new.id, new.name, new.address,
    coalesce((SELECT title_fa FROM isic_classes WHERE code = new.isic), ''));
END;
CREATE TRIGGER zones_fts_insert AFTER INSERT ON zones BEGIN
  INSERT INTO zones_fts(rowid, name, notes) VALUES (new.id, new.name, new.notes);
END;
CREATE TRIGGER zones_fts_delete AFTER DELETE ON zones BEGIN
  DELETE FROM zones_fts WHERE rowid = old.id;
END;
CREATE TRIGGER zones_fts_update AFTER UPDATE OF name, notes ON zones BEGIN
  DELETE FROM zones_fts WHERE rowid = old.id;
  INSERT INTO zones_fts(rowid, name, notes) VALUES (new.id, new.name, new.notes);
END;
