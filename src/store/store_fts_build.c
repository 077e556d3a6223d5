/* store_fts_build — see store_fts_build.h. The side database is SQLite's private
 * temporary database (opened with an empty name: a file that spills to disk only
 * when its 4 MiB cache fills, deleted on close), without a journal or syncs: it is
 * scratch, and the import's own transaction is what makes the result durable. */
#include "store/store_fts_build.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/fa_fts5.h"

/* The tables this can build, with their SQL as literals (the store caches
 * statements by the address of their text). */
struct fts_table {
    const char *name;
    const char *join_transaction; /* a write that enrols the table (see install) */
    const char *clear_data, *clear_idx;
    const char *insert_data, *insert_idx;
    const char *side_data, *side_idx; /* read from the side database */
    const char *side_insert;          /* a row into the side table: rowid, then the columns */
    int ncols;
};
static const struct fts_table k_tables[] = {
    {"units_fts", "INSERT INTO units_fts(units_fts, rank) VALUES ('hashsize', 1048576)",
     "DELETE FROM units_fts_data", "DELETE FROM units_fts_idx",
     "INSERT INTO units_fts_data(id, block) VALUES ($1, $2)",
     "INSERT INTO units_fts_idx(segid, term, pgno) VALUES ($1, $2, $3)",
     "SELECT id, block FROM units_fts_data ORDER BY id",
     "SELECT segid, term, pgno FROM units_fts_idx ORDER BY segid, term",
     "INSERT INTO units_fts(rowid, name, address, activity) VALUES (?, ?, ?, ?)", 3},
};

struct store_fts_build {
    const struct fts_table *t;
    sqlite3 *db;
    sqlite3_stmt *insert;
};

static int side_exec(sqlite3 *db, const char *sql) {
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? STORE_OK : STORE_ERROR;
}

