/* api_resolutions — resolutions in the JSON API: the list with its filters, one
 * resolution and its history, the lifecycle actions, the working group's report and
 * the public totals. See api_meetings.h for who reaches what.
 *
 * An action is checked in two places that agree: the body here (which members the
 * action takes, their values: 400 / 422 naming the member) and the lifecycle in the
 * store's transaction (meetings/resolution.h), whose refusal is mapped to its
 * meaning: the state does not allow it (409), not this caller's to take (403), the
 * objection window still open or already shut, or an outcome whose fault does not
 * fit (422). A refused action writes nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "core/utf8.h"
#include "cases/case_workdays.h"
#include "store/store_cases.h"
#include "store/store_meetings.h"
#include "store/store_registry.h"
#include "web/api_json.h"
#include "web/api_meeting_json.h"
#include "web/api_meetings.h"
#include "web/app.h"
#include "web/case_web.h"
#include "web/registry_view.h"
#include "web/meeting_view.h"

/* --- reads ------------------------------------------------------------------------------------ */

void api_resolutions_list(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    struct resolution_filter f = {.count = true};
    const char *state = http_query(req, "state");
    int s = state ? resolution_state_parse(state) : -1;
    if (state && s < 0)
        return api_error(req, resp, 400, "bad_request", "state is not a resolution state",
                         json_pack("{s:s}", "state", "unknown state"));
    if (s >= 0) f.states = 1u << s;
    if (!api_query_id(req, resp, "meeting_id", &f.meeting_id) ||
        !api_query_id(req, resp, "agency_id", &f.agency_id) ||
        !api_query_id(req, resp, "case_id", &f.case_id) ||
        !api_query_flag(req, resp, "open", &f.open) ||
        !api_query_flag(req, resp, "overdue", &f.overdue) ||
        !api_meeting_page(req, resp, &f.limit, &f.offset))
        return;
    api_send_resolution_page(req, resp, db, &v, &f);
}

void api_resolution_get(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    int64_t id;
    if (!db || !api_path_id(req, resp, "id", &id)) return;
    struct case_viewer v = web_case_viewer(req);
    api_send_resolution(req, resp, db, &v, id, 200);
}

static json_t *text_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }

static int event_item(void *arg, const struct resolution_event *e) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(e->id));
    json_object_set_new(o, "at", json_string(e->at));
    json_object_set_new(o, "actor", json_string(e->actor));
    json_object_set_new(o, "kind", json_string(e->kind));
    json_object_set_new(o, "from_state", text_or_null(e->from_state));
    json_object_set_new(o, "to_state", text_or_null(e->to_state));
    json_object_set_new(o, "body", json_string(e->body ? e->body : ""));
    json_array_append_new(arg, o);
    return 0;
}

void api_resolution_events(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    int64_t id;
    if (!db || !api_path_id(req, resp, "id", &id)) return;
    struct case_viewer v = web_case_viewer(req);
    json_t *items = json_array();
    int rc = store_resolution_events(db, &v, id, event_item, items);
    if (rc != STORE_OK) {
        json_decref(items);
        return api_meeting_refusal(req, resp, rc, "resolution");
    }
    api_send(resp, 200, json_pack("{s:o}", "items", items));
}

/* --- actions -------------------------------------------------------------------------------- */

/* The members each action takes besides `action`, space-separated. */
static const char *const act_takes[RES_ACTION_COUNT] = {
    [RES_ACT_OBJECT] = "reason",
    [RES_ACT_UPHOLD] = "reason",
    [RES_ACT_AMEND] = "reason text agency_id deadline",
    [RES_ACT_ACCEPT] = "reason",
    [RES_ACT_START] = "",
    [RES_ACT_OUTCOME] = "outcome fault evidence",
};

static bool takes(const char *list, const char *name) {
    size_t n = strlen(name);
    for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0)) return true;
    return false;
}

/* A member sent (not null) that the action does not take: its name, else NULL. */
static const char *stray_member(json_t *doc, enum resolution_action a) {
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v) {
        if (strcmp(key, "action") != 0 && !json_is_null(v) && !takes(act_takes[a], key)) return key;
    }
    return NULL;
}

