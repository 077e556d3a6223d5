/* store_promises — see store_promises.h. */
#include "store/store_promises.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/json_out.h"
#include "store/store_audit.h"
#include "store/store_tx.h"
#include "text/fa_key.h"

#define PROMISE_COLS                                                                          \
    "p.id, p.person_id, pp.name, p.office, coalesce(p.occasion_id,0), coalesce(o.title,''), " \
    "coalesce(o.kind,''), coalesce(o.held_on,''), p.county, p.said_on, p.summary, p.quote, "  \
    "p.topic, p.agency, coalesce(p.target_on,''), p.rating, coalesce(p.rated_on,'') "         \
    "FROM promises p JOIN promise_people pp ON pp.id = p.person_id "                           \
    "LEFT JOIN promise_occasions o ON o.id = p.occasion_id "

/* The filter, bound as $1..$7 by bind_filter. */
#define PROMISE_WHERE                                                                      \
    "WHERE ($1 = 0 OR p.person_id = $1) AND ($2 = 0 OR p.occasion_id = $2) "               \
    "AND ($3 IS NULL OR p.office = $3) AND ($4 IS NULL OR p.county = $4) "                 \
    "AND ($5 IS NULL OR p.topic = $5) AND ($6 IS NULL OR p.rating = $6) "                  \
    "AND ($7 IS NULL OR p.search_key LIKE '%' || $7 || '%') "                                    \
    "AND ($8 = 0 OR p.id IN (SELECT promise_id FROM promise_sources WHERE article_id = $8)) "

static int done_rc(int rc) { return rc == STORE_DONE ? STORE_OK : rc < 0 ? rc : STORE_ERROR; }
/* After stepping a single-row query. */
static int one_rc(int rc) { return store_one_status(rc); }

/* Steps st to its end calling row(st, ctx) for each row (a non-zero return stops
 * early, which is not an error), then releases st. */
static int walk(store_stmt *st, int (*row)(store_stmt *st, void *ctx), void *ctx) {
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        if (row(st, ctx)) {
            rc = STORE_DONE;
            break;
        }
    }
    store_done(st);
    return done_rc(rc);
}

/* Ends the transaction a mutation began: commits when rc is STORE_OK (then stores
 * id in *id_out when asked), else rolls back and returns the error. */
static int finish(store_conn *c, int rc, int64_t id, int64_t *id_out) {
    if (rc != STORE_OK) {
        store_rollback(c);
        return rc < 0 ? rc : STORE_ERROR;
    }
    rc = store_commit(c);
    if (rc == STORE_OK && id_out) *id_out = id;
    return rc;
}

/* Replaces each string *fields[i] (a column of the current row) by an arena copy;
 * STORE_ERROR when the arena is full. */
static int copy_all(arena *a, const char **const *fields, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!(*fields[i] = arena_strdup(a, *fields[i]))) return STORE_ERROR;
    return STORE_OK;
}

/* Runs st (a query by id, $1) and copies its first row's n text columns into the
 * arena through out[0..n); STORE_ENOTFOUND when there is no row. */
static int get_texts(store_stmt *st, int64_t id, arena *a, const char **const *out, int n) {
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    for (int i = 0; rc == STORE_ROW && i < n; i++) *out[i] = store_col_text(st, i);
    if (rc == STORE_ROW && copy_all(a, out, (size_t)n) != STORE_OK) rc = STORE_ERROR;
    store_done(st);
    return one_rc(rc);
}

/* A caller's callback and its argument, for the row adapters below. */
struct visit {
    void (*fn)(void); /* cast back to its real type by the adapter */
    void *arg;
};

static void now_iso(char out[21]) { clock_iso_utc(clock_now(), out); }

