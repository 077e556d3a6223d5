/* api_meeting_json — see api_meeting_json.h. */
#include "web/api_meeting_json.h"

#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "cases/case_workdays.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "web/api_json.h"
#include "web/app.h"

static const char *const type_names[] = {
    [API_STRING] = "a string",
    [API_INTEGER] = "an integer",
    [API_BOOLEAN] = "true or false",
    [API_ID_ARRAY] = "an array of integer ids",
};

static bool has_type(const json_t *v, enum api_member_type t) {
    if (json_is_null(v)) return true;
    switch (t) {
    case API_STRING:
        return json_is_string(v);
    case API_INTEGER:
        return json_is_integer(v);
    case API_BOOLEAN:
        return json_is_boolean(v);
    case API_ID_ARRAY: {
        if (!json_is_array(v)) return false;
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            if (!json_is_integer(x)) return false;
        }
        return true;
    }
    }
    return false;
}

/* A body spec and its member table, declared together. */
#define SPEC(name, ...)                                                                            \
    static const struct api_member name##_members[] = {__VA_ARGS__};                               \
    const struct api_body_spec name = {name##_members,                                             \
                                       (int)(sizeof name##_members / sizeof *name##_members)}

SPEC(api_body_meeting, {"body_id", API_INTEGER}, {"held_on", API_STRING}, {"starts_at", API_STRING},
     {"place", API_STRING}, {"chair", API_STRING}, {"secretary", API_STRING});
SPEC(api_body_status, {"status", API_STRING});
SPEC(api_body_attendee, {"name", API_STRING}, {"position", API_STRING}, {"agency_id", API_INTEGER},
     {"full_authority", API_BOOLEAN});
SPEC(api_body_item, {"case_id", API_INTEGER}, {"title", API_STRING});
SPEC(api_body_item_patch, {"position", API_INTEGER}, {"notes", API_STRING});
SPEC(api_body_resolution, {"item_id", API_INTEGER}, {"text", API_STRING},
     {"agency_id", API_INTEGER}, {"deadline", API_STRING}, {"case_ids", API_ID_ARRAY});
SPEC(api_body_action, {"action", API_STRING}, {"reason", API_STRING}, {"text", API_STRING},
     {"agency_id", API_INTEGER}, {"deadline", API_STRING}, {"outcome", API_STRING},
     {"fault", API_STRING}, {"evidence", API_STRING});

bool api_body_shape_ok(const json_t *doc, const struct api_body_spec *spec,
                       struct json_shape_error *shape) {
    const struct api_member *members = spec->members;
    int n = spec->n;
    shape->field[0] = shape->message[0] = 0;
    if (!json_is_object(doc)) {
        snprintf(shape->message, sizeof shape->message, "the body must be a JSON object");
        return false;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)doc, key, v) {
        int k = 0;
        while (k < n && strcmp(members[k].name, key) != 0)
            k++;
        if (k == n) {
            int shown = (int)utf8_prefix_len(key, strlen(key), 63); /* whole characters */
            snprintf(shape->field, sizeof shape->field, "%.*s", shown, key);
            snprintf(shape->message, sizeof shape->message, "unknown member %.*s", shown, key);
            return false;
        }
        if (!has_type(v, members[k].type)) {
            snprintf(shape->field, sizeof shape->field, "%s", key);
            snprintf(shape->message, sizeof shape->message, "%s must be %s", members[k].name,
                     type_names[members[k].type]);
            return false;
        }
    }
    return true;
}

json_t *api_meeting_body(struct http_req *req, struct http_resp *resp,
                         const struct api_body_spec *spec) {
    if (req->body_len > API_MEETING_BODY_MAX) {
        api_error(req, resp, 413, "payload_too_large",
                  "the JSON body is larger than 64 KiB (the longest text is 8000 bytes)", NULL);
        return NULL;
    }
    json_t *doc = api_read_body(req, resp);
    if (!doc) return NULL;
    struct json_shape_error shape;
    if (api_body_shape_ok(doc, spec, &shape)) return doc;
    json_decref(doc);
    api_shape_error(req, resp, &shape);
    return NULL;
}

const char *api_body_field(void *ctx, const char *field) {
    struct api_body_fields *f = ctx;
    json_t *v = json_object_get(f->doc, field);
    if (!v || json_is_null(v)) return NULL;
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) return arena_printf(f->a, "%lld", (long long)json_integer_value(v));
    if (json_is_boolean(v)) return json_is_true(v) ? "true" : "false";
    if (json_is_array(v)) {
        buf b;
        buf_init(&b, 16 * 1024);
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            buf_printf(&b, "%s%lld", i ? ", " : "", (long long)json_integer_value(x));
        }
        /* Too many ids for the cap: an unparseable text, refused as case_ids. */
        const char *text = b.failed ? "-" : arena_strdup(f->a, b.data ? b.data : "");
        buf_free(&b);
        return text;
    }
    return "";
}

