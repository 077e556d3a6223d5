/* pages_resolutions — resolutions for people: the list (an agency's liaison lands on
 * its open resolutions, a producer on those about its cases; filters for open,
 * overdue, agency and state), a resolution's page (the text, its cases, the
 * objection window, the history and the actions this viewer may take now), taking
 * an action, the printable numbered notice (ابلاغ), and the reports. */
#include <stdio.h>
#include <string.h>

#include "io/csv_write.h"
#include "http/multipart.h"
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

enum { RESOLUTIONS_PER_PAGE = 50 };

void page_resolutions(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct web_ctx *ctx = web_ctx(req);
    struct case_viewer v = web_case_viewer(req);
    struct resolution_filter f = {.count = true, .limit = RESOLUTIONS_PER_PAGE};
    const char *open = http_query(req, "open"), *overdue = http_query(req, "overdue");
    /* A liaison's first view is its agency's open resolutions. */
    bool first = !http_query(req, "filtered");
    f.open = (open && !strcmp(open, "1")) || (first && ctx->role == ROLE_AGENCY);
    f.overdue = overdue && !strcmp(overdue, "1");
    f.agency_id = case_id_text(http_query(req, "agency_id"));
    f.meeting_id = case_id_text(http_query(req, "meeting_id"));
    const char *st = http_query(req, "state");
    if (st && *st) {
        int s = resolution_state_parse(st);
        f.states = s >= 0 ? 1u << s : 1u << RES_STATE_COUNT;
    }
    int64_t page = case_id_text(http_query(req, "page"));
    if (page < 1 || page > 100000) page = 1;
    f.offset = (int)((page - 1) * RESOLUTIONS_PER_PAGE);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "مصوبات", &who, "/resolutions");
    html_raw(b, "<div class=\"page-head\"><h1>");
    html_raw(b, ctx->role == ROLE_AGENCY ? "مصوبات دستگاه شما"
                : ctx->role == ROLE_PRODUCER ? "مصوبات درباره پرونده‌های شما"
                                             : "مصوبات کارگروه");
    html_raw(b, "</h1>");
    if (meeting_viewer_sees_sessions(&v))
        html_raw(b, " <a href=\"/resolutions/report\">گزارش اجرای مصوبات</a>");
    html_raw(b, "</div>\n<form method=\"get\" action=\"/resolutions\" class=\"filters\">"
                "<input type=\"hidden\" name=\"filtered\" value=\"1\">");
    w_select_begin(b, "state", "وضعیت", NULL);
    w_option(b, "", "همه", !st || !*st);
    for (int s = 0; s < RES_STATE_COUNT; s++)
        w_option(b, resolution_state_code((enum resolution_state)s),
                 resolution_state_label((enum resolution_state)s),
                 st && !strcmp(st, resolution_state_code((enum resolution_state)s)));
    w_select_end(b, NULL);
    if (ctx->role != ROLE_AGENCY)
        case_select_agency(b, db, "agency_id", f.agency_id, "همه دستگاه‌ها", NULL);
    html_fmt(b, "<label class=\"check\"><input type=\"checkbox\" name=\"open\" value=\"1\"%s> "
                "فقط باز (اجرا نشده)</label><label class=\"check\"><input type=\"checkbox\" "
                "name=\"overdue\" value=\"1\"%s> فقط سررسید گذشته</label><button type=\"submit\">"
                "نمایش</button></form>\n",
             f.open ? " checked" : "", f.overdue ? " checked" : "");
    resolution_table_begin(b, true);
    int64_t total = 0;
    int rc = store_resolution_list(db, &v, &f, resolution_tr, b, &total);
    resolution_table_end(b);
    if (rc != STORE_OK) return web_server_error(req, resp);
    if (!total) html_raw(b, "<p class=\"empty\">مصوبه‌ای با این شرایط پیدا نشد.</p>");
    char kq[256];
    snprintf(kq, sizeof kq, "filtered=1&open=%d&overdue=%d&agency_id=%lld&meeting_id=%lld&state=%s",
             f.open, f.overdue, (long long)f.agency_id, (long long)f.meeting_id,
             st && resolution_state_parse(st) >= 0 ? st : "");
    w_pagination(b, "/resolutions", kq, (int)page, RESOLUTIONS_PER_PAGE, total);
    layout_end(b);
}

