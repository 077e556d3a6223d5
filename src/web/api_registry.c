/* api_registry — the registry JSON API; see api_registry.h and openapi.json.
 *
 * Single records (get, create, replace, delete) of all four kinds go through one set
 * of steps, record_*, driven by a `struct resource` that says what differs (store
 * functions, JSON reader and writer, and hooks). Every write is a straight line: find
 * the record (404), check the caller may touch it (a producer only their own units:
 * 404, so other units do not show), read If-Match (428 / 400), read the body (415 /
 * 400 / 422), check references against the store (422), write through the store (409
 * on a stale version, a duplicate or a dependent record), answer with the record as
 * stored and its ETag. Lists page by id with an opaque cursor: units and zones in SQL,
 * the small reference tables (agencies, categories) in memory. */
#include "web/api_registry.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "registry/registry_json.h"
#include "store/store_registry.h"
#include "text/fa_fts5.h"
#include "web/api_json.h"
#include "web/app.h"

/* --- shared steps -------------------------------------------------------------------- */

static void store_failed(struct http_req *req, struct http_resp *resp, int rc,
                         const char *constraint_message) {
    switch (rc) {
    case STORE_ENOTFOUND: web_not_found(req, resp); break;
    case STORE_ECONFLICT:
        api_error(req, resp, 409, "conflict",
                  "the record changed since you read it (stale If-Match): read it again", NULL);
        break;
    case STORE_ECONSTRAINT: api_error(req, resp, 409, "conflict", constraint_message, NULL); break;
    case STORE_EBUSY:
        web_render_error(req, resp, 503, "unavailable", "database busy; retry",
                         "پایگاه داده مشغول است؛ کمی بعد دوباره تلاش کنید.");
        break;
    default: web_server_error(req, resp); break;
    }
}

static bool is_producer(struct http_req *req) { return web_ctx(req)->role == ROLE_PRODUCER; }

/* The body read into a record: false after answering 400/415/422. */
typedef int (*record_reader)(const json_t *body, void *record, struct json_shape_error *shape,
                             struct field_errors *errs);

static bool read_record(struct http_req *req, struct http_resp *resp, record_reader read,
                        void *record) {
    json_t *body = api_read_body(req, resp);
    if (!body) return false;
    struct json_shape_error shape;
    struct field_errors errs = {0};
    int outcome = read(body, record, &shape, &errs);
    json_decref(body);
    if (outcome != JSON_READ_OK) {
        api_read_failed(req, resp, outcome, &shape, &errs);
        return false;
    }
    return true;
}

/* Answers a single record: 200/201 with its ETag (and Location when created). */
static void send_record(struct http_req *req, struct http_resp *resp, int status, json_t *doc,
                        const char *collection, int64_t id, int64_t version) {
    api_set_etag(req, resp, version);
    if (status == 201) {
        const char *loc = arena_printf(req->a, "/api/v1/%s/%lld", collection, (long long)id);
        if (loc) http_set_header(resp, "Location", loc);
    }
    api_send(resp, status, doc);
}

static void send_no_content(struct http_resp *resp) {
    resp->status = 204;
    resp->content_type = NULL;
    buf_clear(&resp->body);
}

/* A query parameter that must be a vocabulary code; 400 otherwise. */
static bool query_code(struct http_req *req, struct http_resp *resp, const char *name,
                       const struct vocab *v, const char **out) {
    *out = http_query(req, name);
    if (!*out || vocab_has(v, *out)) return true;
    char *msg = arena_printf(req->a, "%s is not one of the allowed codes", name);
    api_error(req, resp, 400, "bad_request", msg, json_pack("{s:s}", name, "unknown code"));
    return false;
}

