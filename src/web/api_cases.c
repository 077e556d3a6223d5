/* api_cases — the case API under /api/v1/cases (JSON via jansson; English codes,
 * ASCII digits and ISO dates). Reads carry an ETag (the case's version); updates
 * and actions honour If-Match, and a stale one is 409 like the pages. Errors come
 * from web_render_error ({"error":{"code","message"}}). The store's viewer decides
 * what each caller may see; a case out of reach is 404. Attachments are uploaded as
 * the raw request body (?name=file.pdf), sniffed, and stored by hash. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/fa_fts5.h"
#include "text/fa_num.h"
#include "web/api_json.h"
#include "web/case_web.h"
#include "web/pages_cases.h"
#include "web/registry_view.h"

static json_t *str_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }

static json_t *case_json(const struct case_row *r, int role, int64_t agency_id, bool full) {
    json_t *allowed = json_array();
    unsigned set = case_allowed_actions(r->state, role);
    if (role == ROLE_AGENCY && r->agency_id != agency_id) set = 0;
    for (int a = 0; a < CASE_ACTION_COUNT; a++)
        if (set & (1u << a)) json_array_append_new(allowed, json_string(case_action_code((enum case_action)a)));
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:s, s:o, s:b, "
                          "s:o, s:o, s:s, s:s, s:I, s:o}",
                          "id", (json_int_t)r->id, "unit_id", (json_int_t)r->unit_id, "unit",
                          r->unit, "category_id", (json_int_t)r->category_id, "category",
                          r->category, "title", r->title, "amount",
                          r->amount >= 0 ? json_integer(r->amount) : json_null(), "state",
                          case_state_code(r->state), "outcome",
                          str_or_null(case_outcome_code(r->outcome)), "agency_id",
                          r->agency_id ? json_integer(r->agency_id) : json_null(), "agency",
                          r->agency, "due_on", str_or_null(r->due_on), "overdue", r->overdue,
                          "county", str_or_null(r->county), "zone", str_or_null(r->zone),
                          "created_at", r->created_at, "updated_at", r->updated_at, "version",
                          (json_int_t)r->version, "allowed_actions", allowed);
    if (o && full) json_object_set_new(o, "description", json_string(r->description));
    return o;
}

struct list_acc {
    json_t *items;
    int role;
    int64_t agency_id;
};

static int list_item(void *arg, const struct case_row *r) {
    struct list_acc *acc = arg;
    json_array_append_new(acc->items, case_json(r, acc->role, acc->agency_id, false));
    return 0;
}

static int query_int(struct http_req *req, const char *name, int def, int max) {
    const char *s = http_query(req, name);
    int64_t v;
    if (!s || fa_num_parse_i64(s, strlen(s), &v, NULL) != 0 || v < 0) return def;
    return v > max ? max : (int)v;
}

void api_cases_list(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct web_ctx *ctx = web_ctx(req);
    struct case_viewer v = web_case_viewer(req);
    struct case_filter f = {0};
    buf match;
    buf_init(&match, 16 * 1024);
    case_filter_from_query(req, db, &f, &match, false);
    f.limit = query_int(req, "limit", 50, 500);
    f.offset = query_int(req, "offset", 0, 100000000);
    f.count = true;
    struct list_acc acc = {json_array(), ctx->role, ctx->user.agency_id};
    int64_t total = 0;
    int rc = store_case_list(db, &v, &f, list_item, &acc, &total);
    buf_free(&match);
    if (rc != STORE_OK) {
        json_decref(acc.items);
        return web_server_error(req, resp);
    }
    api_send(resp, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", acc.items, "total",
                                   (json_int_t)total, "limit", f.limit, "offset", f.offset));
}

void api_cases_inbox(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct web_ctx *ctx = web_ctx(req);
    struct case_viewer v = web_case_viewer(req);
    struct case_inbox_section secs[CASE_INBOX_MAX];
    int n = case_inbox_sections(req, db, secs);
    json_t *out = json_array();
    for (int i = 0; i < n; i++) {
        struct list_acc acc = {json_array(), ctx->role, ctx->user.agency_id};
        int64_t total = 0;
        if (store_case_list(db, &v, &secs[i].f, list_item, &acc, &total) != STORE_OK) {
            json_decref(acc.items);
            json_decref(out);
            return web_server_error(req, resp);
        }
        json_array_append_new(out, json_pack("{s:s, s:I, s:o}", "key", secs[i].key, "total",
                                             (json_int_t)total, "items", acc.items));
    }
    api_send(resp, 200, json_pack("{s:o}", "sections", out));
}

/* Loads the visible case of the route, or writes the refusal. */
static bool load_case(struct http_req *req, struct http_resp *resp, store_conn *db,
                      struct case_row **out) {
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    struct case_row *r = arena_calloc(req->a, 1, sizeof *r);
    if (!r) {
        web_server_error(req, resp);
        return false;
    }
    int rc = id ? store_case_get(db, &v, id, r) : STORE_ENOTFOUND;
    if (rc != STORE_OK) {
        case_web_refusal(req, resp, rc, 0);
        return false;
    }
    *out = r;
    return true;
}