/* The table's CREATE VIRTUAL TABLE statement, as the database has it. */
static char *create_sql(store_conn *c, const char *table) {
    store_stmt *st = store_prepare(c, "SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                                      "name = $1 AND sql LIKE 'CREATE VIRTUAL TABLE%'");
    if (!st) return NULL;
    store_bind_text(st, 1, table);
    char *sql = store_step(st) == STORE_ROW ? strdup(store_col_text(st, 0)) : NULL;
    store_done(st);
    return sql;
}

int store_fts_build_open(store_conn *c, const char *table, struct store_fts_build **out) {
    *out = NULL;
    const struct fts_table *t = NULL;
    for (size_t i = 0; i < sizeof k_tables / sizeof k_tables[0]; i++)
        if (!strcmp(k_tables[i].name, table)) t = &k_tables[i];
    if (!t) return STORE_ERROR;
    char *create = create_sql(c, table);
    if (!create) return STORE_ERROR;
    struct store_fts_build *b = calloc(1, sizeof *b);
    int rc = b ? STORE_OK : STORE_ERROR;
    if (rc == STORE_OK) {
        b->t = t;
        rc = sqlite3_open_v2("", &b->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL) == SQLITE_OK
                 ? STORE_OK
                 : STORE_ERROR;
    }
    if (rc == STORE_OK)
        rc = side_exec(b->db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                              "PRAGMA cache_size = -4096");
    if (rc == STORE_OK && fa_fts5_register(b->db) != 0) rc = STORE_ERROR;
    if (rc == STORE_OK) rc = side_exec(b->db, create);
    /* The pending terms go out as a segment every 8 MiB (as store_import's own
     * indexing does): fewer segments to merge. */
    char sql[160];
    snprintf(sql, sizeof sql, "INSERT INTO \"%s\"(\"%s\", rank) VALUES ('hashsize', 8388608)",
             t->name, t->name);
    if (rc == STORE_OK) rc = side_exec(b->db, sql);
    if (rc == STORE_OK && sqlite3_prepare_v3(b->db, t->side_insert, -1, SQLITE_PREPARE_PERSISTENT,
                                             &b->insert, NULL) != SQLITE_OK)
        rc = STORE_ERROR;
    if (rc == STORE_OK) rc = side_exec(b->db, "BEGIN");
    free(create);
    if (rc != STORE_OK) {
        store_fts_build_free(b);
        return rc;
    }
    *out = b;
    return STORE_OK;
}

int store_fts_build_add(struct store_fts_build *b, int64_t rowid, const char *const *cols) {
    sqlite3_bind_int64(b->insert, 1, rowid);
    for (int i = 0; i < b->t->ncols; i++)
        sqlite3_bind_text(b->insert, i + 2, cols[i] ? cols[i] : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(b->insert);
    sqlite3_reset(b->insert);
    sqlite3_clear_bindings(b->insert); /* they point into the caller's rows */
    return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

int store_fts_build_finish(struct store_fts_build *b) { return side_exec(b->db, "COMMIT"); }

/* Copies the rows of one shadow table: side SELECT → c's INSERT, column by column
 * (integers stay integers, blobs stay blobs). */
static int copy_rows(store_conn *c, sqlite3 *side, const char *select, const char *insert) {
    sqlite3_stmt *from;
    if (sqlite3_prepare_v2(side, select, -1, &from, NULL) != SQLITE_OK) return STORE_ERROR;
    int rc = STORE_OK, src;
    while (rc == STORE_OK && (src = sqlite3_step(from)) == SQLITE_ROW) {
        store_stmt *to = store_prepare(c, insert);
        if (!to) {
            rc = STORE_ERROR;
            break;
        }
        for (int i = 0; i < sqlite3_column_count(from); i++) {
            switch (sqlite3_column_type(from, i)) {
            case SQLITE_INTEGER: store_bind_int(to, i + 1, sqlite3_column_int64(from, i)); break;
            case SQLITE_NULL: store_bind_null(to, i + 1); break;
            case SQLITE_FLOAT: store_bind_double(to, i + 1, sqlite3_column_double(from, i)); break;
            case SQLITE_TEXT:
                store_bind_text(to, i + 1, (const char *)sqlite3_column_text(from, i));
                break;
            default: {
                const void *p = sqlite3_column_blob(from, i);
                store_bind_blob(to, i + 1, p ? p : "", (size_t)sqlite3_column_bytes(from, i));
            }
            }
        }
        rc = store_step(to) == STORE_DONE ? STORE_OK : STORE_ERROR;
        store_done(to);
    }
    if (rc == STORE_OK && src != SQLITE_DONE) rc = STORE_ERROR;
    sqlite3_finalize(from);
    return rc;
}

/* FTS5 keeps the structure of an index (its segments) cached per connection and
 * rereads it only when another connection has committed or a transaction or
 * savepoint is rolled back, so a connection that searched the table before would go
 * on reading the old index after the shadow tables are replaced. Hence: the table
 * takes part in the transaction first (a configuration write: FTS5 joins the
 * transaction and will hear of its savepoints), then, after the copy, a savepoint is
 * opened and rolled back at once: nothing is undone, but FTS5 drops what it cached.
 * (test_import checks a connection that searched before the load finds the new
 * rows after it.) */
int store_fts_build_install(store_conn *c, struct store_fts_build *b) {
    int rc = store_exec(c, b->t->join_transaction);
    if (rc == STORE_OK) rc = store_exec(c, b->t->clear_data);
    if (rc == STORE_OK) rc = store_exec(c, b->t->clear_idx);
    if (rc == STORE_OK) rc = copy_rows(c, b->db, b->t->side_data, b->t->insert_data);
    if (rc == STORE_OK) rc = copy_rows(c, b->db, b->t->side_idx, b->t->insert_idx);
    if (rc == STORE_OK)
        rc = store_exec(c, "SAVEPOINT fts_build_reload; ROLLBACK TO fts_build_reload; "
                           "RELEASE fts_build_reload");
    return rc;
}

void store_fts_build_free(struct store_fts_build *b) {
    if (!b) return;
    sqlite3_finalize(b->insert);
    sqlite3_close_v2(b->db);
    free(b);
}