/* ?q= as an FTS5 MATCH expression in the arena; *match stays NULL for no search. */
static bool query_match(struct http_req *req, struct http_resp *resp, const char **match) {
    *match = NULL;
    const char *q = http_query(req, "q");
    if (!q || !*q) return true;
    buf m;
    buf_init(&m, (size_t)16 * 1024);
    int rc = fa_fts5_query(q, strlen(q), &m);
    if (rc == 0 && !m.failed) *match = arena_strdup(req->a, m.data);
    buf_free(&m);
    if (rc == -1 || (rc == 0 && !*match)) {
        api_error(req, resp, 400, "bad_request", "q is too long", json_pack("{s:s}", "q", "too long"));
        return false;
    }
    return true; /* FA_FTS5_EMPTY: nothing searchable, no filter */
}

/* Collects up to `limit` items and notes whether there is one more. */
struct collect {
    json_t *items;
    int limit, n;
    int64_t last_id;
    bool more;
};

static bool collect_full(struct collect *c) {
    if (c->n < c->limit) return false;
    c->more = true;
    return true;
}

static json_t *collect_doc(struct collect *c, int64_t total) {
    return api_page_doc(c->items, c->more ? c->last_id : 0, total);
}

/* --- reference checks ------------------------------------------------------------------ */

static int county_seen(void *arg, int64_t id, const char *name) {
    (void)name;
    int64_t *want = arg;
    if (id == *want) {
        *want = 0;
        return 1;
    }
    return 0;
}

static int county_exists(store_conn *db, int64_t id, bool *exists) {
    int64_t want = id;
    int rc = store_county_each(db, county_seen, &want);
    *exists = want == 0;
    return rc;
}

static int zone_exists(store_conn *db, int64_t id, bool *exists) {
    struct zone z;
    int rc = store_zone_get(db, id, &z);
    *exists = rc == STORE_OK;
    if (rc == STORE_OK) free(z.outline);
    return rc == STORE_ENOTFOUND ? STORE_OK : rc;
}

static int unit_refs(store_conn *db, const struct unit *u, struct field_errors *errs) {
    bool ok;
    int rc;
    if (u->county_id) {
        if ((rc = county_exists(db, u->county_id, &ok)) != STORE_OK) return rc;
        if (!ok)
            field_error_add(errs, "county_id", "شهرستان انتخاب‌شده وجود ندارد.",
                            "no county with this id");
    }
    if (u->zone_id) {
        if ((rc = zone_exists(db, u->zone_id, &ok)) != STORE_OK) return rc;
        if (!ok)
            field_error_add(errs, "zone_id", "محدوده انتخاب‌شده وجود ندارد.",
                            "no zone with this id");
    }
    if (u->isic[0]) {
        rc = store_isic_exists(db, u->isic);
        if (rc == STORE_ENOTFOUND)
            field_error_add(errs, "isic", "این کد فعالیت (ISIC) در فهرست نیست.",
                            "isic is not a known ISIC Rev.4 class");
        else if (rc != STORE_OK) return rc;
    }
    return STORE_OK;
}

/* --- OpenAPI ----------------------------------------------------------------------------- */

void api_openapi(struct http_req *req, struct http_resp *resp) {
    const struct tashil_asset *a = asset_by_name("openapi.json");
    if (!a) {
        web_not_found(req, resp);
        return;
    }
    resp->content_type = "application/json";
    resp->static_body = a->data;
    resp->static_len = a->len;
}

/* --- units ------------------------------------------------------------------------------- */

static int collect_unit(void *arg, const struct unit_row *r) {
    struct collect *c = arg;
    if (collect_full(c)) return 1;
    json_array_append_new(c->items, unit_to_json(r));
    c->last_id = r->u.id;
    c->n++;
    return 0;
}