static void set_etag(struct http_req *req, struct http_resp *resp, int64_t version) {
    http_set_header(resp, "ETag", arena_printf(req->a, "\"%lld\"", (long long)version));
}

/* If-Match: absent → -1 (any version, when allowed); "N" or W/"N" → N; else -2. */
static int64_t if_match(struct http_req *req) {
    const char *h = http_header(req, "If-Match");
    if (!h) return -1;
    if (!strncmp(h, "W/", 2)) h += 2;
    size_t n = strlen(h);
    if (n < 3 || h[0] != '"' || h[n - 1] != '"') return -2;
    int64_t v;
    if (fa_num_parse_i64(h + 1, n - 2, &v, NULL) != 0 || v < 1) return -2;
    return v;
}

void api_case_get(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_row *r;
    if (!load_case(req, resp, db, &r)) return;
    struct web_ctx *ctx = web_ctx(req);
    set_etag(req, resp, r->version);
    api_send(resp, 200, case_json(r, ctx->role, ctx->user.agency_id, true));
}

static json_t *parse_body(struct http_req *req, struct http_resp *resp) {
    json_error_t err;
    json_t *doc = req->body_len ? json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err) : NULL;
    if (!doc || !json_is_object(doc)) {
        json_decref(doc);
        web_render_error(req, resp, 400, "bad_json", "the body must be a JSON object",
                         "بدنه درخواست باید یک شیء JSON باشد.");
        return NULL;
    }
    return doc;
}

/* Reads a JSON object's members as the text fields of case_input_from_fields. */
struct json_fields {
    json_t *doc;
    char num[3][32];
};
static const char *json_field(void *ctx, const char *field) {
    struct json_fields *jf = ctx;
    json_t *v = json_object_get(jf->doc, field);
    if (!v || json_is_null(v)) return NULL;
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) {
        int k = !strcmp(field, "unit_id") ? 0 : !strcmp(field, "category_id") ? 1 : 2;
        snprintf(jf->num[k], sizeof jf->num[k], "%lld", (long long)json_integer_value(v));
        return jf->num[k];
    }
    return "";
}

static void send_field_errors(struct http_req *req, struct http_resp *resp,
                              const struct field_errors *errs) {
    buf en;
    buf_init(&en, 4096);
    for (int i = 0; i < errs->n; i++)
        buf_printf(&en, "%s%s: %s", i ? "; " : "", errs->e[i].field, errs->e[i].en);
    web_render_error(req, resp, 422, "invalid", arena_strdup(req->a, en.data ? en.data : ""),
                     errs->n ? errs->e[0].fa : "");
    buf_free(&en);
}

static bool input_from_json(struct http_req *req, struct http_resp *resp, store_conn *db,
                            json_t *doc, struct case_input *in) {
    struct json_fields jf = {doc, {"", "", ""}};
    struct field_errors errs = {0};
    if (case_input_from_fields(json_field, &jf, in, &errs)) {
        struct category cat;
        if (store_category_get(db, in->category_id, &cat) != STORE_OK)
            field_error_add(&errs, "category_id", "این موضوع پیدا نشد.", "unknown category");
    }
    if (errs.n) send_field_errors(req, resp, &errs);
    return errs.n == 0;
}

void api_case_create(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct web_ctx *ctx = web_ctx(req);
    json_t *doc = parse_body(req, resp);
    if (!doc) return;
    struct case_input *in = arena_calloc(req->a, 1, sizeof *in);
    if (!in || !input_from_json(req, resp, db, doc, in)) {
        json_decref(doc);
        if (!in) web_server_error(req, resp);
        return;
    }
    bool submit = json_is_true(json_object_get(doc, "submit"));
    json_decref(doc);
    struct case_viewer v = web_case_viewer(req);
    int64_t id = 0;
    int rc = store_case_create(db, &ctx->user, &v, in, submit, &id);
    if (rc == STORE_EROLE || rc == STORE_ECONSTRAINT)
        return web_render_error(req, resp, 422, "invalid", "unit_id: unknown unit or not yours",
                                "این واحد در فهرست واحدهای شما نیست.");
    if (rc != STORE_OK) return web_server_error(req, resp);
    struct case_row *r = arena_calloc(req->a, 1, sizeof *r);
    if (!r || store_case_get(db, &v, id, r) != STORE_OK) return web_server_error(req, resp);
    set_etag(req, resp, r->version);
    http_set_header(resp, "Location", arena_printf(req->a, "/api/v1/cases/%lld", (long long)id));
    api_send(resp, 201, case_json(r, ctx->role, ctx->user.agency_id, true));
}

