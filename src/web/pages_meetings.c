/* pages_meetings — the sessions' list, the new-session form and a session's page:
 * its facts and status, attendance, the agenda (ready cases to add, order, notes),
 * the resolutions issued at it and the form to issue one. Sessions are the working
 * group's (admin, secretariat, members); others get 404 like a missing session.
 * Only the secretariat and admin see the forms. See pages_meeting_actions.c for
 * the POST handlers of the forms. */
#include <stdio.h>
#include <string.h>

#include "text/fa_date.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/widgets.h"
#include "web/case_view.h"
#include "web/case_web.h"
#include "web/meeting_view.h"
#include "web/pages_meetings.h"
#include "web/registry_view.h"

enum { MEETINGS_PER_PAGE = 30 };

const char *meeting_posted(void *ctx, const char *field) {
    return http_form((struct http_req *)ctx, field);
}

struct body_sel {
    buf *b;
    int64_t selected;
};
static int body_option(void *arg, const struct meeting_body *x) {
    struct body_sel *s = arg;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)x->id);
    w_option(s->b, id, x->name, x->id == s->selected);
    return 0;
}
static void select_body(buf *b, store_conn *db, int64_t selected, const char *empty,
                        const char *error) {
    w_select_begin(b, "body_id", "کارگروه / کمیته", error);
    if (empty) w_option(b, "", empty, selected == 0);
    struct body_sel s = {b, selected};
    store_meeting_bodies(db, body_option, &s);
    w_select_end(b, error);
}

static int meeting_tr(void *arg, const struct meeting *m) {
    buf *b = arg;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)m->id);
    html_fmt(b, "<tr><td><a href=\"/meetings/%u\">", id);
    meeting_title(b, m->year, m->seq);
    html_fmt(b, "</a></td><td>%s</td><td>", m->body);
    w_date(b, m->held_on, 1);
    html_raw(b, "</td><td>");
    w_text_fa_digits(b, m->starts_at[0] ? m->starts_at : "—");
    html_fmt(b, "</td><td>%s</td><td class=\"num\">", m->place[0] ? m->place : "—");
    w_int(b, m->nattendees);
    html_raw(b, "</td><td class=\"num\">");
    w_int(b, m->nitems);
    html_raw(b, "</td><td class=\"num\">");
    w_int(b, m->nresolutions);
    html_raw(b, "</td><td>");
    meeting_status_badge(b, m->status);
    html_raw(b, "</td></tr>\n");
    return 0;
}

void page_meetings(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    if (!meeting_viewer_sees_sessions(&v)) return web_not_found(req, resp);
    struct meeting_filter f = {.status = -1, .count = true, .limit = MEETINGS_PER_PAGE};
    f.body_id = case_id_text(http_query(req, "body_id"));
    const char *st = http_query(req, "status");
    if (st && *st) f.status = meeting_status_parse(st);
    if (st && *st && f.status < 0) f.body_id = -1; /* an unknown status: nothing */
    int64_t page = case_id_text(http_query(req, "page"));
    if (page < 1 || page > 100000) page = 1;
    f.offset = (int)((page - 1) * MEETINGS_PER_PAGE);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "جلسات کارگروه", &who, "/meetings");
    html_raw(b, "<div class=\"page-head\"><h1>جلسات کارگروه</h1>");
    if (meeting_viewer_is_staff(&v))
        html_raw(b, " <a class=\"button\" href=\"/meetings/new\">جلسه تازه</a>");
    html_raw(b, " <a href=\"/resolutions\">مصوبات</a> · <a href=\"/resolutions/report\">گزارش "
                "اجرای مصوبات</a></div>\n<form method=\"get\" action=\"/meetings\" class=\"filters\">");
    select_body(b, db, f.body_id > 0 ? f.body_id : 0, "همه", NULL);
    w_select_begin(b, "status", "وضعیت", NULL);
    w_option(b, "", "همه", f.status < 0);
    for (int s = MEETING_PLANNED; s <= MEETING_CANCELLED; s++)
        w_option(b, meeting_status_code((enum meeting_status)s),
                 meeting_status_label((enum meeting_status)s), f.status == s);
    w_select_end(b, NULL);
    html_raw(b, "<button type=\"submit\">نمایش</button></form>\n");
    html_raw(b, "<table class=\"grid meetings\"><thead><tr><th>جلسه</th><th>کارگروه</th>"
                "<th>تاریخ</th><th>ساعت</th><th>محل</th><th>حاضران</th><th>بندها</th>"
                "<th>مصوبات</th><th>وضعیت</th></tr></thead><tbody>\n");
    int64_t total = 0;
    int rc = store_meeting_list(db, &v, &f, meeting_tr, b, &total);
    html_raw(b, "</tbody></table>\n");
    if (rc != STORE_OK) return web_server_error(req, resp);
    if (total == 0) html_raw(b, "<p class=\"empty\">جلسه‌ای با این شرایط پیدا نشد.</p>");
    char kq[128];
    snprintf(kq, sizeof kq, "body_id=%lld&status=%s", (long long)(f.body_id > 0 ? f.body_id : 0),
             f.status >= 0 ? meeting_status_code((enum meeting_status)f.status) : "");
    w_pagination(b, "/meetings", kq, (int)page, MEETINGS_PER_PAGE, total);
    layout_end(b);
}