static const char *event_label(const char *kind) {
    if (!strcmp(kind, "issue")) return "صدور و ابلاغ مصوبه";
    if (!strcmp(kind, "overdue")) return "مهلت اجرا گذشت";
    if (!strcmp(kind, "attach")) return "افزودن مستند";
    int a = resolution_action_parse(kind);
    return a >= 0 ? resolution_action_label((enum resolution_action)a) : kind;
}

static int event_li(void *arg, const struct resolution_event *e) {
    buf *b = arg;
    html_fmt(b, "<li class=\"ev-%s\"><time datetime=\"%s\">", e->kind, e->at);
    case_datetime(b, e->at);
    html_fmt(b, "</time> — <strong>%s</strong> · %s", event_label(e->kind), e->actor);
    int to = resolution_state_parse(e->to_state);
    if (to >= 0 && strcmp(e->from_state, e->to_state))
        html_fmt(b, " <span class=\"state res-%s\">%s</span>", e->to_state,
                 resolution_state_label((enum resolution_state)to));
    if (e->body && *e->body) html_fmt(b, "<p class=\"body\">%s</p>", e->body);
    html_raw(b, "</li>\n");
    return 0;
}

static void act_form_begin(buf *b, const struct resolution_row *r, const char *csrf,
                           enum resolution_action a) {
    char id[24], ver[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(ver, sizeof ver, "%lld", (long long)r->version);
    html_fmt(b, "<form method=\"post\" action=\"/resolutions/%u/act\" class=\"record act-%s\" "
                "novalidate><input type=\"hidden\" name=\"_csrf\" value=\"%s\"><input type=\"hidden\" "
                "name=\"version\" value=\"%s\"><input type=\"hidden\" name=\"action\" value=\"%s\">"
                "<h3>%s</h3>",
             id, resolution_action_code(a), csrf, ver, resolution_action_code(a),
             resolution_action_label(a));
}

static void actions(struct http_req *req, buf *b, store_conn *db, const struct resolution_row *r,
                    const struct case_viewer *v) {
    const char *csrf = web_ctx(req)->csrf;
    bool staff = meeting_viewer_is_staff(v);
    bool own = v->role == ROLE_AGENCY && v->agency_id == r->agency_id;
    bool any = false;
    if (own && r->window_open) {
        html_raw(b, "<section class=\"actions\"><h2>اقدام‌ها</h2>");
        any = true;
        act_form_begin(b, r, csrf, RES_ACT_OBJECT);
        w_textarea(b, "reason", "دلایل اعتراض", NULL, NULL);
        html_raw(b, "<button type=\"submit\">ثبت اعتراض</button></form>");
    }
    if (staff && r->state == RES_OBJECTION_PENDING) {
        html_raw(b, "<section class=\"actions\"><h2>رسیدگی به اعتراض</h2>");
        any = true;
        act_form_begin(b, r, csrf, RES_ACT_UPHOLD);
        w_textarea(b, "reason", "دلیل رد اعتراض", NULL, NULL);
        html_raw(b, "<button type=\"submit\">رد اعتراض و ادامه اجرا</button></form>");
        act_form_begin(b, r, csrf, RES_ACT_AMEND);
        w_textarea(b, "text", "متن اصلاح‌شده مصوبه", r->text, NULL);
        case_select_agency(b, db, "agency_id", r->agency_id, NULL, NULL);
        char dl[64] = "";
        fa_date_format_iso(r->deadline, FA_DATE_SHORT, dl, sizeof dl, NULL);
        w_input(b, "deadline", "مهلت اجرا", dl, "text", NULL, 1, NULL);
        w_textarea(b, "reason", "توضیح اصلاح", NULL, NULL);
        html_raw(b, "<button type=\"submit\">ثبت اصلاح</button></form>");
        act_form_begin(b, r, csrf, RES_ACT_ACCEPT);
        w_textarea(b, "reason", "دلیل پذیرش اعتراض", NULL, NULL);
        html_raw(b, "<button type=\"submit\" class=\"secondary\">پذیرش اعتراض و لغو مصوبه</button></form>");
    }
    bool outcome_ok = staff && !r->window_open &&
                      (r->state == RES_IN_EXECUTION || r->state == RES_PARTLY ||
                       r->state == RES_NOT_CARRIED_OUT);
    if (outcome_ok) {
        if (!any) html_raw(b, "<section class=\"actions\"><h2>اقدام‌ها</h2>");
        any = true;
        act_form_begin(b, r, csrf, RES_ACT_OUTCOME);
        w_select_begin(b, "outcome", "نتیجه اجرا", NULL);
        for (int s = RES_CARRIED_OUT; s <= RES_NOT_CARRIED_OUT; s++)
            w_option(b, resolution_state_code((enum resolution_state)s),
                     resolution_state_label((enum resolution_state)s), 0);
        w_select_end(b, NULL);
        w_select_begin(b, "fault", "مقصر (برای اجرای ناقص یا اجرا نشده)", NULL);
        w_option(b, "", "—", 1);
        w_option(b, "applicant", resolution_fault_label(RES_FAULT_APPLICANT), 0);
        w_option(b, "agency", resolution_fault_label(RES_FAULT_AGENCY), 0);
        w_select_end(b, NULL);
        w_textarea(b, "evidence", "مستندات (شماره نامه، گزارش بازدید، …)", NULL, NULL);
        html_raw(b, "<button type=\"submit\">ثبت نتیجه</button></form>");
    } else if (staff && r->window_open) {
        html_raw(b, "<p class=\"hint\">نتیجه اجرا پس از پایان مهلت ۱۵ روزه اعتراض ثبت می‌شود.</p>");
    }
    if (any) html_raw(b, "</section>\n");
}

/* The files about the resolution, and the upload form for the secretariat and the
 * responsible agency's liaison. */
static void evidence(struct http_req *req, buf *b, store_conn *db, const struct resolution_row *r,
                     const struct case_viewer *v) {
    html_raw(b, "<section id=\"evidence\"><h2>مستندات و نامه‌ها</h2><ul class=\"attachments\">");
    struct attachment_list x = {b, "resolutions", r->id};
    store_resolution_attachments(db, v, r->id, attachment_li, &x);
    html_raw(b, "</ul>");
    if (meeting_viewer_is_staff(v) || (v->role == ROLE_AGENCY && v->agency_id == r->agency_id)) {
        attachment_form_begin(b, "resolutions", r->id, web_ctx(req)->csrf,
                              "افزودن مستند (PDF، JPEG، PNG)");
        html_raw(b, "<button type=\"submit\">بارگذاری</button></form>");
    }
    html_raw(b, "</section>\n");
}

void action_resolution_attach(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    int64_t id = registry_id_param(req, "id");
    const struct multipart_part *file = multipart_get(&req->parts, "file");
    if (!file || !file->filename || !file->len)
        return web_render_error(req, resp, 422, "invalid", "a file is required",
                                "فایلی برای بارگذاری انتخاب نشده است.");
    struct case_attachment att;
    const char *why_en = "", *why_fa = "";
    int status = resolution_web_attach(req, db, id, file->filename, file->data, file->len, &att,
                                       &why_en, &why_fa);
    if (status == 404) return web_not_found(req, resp);
    if (status == 403) return web_forbidden(req, resp);
    if (status == 500) return web_server_error(req, resp);
    if (status != 201) return web_render_error(req, resp, status, "invalid", why_en, why_fa);
    http_redirect(resp, arena_printf(req->a, "/resolutions/%lld#evidence", (long long)id));
}

void page_resolution_attachment(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    struct case_attachment att;
    int64_t id = registry_id_param(req, "id"), aid = registry_id_param(req, "aid");
    int rc = id && aid ? store_resolution_attachment_get(db, &v, id, aid, &att) : STORE_ENOTFOUND;
    if (rc != STORE_OK) return meeting_web_refusal(req, resp, rc, 0);
    web_send_attachment(req, resp, &att);
}

/* The resolution in the route, its texts in the request's arena; NULL after writing
 * the refusal. */
static struct resolution_row *load_resolution(struct http_req *req, struct http_resp *resp,
                                              store_conn *db, const struct case_viewer *v) {
    int64_t id = registry_id_param(req, "id");
    struct resolution_row *r = arena_calloc(req->a, 1, sizeof *r);
    if (!r) {
        web_server_error(req, resp);
        return NULL;
    }
    buf text;
    buf_init(&text, 1 << 20);
    int rc = id ? store_resolution_get(db, v, id, r, &text) : STORE_ENOTFOUND;
    if (rc == STORE_OK) {
        r->text = arena_strdup(req->a, r->text);
        r->objection = arena_strdup(req->a, r->objection);
        r->ruling_note = arena_strdup(req->a, r->ruling_note);
        r->evidence = arena_strdup(req->a, r->evidence);
        if (!r->text || !r->objection || !r->ruling_note || !r->evidence) rc = STORE_ERROR;
    }
    buf_free(&text);
    if (rc != STORE_OK) {
        meeting_web_refusal(req, resp, rc, 0);
        return NULL;
    }
    return r;
}

void page_resolution(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    struct resolution_row *r = load_resolution(req, resp, db, &v);
    if (!r) return;
    int rc;
    char sid[24], mid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)r->id);
    snprintf(mid, sizeof mid, "%lld", (long long)r->meeting_id);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "مصوبه", &who, "/resolutions");
    html_raw(b, "<div class=\"page-head\"><h1>مصوبه شماره ");
    w_text_fa_digits(b, r->number);
    html_raw(b, "</h1> ");
    resolution_badge(b, r);
    html_fmt(b, " <a class=\"button secondary\" href=\"/resolutions/%u/notice\">ابلاغ (چاپ)</a></div>\n",
             sid);
    html_fmt(b, "<p class=\"body resolution-text\">%s</p>\n<dl class=\"facts\"><dt>جلسه</dt><dd>", r->text);
    if (meeting_viewer_sees_sessions(&v)) html_fmt(b, "<a href=\"/meetings/%u\">", mid);
    meeting_title(b, r->meeting_year, r->meeting_seq);
    html_fmt(b, " — %s", r->meeting_body);
    if (meeting_viewer_sees_sessions(&v)) html_raw(b, "</a>");
    html_raw(b, "، ");
    w_date(b, r->meeting_on, 1);
    html_fmt(b, "</dd><dt>دستگاه مسئول</dt><dd>%s</dd><dt>مهلت اجرا</dt><dd>", r->agency);
    w_date(b, r->deadline, 1);
    if (r->overdue) html_raw(b, " <span class=\"overdue\">سررسید گذشته</span>");
    html_raw(b, "</dd><dt>تاریخ ابلاغ</dt><dd>");
    w_date(b, r->notice_on, 1);
    html_raw(b, "</dd><dt>پایان مهلت اعتراض</dt><dd>");
    w_date(b, r->window_ends_on, 1);
    html_raw(b, " <small>(۱۵ روز کاری؛ جمعه‌ها و تعطیلات رسمی شمرده نمی‌شوند)</small></dd>"
                "<dt>پرونده‌ها</dt><dd>");
    resolution_case_links(b, r);
    html_raw(b, "</dd>");
    if (r->objection[0]) {
        html_fmt(b, "<dt>اعتراض دستگاه</dt><dd>%s <small>(", r->objection);
        w_date(b, r->objected_on, 0);
        html_raw(b, ")</small></dd>");
    }
    if (r->ruling[0])
        html_fmt(b, "<dt>رسیدگی دبیرخانه</dt><dd>%s%s%s</dd>",
                 !strcmp(r->ruling, "upheld") ? "اعتراض رد شد" : !strcmp(r->ruling, "amended") ? "مصوبه اصلاح شد" : "اعتراض پذیرفته شد",
                 r->ruling_note[0] ? " — " : "", r->ruling_note);
    if (r->outcome_on[0]) {
        html_fmt(b, "<dt>نتیجه اجرا</dt><dd>%s", resolution_state_label(r->state));
        if (r->fault != RES_FAULT_NONE) html_fmt(b, " — %s", resolution_fault_label(r->fault));
        html_raw(b, " <small>(");
        w_date(b, r->outcome_on, 0);
        html_fmt(b, ")</small></dd><dt>مستندات</dt><dd class=\"body\">%s</dd>", r->evidence);
    }
    html_raw(b, "</dl>\n");
    actions(req, b, db, r, &v);
    evidence(req, b, db, r, &v);
    html_raw(b, "<section><h2>سابقه مصوبه</h2><ol class=\"timeline\">");
    rc = store_resolution_events(db, &v, r->id, event_li, b);
    html_raw(b, "</ol></section>\n");
    if (rc != STORE_OK) return web_server_error(req, resp);
    layout_end(b);
}

