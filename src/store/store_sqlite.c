/* store_sqlite — the SQLite engine behind store.h.
 *
 * Each connection: WAL journal, synchronous=FULL (an acknowledged write survives a
 * crash or power loss), foreign keys on, a busy timeout, and a cache of prepared
 * statements keyed by the SQL text's address (the SQL is a string literal at every
 * call site, so the address is stable; the text is compared too, to be safe).
 *
 * Before anything is written, prepare_database checks that the file is a Tashil
 * database: a SQLite header, our application_id (or a brand-new empty file), and a
 * schema version not newer than ours. Only then are WAL mode and migrations
 * applied, each migration in its own transaction with its schema_migrations row.
 * Every connection registers the Persian FTS5 tokenizer `tashil` (text/fa_fts5). */
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store/migrations.h"
#include "store/store_engine.h"
#include "text/fa_fts5.h"

enum { TASHIL_APPLICATION_ID = 0x54534831 /* "TSH1" */, STMT_CACHE_SIZE = 256,
       BUSY_TIMEOUT_MS = 5000 };

struct sqlite_stmt {
    struct store_stmt base;
    sqlite3_stmt *st;
    const char *sql_key;
    char *sql_text; /* the SQL as the caller wrote it (with $n), for cache lookups */
};

struct sqlite_conn {
    struct store_conn base;
    sqlite3 *db;
    struct sqlite_stmt *cache[STMT_CACHE_SIZE]; /* open addressing on sql address */
    int ncached;
};


static int map_rc(int rc) {
    switch (rc & 0xff) {
    case SQLITE_OK: return STORE_OK;
    case SQLITE_ROW: return STORE_ROW;
    case SQLITE_DONE: return STORE_DONE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return STORE_EBUSY;
    case SQLITE_CONSTRAINT: return STORE_ECONSTRAINT;
    case SQLITE_NOTADB: return STORE_ENOTDB;
    default: return STORE_ERROR;
    }
}

#define SC(c) ((struct sqlite_conn *)(c))
#define SS(s) ((struct sqlite_stmt *)(s))

static int sq_exec(store_conn *c, const char *sql) {
    char *msg = NULL;
    int rc = sqlite3_exec(SC(c)->db, sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    return map_rc(rc);
}

static size_t slot_of(const char *key) { return ((uintptr_t)key >> 3) % STMT_CACHE_SIZE; }

/* The portable SQL uses $1..$n. SQLite reads `$1` as a *named* parameter numbered by
 * first appearance, so "... $10 ... $8" would bind in the wrong places; `?NNN` is
 * numbered by its digits. Rewrite $<digits> outside quotes to ?<digits>. */
static char *sqlite_placeholders(const char *sql) {
    size_t n = strlen(sql);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    char quote = 0;
    for (size_t i = 0; i <= n; i++) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            c = '?';
        }
        out[i] = c;
    }
    return out;
}

static store_stmt *sq_prepare(store_conn *c, const char *sql) {
    struct sqlite_conn *sc = SC(c);
    size_t slot = slot_of(sql);
    for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
        struct sqlite_stmt *e = sc->cache[(slot + i) % STMT_CACHE_SIZE];
        if (!e) break;
        if (e->sql_key == sql && !strcmp(e->sql_text, sql)) return &e->base;
    }
    struct sqlite_stmt *e = calloc(1, sizeof *e);
    char *native = sqlite_placeholders(sql);
    if (e) e->sql_text = strdup(sql);
    if (!e || !native || !e->sql_text ||
        sqlite3_prepare_v3(sc->db, native, -1, SQLITE_PREPARE_PERSISTENT, &e->st, NULL) !=
            SQLITE_OK) {
        fprintf(stderr, "store: prepare failed: %s\n  in: %s\n", sqlite3_errmsg(sc->db), sql);
        if (e) free(e->sql_text);
        free(e);
        free(native);
        return NULL;
    }
    free(native);
    e->base.conn = c;
    e->sql_key = sql;
    if (sc->ncached < STMT_CACHE_SIZE * 3 / 4) {
        for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
            size_t k = (slot + i) % STMT_CACHE_SIZE;
            if (!sc->cache[k]) {
                sc->cache[k] = e;
                sc->ncached++;
                break;
            }
        }
    } else {
        e->sql_key = NULL; /* cache full: finalized in done() */
    }
    return &e->base;
}