#define ERR(f) (errs && field_error_for(errs, f) ? field_error_for(errs, f)->fa : NULL)

/* The session's editable fields: posted values after a refusal, else the session's. */
static void session_form_fields(buf *b, struct http_req *req, store_conn *db,
                                const struct meeting *m, const struct field_errors *errs) {
    bool post = !strcmp(req->method, "POST");
    char held[64] = "";
    if (m && m->held_on[0]) fa_date_format_iso(m->held_on, FA_DATE_SHORT, held, sizeof held, NULL);
    int64_t body = post ? case_id_text(http_form(req, "body_id")) : m ? m->body_id : 1;
    select_body(b, db, body, "انتخاب کنید", ERR("body_id"));
    w_input(b, "held_on", "تاریخ جلسه", post ? http_form(req, "held_on") : held, "text",
            ERR("held_on"), 1, "به شمسی، مانند ۱۴۰۵/۰۹/۱۲");
    w_input(b, "starts_at", "ساعت", post ? http_form(req, "starts_at") : m ? m->starts_at : "",
            "text", ERR("starts_at"), 0, "مانند ۱۰:۳۰");
    w_input(b, "place", "محل", post ? http_form(req, "place") : m ? m->place : "", "text",
            ERR("place"), 0, NULL);
    w_input(b, "chair", "رئیس جلسه", post ? http_form(req, "chair") : m ? m->chair : "", "text",
            ERR("chair"), 0, NULL);
    w_input(b, "secretary", "دبیر جلسه", post ? http_form(req, "secretary") : m ? m->secretary : "",
            "text", ERR("secretary"), 0, NULL);
}

static void new_form(struct http_req *req, struct http_resp *resp, store_conn *db,
                     const struct field_errors *errs) {
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "جلسه تازه", &who, "/meetings");
    html_raw(b, "<h1>جلسه تازه کارگروه</h1>\n");
    w_error_summary(b, errs);
    html_fmt(b, "<form method=\"post\" action=\"/meetings/new\" class=\"record\" novalidate>"
                "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
             web_ctx(req)->csrf);
    session_form_fields(b, req, db, NULL, errs);
    html_raw(b, "<button type=\"submit\">ثبت جلسه</button></form>\n");
    layout_end(b);
}

void page_meeting_new(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    new_form(req, resp, db, NULL);
}

void action_meeting_create(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    struct meeting_input *in = arena_calloc(req->a, 1, sizeof *in);
    if (!in) return web_server_error(req, resp);
    struct field_errors errs = {0};
    if (meeting_input_from_fields(meeting_posted, req, true, in, &errs)) {
        int64_t id = 0;
        int rc = store_meeting_create(db, &web_ctx(req)->user, &v, in, &id);
        if (rc == STORE_OK) return http_redirect(resp, arena_printf(req->a, "/meetings/%lld", (long long)id));
        if (rc == STORE_EREF) field_error_add(&errs, "body_id", "این کارگروه پیدا نشد.", "unknown body");
        else return meeting_web_refusal(req, resp, rc, 0);
    }
    resp->status = 422;
    new_form(req, resp, db, &errs);
}

/* --- the session's page --- */