/* Reads the PROMISE_COLS columns; strings point into the statement's row. */
static void read_promise(store_stmt *st, struct promise_rec *p) {
    p->id = store_col_int(st, 0);
    p->person_id = store_col_int(st, 1);
    p->person = store_col_text(st, 2);
    p->office = store_col_text(st, 3);
    p->occasion_id = store_col_int(st, 4);
    p->occasion_title = store_col_text(st, 5);
    p->occasion_kind = store_col_text(st, 6);
    p->occasion_held_on = store_col_text(st, 7);
    p->county = store_col_text(st, 8);
    p->said_on = store_col_text(st, 9);
    p->summary = store_col_text(st, 10);
    p->quote = store_col_text(st, 11);
    p->topic = store_col_text(st, 12);
    p->agency = store_col_text(st, 13);
    p->target_on = store_col_text(st, 14);
    p->rating = store_col_text(st, 15);
    p->rated_on = store_col_text(st, 16);
}

/* Audit detail {"k":"v",...} from NULL-terminated key/value pairs. */
static int audit(store_conn *c, const struct user *actor, const char *action, const char *entity,
                 int64_t id, const char *ip, const char *const *kv) {
    buf d;
    buf_init(&d, 64 * 1024);
    buf_putc(&d, '{');
    for (int i = 0; kv && kv[i]; i += 2) {
        if (i) buf_putc(&d, ',');
        json_out_string(&d, kv[i]);
        buf_putc(&d, ':');
        json_out_string(&d, kv[i + 1] ? kv[i + 1] : "");
    }
    buf_putc(&d, '}');
    int rc = d.failed ? STORE_ERROR : store_audit_append(c, actor, action, entity, id, d.data, ip);
    buf_free(&d);
    return rc;
}

/* The Persian search key of one or more texts joined by spaces. */
static char *search_key(const char *const *parts) {
    buf in, out;
    buf_init(&in, 1 << 20);
    buf_init(&out, 1 << 20);
    for (int i = 0; parts[i]; i++) {
        buf_puts(&in, parts[i]);
        buf_putc(&in, '\n');
    }
    int rc = in.failed ? -1 : fa_key(in.data ? in.data : "", in.len, &out);
    buf_free(&in);
    if (rc != 0 || out.failed) {
        buf_free(&out);
        return NULL;
    }
    size_t n;
    char *s = buf_detach(&out, &n);
    return s;
}

/* People are one whatever the spacing of their names («حشمت‌الله» = «حشمت الله»):
 * their key is the search key without spaces. */
static int person_find_or_add(store_conn *c, const char *name, int64_t *id) {
    const char *parts[] = {name, NULL};
    char *key = search_key(parts);
    if (!key) return STORE_ERROR;
    char *w = key;
    for (const char *r = key; *r; r++)
        if (*r != ' ') *w++ = *r;
    *w = 0;
    int rc = STORE_ERROR;
    store_stmt *st = store_prepare(c, "SELECT id FROM promise_people WHERE name_key = $1");
    if (st) {
        store_bind_text(st, 1, key);
        rc = store_step(st);
        if (rc == STORE_ROW) *id = store_col_int(st, 0);
        store_done(st);
    }
    if (rc == STORE_DONE) {
        char at[21];
        now_iso(at);
        st = store_prepare(c, "INSERT INTO promise_people(name, name_key, created_at) "
                              "VALUES ($1,$2,$3) RETURNING id");
        rc = STORE_ERROR;
        if (st) {
            store_bind_text(st, 1, name);
            store_bind_text(st, 2, key);
            store_bind_text(st, 3, at);
            rc = store_step(st);
            if (rc == STORE_ROW) *id = store_col_int(st, 0);
            store_done(st);
        }
    }
    free(key);
    return rc == STORE_ROW ? STORE_OK : rc < 0 ? rc : STORE_ERROR;
}