void action_resolution_act(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    int a = resolution_action_parse(http_form(req, "action"));
    if (a < 0 || a == RES_ACT_START)
        return web_render_error(req, resp, 422, "invalid", "unknown action", "این اقدام شناخته نیست.");
    const char *vs = http_form(req, "version");
    int64_t version = -1;
    if (!vs || fa_num_parse_i64(vs, strlen(vs), &version, NULL) != 0) version = -1;
    char today[11];
    case_today(today);
    struct field_errors errs = {0};
    struct resolution_act act = {.action = (enum resolution_action)a};
    char *reason = arena_calloc(req->a, 1, MEETING_TEXT_MAX + 1);
    struct resolution_input *amended = arena_calloc(req->a, 1, sizeof *amended);
    struct outcome_input *outcome = arena_calloc(req->a, 1, sizeof *outcome);
    if (!reason || !amended || !outcome) return web_server_error(req, resp);
    bool need_reason = a == RES_ACT_OBJECT;
    meeting_text_from_field(meeting_posted, req, "reason", need_reason, reason, MEETING_TEXT_MAX + 1, &errs);
    act.reason = reason;
    if (a == RES_ACT_AMEND &&
        resolution_input_from_fields(meeting_posted, req, true, true, today, amended, &errs))
        act.amended = amended;
    if (a == RES_ACT_OUTCOME && outcome_input_from_fields(meeting_posted, req, outcome, &errs))
        act.outcome = outcome;
    if (errs.n)
        return web_render_error(req, resp, 422, "invalid", errs.e[0].en, errs.e[0].fa);
    int rule = RES_OK;
    int rc = store_resolution_act(db, &web_ctx(req)->user, &v, id, version, &act, today, &rule, NULL);
    if (rc == STORE_OK) return http_redirect(resp, arena_printf(req->a, "/resolutions/%lld", (long long)id));
    meeting_web_refusal(req, resp, rc, rule);
}