/* A whole number from the query in [min, max]; `def` when absent. */
static bool query_number(struct http_req *req, struct http_resp *resp, const char *name, int def,
                         int min, int max, int *out) {
    const char *s = http_query(req, name);
    *out = def;
    if (!s) return true;
    long long v = 0;
    size_t n = strlen(s);
    bool ok = n > 0 && n <= 9;
    for (size_t i = 0; ok && i < n; i++) {
        ok = s[i] >= '0' && s[i] <= '9';
        v = v * 10 + (s[i] - '0');
    }
    if (ok && v >= min && v <= max) {
        *out = (int)v;
        return true;
    }
    char *msg = arena_printf(req->a, "%s must be an integer from %d to %d", name, min, max);
    api_error(req, resp, 400, "bad_request", msg, json_pack("{s:s}", name, msg ? msg : ""));
    return false;
}

bool api_meeting_page(struct http_req *req, struct http_resp *resp, int *limit, int *offset) {
    return query_number(req, resp, "limit", 50, 1, 500, limit) &&
           query_number(req, resp, "offset", 0, 0, 100000000, offset);
}

bool api_query_date(struct http_req *req, struct http_resp *resp, const char *name, char out[11]) {
    const char *s = http_query(req, name);
    out[0] = 0;
    if (!s) return true;
    if (strlen(s) == 10 && registry_iso_date(s)) {
        memcpy(out, s, 11);
        return true;
    }
    char *msg = arena_printf(req->a, "%s must be an ISO date such as 2026-11-29", name);
    api_error(req, resp, 400, "bad_request", msg, json_pack("{s:s}", name, msg ? msg : ""));
    return false;
}

bool api_query_flag(struct http_req *req, struct http_resp *resp, const char *name, bool *on) {
    const char *s = http_query(req, name);
    *on = s && (!strcmp(s, "1") || !strcmp(s, "true"));
    if (!s || *on || !strcmp(s, "0") || !strcmp(s, "false")) return true;
    char *msg = arena_printf(req->a, "%s must be 1, true, 0 or false", name);
    api_error(req, resp, 400, "bad_request", msg, json_pack("{s:s}", name, msg ? msg : ""));
    return false;
}

json_t *api_list_doc(json_t *items, int64_t total, int limit, int offset) {
    return json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "limit",
                     limit, "offset", offset);
}

void api_today(char out[11]) { case_iso_from_day(case_today_tehran(clock_now()), out); }

static json_t *text_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }

/* The actions a person may take (the sweep's 'start' is the system's). */
static const enum resolution_action people_actions[] = {
    RES_ACT_OBJECT, RES_ACT_UPHOLD, RES_ACT_AMEND, RES_ACT_ACCEPT, RES_ACT_OUTCOME};