static int occasion_find_or_add(store_conn *c, const struct promise_clean *p, int64_t *id) {
    store_stmt *st = store_prepare(
        c, "SELECT id FROM promise_occasions WHERE title = $1 AND held_on = $2");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, p->occasion_title);
    store_bind_text(st, 2, p->said_on);
    int rc = store_step(st);
    if (rc == STORE_ROW) *id = store_col_int(st, 0);
    store_done(st);
    if (rc != STORE_DONE) return rc == STORE_ROW ? STORE_OK : rc;
    char at[21];
    now_iso(at);
    st = store_prepare(c, "INSERT INTO promise_occasions(kind, title, held_on, county, created_at) "
                          "VALUES ($1,$2,$3,$4,$5) RETURNING id");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, occasion_kind_code(p->occasion_kind));
    store_bind_text(st, 2, p->occasion_title);
    store_bind_text(st, 3, p->said_on);
    store_bind_text(st, 4, p->county);
    store_bind_text(st, 5, at);
    rc = store_step(st);
    if (rc == STORE_ROW) *id = store_col_int(st, 0);
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : rc < 0 ? rc : STORE_ERROR;
}

int store_promise_article_add(store_conn *c, const struct user *actor, const char *title,
                              const char *url, const char *body, const char *ip, int64_t *id) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    char at[21];
    now_iso(at);
    store_stmt *st = store_prepare(c, "INSERT INTO promise_articles(title, url, body, created_at) "
                                      "VALUES ($1,$2,$3,$4) RETURNING id");
    rc = STORE_ERROR;
    if (st) {
        store_bind_text(st, 1, title ? title : "");
        store_bind_text(st, 2, url && *url ? url : NULL);
        store_bind_text(st, 3, body);
        store_bind_text(st, 4, at);
        rc = store_step(st);
        if (rc == STORE_ROW) *id = store_col_int(st, 0);
        store_done(st);
    }
    if (rc == STORE_ROW) {
        const char *kv[] = {"title", title, NULL};
        rc = audit(c, actor, "promise_article.create", "promise_article", *id, ip, kv);
    }
    return finish(c, rc, 0, NULL);
}

int store_promise_article_get(store_conn *c, int64_t id, arena *a, const char **title,
                              const char **url, const char **body) {
    const char **const out[] = {title, url, body};
    return get_texts(store_prepare(c, "SELECT title, coalesce(url,''), body FROM promise_articles "
                                      "WHERE id = $1"),
                     id, a, out, 3);
}

static int timeline_add(store_conn *c, const struct user *actor, int64_t promise_id,
                        const char *rating, const char *prev, const char *on, const char *source,
                        const char *note) {
    char at[21];
    now_iso(at);
    store_stmt *st = store_prepare(c, "INSERT INTO promise_ratings(promise_id, rating, prev_rating, "
                                      "changed_on, source, note, at, actor_name) "
                                      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8)");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, promise_id);
    store_bind_text(st, 2, rating);
    store_bind_text(st, 3, prev);
    store_bind_text(st, 4, on);
    store_bind_text(st, 5, source);
    store_bind_text(st, 6, note);
    store_bind_text(st, 7, at);
    store_bind_text(st, 8, actor ? actor->name : "system");
    int rc = store_step(st);
    store_done(st);
    return done_rc(rc);
}

static int insert_promise(store_conn *c, const struct user *actor, const struct promise_clean *p,
                          int64_t person_id, int64_t occasion_id, int64_t *id) {
    const char *parts[] = {p->person, p->office, p->summary, p->quote, p->topic, p->agency,
                           p->county, NULL};
    char *key = search_key(parts);
    if (!key) return STORE_ERROR;
    char at[21];
    now_iso(at);
    store_stmt *st = store_prepare(
        c, "INSERT INTO promises(person_id, office, occasion_id, county, said_on, summary, quote, "
           "topic, agency, target_on, search_key, created_at, created_by) "
           "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id");
    int rc = STORE_ERROR;
    if (st) {
        store_bind_int(st, 1, person_id);
        store_bind_text(st, 2, p->office);
        if (occasion_id) store_bind_int(st, 3, occasion_id);
        else store_bind_null(st, 3);
        store_bind_text(st, 4, p->county);
        store_bind_text(st, 5, p->said_on);
        store_bind_text(st, 6, p->summary);
        store_bind_text(st, 7, p->quote);
        store_bind_text(st, 8, p->topic);
        store_bind_text(st, 9, p->agency);
        store_bind_text(st, 10, p->target_on[0] ? p->target_on : NULL);
        store_bind_text(st, 11, key);
        store_bind_text(st, 12, at);
        if (actor && actor->id) store_bind_int(st, 13, actor->id);
        else store_bind_null(st, 13);
        rc = store_step(st);
        if (rc == STORE_ROW) *id = store_col_int(st, 0);
        store_done(st);
    }
    free(key);
    return rc == STORE_ROW ? STORE_OK : rc < 0 ? rc : STORE_ERROR;
}