void api_units_list(struct http_req *req, struct http_resp *resp) {
    struct api_page page;
    struct unit_filter f;
    memset(&f, 0, sizeof f);
    if (!api_page_params(req, resp, &page) || !api_query_id(req, resp, "zone_id", &f.zone_id) ||
        !api_query_id(req, resp, "county_id", &f.county_id) ||
        !query_code(req, resp, "state", unit_states, &f.state) || !query_match(req, resp, &f.match))
        return;
    f.sector = http_query(req, "sector");
    f.isic = http_query(req, "isic");
    if (f.isic && (strlen(f.isic) != 4 || strspn(f.isic, "0123456789") != 4)) {
        api_error(req, resp, 400, "bad_request", "isic must be a 4-digit ISIC class",
                  json_pack("{s:s}", "isic", "must be 4 digits"));
        return;
    }
    store_conn *db = web_db(req, resp);
    if (!db) return;
    if (is_producer(req)) f.member_user_id = web_ctx(req)->user.id;
    f.sort = UNIT_SORT_ID;
    f.after_id = page.after;
    f.limit = page.limit + 1;
    struct collect c = {json_array(), page.limit, 0, 0, false};
    int64_t total = 0;
    int rc = store_unit_list(db, &f, collect_unit, &c, &total);
    if (rc != STORE_OK) {
        json_decref(c.items);
        store_failed(req, resp, rc, "");
        return;
    }
    api_send(resp, 200, collect_doc(&c, total));
}

/* References, then the national ID held by another unit: false after answering. */
static bool unit_acceptable(struct http_req *req, struct http_resp *resp, store_conn *db,
                            const struct unit *u) {
    struct field_errors errs = {0};
    int rc = unit_refs(db, u, &errs);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return false;
    }
    if (errs.n) {
        api_validation_error(req, resp, &errs);
        return false;
    }
    struct unit_row other;
    rc = store_unit_by_national_id(db, u->national_id, &other);
    if (rc == STORE_OK && other.u.id != u->id) {
        char *msg = arena_printf(req->a, "another unit (id %lld) has this national_id",
                                 (long long)other.u.id);
        api_error(req, resp, 409, "conflict", msg,
                  json_pack("{s:s}", "national_id", "already registered"));
        return false;
    }
    if (rc != STORE_OK && rc != STORE_ENOTFOUND) {
        store_failed(req, resp, rc, "");
        return false;
    }
    return true;
}

/* --- zones ------------------------------------------------------------------------------- */

static int collect_zone(void *arg, const struct zone *z) {
    struct collect *c = arg;
    if (collect_full(c)) return 1;
    json_array_append_new(c->items, zone_to_json(z, false));
    c->last_id = z->id;
    c->n++;
    return 0;
}

void api_zones_list(struct http_req *req, struct http_resp *resp) {
    struct api_page page;
    struct zone_filter f;
    memset(&f, 0, sizeof f);
    if (!api_page_params(req, resp, &page) ||
        !api_query_id(req, resp, "county_id", &f.county_id) ||
        !query_code(req, resp, "kind", zone_kinds, &f.kind) || !query_match(req, resp, &f.match))
        return;
    store_conn *db = web_db(req, resp);
    if (!db) return;
    f.after_id = page.after;
    f.limit = page.limit + 1;
    struct collect c = {json_array(), page.limit, 0, 0, false};
    int64_t total = 0;
    int rc = store_zone_list(db, &f, collect_zone, &c, &total);
    if (rc != STORE_OK) {
        json_decref(c.items);
        store_failed(req, resp, rc, "");
        return;
    }
    api_send(resp, 200, collect_doc(&c, total));
}

static bool zone_acceptable(struct http_req *req, struct http_resp *resp, store_conn *db,
                            const struct zone *z) {
    bool ok;
    int rc = county_exists(db, z->county_id, &ok);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return false;
    }
    if (!ok) {
        struct field_errors errs = {0};
        field_error_add(&errs, "county_id", "شهرستان انتخاب‌شده وجود ندارد.",
                        "no county with this id");
        api_validation_error(req, resp, &errs);
        return false;
    }
    return true;
}

/* The zone id in the path, of a zone that exists; false after answering 404. */
static bool zone_at(struct http_req *req, struct http_resp *resp, store_conn *db, int64_t *id) {
    bool exists = false;
    if (!api_path_id(req, resp, "id", id)) return false;
    int rc = zone_exists(db, *id, &exists);
    if (rc != STORE_OK || !exists) {
        store_failed(req, resp, rc != STORE_OK ? rc : STORE_ENOTFOUND, "");
        return false;
    }
    return true;
}

