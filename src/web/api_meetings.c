/* api_meetings — sessions in the JSON API: the bodies that meet, sessions (list,
 * create, read, replace, status), attendance, the agenda and the resolutions issued
 * at a session. See api_meetings.h for who may do what and openapi.json for the
 * shapes.
 *
 * Each handler is a straight line: the caller must be of the working group (404
 * otherwise: sessions do not exist for them), the session of the path (404), a
 * writer (members 403), If-Match where it applies, the body (415 / 413 / 400 / 422,
 * references checked against the store so a 422 names the field), then one store
 * call whose refusal maps to its designed answer. */
#include "web/api_meetings.h"

#include <stdio.h>
#include <string.h>

#include "registry/registry.h"
#include "store/store_cases.h"
#include "store/store_meetings.h"
#include "store/store_registry.h"
#include "web/api_json.h"
#include "web/api_meeting_json.h"
#include "web/app.h"
#include "web/case_web.h"

/* --- the shared first steps -------------------------------------------------------------- */

/* The database and the caller as a viewer of sessions; false after answering (404
 * for callers outside the working group, as for a record that does not exist). */
static bool session_reader(struct http_req *req, struct http_resp *resp, store_conn **db,
                           struct case_viewer *v) {
    *db = web_db(req, resp);
    if (!*db) return false;
    *v = web_case_viewer(req);
    if (meeting_viewer_sees_sessions(v)) return true;
    web_not_found(req, resp);
    return false;
}

static bool staff_only(struct http_req *req, struct http_resp *resp, const struct case_viewer *v) {
    if (meeting_viewer_is_staff(v)) return true;
    api_error(req, resp, 403, "forbidden",
              "members read sessions; the secretariat and admin build them", NULL);
    return false;
}

/* The session of the path; false after answering 404. */
static bool load_meeting(struct http_req *req, struct http_resp *resp, store_conn *db,
                         const struct case_viewer *v, struct meeting *m) {
    int64_t id;
    if (!api_path_id(req, resp, "id", &id)) return false;
    int rc = store_meeting_get(db, v, id, m);
    if (rc == STORE_OK) return true;
    api_meeting_refusal(req, resp, rc, "session");
    return false;
}

/* Reader, the session of the path, and (for writes) staff. */
static bool open_meeting(struct http_req *req, struct http_resp *resp, bool write, store_conn **db,
                         struct case_viewer *v, struct meeting *m) {
    return session_reader(req, resp, db, v) && load_meeting(req, resp, *db, v, m) &&
           (!write || staff_only(req, resp, v));
}

/* If-Match when sent: *version = -1 when absent; false after answering 400. */
static bool optional_if_match(struct http_req *req, struct http_resp *resp, int64_t *version) {
    *version = -1;
    return !http_header(req, "If-Match") || api_if_match(req, resp, version);
}

static void send_no_content(struct http_resp *resp) {
    resp->status = 204;
    resp->content_type = NULL;
    buf_clear(&resp->body);
}

static void validation_one(struct http_req *req, struct http_resp *resp, const char *field,
                           const char *en) {
    struct field_errors errs = {0};
    field_error_add(&errs, field, "", en);
    api_validation_error(req, resp, &errs);
}

static json_t *text_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }
static json_t *id_or_null(int64_t id) { return id > 0 ? json_integer(id) : json_null(); }

/* --- JSON ------------------------------------------------------------------------------- */