static int source_add(store_conn *c, int64_t promise_id, const char *url, int64_t article_id,
                      const char *title) {
    if (!(url && *url) && article_id <= 0) return STORE_OK;
    store_stmt *st = store_prepare(c, "INSERT INTO promise_sources(promise_id, url, title, "
                                      "article_id) VALUES ($1,$2,$3,$4)");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, promise_id);
    store_bind_text(st, 2, url && *url ? url : NULL);
    store_bind_text(st, 3, title ? title : "");
    if (article_id > 0) store_bind_int(st, 4, article_id);
    else store_bind_null(st, 4);
    int rc = store_step(st);
    store_done(st);
    return done_rc(rc);
}

int store_promise_create(store_conn *c, const struct user *actor, const struct promise_clean *p,
                         int64_t article_id, const char *source_title, const char *ip,
                         int64_t *id_out) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    int64_t person_id = 0, occasion_id = 0, id = 0;
    rc = person_find_or_add(c, p->person, &person_id);
    if (rc == STORE_OK && p->occasion_title && *p->occasion_title && p->occasion_kind >= 0)
        rc = occasion_find_or_add(c, p, &occasion_id);
    if (rc == STORE_OK) rc = insert_promise(c, actor, p, person_id, occasion_id, &id);
    if (rc == STORE_OK) rc = source_add(c, id, p->source_url, article_id, source_title);
    if (rc == STORE_OK) {
        const char *src = p->source_url && *p->source_url ? p->source_url
                          : source_title && *source_title ? source_title
                                                          : "ثبت در سامانه";
        rc = timeline_add(c, actor, id, "not_rated", NULL, p->said_on, src, "وعده داده شد.");
    }
    if (rc == STORE_OK) {
        const char *kv[] = {"person", p->person, "summary", p->summary, "said_on", p->said_on,
                            NULL};
        rc = audit(c, actor, "promise.create", "promise", id, ip, kv);
    }
    return finish(c, rc, id, id_out);
}

int store_promise_get(store_conn *c, int64_t id, arena *a, struct promise_rec *out) {
    store_stmt *st = store_prepare(c, "SELECT " PROMISE_COLS "WHERE p.id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        read_promise(st, out);
        const char **const s[] = {&out->person, &out->office, &out->county, &out->said_on,
                                  &out->summary, &out->quote, &out->topic, &out->agency,
                                  &out->target_on, &out->rating, &out->rated_on,
                                  &out->occasion_title, &out->occasion_kind,
                                  &out->occasion_held_on};
        if (copy_all(a, s, sizeof s / sizeof *s) != STORE_OK) rc = STORE_ERROR;
    }
    store_done(st);
    return one_rc(rc);
}

