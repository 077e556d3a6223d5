/* store — the engine-neutral storage interface. Nothing outside src/store/ sees an
 * engine's types or writes SQL.
 *
 * Two layers live here:
 *   1. Connections, transactions and statements (this header): SQL is written with
 *      numbered placeholders $1..$n, which both SQLite and PostgreSQL accept, in the
 *      dialect both understand. Each engine (store_sqlite.c; a PostgreSQL engine
 *      will follow) implements these through struct store_engine.
 *   2. Domain queries (store_users.h, store_audit.h, ...) written once against
 *      layer 1, so both engines run the same queries and pass the same tests.
 *
 * Threads: a `store` is shared by all threads; each thread gets its own connection
 * from store_thread_conn (opened on first use, closed when the thread exits or the
 * store closes). A connection and its statements are used by one thread at a time.
 * Statements are prepared once per connection and cached, keyed by the SQL string.
 *
 * Errors: functions return STORE_OK (0) or a negative STORE_E* code; the
 * connection keeps the last error message (English) for logs. */
#ifndef TASHIL_STORE_H
#define TASHIL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct store store;
typedef struct store_conn store_conn;
typedef struct store_stmt store_stmt;

enum store_status {
    STORE_OK = 0,
    STORE_ROW = 1,            /* store_step: a row is ready */
    STORE_DONE = 2,           /* store_step: no more rows */
    STORE_ERROR = -1,         /* anything else; see store_errmsg */
    STORE_EBUSY = -2,         /* locked for longer than the busy timeout */
    STORE_ECONSTRAINT = -3,   /* unique / foreign key / check violated */
    STORE_ENOTFOUND = -4,
    STORE_ECONFLICT = -5,     /* the row changed since it was read (stale version) */
    STORE_ENOTDB = -10,       /* the file is not a Tashil database */
    STORE_ETOONEW = -11,      /* written by a newer Tashil (schema ahead of ours) */
    STORE_ENOENT = -12,       /* no database there and creation not asked for */
    STORE_EOLD = -13,         /* migrations pending and migration not asked for */
};

enum store_open_flags {
    STORE_CREATE = 1,   /* create the database when it does not exist */
    STORE_MIGRATE = 2,  /* apply pending migrations */
};

struct store_error {
    int code;
    char message[512]; /* English, for people running the command */
};

/* `where` is a file path for SQLite (a PostgreSQL URL later). On failure nothing
 * in an existing file has been changed. */
int store_open(const char *where, int flags, store **out, struct store_error *err);
void store_close(store *s);

int store_schema_version(store *s);      /* highest applied migration */
int store_latest_version(void);          /* highest migration compiled in */

store_conn *store_thread_conn(store *s); /* NULL when a connection cannot be opened */

int store_begin(store_conn *c);          /* a write transaction */
int store_commit(store_conn *c);
void store_rollback(store_conn *c);
int store_exec(store_conn *c, const char *sql); /* no parameters, no rows */
int store_ping(store_conn *c);

store_stmt *store_prepare(store_conn *c, const char *sql);
void store_bind_int(store_stmt *st, int idx, int64_t v);
void store_bind_double(store_stmt *st, int idx, double v);
void store_bind_text(store_stmt *st, int idx, const char *s);  /* NULL binds NULL */
/* As store_bind_text, without a copy: s must stay as it is until store_done (the
 * bulk import binds half a million strings a second out of its batches). */
void store_bind_text_ref(store_stmt *st, int idx, const char *s);
void store_bind_blob(store_stmt *st, int idx, const void *p, size_t n);
void store_bind_null(store_stmt *st, int idx);
int store_step(store_stmt *st);          /* STORE_ROW, STORE_DONE or an error */
int64_t store_col_int(store_stmt *st, int col);
double store_col_double(store_stmt *st, int col);
const char *store_col_text(store_stmt *st, int col); /* "" for NULL; valid until next step */
const void *store_col_blob(store_stmt *st, int col, size_t *len);
bool store_col_null(store_stmt *st, int col);
void store_done(store_stmt *st);         /* reset and clear bindings; back to the cache */
int store_changes(store_conn *c);

const char *store_errmsg(store_conn *c);

/* The outcome of stepping a statement, as the store's functions return it:
 * store_one_status for a query of one row (STORE_OK, STORE_ENOTFOUND or the error),
 * store_all_status for a walk over rows (STORE_OK when it ended or stopped early). */
static inline int store_one_status(int rc) {
    return rc == STORE_ROW ? STORE_OK : rc == STORE_DONE ? STORE_ENOTFOUND : rc;
}
static inline int store_all_status(int rc) {
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

/* Prepares, binds and steps a statement that returns no rows, in one call. `binds`
 * names each argument's type in order: 'i' int64_t, 't' const char * (NULL binds
 * NULL), 'n' a NULL taking no argument. Returns STORE_OK or the error; *changes (when
 * not NULL) gets the rows changed. For new code with many small writes. */
int store_run(store_conn *c, int *changes, const char *sql, const char *binds, ...);
/* The same for a query of one integer: STORE_OK with *out, STORE_ENOTFOUND, or the error. */
int store_int(store_conn *c, int64_t *out, const char *sql, const char *binds, ...);

/* Copies a text column into dst (NUL-terminated, truncated at cap). */
void store_col_copy(store_stmt *st, int col, char *dst, size_t cap);

#endif