static json_t *meeting_json(const struct meeting *m) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(m->id));
    json_object_set_new(o, "body_id", json_integer(m->body_id));
    json_object_set_new(o, "body", json_string(m->body));
    json_object_set_new(o, "year", json_integer(m->year));
    json_object_set_new(o, "seq", json_integer(m->seq));
    json_object_set_new(o, "held_on", json_string(m->held_on));
    json_object_set_new(o, "starts_at", text_or_null(m->starts_at));
    json_object_set_new(o, "place", json_string(m->place));
    json_object_set_new(o, "chair", json_string(m->chair));
    json_object_set_new(o, "secretary", json_string(m->secretary));
    json_object_set_new(o, "status", json_string(meeting_status_code(m->status)));
    json_object_set_new(o, "status_label", json_string(meeting_status_label(m->status)));
    json_object_set_new(o, "attendee_count", json_integer(m->nattendees));
    json_object_set_new(o, "item_count", json_integer(m->nitems));
    json_object_set_new(o, "resolution_count", json_integer(m->nresolutions));
    json_object_set_new(o, "created_at", json_string(m->created_at));
    json_object_set_new(o, "updated_at", json_string(m->updated_at));
    json_object_set_new(o, "version", json_integer(m->version));
    return o;
}

static json_t *attendee_json(const struct meeting_attendee *a) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "meeting_id", json_integer(a->meeting_id));
    json_object_set_new(o, "name", json_string(a->name));
    json_object_set_new(o, "position", json_string(a->position));
    json_object_set_new(o, "agency_id", id_or_null(a->agency_id));
    json_object_set_new(o, "agency", text_or_null(a->agency));
    json_object_set_new(o, "full_authority", json_boolean(a->full_authority));
    return o;
}

static json_t *item_json(const struct meeting_item *it) {
    int s = it->case_state[0] ? case_state_parse(it->case_state) : -1;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(it->id));
    json_object_set_new(o, "meeting_id", json_integer(it->meeting_id));
    json_object_set_new(o, "position", json_integer(it->position));
    json_object_set_new(o, "case_id", id_or_null(it->case_id));
    json_object_set_new(o, "title", json_string(it->title));
    json_object_set_new(o, "unit", text_or_null(it->unit));
    json_object_set_new(o, "category", text_or_null(it->category));
    json_object_set_new(o, "case_state", s >= 0 ? json_string(it->case_state) : json_null());
    json_object_set_new(o, "case_state_label",
                        s >= 0 ? json_string(case_state_label((enum case_state)s)) : json_null());
    json_object_set_new(o, "notes", json_string(it->notes ? it->notes : ""));
    json_object_set_new(o, "resolution_count", json_integer(it->nresolutions));
    return o;
}

/* Answers one session with its ETag (and Location when created). */
static void send_meeting(struct http_req *req, struct http_resp *resp, store_conn *db,
                         const struct case_viewer *v, int64_t id, int status) {
    struct meeting m;
    int rc = store_meeting_get(db, v, id, &m);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    api_set_etag(req, resp, m.version);
    if (status == 201) {
        const char *loc = arena_printf(req->a, "/api/v1/meetings/%lld", (long long)id);
        if (loc) http_set_header(resp, "Location", loc);
    }
    api_send(resp, status, meeting_json(&m));
}

/* --- bodies and sessions ------------------------------------------------------------------ */

static int body_item(void *arg, const struct meeting_body *b) {
    json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)b->id, "code",
                                         b->code, "name", b->name, "main", b->main));
    return 0;
}

void api_meeting_bodies(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    if (!session_reader(req, resp, &db, &v)) return;
    json_t *items = json_array();
    int rc = store_meeting_bodies(db, body_item, items);
    if (rc != STORE_OK) {
        json_decref(items);
        return api_meeting_refusal(req, resp, rc, "");
    }
    api_send(resp, 200, json_pack("{s:o}", "items", items));
}

static int meeting_item(void *arg, const struct meeting *m) {
    json_array_append_new(arg, meeting_json(m));
    return 0;
}