int store_promise_last_change(store_conn *c, int64_t id, char out[11]) {
    store_stmt *st = store_prepare(c, "SELECT max(changed_on) FROM promise_ratings "
                                      "WHERE promise_id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    out[0] = 0;
    if (rc == STORE_ROW) store_col_copy(st, 0, out, 11);
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : rc < 0 ? rc : STORE_ERROR;
}

int store_promise_rate(store_conn *c, const struct user *actor, int64_t id,
                       const struct rating_clean *r, const char *ip) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    char prev[16] = "";
    store_stmt *st = store_prepare(c, "SELECT rating FROM promises WHERE id = $1");
    rc = STORE_ERROR;
    if (st) {
        store_bind_int(st, 1, id);
        rc = store_step(st);
        if (rc == STORE_ROW) store_col_copy(st, 0, prev, sizeof prev);
        store_done(st);
        rc = rc == STORE_ROW ? STORE_OK : rc == STORE_DONE ? STORE_ENOTFOUND : rc;
    }
    const char *code = promise_rating_code(r->rating);
    if (rc == STORE_OK)
        rc = timeline_add(c, actor, id, code, prev, r->changed_on, r->source, r->note);
    if (rc == STORE_OK) {
        st = store_prepare(c, "UPDATE promises SET rating = $1, rated_on = $2, "
                              "version = version + 1 WHERE id = $3");
        rc = STORE_ERROR;
        if (st) {
            store_bind_text(st, 1, code);
            store_bind_text(st, 2, r->changed_on);
            store_bind_int(st, 3, id);
            rc = done_rc(store_step(st));
            store_done(st);
        }
    }
    if (rc == STORE_OK) {
        const char *kv[] = {"from", prev, "to", code, "on", r->changed_on, "source", r->source,
                            NULL};
        rc = audit(c, actor, "promise.rate", "promise", id, ip, kv);
    }
    return finish(c, rc, 0, NULL);
}

static void bind_filter(store_stmt *st, const struct promise_filter *f, bool with_rating) {
    store_bind_int(st, 1, f->person_id);
    store_bind_int(st, 2, f->occasion_id);
    store_bind_text(st, 3, f->office);
    store_bind_text(st, 4, f->county);
    store_bind_text(st, 5, f->topic);
    store_bind_text(st, 6, with_rating ? f->rating : NULL);
    store_bind_text(st, 7, f->q_key);
    store_bind_int(st, 8, f->article_id);
}

static int promise_row(store_stmt *st, void *ctx) {
    struct visit *v = ctx;
    struct promise_rec p;
    read_promise(st, &p);
    return ((promise_fn)v->fn)(v->arg, &p);
}

int store_promise_each(store_conn *c, const struct promise_filter *f, promise_fn fn, void *arg) {
    store_stmt *st = store_prepare(
        c, "SELECT " PROMISE_COLS PROMISE_WHERE "ORDER BY p.said_on DESC, p.id DESC "
           "LIMIT $9 OFFSET $10");
    if (!st) return STORE_ERROR;
    bind_filter(st, f, true);
    store_bind_int(st, 9, f->limit > 0 ? f->limit : 200);
    store_bind_int(st, 10, f->offset > 0 ? f->offset : 0);
    struct visit v = {(void (*)(void))fn, arg};
    return walk(st, promise_row, &v);
}

static int count_row(store_stmt *st, void *ctx) {
    int64_t *counts = ctx;
    int r = promise_rating_from_code(store_col_text(st, 0));
    if (r >= 0) counts[r] = store_col_int(st, 1);
    return 0;
}

int store_promise_count_by_rating(store_conn *c, const struct promise_filter *f,
                                  int64_t counts[PR_COUNT]) {
    for (int i = 0; i < PR_COUNT; i++) counts[i] = 0;
    store_stmt *st = store_prepare(c, "SELECT p.rating, count(*) FROM promises p " PROMISE_WHERE
                                      "GROUP BY p.rating");
    if (!st) return STORE_ERROR;
    bind_filter(st, f, false);
    return walk(st, count_row, counts);
}

static void read_rating(store_stmt *st, struct rating_rec *r) {
    r->id = store_col_int(st, 0);
    r->promise_id = store_col_int(st, 1);
    r->rating = store_col_text(st, 2);
    r->prev_rating = store_col_text(st, 3);
    r->changed_on = store_col_text(st, 4);
    r->source = store_col_text(st, 5);
    r->note = store_col_text(st, 6);
    r->at = store_col_text(st, 7);
    r->actor = store_col_text(st, 8);
    r->summary = store_col_text(st, 9);
    r->person = store_col_text(st, 10);
}

static int rating_row(store_stmt *st, void *ctx) {
    struct visit *v = ctx;
    struct rating_rec r;
    read_rating(st, &r);
    return ((rating_fn)v->fn)(v->arg, &r);
}

static int ratings_walk(store_stmt *st, rating_fn fn, void *arg) {
    struct visit v = {(void (*)(void))fn, arg};
    return walk(st, rating_row, &v);
}

