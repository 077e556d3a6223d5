/* store — the shared handle: picks the engine, runs its database checks once, and
 * hands each thread its own connection through a pthread key. */
#include "store/store.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "store/store_engine.h"

struct conn_node {
    store_conn *conn;
    struct conn_node *next;
    store *owner;
};

struct store {
    const struct store_engine *engine;
    char *where;
    int schema_version;
    pthread_key_t key;
    pthread_mutex_t lock; /* guards conns */
    struct conn_node *conns;
};

int store_latest_version(void) {
    int v = 0;
    for (const struct tashil_migration *m = tashil_migrations; m->name; m++)
        if (m->version > v) v = m->version;
    return v;
}

static void unlink_node(store *s, struct conn_node *node) {
    pthread_mutex_lock(&s->lock);
    for (struct conn_node **p = &s->conns; *p; p = &(*p)->next) {
        if (*p == node) {
            *p = node->next;
            break;
        }
    }
    pthread_mutex_unlock(&s->lock);
}

/* Runs when a thread that used the store exits. */
static void thread_conn_destructor(void *p) {
    struct conn_node *node = p;
    store *s = node->owner;
    unlink_node(s, node);
    s->engine->disconnect(node->conn);
    free(node);
}

int store_open(const char *where, int flags, store **out, struct store_error *err) {
    memset(err, 0, sizeof *err);
    *out = NULL;
    if (!where || !*where) {
        err->code = STORE_ENOENT;
        snprintf(err->message, sizeof err->message,
                 "no database given: use --db PATH or set TASHIL_DB");
        return err->code;
    }
    const struct store_engine *engine = &store_sqlite_engine;
    int version = 0;
    int rc = engine->prepare_database(where, flags, &version, err);
    if (rc != STORE_OK) return rc;
    store *s = calloc(1, sizeof *s);
    if (!s) return STORE_ERROR;
    s->engine = engine;
    s->where = strdup(where);
    s->schema_version = version;
    pthread_mutex_init(&s->lock, NULL);
    if (!s->where || pthread_key_create(&s->key, thread_conn_destructor) != 0) {
        free(s->where);
        free(s);
        return STORE_ERROR;
    }
    *out = s;
    return STORE_OK;
}

store_conn *store_thread_conn(store *s) {
    struct conn_node *node = pthread_getspecific(s->key);
    if (node) return node->conn;
    struct store_error err;
    store_conn *c = s->engine->connect(s->where, &err);
    if (!c) {
        fprintf(stderr, "store: %s\n", err.message);
        return NULL;
    }
    node = calloc(1, sizeof *node);
    if (!node) {
        s->engine->disconnect(c);
        return NULL;
    }
    node->conn = c;
    node->owner = s;
    pthread_mutex_lock(&s->lock);
    node->next = s->conns;
    s->conns = node;
    pthread_mutex_unlock(&s->lock);
    pthread_setspecific(s->key, node);
    return c;
}

void store_close(store *s) {
    if (!s) return;
    /* Connections of threads still alive (the caller's own, typically) are closed
     * here; those threads must not use the store afterwards. */
    pthread_setspecific(s->key, NULL);
    pthread_mutex_lock(&s->lock);
    struct conn_node *n = s->conns;
    s->conns = NULL;
    pthread_mutex_unlock(&s->lock);
    while (n) {
        struct conn_node *next = n->next;
        s->engine->disconnect(n->conn);
        free(n);
        n = next;
    }
    pthread_key_delete(s->key);
    pthread_mutex_destroy(&s->lock);
    free(s->where);
    free(s);
}

int store_schema_version(store *s) { return s->schema_version; }

/* --- dispatch to the engine ------------------------------------------------------ */

int store_exec(store_conn *c, const char *sql) { return c->ops->exec(c, sql); }
store_stmt *store_prepare(store_conn *c, const char *sql) { return c->ops->prepare(c, sql); }
void store_bind_int(store_stmt *st, int i, int64_t v) { st->conn->ops->bind_int(st, i, v); }
void store_bind_double(store_stmt *st, int i, double v) { st->conn->ops->bind_double(st, i, v); }
void store_bind_text(store_stmt *st, int i, const char *s) { st->conn->ops->bind_text(st, i, s); }
void store_bind_text_ref(store_stmt *st, int i, const char *s) {
    st->conn->ops->bind_text_ref(st, i, s);
}
void store_bind_blob(store_stmt *st, int i, const void *p, size_t n) {
    st->conn->ops->bind_blob(st, i, p, n);
}
void store_bind_null(store_stmt *st, int i) { st->conn->ops->bind_null(st, i); }
int store_step(store_stmt *st) { return st->conn->ops->step(st); }
int64_t store_col_int(store_stmt *st, int col) { return st->conn->ops->col_int(st, col); }
double store_col_double(store_stmt *st, int col) { return st->conn->ops->col_double(st, col); }
const char *store_col_text(store_stmt *st, int col) { return st->conn->ops->col_text(st, col); }
const void *store_col_blob(store_stmt *st, int col, size_t *len) {
    return st->conn->ops->col_blob(st, col, len);
}
bool store_col_null(store_stmt *st, int col) { return st->conn->ops->col_null(st, col); }
void store_done(store_stmt *st) {
    if (st) st->conn->ops->done(st);
}
int store_changes(store_conn *c) { return c->ops->changes(c); }
const char *store_errmsg(store_conn *c) { return c->ops->errmsg(c); }

