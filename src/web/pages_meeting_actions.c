/* pages_meeting_actions — the POST handlers of a session's forms: edit, status
 * (held / planned / cancelled), attendance, agenda (add a case or a topic, move,
 * remove, notes) and issuing a resolution. Bad input re-renders the session page
 * with the Persian message beside the wrong field (422); a refusal by the store is
 * meeting_web_refusal's page; success redirects back (303) to the section. */
#include <stdio.h>
#include <string.h>

#include "text/fa_num.h"
#include "web/case_web.h"
#include "web/meeting_view.h"
#include "web/pages_meetings.h"
#include "web/registry_view.h"

static int64_t form_version(struct http_req *req) {
    const char *vs = http_form(req, "version");
    int64_t v;
    if (!vs || fa_num_parse_i64(vs, strlen(vs), &v, NULL) != 0) return -1;
    return v;
}

static void back(struct http_req *req, struct http_resp *resp, int64_t id, const char *anchor) {
    http_redirect(resp, arena_printf(req->a, "/meetings/%lld%s", (long long)id, anchor));
}

static void refused_form(struct http_req *req, struct http_resp *resp, store_conn *db, int64_t id,
                         const char *form, const struct field_errors *errs) {
    resp->status = 422;
    meeting_page_render(req, resp, db, id, form, errs);
}

void action_meeting_update(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    struct meeting_input *in = arena_calloc(req->a, 1, sizeof *in);
    if (!in) return web_server_error(req, resp);
    struct field_errors errs = {0};
    if (!meeting_input_from_fields(meeting_posted, req, true, in, &errs))
        return refused_form(req, resp, db, id, "edit", &errs);
    int rc = store_meeting_update(db, &web_ctx(req)->user, &v, id, form_version(req), in);
    if (rc == STORE_OK) return back(req, resp, id, "");
    meeting_web_refusal(req, resp, rc, 0);
}

void action_meeting_status(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    int status = meeting_status_parse(http_form(req, "status"));
    if (status < 0)
        return web_render_error(req, resp, 422, "invalid", "unknown status", "وضعیت جلسه نامعتبر است.");
    char today[11];
    case_today(today);
    int rc = store_meeting_set_status(db, &web_ctx(req)->user, &v, id, form_version(req),
                                      (enum meeting_status)status, today);
    if (rc == STORE_OK) return back(req, resp, id, "");
    meeting_web_refusal(req, resp, rc, 0);
}

void action_meeting_attendee_add(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    struct attendee_input *in = arena_calloc(req->a, 1, sizeof *in);
    if (!in) return web_server_error(req, resp);
    struct field_errors errs = {0};
    if (!attendee_input_from_fields(meeting_posted, req, in, &errs))
        return refused_form(req, resp, db, id, "attendee", &errs);
    int64_t aid;
    int rc = store_meeting_attendee_add(db, &web_ctx(req)->user, &v, id, in, &aid);
    if (rc == STORE_OK) return back(req, resp, id, "#attendance");
    if (rc == STORE_EREF) {
        field_error_add(&errs, "agency_id", "این دستگاه پیدا نشد.", "unknown agency");
        return refused_form(req, resp, db, id, "attendee", &errs);
    }
    meeting_web_refusal(req, resp, rc, 0);
}

void action_meeting_attendee_remove(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    int rc = store_meeting_attendee_remove(db, &web_ctx(req)->user, &v, id,
                                           registry_id_param(req, "aid"));
    if (rc == STORE_OK) return back(req, resp, id, "#attendance");
    meeting_web_refusal(req, resp, rc, 0);
}

