-- 0042 units_fts keeps only which rows hold each term (issue 4, import speed).
-- The search of units asks one thing of its index: the rowids holding a term
-- (`rowid IN (SELECT rowid FROM units_fts WHERE units_fts MATCH …)`, with the
-- MATCH built by fa_fts5_query from single quoted terms joined by AND/OR; no
-- phrases, NEAR, column filters, ranking or snippets). FTS5's default detail=full
-- also stores, for every term in every row, its column and its positions, which
-- nothing reads. detail=none drops them: a smaller index, written faster by an
-- import and merged faster. The triggers keep working unchanged (they pass the
-- same columns, and a contentless 'delete' needs only the indexed text).

DROP TABLE units_fts;

CREATE VIRTUAL TABLE units_fts USING fts5(name, address, activity, tokenize='tashil',
  content='', columnsize=0, detail=none);

INSERT INTO units_fts(rowid, name, address, activity)
  SELECT u.id, u.name, u.address, coalesce(ic.title_fa, '')
  FROM units u LEFT JOIN isic_classes ic ON ic.code = u.isic;