void store_col_copy(store_stmt *st, int col, char *dst, size_t cap) {
    if (!cap) return;
    const char *s = store_col_text(st, col);
    size_t n = strlen(s);
    if (n >= cap) n = cap - 1;
    memcpy(dst, s, n);
    dst[n] = 0;
}

/* Transactions nest: an inner begin/commit pair joins the outer transaction, and
 * a rollback anywhere dooms the whole of it. */
int store_begin(store_conn *c) {
    if (c->tx_depth++ > 0) return STORE_OK;
    c->tx_failed = false;
    int rc = c->ops->exec(c, "BEGIN IMMEDIATE");
    if (rc != STORE_OK) c->tx_depth = 0;
    return rc;
}

int store_commit(store_conn *c) {
    if (c->tx_depth == 0) return STORE_ERROR;
    if (--c->tx_depth > 0) return c->tx_failed ? STORE_ERROR : STORE_OK;
    if (c->tx_failed) {
        c->ops->exec(c, "ROLLBACK");
        return STORE_ERROR;
    }
    int rc = c->ops->exec(c, "COMMIT");
    if (rc != STORE_OK) c->ops->exec(c, "ROLLBACK");
    return rc;
}

void store_rollback(store_conn *c) {
    if (c->tx_depth == 0) return;
    if (--c->tx_depth > 0) {
        c->tx_failed = true;
        return;
    }
    c->ops->exec(c, "ROLLBACK");
}

int store_ping(store_conn *c) {
    store_stmt *st = store_prepare(c, "SELECT 1");
    if (!st) return STORE_ERROR;
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : STORE_ERROR;
}

static void bind_list(store_stmt *st, const char *binds, va_list ap) {
    for (int i = 0; binds && binds[i]; i++) {
        switch (binds[i]) {
        case 'i': store_bind_int(st, i + 1, va_arg(ap, int64_t)); break;
        case 't': store_bind_text(st, i + 1, va_arg(ap, const char *)); break;
        default: store_bind_null(st, i + 1); break;
        }
    }
}

/* The highest $n in sql: a `binds` string of another length is a programming error
 * that would read the wrong arguments, so it is refused before anything runs. */
static size_t highest_placeholder(const char *sql) {
    size_t top = 0;
    for (const char *p = sql; (p = strchr(p, '$')) != NULL;) {
        size_t n = 0;
        for (p++; *p >= '0' && *p <= '9'; p++) n = n * 10 + (size_t)(*p - '0');
        if (n > top) top = n;
    }
    return top;
}

/* Prepares sql and steps it once with the bound arguments. */
static int step_bound(store_conn *c, store_stmt **out, const char *sql, const char *binds, va_list ap) {
    *out = NULL;
    if (highest_placeholder(sql) != (binds ? strlen(binds) : 0)) {
        fprintf(stderr, "tashil: store: %zu bind types for a statement with $%zu: %.80s\n",
                binds ? strlen(binds) : 0, highest_placeholder(sql), sql);
        return STORE_ERROR;
    }
    store_stmt *st = store_prepare(c, sql);
    *out = st;
    if (!st) return STORE_ERROR;
    bind_list(st, binds, ap);
    return store_step(st);
}

int store_run(store_conn *c, int *changes, const char *sql, const char *binds, ...) {
    store_stmt *st;
    va_list ap;
    va_start(ap, binds);
    int rc = step_bound(c, &st, sql, binds, ap);
    va_end(ap);
    if (!st) return STORE_ERROR;
    store_done(st);
    if (rc == STORE_ROW) rc = STORE_DONE; /* RETURNING rows are not read */
    if (rc != STORE_DONE) return rc;
    if (changes) *changes = store_changes(c);
    return STORE_OK;
}

int store_int(store_conn *c, int64_t *out, const char *sql, const char *binds, ...) {
    store_stmt *st;
    va_list ap;
    va_start(ap, binds);
    int rc = step_bound(c, &st, sql, binds, ap);
    va_end(ap);
    if (!st) return STORE_ERROR;
    if (rc == STORE_ROW) *out = store_col_int(st, 0);
    store_done(st);
    return store_one_status(rc);
}