/* What an action carries, read from the body; false after answering 400 / 422. */
struct act_input {
    struct resolution_act act;
    struct resolution_input amended;
    struct outcome_input outcome;
    char reason[MEETING_TEXT_MAX + 1];
};

static bool read_action(struct http_req *req, struct http_resp *resp, store_conn *db,
                        const char *today, struct act_input *in) {
    json_t *doc = api_meeting_body(req, resp, &api_body_action);
    if (!doc) return false;
    struct field_errors errs = {0};
    int a = resolution_action_parse(json_string_value(json_object_get(doc, "action")));
    if (a < 0 || a == RES_ACT_START) {
        json_decref(doc);
        field_error_add(&errs, "action", "",
                        "action must be object, uphold, amend, accept or outcome");
        api_validation_error(req, resp, &errs);
        return false;
    }
    const char *stray = stray_member(doc, (enum resolution_action)a);
    if (stray) {
        struct json_shape_error shape = {"", ""};
        utf8_copy(shape.field, sizeof shape.field, stray); /* the caller's text: cut whole */
        snprintf(shape.message, sizeof shape.message, "%s does not apply to the action %s",
                 shape.field, resolution_action_code((enum resolution_action)a));
        json_decref(doc);
        api_shape_error(req, resp, &shape);
        return false;
    }
    in->act.action = (enum resolution_action)a;
    struct api_body_fields fields = {doc, req->a};
    meeting_text_from_field(api_body_field, &fields, "reason", a == RES_ACT_OBJECT, in->reason,
                            sizeof in->reason, &errs);
    in->act.reason = in->reason;
    if (a == RES_ACT_AMEND) {
        resolution_input_from_fields(api_body_field, &fields, false, true, today, &in->amended,
                                     &errs);
        in->act.amended = &in->amended;
    } else if (a == RES_ACT_OUTCOME) {
        outcome_input_from_fields(api_body_field, &fields, &in->outcome, &errs);
        in->act.outcome = &in->outcome;
    }
    json_decref(doc);
    if (a == RES_ACT_AMEND && in->amended.agency_id) {
        struct agency ag;
        int rc = store_agency_get(db, in->amended.agency_id, &ag);
        if (rc == STORE_ENOTFOUND)
            field_error_add(&errs, "agency_id", "",
                            "no agency with this id (see /api/v1/agencies)");
        else if (rc != STORE_OK) {
            api_meeting_refusal(req, resp, rc, "");
            return false;
        }
    }
    if (!errs.n) return true;
    api_validation_error(req, resp, &errs);
    return false;
}

