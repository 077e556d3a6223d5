/* store_fts_build — builds an FTS5 index on a thread of its own, for a bulk load
 * (SQLite engine).
 *
 * A first import of a large file writes its rows on one thread while a second one
 * parses and validates the file; indexing the new rows for search afterwards
 * (INSERT INTO units_fts SELECT …) took a quarter of the whole load on the writing
 * thread alone. Here the index is built while the rows are written: a third thread
 * feeds the same rows, with the rowids they will get, to an identical FTS5 table
 * (same CREATE statement, read from the database's schema; same `tashil`
 * tokenizer) in a private temporary database. At the end, inside the import's
 * transaction, the table's two index shadow tables (%_data, %_idx: FTS5's b-tree
 * of terms, written in FTS5's own record format by the same library) are replaced
 * by the built ones; that is the whole of a contentless table without column
 * sizes. Rolled back with the import like any other write. FTS5 on the importing
 * connection is then made to reread the index (store_fts_build_install says how);
 * other connections reread it after the commit by themselves.
 *
 * Only for a table whose index is empty or about to be replaced whole (a load
 * into an empty units table), with rowids given in ascending order. */
#ifndef TASHIL_STORE_FTS_BUILD_H
#define TASHIL_STORE_FTS_BUILD_H

#include <stdint.h>

#include "store/store.h"

struct store_fts_build;

/* Opens the side database with an empty copy of `table` (an FTS5 table of c that
 * this module knows: "units_fts"). */
int store_fts_build_open(store_conn *c, const char *table, struct store_fts_build **out);
/* Indexes one row (cols in the table's order: units_fts name, address, activity;
 * NULL as ''). Rowids must ascend. */
int store_fts_build_add(struct store_fts_build *b, int64_t rowid, const char *const *cols);
/* Flushes what is pending and ends the side database's transaction. */
int store_fts_build_finish(struct store_fts_build *b);
/* Inside c's transaction: replaces the index of the table with the built one. */
int store_fts_build_install(store_conn *c, struct store_fts_build *b);
void store_fts_build_free(struct store_fts_build *b);

#endif