#define RATING_COLS                                                                           \
    "r.id, r.promise_id, r.rating, coalesce(r.prev_rating,''), r.changed_on, r.source, "      \
    "r.note, r.at, r.actor_name, p.summary, pp.name FROM promise_ratings r "                   \
    "JOIN promises p ON p.id = r.promise_id JOIN promise_people pp ON pp.id = p.person_id "

int store_promise_ratings_each(store_conn *c, int64_t promise_id, rating_fn fn, void *arg) {
    store_stmt *st = store_prepare(c, "SELECT " RATING_COLS "WHERE r.promise_id = $1 "
                                      "ORDER BY r.changed_on, r.id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, promise_id);
    return ratings_walk(st, fn, arg);
}

int store_promise_feed_each(store_conn *c, int limit, rating_fn fn, void *arg) {
    store_stmt *st = store_prepare(c, "SELECT " RATING_COLS "WHERE r.prev_rating IS NOT NULL "
                                      "ORDER BY r.id DESC LIMIT $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, limit);
    return ratings_walk(st, fn, arg);
}

typedef int (*source_fn)(void *arg, const struct source_rec *s);

static int source_row(store_stmt *st, void *ctx) {
    struct visit *v = ctx;
    struct source_rec s = {store_col_text(st, 0), store_col_text(st, 1), store_col_int(st, 2)};
    return ((source_fn)v->fn)(v->arg, &s);
}

int store_promise_sources_each(store_conn *c, int64_t promise_id,
                               int (*fn)(void *arg, const struct source_rec *s), void *arg) {
    store_stmt *st = store_prepare(c, "SELECT coalesce(url,''), title, coalesce(article_id,0) "
                                      "FROM promise_sources WHERE promise_id = $1 ORDER BY id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, promise_id);
    struct visit v = {(void (*)(void))fn, arg};
    return walk(st, source_row, &v);
}

typedef int (*facet_fn)(void *arg, const char *value);

static int facet_row(store_stmt *st, void *ctx) {
    struct visit *v = ctx;
    return ((facet_fn)v->fn)(v->arg, store_col_text(st, 0));
}

int store_promise_facet_each(store_conn *c, const char *which,
                             int (*fn)(void *arg, const char *value), void *arg) {
    const char *sql;
    if (!strcmp(which, "office"))
        sql = "SELECT DISTINCT office FROM promises WHERE office <> '' ORDER BY office";
    else if (!strcmp(which, "county"))
        sql = "SELECT DISTINCT county FROM promises WHERE county <> '' ORDER BY county";
    else if (!strcmp(which, "topic"))
        sql = "SELECT DISTINCT topic FROM promises WHERE topic <> '' ORDER BY topic";
    else return STORE_ERROR;
    store_stmt *st = store_prepare(c, sql);
    if (!st) return STORE_ERROR;
    struct visit v = {(void (*)(void))fn, arg};
    return walk(st, facet_row, &v);
}

typedef int (*person_fn)(void *arg, int64_t id, const char *name, int64_t n);

static int person_row(store_stmt *st, void *ctx) {
    struct visit *v = ctx;
    return ((person_fn)v->fn)(v->arg, store_col_int(st, 0), store_col_text(st, 1),
                              store_col_int(st, 2));
}

int store_promise_people_each(store_conn *c,
                              int (*fn)(void *arg, int64_t id, const char *name, int64_t n),
                              void *arg) {
    store_stmt *st = store_prepare(c, "SELECT pp.id, pp.name, count(p.id) FROM promise_people pp "
                                      "JOIN promises p ON p.person_id = pp.id "
                                      "GROUP BY pp.id, pp.name ORDER BY pp.name");
    if (!st) return STORE_ERROR;
    struct visit v = {(void (*)(void))fn, arg};
    return walk(st, person_row, &v);
}

int store_promise_person_get(store_conn *c, int64_t id, arena *a, const char **name) {
    const char **const out[] = {name};
    return get_texts(store_prepare(c, "SELECT name FROM promise_people WHERE id = $1"), id, a, out, 1);
}

int store_promise_occasion_get(store_conn *c, int64_t id, arena *a, const char **title,
                               const char **kind, const char **held_on, const char **county) {
    const char **const out[] = {title, kind, held_on, county};
    return get_texts(store_prepare(c, "SELECT title, kind, held_on, county FROM promise_occasions "
                                      "WHERE id = $1"),
                     id, a, out, 4);
}

/* --- suggestions ------------------------------------------------------------------ */

int store_suggestion_add(store_conn *c, const struct suggestion_input *s, const char *ip,
                         int64_t *id_out) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    char at[21];
    now_iso(at);
    store_stmt *st = store_prepare(
        c, "INSERT INTO promise_suggestions(person, office, said_on, county, quote, source_url, "
           "contact, ip, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id");
    int64_t id = 0;
    rc = STORE_ERROR;
    if (st) {
        store_bind_text(st, 1, s->person);
        store_bind_text(st, 2, s->office);
        store_bind_text(st, 3, s->said_on);
        store_bind_text(st, 4, s->county);
        store_bind_text(st, 5, s->quote);
        store_bind_text(st, 6, s->source_url);
        store_bind_text(st, 7, s->contact);
        store_bind_text(st, 8, ip);
        store_bind_text(st, 9, at);
        rc = store_step(st);
        if (rc == STORE_ROW) id = store_col_int(st, 0);
        store_done(st);
    }
    if (rc == STORE_ROW) {
        const char *kv[] = {"person", s->person, NULL};
        rc = audit(c, NULL, "promise_suggestion.create", "promise_suggestion", id, ip, kv);
    }
    return finish(c, rc, id, id_out);
}

#define SUGGESTION_COLS                                                                     \
    "SELECT id, coalesce(promise_id,0), status, person, office, said_on, county, quote, "   \
    "source_url, contact, created_at, coalesce(review_note,'') FROM promise_suggestions "

static void read_suggestion(store_stmt *st, struct suggestion_rec *s) {
    s->id = store_col_int(st, 0);
    s->promise_id = store_col_int(st, 1);
    s->status = store_col_text(st, 2);
    s->person = store_col_text(st, 3);
    s->office = store_col_text(st, 4);
    s->said_on = store_col_text(st, 5);
    s->county = store_col_text(st, 6);
    s->quote = store_col_text(st, 7);
    s->source_url = store_col_text(st, 8);
    s->contact = store_col_text(st, 9);
    s->created_at = store_col_text(st, 10);
    s->review_note = store_col_text(st, 11);
}

typedef int (*suggestion_fn)(void *arg, const struct suggestion_rec *s);

static int suggestion_row(store_stmt *st, void *ctx) {
    struct visit *v = ctx;
    struct suggestion_rec s;
    read_suggestion(st, &s);
    return ((suggestion_fn)v->fn)(v->arg, &s);
}

int store_suggestion_each(store_conn *c, const char *status,
                          int (*fn)(void *arg, const struct suggestion_rec *s), void *arg) {
    store_stmt *st = store_prepare(c, SUGGESTION_COLS "WHERE status = $1 ORDER BY id DESC "
                                                      "LIMIT 200");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, status);
    struct visit v = {(void (*)(void))fn, arg};
    return walk(st, suggestion_row, &v);
}

int store_suggestion_get(store_conn *c, int64_t id, arena *a, struct suggestion_rec *out) {
    store_stmt *st = store_prepare(c, SUGGESTION_COLS "WHERE id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        read_suggestion(st, out);
        const char **const s[] = {&out->status, &out->person, &out->office, &out->said_on,
                                  &out->county, &out->quote, &out->source_url, &out->contact,
                                  &out->created_at, &out->review_note};
        if (copy_all(a, s, sizeof s / sizeof *s) != STORE_OK) rc = STORE_ERROR;
    }
    store_done(st);
    return one_rc(rc);
}

int store_suggestion_review(store_conn *c, const struct user *actor, int64_t id,
                            const char *status, const char *note, int64_t promise_id,
                            const char *ip) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    char at[21];
    now_iso(at);
    store_stmt *st = store_prepare(c, "UPDATE promise_suggestions SET status = $1, reviewed_at = $2, "
                                      "reviewer = $3, review_note = $4, promise_id = $5 "
                                      "WHERE id = $6 AND status = 'pending'");
    rc = STORE_ERROR;
    if (st) {
        store_bind_text(st, 1, status);
        store_bind_text(st, 2, at);
        store_bind_text(st, 3, actor ? actor->name : "system");
        store_bind_text(st, 4, note ? note : "");
        if (promise_id > 0) store_bind_int(st, 5, promise_id);
        else store_bind_null(st, 5);
        store_bind_int(st, 6, id);
        rc = done_rc(store_step(st));
        store_done(st);
        if (rc == STORE_OK && store_changes(c) != 1) rc = STORE_ENOTFOUND;
    }
    if (rc == STORE_OK) {
        const char *kv[] = {"status", status, "note", note, NULL};
        rc = audit(c, actor, "promise_suggestion.review", "promise_suggestion", id, ip, kv);
    }
    return finish(c, rc, 0, NULL);
}