void api_meetings_list(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    if (!session_reader(req, resp, &db, &v)) return;
    struct meeting_filter f = {.status = -1, .count = true};
    const char *status = http_query(req, "status");
    if (status && (f.status = meeting_status_parse(status)) < 0)
        return api_error(req, resp, 400, "bad_request", "status must be planned, held or cancelled",
                         json_pack("{s:s}", "status", "unknown status"));
    if (!api_query_id(req, resp, "body_id", &f.body_id) ||
        !api_query_date(req, resp, "from", f.from) || !api_query_date(req, resp, "to", f.to) ||
        !api_meeting_page(req, resp, &f.limit, &f.offset))
        return;
    json_t *items = json_array();
    int64_t total = 0;
    int rc = store_meeting_list(db, &v, &f, meeting_item, items, &total);
    if (rc != STORE_OK) {
        json_decref(items);
        return api_meeting_refusal(req, resp, rc, "");
    }
    api_send(resp, 200, api_list_doc(items, total, f.limit, f.offset));
}

static int body_seen(void *arg, const struct meeting_body *b) {
    int64_t *want = arg;
    if (b->id != *want) return 0;
    *want = 0;
    return 1;
}

/* The body as a session's fields, its body checked against the store; false after
 * answering. */
static bool meeting_from_body(struct http_req *req, struct http_resp *resp, store_conn *db,
                              struct meeting_input *in) {
    json_t *doc = api_meeting_body(req, resp, &api_body_meeting);
    if (!doc) return false;
    struct api_body_fields fields = {doc, req->a};
    struct field_errors errs = {0};
    meeting_input_from_fields(api_body_field, &fields, false, in, &errs);
    json_decref(doc);
    if (in->body_id) {
        int64_t want = in->body_id;
        int rc = store_meeting_bodies(db, body_seen, &want);
        if (rc != STORE_OK) {
            api_meeting_refusal(req, resp, rc, "");
            return false;
        }
        if (want)
            field_error_add(&errs, "body_id", "",
                            "no session body with this id (see /api/v1/meeting-bodies)");
    }
    if (!errs.n) return true;
    api_validation_error(req, resp, &errs);
    return false;
}

void api_meeting_create(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    if (!session_reader(req, resp, &db, &v) || !staff_only(req, resp, &v)) return;
    struct meeting_input in;
    if (!meeting_from_body(req, resp, db, &in)) return;
    int64_t id = 0;
    int rc = store_meeting_create(db, &web_ctx(req)->user, &v, &in, &id);
    if (rc == STORE_EREF || rc == STORE_ECONSTRAINT)
        return validation_one(req, resp, rc == STORE_EREF ? "body_id" : "held_on",
                              rc == STORE_EREF ? "no session body with this id"
                                               : "not a date the Jalali calendar can place");
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    send_meeting(req, resp, db, &v, id, 201);
}

void api_meeting_get(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    if (!open_meeting(req, resp, false, &db, &v, &m)) return;
    api_set_etag(req, resp, m.version);
    api_send(resp, 200, meeting_json(&m));
}

void api_meeting_update(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    int64_t version;
    struct meeting_input in;
    if (!open_meeting(req, resp, true, &db, &v, &m) || !api_if_match(req, resp, &version) ||
        !meeting_from_body(req, resp, db, &in))
        return;
    int rc = store_meeting_update(db, &web_ctx(req)->user, &v, m.id, version, &in);
    if (rc == STORE_EFUTURE)
        return api_error(req, resp, 422, "session_in_future",
                         "held_on: a held session cannot be moved to a date after today",
                         json_pack("{s:s}", "held_on", "after today, and the session is held"));
    if (rc == STORE_ESTATE)
        return api_error(req, resp, 409, "has_resolutions",
                         "a session with resolutions keeps its body and Jalali year: its "
                         "resolutions' numbers carry its number",
                         NULL);
    if (rc == STORE_ECONSTRAINT)
        return validation_one(req, resp, "held_on", "not a date the Jalali calendar can place");
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    send_meeting(req, resp, db, &v, m.id, 200);
}

