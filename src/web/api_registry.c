/* api_registry — the registry JSON API; see api_registry.h and openapi.json.
 *
 * Every write is a straight line: find the record (404), check the caller may touch
 * it (a producer only their own units: 404, so other units do not show), read
 * If-Match (428 / 400), read the body (415 / 400 / 422), check references against
 * the store (422), write through the store (409 on a stale version, a duplicate or
 * a dependent record), answer with the record and its ETag. Lists page by id with
 * an opaque cursor; units and zones page in SQL, the small reference tables
 * (agencies, categories) in memory. */
#include "web/api_registry.h"

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

static int read_unit(const json_t *b, void *r, struct json_shape_error *s, struct field_errors *e) {
    return unit_from_json(b, r, s, e);
}
static int read_zone(const json_t *b, void *r, struct json_shape_error *s, struct field_errors *e) {
    return zone_from_json(b, r, s, e);
}
static int read_agency(const json_t *b, void *r, struct json_shape_error *s,
                       struct field_errors *e) {
    return agency_from_json(b, r, s, e);
}
static int read_category(const json_t *b, void *r, struct json_shape_error *s,
                         struct field_errors *e) {
    return category_from_json(b, r, s, e);
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
    buf_init(&m, 16 * 1024);
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
    if (is_producer(req)) f.member_id = web_ctx(req)->user.id;
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

/* The unit at {id} as the caller may see it; false after answering. */
static bool find_unit(struct http_req *req, struct http_resp *resp, store_conn *db,
                      struct unit_row *row) {
    int64_t id;
    if (!api_path_id(req, resp, "id", &id)) return false;
    int rc = store_unit_get(db, id, row);
    if (rc == STORE_OK && is_producer(req)) {
        rc = store_unit_is_member(db, id, web_ctx(req)->user.id);
    }
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return false;
    }
    return true;
}

static void send_unit(struct http_req *req, struct http_resp *resp, store_conn *db, int status,
                      int64_t id) {
    struct unit_row row;
    int rc = store_unit_get(db, id, &row);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return;
    }
    send_record(req, resp, status, unit_to_json(&row), "units", id, row.u.version);
}

void api_unit_get(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct unit_row row;
    if (!db || !find_unit(req, resp, db, &row)) return;
    send_record(req, resp, 200, unit_to_json(&row), "units", row.u.id, row.u.version);
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

static const char unit_conflict[] = "another unit has this national_id";

void api_unit_create(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct unit u;
    if (!db || !read_record(req, resp, read_unit, &u) || !unit_acceptable(req, resp, db, &u))
        return;
    struct web_ctx *ctx = web_ctx(req);
    int rc = is_producer(req) ? store_unit_create_owned(db, &ctx->user, &u, ctx->user.id)
                              : store_unit_create(db, &ctx->user, &u);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, unit_conflict);
        return;
    }
    send_unit(req, resp, db, 201, u.id);
}

void api_unit_update(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct unit_row row;
    int64_t version;
    struct unit u;
    if (!db || !find_unit(req, resp, db, &row) || !api_if_match(req, resp, &version) ||
        !read_record(req, resp, read_unit, &u))
        return;
    u.id = row.u.id;
    u.version = version;
    if (!unit_acceptable(req, resp, db, &u)) return;
    int rc = store_unit_update(db, &web_ctx(req)->user, &u);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, unit_conflict);
        return;
    }
    send_unit(req, resp, db, 200, u.id);
}

void api_unit_delete(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct unit_row row;
    int64_t version;
    if (!db || !find_unit(req, resp, db, &row) || !api_if_match(req, resp, &version)) return;
    int rc = store_unit_delete(db, &web_ctx(req)->user, row.u.id, version);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "other records refer to this unit; remove them first");
        return;
    }
    send_no_content(resp);
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

/* The zone at {id}; false after answering. The caller frees z->outline. */
static bool find_zone(struct http_req *req, struct http_resp *resp, store_conn *db,
                      struct zone *z) {
    int64_t id;
    if (!api_path_id(req, resp, "id", &id)) return false;
    int rc = store_zone_get(db, id, z);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return false;
    }
    return true;
}