json_t *api_resolution_json(const struct resolution_row *r, const struct case_viewer *v,
                            const char *today) {
    json_t *o = json_object();
    json_t *cases = json_array(), *allowed = json_array();
    for (int i = 0; i < r->ncases; i++)
        json_array_append_new(cases, json_integer(r->case_ids[i]));
    bool own = v->role == ROLE_AGENCY && v->agency_id == r->agency_id;
    int32_t end = case_day_from_iso(r->window_ends_on), now = case_day_from_iso(today);
    for (size_t i = 0; i < sizeof people_actions / sizeof *people_actions; i++)
        if (resolution_check(r->state, people_actions[i], v->role, own, end, now) == RES_OK)
            json_array_append_new(allowed, json_string(resolution_action_code(people_actions[i])));
    json_object_set_new(o, "id", json_integer(r->id));
    json_object_set_new(o, "number", json_string(r->number));
    json_object_set_new(o, "meeting_id", json_integer(r->meeting_id));
    json_object_set_new(o, "meeting_body", json_string(r->meeting_body));
    json_object_set_new(o, "meeting_year", json_integer(r->meeting_year));
    json_object_set_new(o, "meeting_seq", json_integer(r->meeting_seq));
    json_object_set_new(o, "meeting_held_on", json_string(r->meeting_on));
    json_object_set_new(o, "item_id", json_integer(r->item_id));
    json_object_set_new(o, "text", json_string(r->text));
    json_object_set_new(o, "agency_id", json_integer(r->agency_id));
    json_object_set_new(o, "agency", json_string(r->agency));
    json_object_set_new(o, "deadline", json_string(r->deadline));
    json_object_set_new(o, "notice_on", json_string(r->notice_on));
    json_object_set_new(o, "window_ends_on", json_string(r->window_ends_on));
    json_object_set_new(o, "window_open", json_boolean(r->window_open));
    json_object_set_new(o, "state", json_string(resolution_state_code(r->state)));
    json_object_set_new(o, "state_label", json_string(resolution_state_label(r->state)));
    json_object_set_new(o, "overdue", json_boolean(r->overdue));
    json_object_set_new(o, "objection", text_or_null(r->objection));
    json_object_set_new(o, "objected_on", text_or_null(r->objected_on));
    json_object_set_new(o, "ruling", text_or_null(r->ruling));
    json_object_set_new(o, "ruling_note", text_or_null(r->ruling_note));
    json_object_set_new(o, "fault", text_or_null(resolution_fault_code(r->fault)));
    json_object_set_new(o, "fault_label", text_or_null(resolution_fault_label(r->fault)));
    json_object_set_new(o, "evidence", text_or_null(r->evidence));
    json_object_set_new(o, "outcome_on", text_or_null(r->outcome_on));
    json_object_set_new(o, "case_ids", cases);
    json_object_set_new(o, "allowed_actions", allowed);
    json_object_set_new(o, "created_at", json_string(r->created_at));
    json_object_set_new(o, "updated_at", json_string(r->updated_at));
    json_object_set_new(o, "version", json_integer(r->version));
    return o;
}

void api_send_resolution(struct http_req *req, struct http_resp *resp, store_conn *db,
                         const struct case_viewer *v, int64_t id, int status) {
    struct resolution_row *r = arena_calloc(req->a, 1, sizeof *r);
    if (!r) return web_server_error(req, resp);
    buf text;
    buf_init(&text, 64 * 1024);
    int rc = store_resolution_get(db, v, id, r, &text);
    if (rc != STORE_OK) {
        buf_free(&text);
        return api_meeting_refusal(req, resp, rc, "resolution");
    }
    char today[11];
    api_today(today);
    api_set_etag(req, resp, r->version);
    if (status == 201) {
        const char *loc = arena_printf(req->a, "/api/v1/resolutions/%lld", (long long)id);
        if (loc) http_set_header(resp, "Location", loc);
    }
    api_send(resp, status, api_resolution_json(r, v, today));
    buf_free(&text);
}

struct page_acc {
    json_t *items;
    const struct case_viewer *v;
    const char *today;
};

static int page_item(void *arg, const struct resolution_row *r) {
    struct page_acc *acc = arg;
    json_array_append_new(acc->items, api_resolution_json(r, acc->v, acc->today));
    return 0;
}

void api_send_resolution_page(struct http_req *req, struct http_resp *resp, store_conn *db,
                              const struct case_viewer *v, const struct resolution_filter *f) {
    char today[11];
    api_today(today);
    struct page_acc acc = {json_array(), v, today};
    int64_t total = 0;
    int rc = store_resolution_list(db, v, f, page_item, &acc, &total);
    if (rc != STORE_OK) {
        json_decref(acc.items);
        return api_meeting_refusal(req, resp, rc, "");
    }
    api_send(resp, 200, api_list_doc(acc.items, total, f->limit, f->offset));
}

void api_meeting_refusal(struct http_req *req, struct http_resp *resp, int rc, const char *what) {
    switch (rc) {
    case STORE_ENOTFOUND:
        web_not_found(req, resp);
        break;
    case STORE_EROLE:
        web_forbidden(req, resp);
        break;
    case STORE_ECONFLICT: {
        char *msg = arena_printf(req->a,
                                 "the %s changed since you read it (stale If-Match): "
                                 "read it again",
                                 what);
        api_error(req, resp, 409, "conflict", msg, NULL);
        break;
    }
    case STORE_EBUSY:
        web_render_error(req, resp, 503, "unavailable", "database busy; retry",
                         "پایگاه داده مشغول است؛ کمی بعد دوباره تلاش کنید.");
        break;
    default:
        web_server_error(req, resp);
        break;
    }
}