void api_zone_infra_list(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    int64_t zone_id;
    if (!db || !zone_at(req, resp, db, &zone_id)) return;
    struct zone_infra inf[6];
    int n = 0;
    int rc = store_zone_infra(db, zone_id, inf, &n);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, infra_to_json(&inf[i]));
    api_send(resp, 200, json_pack("{s:o}", "items", items));
}

static int read_infra(const json_t *b, void *r, struct json_shape_error *s,
                      struct field_errors *e) {
    return infra_from_json(b, r, s, e);
}

void api_zone_infra_put(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    int64_t zone_id;
    if (!db || !zone_at(req, resp, db, &zone_id)) return;
    const char *utility = http_param(req, "utility");
    if (!vocab_has(utilities, utility)) {
        web_not_found(req, resp);
        return;
    }
    struct zone_infra inf;
    memset(&inf, 0, sizeof inf);
    if (!read_record(req, resp, read_infra, &inf)) return;
    snprintf(inf.utility, sizeof inf.utility, "%s", utility);
    int rc = store_zone_set_infra(db, &web_ctx(req)->user, zone_id, &inf);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "the infrastructure state was refused");
        return;
    }
    api_send(resp, 200, infra_to_json(&inf));
}

static int stage_seen(void *arg, const char *stage, const char *reached) {
    json_array_append_new(arg, json_pack("{s:s, s:s}", "stage", stage, "reached", reached));
    return 0;
}

static void send_stages(struct http_req *req, struct http_resp *resp, store_conn *db,
                        int64_t zone_id) {
    struct zone z;
    int rc = store_zone_get(db, zone_id, &z);
    json_t *items = json_array();
    if (rc == STORE_OK) {
        free(z.outline);
        rc = store_zone_stages(db, zone_id, stage_seen, items);
    }
    if (rc != STORE_OK) {
        json_decref(items);
        store_failed(req, resp, rc, "");
        return;
    }
    api_send(resp, 200,
             json_pack("{s:o, s:o}", "items", items, "current",
                       z.stage[0] ? json_string(z.stage) : json_null()));
}

void api_zone_stages_list(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    int64_t id;
    if (!db || !api_path_id(req, resp, "id", &id)) return;
    send_stages(req, resp, db, id);
}

struct stage_body {
    char stage[32];
    char reached[11];
};

static int read_stage(const json_t *b, void *r, struct json_shape_error *s,
                      struct field_errors *e) {
    struct stage_body *sb = r;
    return stage_from_json(b, sb->stage, sb->reached, s, e);
}

void api_zone_stage_reach(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    int64_t zone_id;
    if (!db || !zone_at(req, resp, db, &zone_id)) return;
    struct stage_body sb;
    if (!read_record(req, resp, read_stage, &sb)) return;
    int rc = store_zone_reach_stage(db, &web_ctx(req)->user, zone_id, sb.stage, sb.reached);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "the stage was refused");
        return;
    }
    send_stages(req, resp, db, zone_id);
}

/* --- agencies and categories: small tables, paged in memory ---------------------------- */

struct idjson {
    int64_t id;
    json_t *doc;
};
struct idlist {
    struct idjson *v;
    size_t n, cap;
    bool failed;
};

static int idlist_add(struct idlist *l, int64_t id, json_t *doc) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        struct idjson *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            json_decref(doc);
            l->failed = true;
            return 1;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n].id = id;
    l->v[l->n++].doc = doc;
    return 0;
}