void api_case_update(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_row *r;
    if (!load_case(req, resp, db, &r)) return;
    int64_t version = if_match(req);
    if (version == -1)
        return web_render_error(req, resp, 428, "precondition_required",
                                "send If-Match with the case's ETag", "نسخه پرونده فرستاده نشده است.");
    if (version == -2) version = 0; /* unparseable: never matches */
    json_t *doc = parse_body(req, resp);
    if (!doc) return;
    struct case_input *in = arena_calloc(req->a, 1, sizeof *in);
    /* Fields not sent keep their values. */
    char unit[24], cat[24], amount[24];
    snprintf(unit, sizeof unit, "%lld", (long long)r->unit_id);
    snprintf(cat, sizeof cat, "%lld", (long long)r->category_id);
    snprintf(amount, sizeof amount, "%lld", (long long)r->amount);
    if (!json_object_get(doc, "unit_id")) json_object_set_new(doc, "unit_id", json_string(unit));
    if (!json_object_get(doc, "category_id")) json_object_set_new(doc, "category_id", json_string(cat));
    if (!json_object_get(doc, "title")) json_object_set_new(doc, "title", json_string(r->title));
    if (!json_object_get(doc, "description"))
        json_object_set_new(doc, "description", json_string(r->description));
    if (!json_object_get(doc, "amount") && r->amount >= 0)
        json_object_set_new(doc, "amount", json_string(amount));
    bool ok = in && input_from_json(req, resp, db, doc, in);
    json_decref(doc);
    if (!ok) return;
    struct case_viewer v = web_case_viewer(req);
    int rc = store_case_update(db, &web_ctx(req)->user, &v, r->id, version, in);
    if (rc == STORE_ESTATE)
        return web_render_error(req, resp, 409, "invalid_transition",
                                "only a draft or a returned case can be edited",
                                "فقط پیش‌نویس یا پرونده بازگشته ویرایش می‌شود.");
    if (rc != STORE_OK) return case_web_refusal(req, resp, rc, 0);
    api_case_get(req, resp);
}

void api_case_act(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_row *r;
    if (!load_case(req, resp, db, &r)) return;
    int64_t version = if_match(req);
    if (version == -2) version = 0;
    json_t *doc = parse_body(req, resp);
    if (!doc) return;
    int action = case_action_parse(json_string_value(json_object_get(doc, "action")));
    const char *body = json_string_value(json_object_get(doc, "body"));
    struct case_act act = {action < 0 ? CASE_ACT_SUBMIT : (enum case_action)action, 0, "",
                           body ? arena_strdup(req->a, body) : NULL};
    json_t *agency = json_object_get(doc, "agency_id");
    act.agency_id = json_is_integer(agency) ? json_integer_value(agency) : 0;
    const char *due = json_string_value(json_object_get(doc, "due_on"));
    bool due_ok = due && case_date_parse(due, false, act.due_on);
    json_decref(doc);
    if (action < 0)
        return web_render_error(req, resp, 422, "invalid", "action: unknown action",
                                "این اقدام شناخته نیست.");
    struct field_errors errs = {0};
    if ((act.action == CASE_ACT_ANSWER || case_action_needs_reason(act.action)) &&
        !case_text_valid("body", act.body, &errs))
        return send_field_errors(req, resp, &errs);
    if (act.body && *act.body && !case_text_valid("body", act.body, &errs))
        return send_field_errors(req, resp, &errs);
    if (act.action == CASE_ACT_REFER) {
        struct agency ag;
        if (!act.agency_id || store_agency_get(db, act.agency_id, &ag) != STORE_OK)
            return web_render_error(req, resp, 422, "invalid", "agency_id: unknown agency",
                                    "دستگاه را انتخاب کنید.");
        if (due && !due_ok)
            return web_render_error(req, resp, 422, "invalid", "due_on: not an ISO date",
                                    "مهلت پاسخ نامعتبر است.");
        if (!due) case_default_due(db, r->category_id, act.due_on);
    }
    struct case_viewer v = web_case_viewer(req);
    unsigned allowed = 0;
    int rc = store_case_act(db, &web_ctx(req)->user, &v, r->id, version, &act, &allowed, NULL);
    if (rc != STORE_OK) return case_web_refusal(req, resp, rc, allowed);
    api_case_get(req, resp);
}