void api_meeting_status(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    int64_t version;
    if (!open_meeting(req, resp, true, &db, &v, &m) || !optional_if_match(req, resp, &version))
        return;
    json_t *doc = api_meeting_body(req, resp, &api_body_status);
    if (!doc) return;
    int status = meeting_status_parse(json_string_value(json_object_get(doc, "status")));
    json_decref(doc);
    if (status < 0)
        return validation_one(req, resp, "status", "status must be planned, held or cancelled");
    char today[11];
    api_today(today);
    int rc = store_meeting_set_status(db, &web_ctx(req)->user, &v, m.id, version,
                                      (enum meeting_status)status, today);
    if (rc == STORE_EFUTURE) {
        char *msg = arena_printf(req->a,
                                 "the session is dated %s, after today (%s): it cannot be "
                                 "marked held before it takes place",
                                 m.held_on, today);
        return api_error(req, resp, 422, "session_in_future", msg,
                         json_pack("{s:s}", "status", "the session's date is after today"));
    }
    if (rc == STORE_ESTATE)
        return api_error(req, resp, 409, "has_resolutions",
                         "resolutions were issued at this session: it stays held", NULL);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    send_meeting(req, resp, db, &v, m.id, 200);
}

/* --- attendance --------------------------------------------------------------------------- */

struct find {
    int64_t id;
    json_t *found; /* the record as JSON, or the list being built when id = 0 */
};

static int attendee_each(void *arg, const struct meeting_attendee *a) {
    struct find *f = arg;
    if (!f->id) {
        json_array_append_new(f->found, attendee_json(a));
        return 0;
    }
    if (a->id != f->id) return 0;
    f->found = attendee_json(a);
    return 1;
}

void api_meeting_attendees(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    if (!open_meeting(req, resp, false, &db, &v, &m)) return;
    struct find all = {0, json_array()};
    int rc = store_meeting_attendees(db, &v, m.id, attendee_each, &all);
    if (rc != STORE_OK) {
        json_decref(all.found);
        return api_meeting_refusal(req, resp, rc, "session");
    }
    api_send(resp, 200, json_pack("{s:o}", "items", all.found));
}

/* A reference to an agency that exists: a field error otherwise; false on a store error. */
static bool agency_known(struct http_req *req, struct http_resp *resp, store_conn *db, int64_t id,
                         struct field_errors *errs) {
    struct agency ag;
    int rc = store_agency_get(db, id, &ag);
    if (rc == STORE_ENOTFOUND)
        field_error_add(errs, "agency_id", "", "no agency with this id (see /api/v1/agencies)");
    else if (rc != STORE_OK) {
        api_meeting_refusal(req, resp, rc, "");
        return false;
    }
    return true;
}

void api_meeting_attendee_add(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    if (!open_meeting(req, resp, true, &db, &v, &m)) return;
    json_t *doc = api_meeting_body(req, resp, &api_body_attendee);
    if (!doc) return;
    struct api_body_fields fields = {doc, req->a};
    struct field_errors errs = {0};
    struct attendee_input in;
    attendee_input_from_fields(api_body_field, &fields, &in, &errs);
    json_decref(doc);
    if (in.agency_id && !agency_known(req, resp, db, in.agency_id, &errs)) return;
    if (errs.n) return api_validation_error(req, resp, &errs);
    int64_t id = 0;
    int rc = store_meeting_attendee_add(db, &web_ctx(req)->user, &v, m.id, &in, &id);
    if (rc == STORE_ESTATE)
        return api_error(req, resp, 409, "cancelled", "the session is cancelled", NULL);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    struct find one = {id, NULL};
    rc = store_meeting_attendees(db, &v, m.id, attendee_each, &one);
    if (rc != STORE_OK || !one.found) {
        json_decref(one.found);
        return api_meeting_refusal(req, resp, rc != STORE_OK ? rc : STORE_ERROR, "session");
    }
    api_send(resp, 201, one.found);
}

void api_meeting_attendee_remove(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    int64_t aid;
    if (!open_meeting(req, resp, true, &db, &v, &m) || !api_path_id(req, resp, "aid", &aid)) return;
    int rc = store_meeting_attendee_remove(db, &web_ctx(req)->user, &v, m.id, aid);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    send_no_content(resp);
}

/* --- the agenda ----------------------------------------------------------------------------- */