/* The lifecycle's refusal (meetings/resolution.h) as the API answers it. */
static void rule_refused(struct http_req *req, struct http_resp *resp, int rule,
                         const struct resolution_row *r, const struct case_viewer *v,
                         enum resolution_action a, const char *today) {
    const char *act = resolution_action_code(a);
    /* An objection to a resolution nobody objected to, after its window: the answer
     * is the one before the sweep started execution (too late for the responsible
     * agency, not theirs for anyone else), whether or not the sweep has run yet. */
    if (a == RES_ACT_OBJECT && rule == RES_ESTATE && !r->objected_on[0] &&
        strcmp(today, r->window_ends_on) > 0) {
        bool own = v->role == ROLE_AGENCY && v->agency_id == r->agency_id;
        rule = resolution_check(RES_ISSUED, a, v->role, own, case_day_from_iso(r->window_ends_on),
                                case_day_from_iso(today));
    }
    switch (rule) {
    case RES_EROLE:
        return api_error(req, resp, 403, "forbidden",
                         a == RES_ACT_OBJECT ? "only the liaison of the responsible agency objects "
                                               "to a resolution"
                         : a == RES_ACT_OUTCOME ? "only the secretariat records an outcome"
                                                : "only the secretariat rules on an objection",
                         NULL);
    case RES_EWINDOW_OPEN:
        return api_error(req, resp, 422, "window_open",
                         arena_printf(req->a,
                                      "the 15-day objection window has not closed (its "
                                      "last day is %s): record the outcome after it",
                                      r->window_ends_on),
                         NULL);
    case RES_EWINDOW_SHUT:
        return api_error(req, resp, 422, "window_closed",
                         arena_printf(req->a,
                                      "the 15-day objection window closed on %s: it is "
                                      "too late to object",
                                      r->window_ends_on),
                         NULL);
    case RES_EFAULT:
    case RES_EOUTCOME: {
        struct field_errors errs = {0};
        field_error_add(&errs, rule == RES_EFAULT ? "fault" : "outcome", "",
                        rule == RES_EFAULT
                            ? "carried_out takes no fault; partly and "
                              "not_carried_out need applicant or agency"
                            : "outcome must be carried_out, partly or not_carried_out");
        return api_validation_error(req, resp, &errs);
    }
    default: {
        /* The state: name it and what the caller may do instead. */
        json_t *doc = api_resolution_json(r, v, today);
        json_t *allowed = json_object_get(doc, "allowed_actions");
        buf b;
        buf_init(&b, 4096);
        buf_printf(&b, "the resolution is %s: %s is not possible now; allowed now:",
                   resolution_state_code(r->state), act);
        size_t i;
        json_t *x;
        json_array_foreach(allowed, i, x) {
            buf_printf(&b, "%s %s", i ? "," : "", json_string_value(x));
        }
        if (!json_array_size(allowed)) buf_puts(&b, " none");
        char *msg =
            arena_strdup(req->a, b.failed ? "the state does not allow this action" : b.data);
        buf_free(&b);
        json_decref(doc);
        return api_error(req, resp, 409, "invalid_transition", msg, NULL);
    }
    }
}

/* Reads the action and takes it on r (as read, its texts alive for the refusal). */
static void take_action(struct http_req *req, struct http_resp *resp, store_conn *db,
                        const struct case_viewer *v, const struct resolution_row *r) {
    int64_t version = -1;
    if (http_header(req, "If-Match") && !api_if_match(req, resp, &version)) return;
    struct act_input *in = arena_calloc(req->a, 1, sizeof *in);
    if (!in) return web_server_error(req, resp);
    char today[11];
    api_today(today);
    if (!read_action(req, resp, db, today, in)) return;
    int rule = RES_OK;
    int rc = store_resolution_act(db, &web_ctx(req)->user, v, r->id, version, &in->act, today,
                                  &rule, NULL);
    if (rc == STORE_ERULE) return rule_refused(req, resp, rule, r, v, in->act.action, today);
    if (rc == STORE_ECONSTRAINT) {
        struct field_errors errs = {0};
        field_error_add(&errs, "reason", "", "an objection states its reasons");
        return api_validation_error(req, resp, &errs);
    }
    if (rc == STORE_EREF) {
        struct field_errors errs = {0};
        field_error_add(&errs, "agency_id", "", "no agency with this id");
        return api_validation_error(req, resp, &errs);
    }
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "resolution");
    api_send_resolution(req, resp, db, v, r->id, 200);
}

void api_resolution_act(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    int64_t id;
    if (!db || !api_path_id(req, resp, "id", &id)) return;
    struct case_viewer v = web_case_viewer(req);
    struct resolution_row *r = arena_calloc(req->a, 1, sizeof *r);
    if (!r) return web_server_error(req, resp);
    buf text;
    buf_init(&text, 64 * 1024);
    int rc = store_resolution_get(db, &v, id, r, &text);
    if (rc == STORE_OK)
        take_action(req, resp, db, &v, r);
    else
        api_meeting_refusal(req, resp, rc, "resolution");
    buf_free(&text);
}

/* --- the report and the public totals ---------------------------------------------------- */