static int by_id(const void *a, const void *b) {
    const struct idjson *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Sorts by id, keeps the page after the cursor, frees the rest; answers. */
static void idlist_send(struct http_req *req, struct http_resp *resp, struct idlist *l, int rc,
                        const struct api_page *p) {
    if (l->n) qsort(l->v, l->n, sizeof *l->v, by_id);
    struct collect c = {json_array(), p->limit, 0, 0, false};
    for (size_t i = 0; i < l->n; i++) {
        if (rc == STORE_OK && !l->failed && l->v[i].id > p->after && !collect_full(&c)) {
            json_array_append(c.items, l->v[i].doc);
            c.last_id = l->v[i].id;
            c.n++;
        }
        json_decref(l->v[i].doc);
    }
    free(l->v);
    if (rc != STORE_OK || l->failed) {
        json_decref(c.items);
        store_failed(req, resp, rc != STORE_OK ? rc : STORE_ERROR, "");
        return;
    }
    api_send(resp, 200, collect_doc(&c, (int64_t)l->n));
}

struct agency_query {
    const char *kind;
    int64_t parent_id;
    struct idlist list;
};

static int agency_seen(void *arg, const struct agency *a) {
    struct agency_query *q = arg;
    if (q->kind && strcmp(q->kind, a->kind) != 0) return 0;
    if (q->parent_id && q->parent_id != a->parent_id) return 0;
    return idlist_add(&q->list, a->id, agency_to_json(a));
}

void api_agencies_list(struct http_req *req, struct http_resp *resp) {
    struct api_page page;
    struct agency_query q;
    memset(&q, 0, sizeof q);
    if (!api_page_params(req, resp, &page) || !query_code(req, resp, "kind", agency_kinds, &q.kind) ||
        !api_query_id(req, resp, "parent_id", &q.parent_id))
        return;
    store_conn *db = web_db(req, resp);
    if (!db) return;
    int rc = store_agency_each(db, agency_seen, &q);
    idlist_send(req, resp, &q.list, rc, &page);
}

/* The parent agency exists and is not the agency itself. */
static bool agency_acceptable(struct http_req *req, struct http_resp *resp, store_conn *db,
                              const struct agency *a) {
    if (!a->parent_id) return true;
    struct agency parent;
    int rc = a->parent_id == a->id ? STORE_ENOTFOUND : store_agency_get(db, a->parent_id, &parent);
    if (rc == STORE_OK) return true;
    if (rc != STORE_ENOTFOUND) {
        store_failed(req, resp, rc, "");
        return false;
    }
    struct field_errors errs = {0};
    field_error_add(&errs, "parent_id", "دستگاه بالادست وجود ندارد.",
                    "parent_id must be the id of another agency");
    api_validation_error(req, resp, &errs);
    return false;
}

struct category_query {
    const char *agency_kind;
    int64_t parent_id;
    struct idlist list;
};

static int category_seen(void *arg, const struct category *cat) {
    struct category_query *q = arg;
    if (q->agency_kind && strcmp(q->agency_kind, cat->agency_kind) != 0) return 0;
    if (q->parent_id && q->parent_id != cat->parent_id) return 0;
    return idlist_add(&q->list, cat->id, category_to_json(cat));
}

void api_categories_list(struct http_req *req, struct http_resp *resp) {
    struct api_page page;
    struct category_query q;
    memset(&q, 0, sizeof q);
    if (!api_page_params(req, resp, &page) ||
        !query_code(req, resp, "agency_kind", agency_kinds, &q.agency_kind) ||
        !api_query_id(req, resp, "parent_id", &q.parent_id))
        return;
    store_conn *db = web_db(req, resp);
    if (!db) return;
    int rc = store_category_each(db, category_seen, &q);
    idlist_send(req, resp, &q.list, rc, &page);
}

static int child_seen(void *arg, const struct category *cat) {
    int64_t *parent = arg;
    if (cat->parent_id == *parent) {
        *parent = 0;
        return 1;
    }
    return 0;
}

/* Two levels: the parent exists and is top-level; a category with children stays
 * top-level. */
static bool category_acceptable(struct http_req *req, struct http_resp *resp, store_conn *db,
                                const struct category *cat) {
    if (!cat->parent_id) return true;
    struct field_errors errs = {0};
    struct category parent;
    int rc = cat->parent_id == cat->id ? STORE_ENOTFOUND
                                       : store_category_get(db, cat->parent_id, &parent);
    if (rc == STORE_ENOTFOUND || (rc == STORE_OK && parent.parent_id)) {
        field_error_add(&errs, "parent_id", "دسته بالادست باید یک دسته سطح اول باشد.",
                        "parent_id must be the id of another top-level category");
    } else if (rc == STORE_OK && cat->id) {
        int64_t probe = cat->id;
        rc = store_category_each(db, child_seen, &probe);
        if (rc == STORE_OK && probe == 0)
            field_error_add(&errs, "parent_id", "این دسته زیرشاخه دارد و نمی‌تواند زیرشاخه شود.",
                            "a category with children cannot become a child");
    }
    if (rc != STORE_OK && rc != STORE_ENOTFOUND) {
        store_failed(req, resp, rc, "");
        return false;
    }
    if (errs.n) {
        api_validation_error(req, resp, &errs);
        return false;
    }
    return true;
}


/* --- single records: one set of steps for the four kinds ------------------------------- */

union record {
    struct unit_row unit;
    struct zone zone;
    struct agency agency;
    struct category category;
};

/* What differs between kinds of record; the optional hooks may be NULL. */
struct resource {
    const char *collection;        /* "units": the path under /api/v1/ */
    size_t id_at, version_at;      /* offsetof the id and the version in the record */
    record_reader read;
    int (*get)(store_conn *db, int64_t id, union record *r);
    int (*create)(struct http_req *req, store_conn *db, union record *r);
    int (*update)(store_conn *db, const struct user *actor, union record *r);
    int (*remove)(store_conn *db, const struct user *actor, int64_t id, int64_t version);
    json_t *(*to_json)(const union record *r);
    void (*release)(union record *r);   /* frees what get/read allocated */
    int (*may_see)(struct http_req *req, store_conn *db, const union record *r);
    bool (*acceptable)(struct http_req *req, struct http_resp *resp, store_conn *db,
                       const union record *r);
    bool (*may_delete)(struct http_req *req, struct http_resp *resp, const union record *r);
    const char *conflict;          /* 409 when a create or update breaks a uniqueness rule */
    const char *dependents;        /* 409 when a delete is refused */
};

/* The four public handlers of a kind of record (declared in api_registry.h). */
#define RECORD_HANDLERS(res, one)                                                              \
    void api_##one##_get(struct http_req *req, struct http_resp *resp) {                      \
        record_get(&(res), req, resp);                                                           \
    }                                                                                          \
    void api_##one##_create(struct http_req *req, struct http_resp *resp) {                   \
        record_create(&(res), req, resp);                                                        \
    }                                                                                          \
    void api_##one##_update(struct http_req *req, struct http_resp *resp) {                   \
        record_update(&(res), req, resp);                                                        \
    }                                                                                          \
    void api_##one##_delete(struct http_req *req, struct http_resp *resp) {                   \
        record_delete(&(res), req, resp);                                                        \
    }