static void send_zone(struct http_req *req, struct http_resp *resp, store_conn *db, int status,
                      int64_t id) {
    struct zone z;
    int rc = store_zone_get(db, id, &z);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return;
    }
    send_record(req, resp, status, zone_to_json(&z, true), "zones", id, z.version);
    free(z.outline);
}

void api_zone_get(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct zone z;
    if (!db || !find_zone(req, resp, db, &z)) return;
    send_record(req, resp, 200, zone_to_json(&z, true), "zones", z.id, z.version);
    free(z.outline);
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

static const char zone_conflict[] = "a zone with this name exists in the county";

void api_zone_create(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct zone z;
    memset(&z, 0, sizeof z);
    if (db && read_record(req, resp, read_zone, &z) && zone_acceptable(req, resp, db, &z)) {
        int rc = store_zone_create(db, &web_ctx(req)->user, &z);
        if (rc != STORE_OK) store_failed(req, resp, rc, zone_conflict);
        else send_zone(req, resp, db, 201, z.id);
    }
    free(z.outline);
}

void api_zone_update(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct zone old, z;
    int64_t version;
    memset(&z, 0, sizeof z);
    if (!db || !find_zone(req, resp, db, &old)) return;
    free(old.outline);
    if (api_if_match(req, resp, &version) && read_record(req, resp, read_zone, &z) &&
        zone_acceptable(req, resp, db, &z)) {
        z.id = old.id;
        z.version = version;
        int rc = store_zone_update(db, &web_ctx(req)->user, &z);
        if (rc != STORE_OK) store_failed(req, resp, rc, zone_conflict);
        else send_zone(req, resp, db, 200, z.id);
    }
    free(z.outline);
}

void api_zone_delete(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct zone z;
    int64_t version;
    if (!db || !find_zone(req, resp, db, &z)) return;
    free(z.outline);
    if (!api_if_match(req, resp, &version)) return;
    int rc = store_zone_delete(db, &web_ctx(req)->user, z.id, version);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "units are located in this zone; move or delete them first");
        return;
    }
    send_no_content(resp);
}

void api_zone_infra_list(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct zone z;
    if (!db || !find_zone(req, resp, db, &z)) return;
    free(z.outline);
    struct zone_infra inf[6];
    int n = 0;
    int rc = store_zone_infra(db, z.id, inf, &n);
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
    struct zone z;
    if (!db || !find_zone(req, resp, db, &z)) return;
    free(z.outline);
    const char *utility = http_param(req, "utility");
    if (!vocab_has(utilities, utility)) {
        web_not_found(req, resp);
        return;
    }
    struct zone_infra inf;
    memset(&inf, 0, sizeof inf);
    if (!read_record(req, resp, read_infra, &inf)) return;
    snprintf(inf.utility, sizeof inf.utility, "%s", utility);
    int rc = store_zone_set_infra(db, &web_ctx(req)->user, z.id, &inf);
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
    struct zone z;
    if (!db || !find_zone(req, resp, db, &z)) return;
    free(z.outline);
    struct stage_body sb;
    if (!read_record(req, resp, read_stage, &sb)) return;
    int rc = store_zone_reach_stage(db, &web_ctx(req)->user, z.id, sb.stage, sb.reached);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "the stage was refused");
        return;
    }
    send_stages(req, resp, db, z.id);
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
    if (q->kind && strcmp(q->kind, a->kind)) return 0;
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

static bool find_agency(struct http_req *req, struct http_resp *resp, store_conn *db,
                        struct agency *a) {
    int64_t id;
    if (!api_path_id(req, resp, "id", &id)) return false;
    int rc = store_agency_get(db, id, a);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return false;
    }
    return true;
}

static void send_agency(struct http_req *req, struct http_resp *resp, store_conn *db, int status,
                        int64_t id) {
    struct agency a;
    int rc = store_agency_get(db, id, &a);
    if (rc != STORE_OK) store_failed(req, resp, rc, "");
    else send_record(req, resp, status, agency_to_json(&a), "agencies", id, a.version);
}