static int event_item(void *arg, const struct case_event *e) {
    json_array_append_new(
        arg, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:b}", "id",
                       (json_int_t)e->id, "at", e->at, "actor", e->actor, "kind", e->kind,
                       "from_state", str_or_null(e->from_state), "to_state",
                       str_or_null(e->to_state), "agency_id",
                       e->agency_id ? json_integer(e->agency_id) : json_null(), "due_on",
                       str_or_null(e->due_on), "body", e->body ? e->body : "", "internal",
                       e->internal));
    return 0;
}

void api_case_events(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    json_t *items = json_array();
    int rc = store_case_events(db, &v, registry_id_param(req, "id"), event_item, items);
    if (rc != STORE_OK) {
        json_decref(items);
        return case_web_refusal(req, resp, rc, 0);
    }
    api_send(resp, 200, json_pack("{s:o}", "items", items));
}

void api_case_comment(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_row *r;
    if (!load_case(req, resp, db, &r)) return;
    json_t *doc = parse_body(req, resp);
    if (!doc) return;
    const char *body = json_string_value(json_object_get(doc, "body"));
    char *text = body ? arena_strdup(req->a, body) : NULL;
    bool internal = json_is_true(json_object_get(doc, "internal"));
    json_decref(doc);
    struct field_errors errs = {0};
    if (!case_text_valid("body", text, &errs)) return send_field_errors(req, resp, &errs);
    struct case_viewer v = web_case_viewer(req);
    int rc = store_case_comment(db, &web_ctx(req)->user, &v, r->id, text, internal);
    if (rc != STORE_OK) return case_web_refusal(req, resp, rc, 0);
    api_send(resp, 201, json_pack("{s:b}", "ok", 1));
}

int api_attachment_item(void *arg, const struct case_attachment *a) {
    json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:I, s:s, s:b}", "id", (json_int_t)a->id,
                                         "name", a->name, "mime", a->mime, "size",
                                         (json_int_t)a->size, "sha", a->hash, "internal",
                                         a->internal));
    return 0;
}

void api_attach_reply(struct http_req *req, struct http_resp *resp, int status,
                      const struct case_attachment *att, const char *why_en, const char *why_fa) {
    switch (status) {
    case 201: {
        json_t *items = json_array();
        api_attachment_item(items, att);
        json_t *one = json_incref(json_array_get(items, 0));
        json_decref(items);
        return api_send(resp, 201, one);
    }
    case 404: return web_not_found(req, resp);
    case 403: return web_forbidden(req, resp);
    case 413: return web_render_error(req, resp, 413, "too_large", why_en, why_fa);
    case 415: return web_render_error(req, resp, 415, "unsupported_type", why_en, why_fa);
    case 409: return web_render_error(req, resp, 409, "closed", why_en, why_fa);
    case 422: return web_render_error(req, resp, 422, "invalid", why_en, why_fa);
    default: return web_server_error(req, resp);
    }
}

void api_case_attachments(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    json_t *items = json_array();
    int rc = store_case_attachments(db, &v, registry_id_param(req, "id"), api_attachment_item, items);
    if (rc != STORE_OK) {
        json_decref(items);
        return case_web_refusal(req, resp, rc, 0);
    }
    api_send(resp, 200, json_pack("{s:o}", "items", items));
}

void api_case_attach(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    int64_t id = registry_id_param(req, "id");
    const char *name = http_query(req, "name");
    const char *internal = http_query(req, "internal");
    struct case_attachment att;
    const char *why_en = "", *why_fa = "";
    int status = case_web_attach(req, db, id, name ? name : "", req->body, req->body_len,
                                 internal && !strcmp(internal, "1"), &att, &why_en, &why_fa);
    api_attach_reply(req, resp, status, &att, why_en, why_fa);
}

void api_case_attachment(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    int64_t id = registry_id_param(req, "id"), aid = registry_id_param(req, "aid");
    if (!id || !aid) return web_not_found(req, resp);
    case_web_download(req, resp, db, id, aid);
}

static int notification_item(void *arg, const struct notification *n) {
    json_array_append_new(arg, json_pack("{s:I, s:o, s:s, s:s, s:s, s:b}", "id", (json_int_t)n->id,
                                         "case_id", n->case_id ? json_integer(n->case_id) : json_null(),
                                         "kind", n->kind, "title", n->body, "created_at",
                                         n->created_at, "read", n->read));
    return 0;
}

void api_notifications(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct web_ctx *ctx = web_ctx(req);
    json_t *items = json_array();
    int64_t unread = 0;
    if (store_notification_list(db, ctx->user.id, 100, notification_item, items) != STORE_OK ||
        store_notification_count(db, ctx->user.id, &unread) != STORE_OK) {
        json_decref(items);
        return web_server_error(req, resp);
    }
    api_send(resp, 200, json_pack("{s:I, s:o}", "unread", (json_int_t)unread, "items", items));
}