/* The notice: one printable A4 page, numbered and dated, for the agency and the applicant. */
void page_resolution_notice(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    struct resolution_row *r = load_resolution(req, resp, db, &v);
    if (!r) return;
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "ابلاغ مصوبه", &who, "/resolutions");
    html_raw(b, "<article class=\"print-doc notice\"><header class=\"doc-head\"><p>بسمه تعالی</p>"
                "<p class=\"doc-meta\">شماره: ");
    w_text_fa_digits(b, r->number);
    html_raw(b, "<br>تاریخ: ");
    w_date(b, r->notice_on, 0);
    html_fmt(b, "</p><h1>ابلاغ مصوبه %s</h1></header>\n<p>به: <strong>%s</strong></p><p>رونوشت: ",
             r->meeting_body, r->agency);
    /* The applicants are named: the notice goes to them too. The addressee may not
     * reach the case itself, so the names are read as the secretariat, which issues
     * the notice. */
    static const struct case_viewer issuer = {ROLE_SECRETARIAT, 0, 0};
    struct case_row *cr = arena_calloc(req->a, 1, sizeof *cr);
    int named = 0;
    for (int i = 0; cr && i < r->ncases; i++) {
        if (store_case_get(db, &issuer, r->case_ids[i], cr) != STORE_OK) continue;
        html_fmt(b, "%s%s", named++ ? "، " : "", cr->unit);
    }
    html_fmt(b, "%s</p>\n<p>موضوع: ابلاغ مصوبه ", named ? " (متقاضی)" : "دبیرخانه کارگروه");
    meeting_title(b, r->meeting_year, r->meeting_seq);
    html_raw(b, " مورخ ");
    w_date(b, r->meeting_on, 1);
    html_raw(b, " درباره پرونده ");
    resolution_case_links(b, r);
    html_fmt(b, "</p>\n<p>با سلام؛ مصوبه زیر برای اجرا ابلاغ می‌شود:</p><blockquote class=\"body\">%s"
                "</blockquote>\n<p>مهلت اجرا: <strong>",
             r->text);
    w_date(b, r->deadline, 1);
    html_raw(b, "</strong>.</p><p>دستگاه مسئول می‌تواند تا پایان روز <strong>");
    w_date(b, r->window_ends_on, 1);
    html_raw(b, "</strong> (۱۵ روز کاری از تاریخ ابلاغ) اعتراض مستدل خود را به دبیرخانه کارگروه "
                "اعلام کند؛ پس از آن، مصوبه لازم‌الاجراست و نتیجه اجرا پیگیری و گزارش می‌شود.</p>"
                "<footer class=\"signatures\"><div>دبیر کارگروه<br><br>امضا</div></footer>"
                "</article>\n<p class=\"no-print\">برای چاپ از فرمان چاپ مرورگر استفاده کنید.</p>");
    layout_end(b);
}