struct page_ctx {
    struct http_req *req;
    buf *b;
    const struct meeting *m;
    bool staff;
    const char *form;
    const struct field_errors *errs;
    int nitems;
};

static int attendee_tr(void *arg, const struct meeting_attendee *a) {
    struct page_ctx *p = arg;
    buf *b = p->b;
    html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", a->name,
             a->position[0] ? a->position : "—", a->agency[0] ? a->agency : "—",
             a->full_authority ? "✔ با اختیار تام" : "—");
    if (p->staff) {
        char mid[24], aid[24];
        snprintf(mid, sizeof mid, "%lld", (long long)p->m->id);
        snprintf(aid, sizeof aid, "%lld", (long long)a->id);
        html_fmt(b, "<td><form method=\"post\" action=\"/meetings/%u/attendees/%u/delete\" "
                    "class=\"inline\"><input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                    "<button type=\"submit\" class=\"secondary small\">حذف</button></form></td>",
                 mid, aid, web_ctx(p->req)->csrf);
    }
    html_raw(b, "</tr>\n");
    return 0;
}

static int resolution_li(void *arg, const struct resolution_row *r) {
    struct page_ctx *p = arg;
    resolution_tr_short(p->b, r);
    return 0;
}

static void move_button(struct page_ctx *p, const struct meeting_item *it, int to, const char *label,
                        const char *title) {
    char mid[24], iid[24], pos[24];
    snprintf(mid, sizeof mid, "%lld", (long long)p->m->id);
    snprintf(iid, sizeof iid, "%lld", (long long)it->id);
    snprintf(pos, sizeof pos, "%d", to);
    html_fmt(p->b, "<form method=\"post\" action=\"/meetings/%u/items/%u/move\" class=\"inline\">"
                   "<input type=\"hidden\" name=\"_csrf\" value=\"%s\"><input type=\"hidden\" "
                   "name=\"position\" value=\"%s\"><button type=\"submit\" class=\"secondary small\" "
                   "title=\"%s\" aria-label=\"%s\">%s</button></form>",
             mid, iid, web_ctx(p->req)->csrf, pos, title, title, label);
}

static int item_li(void *arg, const struct meeting_item *it) {
    struct page_ctx *p = arg;
    buf *b = p->b;
    char mid[24], iid[24], cid[24], pos[24];
    snprintf(mid, sizeof mid, "%lld", (long long)p->m->id);
    snprintf(iid, sizeof iid, "%lld", (long long)it->id);
    snprintf(cid, sizeof cid, "%lld", (long long)it->case_id);
    snprintf(pos, sizeof pos, "%d", it->position);
    html_fmt(b, "<li class=\"agenda-item\" id=\"item-%s\" data-item=\"%s\"><div class=\"item-head\">"
                "<span class=\"pos\">",
             iid, iid);
    w_text_fa_digits(b, pos);
    html_raw(b, ".</span> ");
    if (it->case_id) {
        html_fmt(b, "<a href=\"/cases/%u\">%s</a> <small>(پرونده ", cid, it->title);
        w_text_fa_digits(b, cid);
        html_fmt(b, " · %s · %s)</small>", it->unit, it->category);
    } else {
        html_fmt(b, "<strong>%s</strong>", it->title);
    }
    if (p->staff && p->m->status != MEETING_CANCELLED) {
        html_raw(b, " <span class=\"item-tools\">");
        if (it->position > 1) move_button(p, it, it->position - 1, "▲", "بالاتر");
        if (it->position < p->nitems) move_button(p, it, it->position + 1, "▼", "پایین‌تر");
        if (!it->nresolutions)
            html_fmt(b, "<form method=\"post\" action=\"/meetings/%u/items/%u/delete\" "
                        "class=\"inline\"><input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                        "<button type=\"submit\" class=\"secondary small\">حذف از دستور</button>"
                        "</form>",
                     mid, iid, web_ctx(p->req)->csrf);
        html_raw(b, "</span>");
    }
    html_raw(b, "</div>");
    if (p->staff && p->m->status != MEETING_CANCELLED) {
        html_fmt(b, "<form method=\"post\" action=\"/meetings/%u/items/%u/notes\" class=\"notes\">"
                    "<input type=\"hidden\" name=\"_csrf\" value=\"%s\"><label for=\"notes-%s\">"
                    "خلاصه مذاکرات</label><textarea id=\"notes-%s\" name=\"notes\" rows=\"2\">%s"
                    "</textarea><button type=\"submit\" class=\"secondary small\">ذخیره مذاکرات"
                    "</button></form>",
                 mid, iid, web_ctx(p->req)->csrf, iid, iid, it->notes ? it->notes : "");
    } else if (it->notes && *it->notes) {
        html_fmt(b, "<p class=\"body notes\">%s</p>", it->notes);
    }
    html_raw(b, "</li>\n");
    return 0;
}