static int item_each(void *arg, const struct meeting_item *it) {
    struct find *f = arg;
    if (!f->id) {
        json_array_append_new(f->found, item_json(it));
        return 0;
    }
    if (it->id != f->id) return 0;
    f->found = item_json(it);
    return 1;
}

/* The agenda item `id` of the session as JSON, or NULL after answering (404). */
static json_t *find_item(struct http_req *req, struct http_resp *resp, store_conn *db,
                         const struct case_viewer *v, int64_t meeting_id, int64_t id) {
    struct find one = {id, NULL};
    int rc = store_meeting_items(db, v, meeting_id, item_each, &one);
    if (rc == STORE_OK && one.found) return one.found;
    json_decref(one.found);
    api_meeting_refusal(req, resp, rc != STORE_OK ? rc : STORE_ENOTFOUND, "session");
    return NULL;
}

void api_meeting_items(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    if (!open_meeting(req, resp, false, &db, &v, &m)) return;
    struct find all = {0, json_array()};
    int rc = store_meeting_items(db, &v, m.id, item_each, &all);
    if (rc != STORE_OK) {
        json_decref(all.found);
        return api_meeting_refusal(req, resp, rc, "session");
    }
    api_send(resp, 200, json_pack("{s:o}", "items", all.found));
}

static size_t utf8_chars(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Where a case already stands on this session's agenda (0: not on it). */
struct agenda_case {
    int64_t case_id, item_id;
};
static int agenda_case_each(void *arg, const struct meeting_item *it) {
    struct agenda_case *a = arg;
    if (it->case_id != a->case_id) return 0;
    a->item_id = it->id;
    return 1;
}

/* A case on the agenda: 422 naming case_id for a case that cannot go on it. */
static void add_case_item(struct http_req *req, struct http_resp *resp, store_conn *db,
                          const struct case_viewer *v, const struct meeting *m, int64_t case_id) {
    struct case_row *row = arena_calloc(req->a, 1, sizeof *row);
    if (!row) return web_server_error(req, resp);
    int rc = store_case_get(db, v, case_id, row);
    if (rc == STORE_ENOTFOUND) return validation_one(req, resp, "case_id", "no case with this id");
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "");
    struct agenda_case here = {case_id, 0};
    rc = store_meeting_items(db, v, m->id, agenda_case_each, &here);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    if (here.item_id)
        return validation_one(req, resp, "case_id",
                              arena_printf(req->a,
                                           "the case is already on this session's agenda "
                                           "(item %lld)",
                                           (long long)here.item_id));
    int64_t item_id = 0;
    rc = store_meeting_item_add_case(db, &web_ctx(req)->user, v, m->id, case_id, &item_id);
    bool ready = row->state == CASE_ON_AGENDA || row->state == CASE_ANSWERED ||
                 row->state == CASE_IN_REVIEW;
    if (rc == STORE_EREF && ready)
        return validation_one(req, resp, "case_id",
                              "the case is on the agenda of another planned session");
    if (rc == STORE_EREF || rc == STORE_ESTATE)
        return validation_one(req, resp, "case_id",
                              arena_printf(req->a,
                                           "a case in state %s cannot go on an agenda (it "
                                           "must be in_review, answered or on_agenda)",
                                           case_state_code(row->state)));
    if (rc == STORE_EROLE)
        return api_error(req, resp, 403, "forbidden",
                         arena_printf(req->a,
                                      "the case is %s: only the secretariat takes its "
                                      "agenda step",
                                      case_state_code(row->state)),
                         NULL);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    json_t *item = find_item(req, resp, db, v, m->id, item_id);
    if (item) api_send(resp, 201, item);
}

