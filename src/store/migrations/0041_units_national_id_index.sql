-- 0041 units.national_id unique through a named index (issue 4, import speed).
-- The UNIQUE column constraint had an index of its own (sqlite_autoindex_units_1)
-- that no statement can drop, so a bulk load had to insert every row into it in
-- the file's (random) national-ID order. The same rule as a named unique index can
-- be dropped by a load into an empty table and rebuilt by sorting afterwards
-- (store_import.c), as the other indexes are. SQLite cannot drop a column
-- constraint, so the table is rebuilt (SQLite's documented procedure; the
-- migration runner turns foreign keys off around it and checks them before the
-- commit): same columns in the same order, so every id stays and the tables that
-- refer to units(id) by name (unit_members, cases) refer to the new one.

DROP TRIGGER units_fts_isic_title;

CREATE TABLE units_new (
  id            INTEGER PRIMARY KEY,
  national_id   TEXT NOT NULL,      -- legal national ID (11) or owner's national code (10)
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
INSERT INTO units_new SELECT id, national_id, id_kind, business_id, licence_kind, licence_no,
  name, isic, employees, state, lat, lon, address, postal_code, county_id, zone_id,
  contact_name, phone, created_at, updated_at, version FROM units;
DROP TABLE units;
ALTER TABLE units_new RENAME TO units;

CREATE UNIQUE INDEX units_national_id ON units(national_id);
CREATE INDEX units_zone ON units(zone_id);
CREATE INDEX units_county ON units(county_id);
CREATE INDEX units_isic ON units(isic);
CREATE INDEX units_state ON units(state);

CREATE TRIGGER units_fts_insert AFTER INSERT ON units BEGIN
  INSERT INTO units_fts(rowid, name, address, activity) VALUES (new.id, new.name, new.address,
    coalesce((SELECT title_fa FROM isic_classes WHERE code = new.isic), ''));
END;
CREATE TRIGGER units_fts_delete AFTER DELETE ON units BEGIN
  INSERT INTO units_fts(units_fts, rowid, name, address, activity) VALUES ('delete', old.id,
    old.name, old.address, coalesce((SELECT title_fa FROM isic_classes WHERE code = old.isic), ''));
END;
CREATE TRIGGER units_fts_update AFTER UPDATE OF name, address, isic ON units BEGIN
  INSERT INTO units_fts(units_fts, rowid, name, address, activity) VALUES ('delete', old.id,
    old.name, old.address, coalesce((SELECT title_fa FROM isic_classes WHERE code = old.isic), ''));
  INSERT INTO units_fts(rowid, name, address, activity) VALUES (new.id, new.name, new.address,
    coalesce((SELECT title_fa FROM isic_classes WHERE code = new.isic), ''));
END;
CREATE TRIGGER units_fts_isic_title AFTER UPDATE OF title_fa ON isic_classes BEGIN
  INSERT INTO units_fts(units_fts, rowid, name, address, activity)
    SELECT 'delete', id, name, address, old.title_fa FROM units WHERE isic = old.code;
  INSERT INTO units_fts(rowid, name, address, activity)
    SELECT id, name, address, new.title_fa FROM units WHERE isic = new.code;
END;