static int item_option(void *arg, const struct meeting_item *it) {
    struct page_ctx *p = arg;
    char iid[24], label[1200];
    snprintf(iid, sizeof iid, "%lld", (long long)it->id);
    snprintf(label, sizeof label, "%d. %s", it->position, it->title);
    const char *sel = strcmp(p->req->method, "POST") == 0 ? http_form(p->req, "item_id") : NULL;
    w_option(p->b, iid, label, sel && !strcmp(sel, iid));
    return 0;
}

static int ready_li(void *arg, const struct case_row *r) {
    struct page_ctx *p = arg;
    char mid[24], cid[24];
    snprintf(mid, sizeof mid, "%lld", (long long)p->m->id);
    snprintf(cid, sizeof cid, "%lld", (long long)r->id);
    html_fmt(p->b, "<li><form method=\"post\" action=\"/meetings/%u/items\" class=\"inline\">"
                   "<input type=\"hidden\" name=\"_csrf\" value=\"%s\"><input type=\"hidden\" "
                   "name=\"case_id\" value=\"%s\"><button type=\"submit\" class=\"small\">افزودن به "
                   "دستور</button></form> <a href=\"/cases/%u\">%s</a> <small>(پرونده ",
             mid, web_ctx(p->req)->csrf, cid, cid, r->title);
    w_text_fa_digits(p->b, cid);
    html_fmt(p->b, " · %s · %s)</small></li>\n", r->unit, r->category);
    return 0;
}