void api_meeting_item_add(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    if (!open_meeting(req, resp, true, &db, &v, &m)) return;
    json_t *doc = api_meeting_body(req, resp, &api_body_item);
    if (!doc) return;
    json_t *case_id = json_object_get(doc, "case_id"), *title = json_object_get(doc, "title");
    bool by_case = case_id && !json_is_null(case_id), by_title = title && !json_is_null(title);
    int64_t cid = by_case ? json_integer_value(case_id) : 0;
    char text[MEETING_NAME_MAX * 2 + 1] = "";
    bool title_ok = by_title && registry_copy_text(text, sizeof text, json_string_value(title)) &&
                    text[0] && !strpbrk(text, "\r\n") && utf8_chars(text) <= MEETING_NAME_MAX;
    json_decref(doc);
    if (by_case == by_title)
        return validation_one(req, resp, by_case ? "title" : "case_id",
                              "send case_id (a case) or title (a free topic), one of the two");
    if (by_title && !title_ok)
        return validation_one(req, resp, "title", "title must be one line of 1 to 200 characters");
    if (by_case && cid <= 0) return validation_one(req, resp, "case_id", "no case with this id");
    if (m.status == MEETING_CANCELLED)
        return api_error(req, resp, 409, "cancelled", "the session is cancelled", NULL);
    if (by_case) return add_case_item(req, resp, db, &v, &m, cid);
    int64_t item_id = 0;
    int rc = store_meeting_item_add_topic(db, &web_ctx(req)->user, &v, m.id, text, &item_id);
    if (rc == STORE_ESTATE)
        return api_error(req, resp, 409, "cancelled", "the session is cancelled", NULL);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    json_t *item = find_item(req, resp, db, &v, m.id, item_id);
    if (item) api_send(resp, 201, item);
}

void api_meeting_item_update(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    int64_t iid;
    if (!open_meeting(req, resp, true, &db, &v, &m) || !api_path_id(req, resp, "iid", &iid)) return;
    json_t *item = find_item(req, resp, db, &v, m.id, iid);
    if (!item) return;
    json_decref(item);
    json_t *doc = api_meeting_body(req, resp, &api_body_item_patch);
    if (!doc) return;
    json_t *pos = json_object_get(doc, "position");
    bool move = pos && !json_is_null(pos);
    json_int_t position = move ? json_integer_value(pos) : 0;
    struct api_body_fields fields = {doc, req->a};
    struct field_errors errs = {0};
    bool note = api_body_field(&fields, "notes") != NULL;
    char *notes = arena_alloc(req->a, MEETING_TEXT_MAX + 1);
    if (!notes) {
        json_decref(doc);
        return web_server_error(req, resp);
    }
    if (note)
        meeting_text_from_field(api_body_field, &fields, "notes", false, notes,
                                MEETING_TEXT_MAX + 1, &errs);
    json_decref(doc);
    if (!move && !note) field_error_add(&errs, "position", "", "send position and/or notes");
    if (move && (position < 1 || position > 100000))
        field_error_add(&errs, "position", "", "position must be 1 or more (1 = first)");
    if (errs.n) return api_validation_error(req, resp, &errs);
    int rc = STORE_OK;
    const struct user *actor = &web_ctx(req)->user;
    if (move) rc = store_meeting_item_move(db, actor, &v, m.id, iid, (int)position);
    if (rc == STORE_OK && note) rc = store_meeting_item_notes(db, actor, &v, m.id, iid, notes);
    if (rc == STORE_ESTATE)
        return api_error(req, resp, 409, "cancelled", "the session is cancelled", NULL);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    item = find_item(req, resp, db, &v, m.id, iid);
    if (item) api_send(resp, 200, item);
}

void api_meeting_item_remove(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    int64_t iid;
    if (!open_meeting(req, resp, true, &db, &v, &m) || !api_path_id(req, resp, "iid", &iid)) return;
    int rc = store_meeting_item_remove(db, &web_ctx(req)->user, &v, m.id, iid);
    if (rc == STORE_EHASRES)
        return api_error(req, resp, 409, "has_resolutions",
                         "resolutions were issued on this agenda item: it stays", NULL);
    if (rc == STORE_ESTATE)
        return api_error(req, resp, 409, "cancelled", "the session is cancelled", NULL);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    send_no_content(resp);
}