static enum resolution_group group_of(struct http_req *req) {
    const char *by = http_query(req, "by");
    if (by && !strcmp(by, "category")) return RES_BY_CATEGORY;
    if (by && !strcmp(by, "meeting")) return RES_BY_MEETING;
    if (by && !strcmp(by, "month")) return RES_BY_MONTH;
    return RES_BY_AGENCY;
}

static int tally_csv(void *arg, const struct resolution_tally *t) {
    buf *b = arg;
    char n[32];
    csv_write_field(b, t->label, true, true);
    int vals[9] = {t->issued, t->carried_out, t->partly, t->not_carried_out, t->open, t->overdue,
                   t->objected, t->fault_agency, t->fault_applicant};
    for (int i = 0; i < 9; i++) {
        snprintf(n, sizeof n, "%d", vals[i]);
        csv_write_field(b, n, false, false);
    }
    int settled = t->carried_out + t->partly + t->not_carried_out;
    if (settled) snprintf(n, sizeof n, "%.1f", 100.0 * t->carried_out / settled);
    else n[0] = 0;
    csv_write_field(b, n, false, false);
    csv_write_eol(b);
    return 0;
}

/* The report as CSV for Excel (UTF-8 with BOM), one row per group. */
void page_resolution_report_csv(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    if (!meeting_viewer_sees_sessions(&v)) return web_not_found(req, resp);
    char today[11];
    case_today(today);
    buf *b = &resp->body;
    csv_write_bom(b);
    static const char *const head[] = {"group", "issued", "carried_out", "partly", "not_carried_out",
                                       "open", "overdue", "objected", "fault_agency",
                                       "fault_applicant", "carried_out_share_percent"};
    for (size_t i = 0; i < sizeof head / sizeof *head; i++) csv_write_field(b, head[i], i == 0, false);
    csv_write_eol(b);
    enum resolution_group g = group_of(req);
    if (store_resolution_report(db, g, today, tally_csv, b) != STORE_OK || b->failed)
        return web_server_error(req, resp);
    resp->content_type = "text/csv; charset=utf-8";
    static const char *const names[] = {"agency", "category", "meeting", "month"};
    http_set_header(resp, "Content-Disposition",
                    arena_printf(req->a, "attachment; filename=\"resolutions-by-%s.csv\"", names[g]));
}