void api_agency_get(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct agency a;
    if (!db || !find_agency(req, resp, db, &a)) return;
    send_record(req, resp, 200, agency_to_json(&a), "agencies", a.id, a.version);
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

static const char agency_conflict[] = "an agency with this name exists";

void api_agency_create(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct agency a;
    if (!db || !read_record(req, resp, read_agency, &a) || !agency_acceptable(req, resp, db, &a))
        return;
    int rc = store_agency_create(db, &web_ctx(req)->user, &a);
    if (rc != STORE_OK) store_failed(req, resp, rc, agency_conflict);
    else send_agency(req, resp, db, 201, a.id);
}

void api_agency_update(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct agency old, a;
    int64_t version;
    if (!db || !find_agency(req, resp, db, &old) || !api_if_match(req, resp, &version) ||
        !read_record(req, resp, read_agency, &a))
        return;
    a.id = old.id;
    a.version = version;
    if (!agency_acceptable(req, resp, db, &a)) return;
    int rc = store_agency_update(db, &web_ctx(req)->user, &a);
    if (rc != STORE_OK) store_failed(req, resp, rc, agency_conflict);
    else send_agency(req, resp, db, 200, a.id);
}

void api_agency_delete(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct agency a;
    int64_t version;
    if (!db || !find_agency(req, resp, db, &a) || !api_if_match(req, resp, &version)) return;
    if (a.liaisons > 0) {
        api_error(req, resp, 409, "conflict",
                  "users are liaisons of this agency; move them to another agency first", NULL);
        return;
    }
    int rc = store_agency_delete(db, &web_ctx(req)->user, a.id, version);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "other agencies are under this agency; move them first");
        return;
    }
    send_no_content(resp);
}

struct category_query {
    const char *agency_kind;
    int64_t parent_id;
    struct idlist list;
};

static int category_seen(void *arg, const struct category *cat) {
    struct category_query *q = arg;
    if (q->agency_kind && strcmp(q->agency_kind, cat->agency_kind)) return 0;
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

static bool find_category(struct http_req *req, struct http_resp *resp, store_conn *db,
                          struct category *cat) {
    int64_t id;
    if (!api_path_id(req, resp, "id", &id)) return false;
    int rc = store_category_get(db, id, cat);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "");
        return false;
    }
    return true;
}

static void send_category(struct http_req *req, struct http_resp *resp, store_conn *db,
                          int status, int64_t id) {
    struct category cat;
    int rc = store_category_get(db, id, &cat);
    if (rc != STORE_OK) store_failed(req, resp, rc, "");
    else send_record(req, resp, status, category_to_json(&cat), "categories", id, cat.version);
}

void api_category_get(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct category cat;
    if (!db || !find_category(req, resp, db, &cat)) return;
    send_record(req, resp, 200, category_to_json(&cat), "categories", cat.id, cat.version);
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

static const char category_conflict[] = "a category with this name exists under the same parent";

void api_category_create(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct category cat;
    if (!db || !read_record(req, resp, read_category, &cat) ||
        !category_acceptable(req, resp, db, &cat))
        return;
    int rc = store_category_create(db, &web_ctx(req)->user, &cat);
    if (rc != STORE_OK) store_failed(req, resp, rc, category_conflict);
    else send_category(req, resp, db, 201, cat.id);
}

void api_category_update(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct category old, cat;
    int64_t version;
    if (!db || !find_category(req, resp, db, &old) || !api_if_match(req, resp, &version) ||
        !read_record(req, resp, read_category, &cat))
        return;
    cat.id = old.id;
    cat.version = version;
    if (!category_acceptable(req, resp, db, &cat)) return;
    int rc = store_category_update(db, &web_ctx(req)->user, &cat);
    if (rc != STORE_OK) store_failed(req, resp, rc, category_conflict);
    else send_category(req, resp, db, 200, cat.id);
}

void api_category_delete(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    struct category cat;
    int64_t version;
    if (!db || !find_category(req, resp, db, &cat) || !api_if_match(req, resp, &version)) return;
    int rc = store_category_delete(db, &web_ctx(req)->user, cat.id, version);
    if (rc != STORE_OK) {
        store_failed(req, resp, rc, "the category has sub-categories; delete or move them first");
        return;
    }
    send_no_content(resp);
}