int64_t store_suggestion_pending_count(store_conn *c) {
    store_stmt *st =
        store_prepare(c, "SELECT count(*) FROM promise_suggestions WHERE status = 'pending'");
    if (!st) return -1;
    int64_t n = store_step(st) == STORE_ROW ? store_col_int(st, 0) : -1;
    store_done(st);
    return n;
}

/* --- links to zones, units and cases --------------------------------------------- */

static const char *const link_exists_sql[] = {
    "SELECT name FROM zones WHERE id = $1",
    "SELECT name FROM units WHERE id = $1",
    "SELECT title FROM cases WHERE id = $1",
};

static int link_kind_index(const char *kind) {
    static const char *const kinds[] = {"zone", "unit", "case"};
    for (int i = 0; i < 3; i++)
        if (kind && !strcmp(kind, kinds[i])) return i;
    return -1;
}

int store_promise_link_add(store_conn *c, const struct user *actor, int64_t promise_id,
                           const char *kind, int64_t target_id) {
    int k = link_kind_index(kind);
    if (k < 0 || target_id <= 0) return STORE_ECONSTRAINT;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, link_exists_sql[k]);
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, target_id);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_ROW) return store_tx_end(c, rc == STORE_DONE ? STORE_ENOTFOUND : rc);
    st = store_prepare(c, "INSERT INTO promise_links(promise_id, kind, target_id) "
                          "SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM promises WHERE id = $1) "
                          "ON CONFLICT DO NOTHING");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, promise_id);
    store_bind_text(st, 2, kind);
    store_bind_int(st, 3, target_id);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return store_tx_end(c, rc);
    char detail[96];
    snprintf(detail, sizeof detail, "{\"kind\":\"%s\",\"target_id\":%lld}", kind,
             (long long)target_id);
    return store_tx_end(c, store_audit_append(c, actor, "promise.link", "promise", promise_id,
                                              detail, NULL));
}

int store_promise_links_each(store_conn *c, int64_t promise_id,
                             int (*fn)(void *arg, const char *kind, int64_t target_id,
                                       const char *label),
                             void *arg) {
    store_stmt *st = store_prepare(
        c, "SELECT l.kind, l.target_id, coalesce(CASE l.kind "
           "WHEN 'zone' THEN (SELECT name FROM zones WHERE id = l.target_id) "
           "WHEN 'unit' THEN (SELECT name FROM units WHERE id = l.target_id) "
           "ELSE (SELECT title FROM cases WHERE id = l.target_id) END, '') "
           "FROM promise_links l WHERE l.promise_id = $1 ORDER BY l.kind DESC, l.target_id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, promise_id);
    int rc;
    while ((rc = store_step(st)) == STORE_ROW)
        if (fn(arg, store_col_text(st, 0), store_col_int(st, 1), store_col_text(st, 2))) break;
    store_done(st);
    return store_all_status(rc);
}