static void sq_bind_int(store_stmt *st, int i, int64_t v) { sqlite3_bind_int64(SS(st)->st, i, v); }
static void sq_bind_double(store_stmt *st, int i, double v) {
    sqlite3_bind_double(SS(st)->st, i, v);
}
static void sq_bind_text(store_stmt *st, int i, const char *s) {
    if (s) sqlite3_bind_text(SS(st)->st, i, s, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(SS(st)->st, i);
}
static void sq_bind_text_ref(store_stmt *st, int i, const char *s) {
    if (s) sqlite3_bind_text(SS(st)->st, i, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(SS(st)->st, i);
}
static void sq_bind_blob(store_stmt *st, int i, const void *p, size_t n) {
    sqlite3_bind_blob64(SS(st)->st, i, p, n, SQLITE_TRANSIENT);
}
static void sq_bind_null(store_stmt *st, int i) { sqlite3_bind_null(SS(st)->st, i); }

static int sq_step(store_stmt *st) {
    int rc = sqlite3_step(SS(st)->st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CONSTRAINT)
        fprintf(stderr, "store: %s\n", sqlite3_errmsg(SC(st->conn)->db));
    return map_rc(rc);
}
static int64_t sq_col_int(store_stmt *st, int col) { return sqlite3_column_int64(SS(st)->st, col); }
static double sq_col_double(store_stmt *st, int col) {
    return sqlite3_column_double(SS(st)->st, col);
}
static const char *sq_col_text(store_stmt *st, int col) {
    const unsigned char *t = sqlite3_column_text(SS(st)->st, col);
    return t ? (const char *)t : "";
}
static const void *sq_col_blob(store_stmt *st, int col, size_t *len) {
    const void *p = sqlite3_column_blob(SS(st)->st, col);
    *len = (size_t)sqlite3_column_bytes(SS(st)->st, col);
    return p;
}
static bool sq_col_null(store_stmt *st, int col) {
    return sqlite3_column_type(SS(st)->st, col) == SQLITE_NULL;
}
static void sq_done(store_stmt *st) {
    struct sqlite_stmt *e = SS(st);
    sqlite3_reset(e->st);
    sqlite3_clear_bindings(e->st);
    if (!e->sql_key) {
        sqlite3_finalize(e->st);
        free(e->sql_text);
        free(e);
    }
}
static int sq_changes(store_conn *c) { return sqlite3_changes(SC(c)->db); }
static const char *sq_errmsg(store_conn *c) { return sqlite3_errmsg(SC(c)->db); }

static const struct store_conn_ops sqlite_ops = {
    sq_exec, sq_prepare, sq_bind_int, sq_bind_double, sq_bind_text, sq_bind_text_ref, sq_bind_blob,
    sq_bind_null, sq_step, sq_col_int, sq_col_double, sq_col_text, sq_col_blob,
    sq_col_null, sq_done, sq_changes, sq_errmsg,
};

/* SQLite counts every allocation it makes for sqlite3_memory_used(), under a global
 * mutex: two lock/unlock pairs per allocation, a twentieth of a bulk import's
 * writing. Nothing here reads those counts. Must come before SQLite initialises
 * itself; if something else in the process already did, the call is refused and
 * the counting simply stays on. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;
static void sqlite_global_setup(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

static int configure(sqlite3 *db, struct store_error *err) {
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(db, 1);
    /* Reads go through a memory map (no pread copy per page) and a 32 MiB page
     * cache per connection: list pages and search touch scattered rows. */
    const char *setup = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                        "PRAGMA foreign_keys=ON; PRAGMA mmap_size=4294967296;"
                        "PRAGMA cache_size=-32768;";
    char *msg = NULL;
    if (sqlite3_exec(db, setup, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err->message, sizeof err->message, "cannot configure database: %s",
                 msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        err->code = STORE_ERROR;
        return STORE_ERROR;
    }
    if (fa_fts5_register(db) != 0) {
        snprintf(err->message, sizeof err->message, "cannot register the tashil tokenizer: %s",
                 sqlite3_errmsg(db));
        err->code = STORE_ERROR;
        return STORE_ERROR;
    }
    return STORE_OK;
}

static store_conn *sq_connect(const char *where, struct store_error *err) {
    sqlite3 *db = NULL;
    pthread_once(&sqlite_once, sqlite_global_setup);
    int rc = sqlite3_open_v2(where, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err->message, sizeof err->message, "cannot open %s: %s", where,
                 db ? sqlite3_errmsg(db) : "out of memory");
        err->code = map_rc(rc);
        sqlite3_close(db);
        return NULL;
    }
    if (configure(db, err) != STORE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    struct sqlite_conn *c = calloc(1, sizeof *c);
    if (!c) {
        sqlite3_close(db);
        return NULL;
    }
    c->base.ops = &sqlite_ops;
    c->db = db;
    return &c->base;
}

static void sq_disconnect(store_conn *conn) {
    struct sqlite_conn *c = SC(conn);
    if (!c) return;
    for (int i = 0; i < STMT_CACHE_SIZE; i++) {
        if (c->cache[i]) {
            sqlite3_finalize(c->cache[i]->st);
            free(c->cache[i]->sql_text);
            free(c->cache[i]);
        }
    }
    sqlite3_close(c->db);
    free(c);
}

/* --- checks and migrations ---------------------------------------------------- */

static int query_int(sqlite3 *db, const char *sql, int *out) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

__attribute__((format(printf, 3, 4))) static int fail(struct store_error *err, int code,
                                                      const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err->code = code;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

/* Is the file at `where` one we may touch? Returns STORE_OK with *is_new set when it
 * is empty or absent (and creation is allowed). Nothing is written. */
static int check_file(const char *where, int flags, bool *is_new, struct store_error *err) {
    struct stat st;
    *is_new = false;
    if (stat(where, &st) != 0) {
        if (!(flags & STORE_CREATE))
            return fail(err, STORE_ENOENT,
                        "database %s does not exist; create it with `tashil init --db %s`",
                        where, where);
        *is_new = true;
        return STORE_OK;
    }
    if (!S_ISREG(st.st_mode))
        return fail(err, STORE_ENOTDB, "%s is not a regular file", where);
    if (st.st_size == 0) {
        *is_new = true;
        return STORE_OK;
    }
    FILE *f = fopen(where, "rb");
    char header[16] = {0};
    size_t n = f ? fread(header, 1, sizeof header, f) : 0;
    if (f) fclose(f);
    if (n != sizeof header || memcmp(header, "SQLite format 3", 16) != 0)
        return fail(err, STORE_ENOTDB,
                    "%s is not a Tashil database (not an SQLite file); it was left untouched",
                    where);
    return STORE_OK;
}

static int applied_version(sqlite3 *db, int *version) {
    int has_table = 0;
    int rc = query_int(db,
                       "SELECT count(*) FROM sqlite_schema WHERE type='table' AND "
                       "name='schema_migrations'",
                       &has_table);
    if (rc != SQLITE_OK) return rc;
    *version = 0;
    if (!has_table) return SQLITE_OK;
    return query_int(db, "SELECT coalesce(max(version),0) FROM schema_migrations", version);
}

/* Is migration `v` recorded? Migrations are numbered by area (0010 cases, 0020
 * sessions, 0030 promises), so a lower number can arrive after a higher one was
 * applied: each is applied when it is not recorded, not when it is above the max. */
static bool migration_recorded(sqlite3 *db, int v) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM schema_migrations WHERE version=?1", -1, &st,
                           NULL) != SQLITE_OK)
        return false; /* no table yet: nothing is recorded */
    sqlite3_bind_int(st, 1, v);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

static int pending_migrations(sqlite3 *db) {
    int n = 0;
    for (const struct tashil_migration *m = tashil_migrations; m->name; m++)
        if (!migration_recorded(db, m->version)) n++;
    return n;
}

/* SQLITE_OK when no row breaks a foreign key (PRAGMA foreign_key_check is empty). */
static int foreign_keys_hold(sqlite3 *db) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : SQLITE_CONSTRAINT_FOREIGNKEY;
}

