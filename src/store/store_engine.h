/* store_engine — what an engine supplies to store.c: the connection and statement
 * primitives. Only store.c and the engines include this. */
#ifndef TASHIL_STORE_ENGINE_H
#define TASHIL_STORE_ENGINE_H

#include "store/store.h"

struct store_engine {
    const char *name;
    /* Checks and, per flags, creates or migrates the database at `where`. */
    int (*prepare_database)(const char *where, int flags, int *schema_version,
                            struct store_error *err);
    store_conn *(*connect)(const char *where, struct store_error *err);
    void (*disconnect)(store_conn *c);
};

/* Every engine's connection and statement structs start with these headers, so
 * store.c can dispatch the public calls through ops. */
struct store_conn_ops {
    int (*exec)(store_conn *c, const char *sql);
    store_stmt *(*prepare)(store_conn *c, const char *sql);
    void (*bind_int)(store_stmt *st, int idx, int64_t v);
    void (*bind_double)(store_stmt *st, int idx, double v);
    void (*bind_text)(store_stmt *st, int idx, const char *s);
    void (*bind_text_ref)(store_stmt *st, int idx, const char *s); /* no copy */
    void (*bind_blob)(store_stmt *st, int idx, const void *p, size_t n);
    void (*bind_null)(store_stmt *st, int idx);
    int (*step)(store_stmt *st);
    int64_t (*col_int)(store_stmt *st, int col);
    double (*col_double)(store_stmt *st, int col);
    const char *(*col_text)(store_stmt *st, int col);
    const void *(*col_blob)(store_stmt *st, int col, size_t *len);
    bool (*col_null)(store_stmt *st, int col);
    void (*done)(store_stmt *st);
    int (*changes)(store_conn *c);
    const char *(*errmsg)(store_conn *c);
};

struct store_conn {
    const struct store_conn_ops *ops;
    int tx_depth; /* store_begin nesting: only the outermost begins and commits */
    bool tx_failed;
};

struct store_stmt {
    store_conn *conn;
};

extern const struct store_engine store_sqlite_engine;

#endif