/* The adapters from union record to one kind's store functions, JSON reader and
 * reference check (store_<kind>_get/create/update, <kind>_from_json,
 * <kind>_acceptable). Units differ (a row with joins, producers) and are written out. */
#define RECORD_ADAPTERS(kind)                                                                  \
    static int kind##_get(store_conn *db, int64_t id, union record *r) {                      \
        return store_##kind##_get(db, id, &r->kind);                                           \
    }                                                                                          \
    static int kind##_create(struct http_req *req, store_conn *db, union record *r) {         \
        return store_##kind##_create(db, &web_ctx(req)->user, &r->kind);                       \
    }                                                                                          \
    static int kind##_update(store_conn *db, const struct user *actor, union record *r) {     \
        return store_##kind##_update(db, actor, &r->kind);                                     \
    }                                                                                          \
    static int kind##_read(const json_t *b, void *r, struct json_shape_error *s,               \
                           struct field_errors *e) {                                           \
        return kind##_from_json(b, &((union record *)r)->kind, s, e);                          \
    }                                                                                          \
    static bool kind##_ok(struct http_req *req, struct http_resp *resp, store_conn *db,        \
                          const union record *r) {                                             \
        return kind##_acceptable(req, resp, db, &r->kind);                                     \
    }

static int64_t *field_at(union record *r, size_t at) { return (int64_t *)(void *)((char *)r + at); }