void action_meeting_item_add(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    struct field_errors errs = {0};
    const char *cs = http_form(req, "case_id");
    int64_t case_id = 0, item = 0;
    char title[1024] = "";
    if (cs && *cs && !(case_id = case_id_text(cs)))
        field_error_add(&errs, "case_id", "شماره پرونده را با رقم بنویسید.", "case_id must be a number");
    const char *t = http_form(req, "title");
    if (!case_id && !errs.n && (!t || !*t))
        field_error_add(&errs, "title", "شماره پرونده یا موضوع بند را بنویسید.", "case_id or title is required");
    else if (!case_id && !errs.n)
        meeting_text_from_field(meeting_posted, req, "title", true, title, sizeof title, &errs);
    if (errs.n) return refused_form(req, resp, db, id, "item", &errs);
    int rc = case_id ? store_meeting_item_add_case(db, &web_ctx(req)->user, &v, id, case_id, &item)
                     : store_meeting_item_add_topic(db, &web_ctx(req)->user, &v, id, title, &item);
    if (rc == STORE_OK) return back(req, resp, id, "#agenda");
    if (rc == STORE_EREF || rc == STORE_ESTATE || rc == STORE_EROLE) {
        if (rc == STORE_EROLE && !meeting_viewer_is_staff(&v)) return meeting_web_refusal(req, resp, rc, 0);
        field_error_add(&errs, "case_id",
                        "این پرونده پیدا نشد، در وضعیتی نیست که به دستور جلسه برود، یا در دستور "
                        "جلسه دیگری است.",
                        "case not found, not ready, or on another session's agenda");
        return refused_form(req, resp, db, id, "item", &errs);
    }
    meeting_web_refusal(req, resp, rc, 0);
}

void action_meeting_item_move(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id"), to = case_id_text(http_form(req, "position"));
    if (!to || to > 100000)
        return web_render_error(req, resp, 422, "invalid", "position must be a positive number",
                                "جایگاه بند نامعتبر است.");
    int rc = store_meeting_item_move(db, &web_ctx(req)->user, &v, id, registry_id_param(req, "iid"),
                                     (int)to);
    if (rc == STORE_OK) return back(req, resp, id, "#agenda");
    meeting_web_refusal(req, resp, rc, 0);
}

void action_meeting_item_remove(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    int rc = store_meeting_item_remove(db, &web_ctx(req)->user, &v, id, registry_id_param(req, "iid"));
    if (rc == STORE_OK) return back(req, resp, id, "#agenda");
    meeting_web_refusal(req, resp, rc, 0);
}

void action_meeting_item_notes(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    struct field_errors errs = {0};
    char *notes = arena_calloc(req->a, 1, MEETING_TEXT_MAX + 1);
    if (!notes) return web_server_error(req, resp);
    if (!meeting_text_from_field(meeting_posted, req, "notes", false, notes, MEETING_TEXT_MAX + 1, &errs))
        return web_render_error(req, resp, 422, "invalid", "notes too long or invalid",
                                "خلاصه مذاکرات بیش از اندازه بلند است یا نویسه نامعتبر دارد.");
    int rc = store_meeting_item_notes(db, &web_ctx(req)->user, &v, id, registry_id_param(req, "iid"), notes);
    if (rc == STORE_OK) return back(req, resp, id, "#agenda");
    meeting_web_refusal(req, resp, rc, 0);
}

void action_resolution_issue(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    char today[11];
    case_today(today);
    struct resolution_input *in = arena_calloc(req->a, 1, sizeof *in);
    if (!in) return web_server_error(req, resp);
    struct field_errors errs = {0};
    if (!resolution_input_from_fields(meeting_posted, req, true, false, today, in, &errs))
        return refused_form(req, resp, db, id, "resolution", &errs);
    int64_t rid = 0;
    int rc = store_resolution_issue(db, &web_ctx(req)->user, &v, id, in, today, &rid);
    if (rc == STORE_OK) return http_redirect(resp, arena_printf(req->a, "/resolutions/%lld", (long long)rid));
    if (rc == STORE_EREF) {
        field_error_add(&errs, "case_ids",
                        "دستگاه، بند یا یکی از پرونده‌ها پیدا نشد یا در دستور این جلسه نیست.",
                        "unknown agency, item or case not on this session's agenda");
        return refused_form(req, resp, db, id, "resolution", &errs);
    }
    meeting_web_refusal(req, resp, rc, 0);
}