void meeting_page_render(struct http_req *req, struct http_resp *resp, store_conn *db,
                         int64_t id, const char *form, const struct field_errors *errs) {
    struct web_ctx *ctx = web_ctx(req);
    struct case_viewer v = web_case_viewer(req);
    struct meeting *m = arena_calloc(req->a, 1, sizeof *m);
    if (!m) return web_server_error(req, resp);
    int rc = id ? store_meeting_get(db, &v, id, m) : STORE_ENOTFOUND;
    if (rc != STORE_OK) return meeting_web_refusal(req, resp, rc, 0);
    bool staff = meeting_viewer_is_staff(&v);
    char sid[24], ver[24];
    snprintf(sid, sizeof sid, "%lld", (long long)m->id);
    snprintf(ver, sizeof ver, "%lld", (long long)m->version);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "جلسه کارگروه", &who, "/meetings");
    html_raw(b, "<div class=\"page-head\"><h1>");
    meeting_title(b, m->year, m->seq);
    html_fmt(b, " — %s</h1> ", m->body);
    meeting_status_badge(b, m->status);
    html_fmt(b, " <a class=\"button secondary\" href=\"/meetings/%u/minutes\">صورتجلسه (چاپ)</a>"
                " <a class=\"button secondary\" href=\"/meetings/%u/minutes.pdf\">PDF صورتجلسه</a>"
                "</div>\n<dl class=\"facts\"><dt>تاریخ</dt><dd>",
             sid, sid);
    char day[96];
    if (fa_date_format_iso(m->held_on, FA_DATE_WEEKDAY, day, sizeof day, NULL) == 0) html_text(b, day);
    html_raw(b, "</dd><dt>ساعت</dt><dd>");
    w_text_fa_digits(b, m->starts_at[0] ? m->starts_at : "—");
    html_fmt(b, "</dd><dt>محل</dt><dd>%s</dd><dt>رئیس جلسه</dt><dd>%s</dd><dt>دبیر جلسه</dt>"
                "<dd>%s</dd></dl>\n",
             m->place[0] ? m->place : "—", m->chair[0] ? m->chair : "—",
             m->secretary[0] ? m->secretary : "—");
    if (errs && errs->n) w_error_summary(b, errs);

    if (staff) {
        html_raw(b, "<section class=\"session-status\">");
        const char *to[3] = {NULL, NULL, NULL};
        const char *label[3] = {NULL, NULL, NULL};
        if (m->status == MEETING_PLANNED) {
            to[0] = "held", label[0] = "ثبت برگزاری جلسه";
            to[1] = "cancelled", label[1] = "لغو جلسه";
        } else if (m->status == MEETING_HELD && !m->nresolutions) {
            to[0] = "planned", label[0] = "بازگشت به برنامه‌ریزی";
        } else if (m->status == MEETING_CANCELLED) {
            to[0] = "planned", label[0] = "برگرداندن جلسه";
        }
        for (int i = 0; i < 3 && to[i]; i++)
            html_fmt(b, "<form method=\"post\" action=\"/meetings/%u/status\" class=\"inline\">"
                        "<input type=\"hidden\" name=\"_csrf\" value=\"%s\"><input type=\"hidden\" "
                        "name=\"version\" value=\"%s\"><input type=\"hidden\" name=\"status\" "
                        "value=\"%s\"><button type=\"submit\"%s>%s</button></form> ",
                     sid, ctx->csrf, ver, to[i], i ? " class=\"secondary\"" : "", label[i]);
        html_fmt(b, "<details%s><summary>ویرایش مشخصات جلسه</summary><form method=\"post\" "
                    "action=\"/meetings/%u/edit\" class=\"record\" novalidate>"
                    "<input type=\"hidden\" name=\"_csrf\" value=\"%s\"><input type=\"hidden\" "
                    "name=\"version\" value=\"%s\">",
                 form && !strcmp(form, "edit") ? " open" : "", sid, ctx->csrf, ver);
        session_form_fields(b, req, db, m, form && !strcmp(form, "edit") ? errs : NULL);
        html_raw(b, "<button type=\"submit\">ذخیره</button></form></details></section>\n");
    }

    struct page_ctx p = {req, b, m, staff, form, errs, m->nitems};
    html_raw(b, "<section id=\"attendance\"><h2>حاضران</h2><table class=\"grid attendees\"><thead>"
                "<tr><th>نام</th><th>سمت</th><th>دستگاه</th><th>اختیار</th>");
    if (staff) html_raw(b, "<th></th>");
    html_raw(b, "</tr></thead><tbody>\n");
    rc = store_meeting_attendees(db, &v, m->id, attendee_tr, &p);
    html_raw(b, "</tbody></table>\n");
    if (rc != STORE_OK) return web_server_error(req, resp);
    bool mine = form && !strcmp(form, "attendee");
    if (staff && m->status != MEETING_CANCELLED) {
        html_fmt(b, "<form method=\"post\" action=\"/meetings/%u/attendees\" class=\"record "
                    "attendee-form\" novalidate><input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
                 sid, ctx->csrf);
        w_input(b, "name", "نام حاضر", mine ? http_form(req, "name") : NULL, "text",
                mine ? ERR("name") : NULL, 1, NULL);
        w_input(b, "position", "سمت", mine ? http_form(req, "position") : NULL, "text",
                mine ? ERR("position") : NULL, 0, NULL);
        case_select_agency(b, db, "agency_id", mine ? case_id_text(http_form(req, "agency_id")) : 0,
                           "بدون دستگاه (عضو کارگروه)", mine ? ERR("agency_id") : NULL);
        html_raw(b, "<label class=\"check\"><input type=\"checkbox\" name=\"full_authority\" "
                    "value=\"1\"> با اختیار تام (مدیری که می‌تواند تصمیم بگیرد)</label>"
                    "<button type=\"submit\">افزودن حاضر</button></form>\n");
    }
    html_raw(b, "</section>\n");

    html_raw(b, "<section id=\"agenda\"><h2>دستور جلسه</h2><ol class=\"agenda\">\n");
    rc = store_meeting_items(db, &v, m->id, item_li, &p);
    html_raw(b, "</ol>\n");
    if (rc != STORE_OK) return web_server_error(req, resp);
    if (!m->nitems) html_raw(b, "<p class=\"empty\">هنوز بندی در دستور جلسه نیست.</p>");
    if (staff && m->status != MEETING_CANCELLED) {
        html_raw(b, "<details class=\"ready\" open><summary>پرونده‌های آماده طرح در جلسه</summary>"
                    "<ul class=\"ready-cases\">\n");
        rc = store_meeting_ready_cases(db, &v, ready_li, &p, 50);
        html_raw(b, "</ul><p class=\"hint\">پرونده‌ای که دبیرخانه «طرح در دستور جلسه» کرده است "
                    "اینجا می‌آید؛ پرونده پاسخ‌داده یا در حال بررسی را هم می‌توان با شماره‌اش "
                    "افزود.</p>");
        bool it = form && !strcmp(form, "item");
        html_fmt(b, "<form method=\"post\" action=\"/meetings/%u/items\" class=\"record inline-form\" "
                    "novalidate><input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
                 sid, ctx->csrf);
        w_input(b, "case_id", "شماره پرونده", it ? http_form(req, "case_id") : NULL, "text",
                it ? ERR("case_id") : NULL, 0, NULL);
        w_input(b, "title", "یا موضوع آزاد", it ? http_form(req, "title") : NULL, "text",
                it ? ERR("title") : NULL, 0, NULL);
        html_raw(b, "<button type=\"submit\">افزودن بند</button></form></details>\n");
        if (rc != STORE_OK) return web_server_error(req, resp);
    }
    html_raw(b, "</section>\n");

    html_raw(b, "<section id=\"resolutions\"><h2>مصوبات</h2>");
    resolution_table_begin(b, false);
    struct resolution_filter rf = {.meeting_id = m->id, .limit = 1000};
    rc = store_resolution_list(db, &v, &rf, resolution_li, &p, NULL);
    resolution_table_end(b);
    if (rc != STORE_OK) return web_server_error(req, resp);
    if (!m->nresolutions) html_raw(b, "<p class=\"empty\">هنوز مصوبه‌ای ثبت نشده است.</p>");
    if (staff && m->status == MEETING_HELD && m->nitems) {
        bool rs = form && !strcmp(form, "resolution");
        html_fmt(b, "<form method=\"post\" action=\"/meetings/%u/resolutions\" class=\"record "
                    "resolution-form\" novalidate><h3>ثبت مصوبه</h3><input type=\"hidden\" "
                    "name=\"_csrf\" value=\"%s\">",
                 sid, ctx->csrf);
        w_select_begin(b, "item_id", "بند دستور جلسه", rs ? ERR("item_id") : NULL);
        w_option(b, "", "انتخاب کنید", 0);
        rc = store_meeting_items(db, &v, m->id, item_option, &p);
        w_select_end(b, rs ? ERR("item_id") : NULL);
        w_textarea(b, "text", "متن مصوبه", rs ? http_form(req, "text") : NULL, rs ? ERR("text") : NULL);
        case_select_agency(b, db, "agency_id", rs ? case_id_text(http_form(req, "agency_id")) : 0,
                           "انتخاب کنید", rs ? ERR("agency_id") : NULL);
        w_input(b, "deadline", "مهلت اجرا", rs ? http_form(req, "deadline") : NULL, "text",
                rs ? ERR("deadline") : NULL, 1, "به شمسی، مانند ۱۴۰۵/۱۰/۳۰");
        w_input(b, "case_ids", "پرونده‌های دیگر این جلسه (اختیاری)", rs ? http_form(req, "case_ids") : NULL,
                "text", rs ? ERR("case_ids") : NULL, 0, "شماره‌ها جدا با «،»؛ پرونده خود بند خودکار افزوده می‌شود");
        html_raw(b, "<p class=\"hint\">با ثبت مصوبه، ابلاغ شماره‌دار صادر می‌شود و مهلت ۱۵ روز کاری "
                    "اعتراض دستگاه از امروز آغاز می‌شود.</p><button type=\"submit\">ثبت و ابلاغ "
                    "مصوبه</button></form>\n");
        if (rc != STORE_OK) return web_server_error(req, resp);
    } else if (staff && m->status == MEETING_PLANNED) {
        html_raw(b, "<p class=\"hint\">مصوبات پس از ثبت برگزاری جلسه ثبت می‌شوند.</p>");
    }
    html_raw(b, "</section>\n");
    layout_end(b);
}
#undef ERR

void page_meeting(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    meeting_page_render(req, resp, db, registry_id_param(req, "id"), NULL, NULL);
}