static void release(const struct resource *res, union record *r) {
    if (res->release) res->release(r);
}

/* The record at {id} as the caller may see it; false after answering. */
static bool find(const struct resource *res, struct http_req *req, struct http_resp *resp,
                 store_conn *db, union record *r) {
    int64_t id;
    if (!api_path_id(req, resp, "id", &id)) return false;
    int rc = res->get(db, id, r);
    if (rc == STORE_OK && res->may_see) {
        rc = res->may_see(req, db, r);
        if (rc != STORE_OK) release(res, r);
    }
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return false;
    }
    return true;
}

/* Answers with the stored record (re-read, so aggregates and joins are current). */
static void send_stored(const struct resource *res, struct http_req *req, struct http_resp *resp,
                        store_conn *db, int status, int64_t id) {
    union record r;
    int rc = res->get(db, id, &r);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return;
    }
    send_record(req, resp, status, res->to_json(&r), res->collection, id,
                *field_at(&r, res->version_at));
    release(res, &r);
}

static void record_get(const struct resource *res, struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    union record r;
    if (!db || !find(res, req, resp, db, &r)) return;
    send_record(req, resp, 200, res->to_json(&r), res->collection, *field_at(&r, res->id_at),
                *field_at(&r, res->version_at));
    release(res, &r);
}

static void record_create(const struct resource *res, struct http_req *req,
                          struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    union record r;
    memset(&r, 0, sizeof r);
    if (db && read_record(req, resp, res->read, &r) &&
        (!res->acceptable || res->acceptable(req, resp, db, &r))) {
        int rc = res->create(req, db, &r);
        if (rc != STORE_OK) store_failed(req, resp, rc, res->conflict);
        else send_stored(res, req, resp, db, 201, *field_at(&r, res->id_at));
    }
    release(res, &r);
}

static void record_update(const struct resource *res, struct http_req *req,
                          struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    union record r;
    int64_t version;
    if (!db || !find(res, req, resp, db, &r)) return;
    int64_t id = *field_at(&r, res->id_at);
    release(res, &r);
    memset(&r, 0, sizeof r);
    if (api_if_match(req, resp, &version) && read_record(req, resp, res->read, &r)) {
        *field_at(&r, res->id_at) = id;
        *field_at(&r, res->version_at) = version;
        if (!res->acceptable || res->acceptable(req, resp, db, &r)) {
            int rc = res->update(db, &web_ctx(req)->user, &r);
            if (rc != STORE_OK) store_failed(req, resp, rc, res->conflict);
            else send_stored(res, req, resp, db, 200, id);
        }
    }
    release(res, &r);
}

static void record_delete(const struct resource *res, struct http_req *req,
                          struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    union record r;
    int64_t version;
    if (!db || !find(res, req, resp, db, &r)) return;
    int64_t id = *field_at(&r, res->id_at);
    bool may = api_if_match(req, resp, &version) && (!res->may_delete || res->may_delete(req, resp, &r));
    release(res, &r);
    if (!may) return;
    int rc = res->remove(db, &web_ctx(req)->user, id, version);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, res->dependents);
        return;
    }
    send_no_content(resp);
}

/* Units: a producer sees and edits only the units linked to them, and a unit a
 * producer creates is linked to them. */