static const char *group_name(enum resolution_group g) {
    switch (g) {
    case RES_BY_AGENCY: return "دستگاه";
    case RES_BY_CATEGORY: return "موضوع";
    case RES_BY_MEETING: return "جلسه";
    case RES_BY_MONTH: return "ماه";
    }
    return "";
}

static int tally_tr(void *arg, const struct resolution_tally *t) {
    buf *b = arg;
    html_raw(b, "<tr><td>");
    w_text_fa_digits(b, t->label);
    int vals[7] = {t->issued, t->carried_out, t->partly, t->not_carried_out, t->open, t->overdue,
                   t->objected};
    for (int i = 0; i < 7; i++) {
        html_raw(b, i == 5 && t->overdue ? "</td><td class=\"num\"><span class=\"overdue\">"
                                         : "</td><td class=\"num\">");
        w_int(b, vals[i]);
        if (i == 5 && t->overdue) html_raw(b, "</span>");
    }
    html_raw(b, "</td><td class=\"num share\">");
    resolution_share(b, t, 0);
    html_raw(b, "</td><td class=\"num\">");
    w_int(b, t->fault_agency);
    html_raw(b, " / ");
    w_int(b, t->fault_applicant);
    html_raw(b, "</td></tr>\n");
    return 0;
}

struct overdue_rank {
    struct resolution_tally top[10];
    int n;
};
static int rank_overdue(void *arg, const struct resolution_tally *t) {
    struct overdue_rank *r = arg;
    if (!t->overdue) return 0;
    int at = r->n < 10 ? r->n++ : 9;
    if (at == 9 && r->n == 10 && r->top[9].overdue >= t->overdue) return 0;
    r->top[at] = *t;
    for (int i = at; i > 0 && r->top[i].overdue > r->top[i - 1].overdue; i--) {
        struct resolution_tally x = r->top[i];
        r->top[i] = r->top[i - 1];
        r->top[i - 1] = x;
    }
    return 0;
}