/* --- resolutions issued at a session ----------------------------------------------------- */

void api_meeting_resolutions(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    struct resolution_filter f = {.count = true};
    if (!open_meeting(req, resp, false, &db, &v, &m) ||
        !api_meeting_page(req, resp, &f.limit, &f.offset))
        return;
    f.meeting_id = m.id;
    api_send_resolution_page(req, resp, db, &v, &f);
}

/* The session's agenda as the references a resolution may make. */
struct agenda {
    int64_t item_id, item_case; /* the item asked for, and its case (0: a free topic) */
    bool item_found;
    int64_t cases[512];
    int ncases;
};
static int agenda_each(void *arg, const struct meeting_item *it) {
    struct agenda *a = arg;
    if (it->id == a->item_id) {
        a->item_found = true;
        a->item_case = it->case_id;
    }
    if (it->case_id && a->ncases < 512) a->cases[a->ncases++] = it->case_id;
    return 0;
}

/* The item and cases of a resolution against the session's agenda: field errors. */
static int check_agenda(store_conn *db, const struct case_viewer *v, int64_t meeting_id,
                        const struct resolution_input *in, struct field_errors *errs) {
    struct agenda a = {.item_id = in->item_id};
    int rc = store_meeting_items(db, v, meeting_id, agenda_each, &a);
    if (rc != STORE_OK) return rc;
    if (in->item_id && !a.item_found)
        field_error_add(errs, "item_id", "", "no agenda item with this id on this session");
    int decided = a.item_case ? 1 : 0;
    for (int i = 0; i < in->ncases; i++) {
        bool on = false;
        for (int k = 0; k < a.ncases && !on; k++)
            on = a.cases[k] == in->case_ids[i];
        if (!on) {
            field_error_add(errs, "case_ids", "", "every case must be on this session's agenda");
            return STORE_OK;
        }
        decided += in->case_ids[i] != a.item_case;
    }
    if (decided > RESOLUTION_CASES_MAX)
        field_error_add(errs, "case_ids", "",
                        "a resolution decides at most 16 cases, the item's own included");
    return STORE_OK;
}

void api_meeting_resolution_issue(struct http_req *req, struct http_resp *resp) {
    store_conn *db;
    struct case_viewer v;
    struct meeting m;
    if (!open_meeting(req, resp, true, &db, &v, &m)) return;
    if (m.status != MEETING_HELD)
        return api_error(req, resp, 409, "not_held",
                         arena_printf(req->a,
                                      "resolutions are issued at a held session; this one "
                                      "is %s (mark it held first)",
                                      meeting_status_code(m.status)),
                         NULL);
    json_t *doc = api_meeting_body(req, resp, &api_body_resolution);
    if (!doc) return;
    struct resolution_input *in = arena_calloc(req->a, 1, sizeof *in);
    if (!in) {
        json_decref(doc);
        return web_server_error(req, resp);
    }
    char today[11];
    api_today(today);
    struct api_body_fields fields = {doc, req->a};
    struct field_errors errs = {0};
    resolution_input_from_fields(api_body_field, &fields, false, false, today, in, &errs);
    json_decref(doc);
    if (in->agency_id && !agency_known(req, resp, db, in->agency_id, &errs)) return;
    int rc = check_agenda(db, &v, m.id, in, &errs);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    if (errs.n) return api_validation_error(req, resp, &errs);
    int64_t id = 0;
    rc = store_resolution_issue(db, &web_ctx(req)->user, &v, m.id, in, today, &id);
    if (rc == STORE_ENOTHELD)
        return api_error(req, resp, 409, "not_held", "resolutions are issued at a held session",
                         NULL);
    if (rc == STORE_EREF || rc == STORE_ECONSTRAINT)
        return validation_one(req, resp, "case_ids",
                              "a case on the agenda cannot be decided from its current state");
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "session");
    api_send_resolution(req, resp, db, &v, id, 201);
}