static json_t *tally_counts(json_t *o, const struct resolution_tally *t) {
    int settled = t->carried_out + t->partly + t->not_carried_out;
    json_object_set_new(o, "issued", json_integer(t->issued));
    json_object_set_new(o, "carried_out", json_integer(t->carried_out));
    json_object_set_new(o, "partly", json_integer(t->partly));
    json_object_set_new(o, "not_carried_out", json_integer(t->not_carried_out));
    json_object_set_new(o, "open", json_integer(t->open));
    json_object_set_new(o, "overdue", json_integer(t->overdue));
    json_object_set_new(o, "objected", json_integer(t->objected));
    json_object_set_new(o, "fault_applicant", json_integer(t->fault_applicant));
    json_object_set_new(o, "fault_agency", json_integer(t->fault_agency));
    json_object_set_new(o, "carried_out_share",
                        settled ? json_real(round(10000.0 * t->carried_out / settled) / 10000.0)
                                : json_null());
    return o;
}

static int tally_row(void *arg, const struct resolution_tally *t) {
    json_t *o = json_object();
    json_object_set_new(o, "key", json_integer(t->key));
    json_object_set_new(o, "label", json_string(t->label));
    json_array_append_new(arg, tally_counts(o, t));
    return 0;
}

static const char *const groups[] = {
    [RES_BY_AGENCY] = "agency",
    [RES_BY_CATEGORY] = "category",
    [RES_BY_MEETING] = "meeting",
    [RES_BY_MONTH] = "month",
};

void api_resolutions_report(struct http_req *req, struct http_resp *resp) {
    const char *by = http_query(req, "by");
    int g = 0;
    if (by) {
        while (g <= RES_BY_MONTH && strcmp(groups[g], by) != 0)
            g++;
        if (g > RES_BY_MONTH)
            return api_error(req, resp, 400, "bad_request",
                             "by must be agency, category, meeting or month",
                             json_pack("{s:s}", "by", "unknown grouping"));
    }
    store_conn *db = web_db(req, resp);
    if (!db) return;
    char today[11];
    api_today(today);
    json_t *rows = json_array();
    int rc = store_resolution_report(db, (enum resolution_group)g, today, tally_row, rows);
    if (rc != STORE_OK) {
        json_decref(rows);
        return api_meeting_refusal(req, resp, rc, "");
    }
    api_send(resp, 200,
             json_pack("{s:s, s:s, s:o}", "by", groups[g], "as_of", today, "rows", rows));
}

void api_resolutions_stats(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    char today[11];
    api_today(today);
    struct resolution_tally t;
    int rc = store_resolution_totals(db, today, &t);
    if (rc != STORE_OK) return api_meeting_refusal(req, resp, rc, "");
    json_t *o = json_object();
    json_object_set_new(o, "as_of", json_string(today));
    api_send(resp, 200, tally_counts(o, &t));
}

/* Evidence files: the list, an upload (the raw body, ?name=), a download. */
void api_resolution_attachments(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    json_t *items = json_array();
    int rc = store_resolution_attachments(db, &v, registry_id_param(req, "id"), api_attachment_item,
                                          items);
    if (rc != STORE_OK) {
        json_decref(items);
        return rc == STORE_ENOTFOUND ? web_not_found(req, resp) : web_server_error(req, resp);
    }
    api_send(resp, 200, json_pack("{s:o}", "items", items));
}

void api_resolution_attach(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *name = http_query(req, "name");
    struct case_attachment att;
    const char *why_en = "", *why_fa = "";
    int status = resolution_web_attach(req, db, registry_id_param(req, "id"), name ? name : "",
                                       req->body, req->body_len, &att, &why_en, &why_fa);
    api_attach_reply(req, resp, status, &att, why_en, why_fa);
}

void api_resolution_attachment(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    struct case_attachment att;
    int64_t id = registry_id_param(req, "id"), aid = registry_id_param(req, "aid");
    int rc = id && aid ? store_resolution_attachment_get(db, &v, id, aid, &att) : STORE_ENOTFOUND;
    if (rc == STORE_ENOTFOUND) return web_not_found(req, resp);
    if (rc != STORE_OK) return web_server_error(req, resp);
    web_send_attachment(req, resp, &att);
}