static int unit_get(store_conn *db, int64_t id, union record *r) {
    return store_unit_get(db, id, &r->unit);
}
static int unit_create(struct http_req *req, store_conn *db, union record *r) {
    struct web_ctx *ctx = web_ctx(req);
    return is_producer(req) ? store_unit_create_owned(db, &ctx->user, &r->unit.u, ctx->user.id)
                            : store_unit_create(db, &ctx->user, &r->unit.u);
}
static int unit_update(store_conn *db, const struct user *actor, union record *r) {
    return store_unit_update(db, actor, &r->unit.u);
}
static json_t *unit_json(const union record *r) { return unit_to_json(&r->unit); }
static int unit_may_see(struct http_req *req, store_conn *db, const union record *r) {
    return is_producer(req) ? store_unit_is_member(db, r->unit.u.id, web_ctx(req)->user.id)
                            : STORE_OK;
}
static int unit_read(const json_t *b, void *r, struct json_shape_error *s, struct field_errors *e) {
    return unit_from_json(b, &((union record *)r)->unit.u, s, e);
}
static bool unit_ok(struct http_req *req, struct http_resp *resp, store_conn *db,
                    const union record *r) {
    return unit_acceptable(req, resp, db, &r->unit.u);
}

static const struct resource units = {
    .collection = "units",
    .id_at = offsetof(struct unit_row, u.id),
    .version_at = offsetof(struct unit_row, u.version),
    .read = unit_read,
    .get = unit_get,
    .create = unit_create,
    .update = unit_update,
    .remove = store_unit_delete,
    .to_json = unit_json,
    .may_see = unit_may_see,
    .acceptable = unit_ok,
    .conflict = "another unit has this national_id",
    .dependents = "other records refer to this unit; remove them first",
};

RECORD_HANDLERS(units, unit)

/* Zones: the outline is allocated by the store and by the reader. */
RECORD_ADAPTERS(zone)
static json_t *zone_json(const union record *r) { return zone_to_json(&r->zone, true); }
static void zone_release(union record *r) {
    free(r->zone.outline);
    r->zone.outline = NULL;
}

static const struct resource zones = {
    .collection = "zones",
    .id_at = offsetof(struct zone, id),
    .version_at = offsetof(struct zone, version),
    .read = zone_read,
    .get = zone_get,
    .create = zone_create,
    .update = zone_update,
    .remove = store_zone_delete,
    .to_json = zone_json,
    .release = zone_release,
    .acceptable = zone_ok,
    .conflict = "a zone with this name exists in the county",
    .dependents = "units are located in this zone; move or delete them first",
};

RECORD_HANDLERS(zones, zone)

/* Agencies: one with liaisons stays (users.agency_id is not a foreign key). */
RECORD_ADAPTERS(agency)
static json_t *agency_json(const union record *r) { return agency_to_json(&r->agency); }
static bool agency_may_delete(struct http_req *req, struct http_resp *resp,
                              const union record *r) {
    if (r->agency.liaisons == 0) return true;
    api_error(req, resp, 409, "conflict",
              "users are liaisons of this agency; move them to another agency first", NULL);
    return false;
}

static const struct resource agencies = {
    .collection = "agencies",
    .id_at = offsetof(struct agency, id),
    .version_at = offsetof(struct agency, version),
    .read = agency_read,
    .get = agency_get,
    .create = agency_create,
    .update = agency_update,
    .remove = store_agency_delete,
    .to_json = agency_json,
    .acceptable = agency_ok,
    .may_delete = agency_may_delete,
    .conflict = "an agency with this name exists",
    .dependents = "other agencies are under this agency; move them first",
};

RECORD_HANDLERS(agencies, agency)

/* Categories. */
RECORD_ADAPTERS(category)
static json_t *category_json(const union record *r) { return category_to_json(&r->category); }

static const struct resource categories = {
    .collection = "categories",
    .id_at = offsetof(struct category, id),
    .version_at = offsetof(struct category, version),
    .read = category_read,
    .get = category_get,
    .create = category_create,
    .update = category_update,
    .remove = store_category_delete,
    .to_json = category_json,
    .acceptable = category_ok,
    .conflict = "a category with this name exists under the same parent",
    .dependents = "the category has sub-categories; delete or move them first",
};

RECORD_HANDLERS(categories, category)
