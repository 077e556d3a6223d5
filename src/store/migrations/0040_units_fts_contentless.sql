-- 0040 units_fts without its own copy of the text (issue 4, import speed).
-- The search index of units only answers `rowid … MATCH`; nothing reads its columns
-- back. A plain FTS5 table keeps a second copy of every name and address (its
-- _content table) and a per-row token count (_docsize) that only ranking uses: a
-- quarter of a large registry's file and half the cost of indexing it. The table is
-- now contentless (content='') without column sizes (columnsize=0); a row leaves the
-- index through FTS5's 'delete' command, which needs the text that was indexed, so
-- the triggers pass the old values, and a change of an ISIC title re-indexes the
-- units of that class (their indexed activity text changes with it).

DROP TRIGGER units_fts_insert;
DROP TRIGGER units_fts_delete;
DROP TRIGGER units_fts_update;
DROP TABLE units_fts;

CREATE VIRTUAL TABLE units_fts USING fts5(name, address, activity, tokenize='tashil',
  content='', columnsize=0);

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

INSERT INTO units_fts(rowid, name, address, activity)
  SELECT u.id, u.name, u.address, coalesce(ic.title_fa, '')
  FROM units u LEFT JOIN isic_classes ic ON ic.code = u.isic;