void page_resolution_report(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    if (!meeting_viewer_sees_sessions(&v)) return web_not_found(req, resp);
    char today[11];
    case_today(today);
    enum resolution_group g = group_of(req);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "گزارش اجرای مصوبات", &who, "/resolutions");
    struct resolution_tally tot;
    int rc = store_resolution_totals(db, today, &tot);
    if (rc != STORE_OK) return web_server_error(req, resp);
    html_raw(b, "<h1>گزارش اجرای مصوبات</h1>\n<dl class=\"facts totals\"><dt>مصوبات صادرشده</dt><dd>");
    w_int(b, tot.issued);
    html_raw(b, "</dd><dt>سهم اجرا شده (از مصوبات با نتیجه)</dt><dd class=\"share\">");
    resolution_share(b, &tot, 1);
    html_raw(b, "</dd><dt>باز</dt><dd>");
    w_int(b, tot.open);
    html_raw(b, "</dd><dt>سررسید گذشته</dt><dd><span class=\"overdue\">");
    w_int(b, tot.overdue);
    html_raw(b, "</span></dd></dl>\n<nav class=\"tabs\">");
    static const char *const keys[] = {"agency", "category", "meeting", "month"};
    for (int i = 0; i < 4; i++)
        html_fmt(b, "<a href=\"/resolutions/report?by=%u\"%s>به تفکیک %s</a> ", keys[i],
                 (int)g == i ? " aria-current=\"page\"" : "", group_name((enum resolution_group)i));
    html_fmt(b, "</nav>\n<table class=\"grid report\"><thead><tr><th>%s</th><th>صادرشده</th>"
                "<th>اجرا شده</th><th>اجرای ناقص</th><th>اجرا نشده</th><th>باز</th>"
                "<th>سررسید گذشته</th><th>لغو با اعتراض</th><th>سهم اجرا شده</th>"
                "<th>قصور دستگاه / متقاضی</th></tr></thead><tbody>\n",
             group_name(g));
    rc = store_resolution_report(db, g, today, tally_tr, b);
    html_raw(b, "</tbody></table>\n");
    if (rc != STORE_OK) return web_server_error(req, resp);
    html_fmt(b, "<p><a href=\"/resolutions/report.csv?by=%u\">دریافت این جدول برای اکسل (CSV)</a></p>",
             keys[g]);
    struct overdue_rank rank = {.n = 0};
    rc = store_resolution_report(db, RES_BY_AGENCY, today, rank_overdue, &rank);
    html_raw(b, "<h2>دستگاه‌های دارای بیشترین مصوبه سررسید گذشته</h2><ol class=\"overdue-rank\">");
    for (int i = 0; i < rank.n; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)rank.top[i].key);
        html_fmt(b, "<li><a href=\"/resolutions?filtered=1&amp;overdue=1&amp;agency_id=%u\">%s</a> — ",
                 id, rank.top[i].label);
        w_int(b, rank.top[i].overdue);
        html_raw(b, " مصوبه</li>");
    }
    html_raw(b, "</ol>");
    if (!rank.n) html_raw(b, "<p class=\"empty\">مصوبه سررسید گذشته‌ای نیست.</p>");
    if (rc != STORE_OK) return web_server_error(req, resp);
    layout_end(b);
}