/* Each migration in its own transaction with foreign keys off (a migration may
 * rebuild a table the others refer to: SQLite's documented ALTER procedure, where
 * dropping the old table must not cascade) and checked before its commit. */
static int apply_migrations(sqlite3 *db, int from, int *version, struct store_error *err) {
    *version = from;
    sqlite3_exec(db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
    for (const struct tashil_migration *m = tashil_migrations; m->name; m++) {
        if (migration_recorded(db, m->version)) continue;
        char *msg = NULL;
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg);
        if (rc == SQLITE_OK) rc = sqlite3_exec(db, m->sql, NULL, NULL, &msg);
        if (rc == SQLITE_OK && (rc = foreign_keys_hold(db)) != SQLITE_OK && !msg)
            msg = sqlite3_mprintf("a row breaks a foreign key (PRAGMA foreign_key_check)");
        if (rc == SQLITE_OK) {
            sqlite3_stmt *st;
            rc = sqlite3_prepare_v2(db,
                                    "INSERT INTO schema_migrations(version, name, applied_at) "
                                    "VALUES ($1, $2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                                    -1, &st, NULL);
            if (rc == SQLITE_OK) {
                sqlite3_bind_int(st, 1, m->version);
                sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
                rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
                sqlite3_finalize(st);
            }
        }
        if (rc == SQLITE_OK) rc = sqlite3_exec(db, "COMMIT", NULL, NULL, &msg);
        if (rc != SQLITE_OK) {
            snprintf(err->message, sizeof err->message, "migration %s failed: %s", m->name,
                     msg ? msg : sqlite3_errmsg(db));
            sqlite3_free(msg);
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
            err->code = STORE_ERROR;
            return STORE_ERROR;
        }
        if (m->version > *version) *version = m->version;
    }
    sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    return STORE_OK;
}

static int sq_prepare_database(const char *where, int flags, int *schema_version,
                               struct store_error *err) {
    bool is_new;
    int rc = check_file(where, flags, &is_new, err);
    if (rc != STORE_OK) return rc;

    sqlite3 *db = NULL;
    pthread_once(&sqlite_once, sqlite_global_setup);
    int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (is_new ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(where, &db, open_flags, NULL) != SQLITE_OK) {
        fail(err, STORE_ERROR, "cannot open %s: %s", where, db ? sqlite3_errmsg(db) : "no memory");
        sqlite3_close(db);
        return err->code;
    }
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    int app_id = 0, ntables = 0, version = 0;
    rc = query_int(db, "PRAGMA application_id", &app_id);
    if (rc == SQLITE_OK) rc = query_int(db, "SELECT count(*) FROM sqlite_schema", &ntables);
    if (rc != SQLITE_OK) {
        fail(err, map_rc(rc) == STORE_ENOTDB ? STORE_ENOTDB : STORE_ERROR,
             "%s is not a readable Tashil database: %s", where, sqlite3_errmsg(db));
        sqlite3_close(db);
        return err->code;
    }
    if (app_id != TASHIL_APPLICATION_ID && !(app_id == 0 && ntables == 0)) {
        fail(err, STORE_ENOTDB, "%s is an SQLite database of another program, not Tashil's; "
             "it was left untouched", where);
        sqlite3_close(db);
        return err->code;
    }
    if (applied_version(db, &version) != SQLITE_OK) {
        fail(err, STORE_ERROR, "cannot read the schema version of %s: %s", where,
             sqlite3_errmsg(db));
        sqlite3_close(db);
        return err->code;
    }
    int latest = store_latest_version();
    if (version > latest) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%d", version);
        snprintf(b, sizeof b, "%d", latest);
        err->code = STORE_ETOONEW;
        snprintf(err->message, sizeof err->message,
                 "%s has schema version %s, newer than this tashil knows (%s); "
                 "upgrade tashil. The database was left untouched.", where, a, b);
        sqlite3_close(db);
        return err->code;
    }
    if ((version < latest || pending_migrations(db) > 0) && !(flags & STORE_MIGRATE)) {
        err->code = STORE_EOLD;
        snprintf(err->message, sizeof err->message,
                 "%s needs migrations; run `tashil init --db %s`", where, where);
        sqlite3_close(db);
        return err->code;
    }
    if (configure(db, err) != STORE_OK) {
        sqlite3_close(db);
        return err->code;
    }
    if (app_id == 0) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d", TASHIL_APPLICATION_ID);
        sqlite3_exec(db, pragma, NULL, NULL, NULL);
    }
    rc = apply_migrations(db, version, schema_version, err);
    sqlite3_close(db);
    return rc;
}

const struct store_engine store_sqlite_engine = {
    "sqlite", sq_prepare_database, sq_connect, sq_disconnect,
};
