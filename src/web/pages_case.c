/* pages_case — one case for people: its page (facts, the actions this viewer may
 * take now as small forms, attachments, the whole history as a Jalali timeline,
 * comments and internal notes), filing a new case, taking an action, commenting,
 * and downloading an attachment. A case the viewer may not see is 404, like a
 * missing one; an action the state does not allow is 409 naming the allowed ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/multipart.h"

#include "store/store_registry.h"
#include "text/fa_date.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/widgets.h"
#include "web/case_view.h"
#include "web/case_web.h"
#include "web/meeting_view.h"
#include "web/pages_cases.h"
#include "web/registry_view.h"

static const char *event_label(const char *kind) {
    if (!strcmp(kind, "file")) return "ثبت پیش‌نویس";
    if (!strcmp(kind, "comment")) return "گفتگو";
    if (!strcmp(kind, "note")) return "یادداشت داخلی دبیرخانه";
    if (!strcmp(kind, "attach")) return "افزودن پیوست";
    if (!strcmp(kind, "edit")) return "ویرایش درخواست";
    if (!strcmp(kind, "due_soon")) return "یادآوری: نزدیک به مهلت پاسخ";
    if (!strcmp(kind, "overdue")) return "سررسید گذشت";
    int a = case_action_parse(kind);
    return a >= 0 ? case_action_label((enum case_action)a) : kind;
}

static int timeline_li(void *arg, const struct case_event *e) {
    buf *b = arg;
    html_fmt(b, "<li class=\"ev-%s%s\"><time datetime=\"%s\">", e->kind,
             e->internal ? " internal" : "", e->at);
    case_datetime(b, e->at);
    html_fmt(b, "</time> — <strong>%s</strong> · %s", event_label(e->kind), e->actor);
    int to = case_state_parse(e->to_state);
    if (to >= 0 && strcmp(e->from_state, e->to_state) != 0)
        html_fmt(b, " <span class=\"state state-%s\">%s</span>", e->to_state,
                 case_state_label((enum case_state)to));
    if (e->agency[0]) html_fmt(b, " · %s", e->agency);
    if (e->due_on[0]) {
        html_raw(b, " · مهلت پاسخ: ");
        w_date(b, e->due_on, 1);
    }
    if (e->body && *e->body) html_fmt(b, "<p class=\"body\">%s</p>", e->body);
    html_raw(b, "</li>\n");
    return 0;
}

/* The agency a referral goes to by default: the first of the category's kind. */
struct kind_pick {
    const char *kind;
    int64_t id;
};
static int pick_agency(void *arg, const struct agency *a) {
    struct kind_pick *p = arg;
    if (!strcmp(a->kind, p->kind)) {
        p->id = a->id;
        return 1;
    }
    return 0;
}

static void action_form(buf *b, store_conn *db, const struct case_row *r, enum case_action a,
                        const char *csrf) {
    char id[24], version[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(version, sizeof version, "%lld", (long long)r->version);
    html_fmt(b, "<form method=\"post\" action=\"/cases/%u/act\" class=\"act-%s\">"
                "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                "<input type=\"hidden\" name=\"version\" value=\"%s\">"
                "<input type=\"hidden\" name=\"action\" value=\"%s\">",
             id, case_action_code(a), csrf, version, case_action_code(a));
    if (a == CASE_ACT_REFER) {
        struct category cat;
        struct kind_pick pick = {"", 0};
        if (store_category_get(db, r->category_id, &cat) == STORE_OK) {
            pick.kind = cat.agency_kind;
            store_agency_each(db, pick_agency, &pick);
        }
        case_select_agency(b, db, "agency_id", pick.id, NULL, NULL);
        char due[11], shown[64] = "";
        case_default_due(db, r->category_id, due);
        fa_date_format_iso(due, FA_DATE_SHORT, shown, sizeof shown, NULL);
        w_input(b, "due", "مهلت پاسخ", NULL, "text", NULL, 0,
                "خالی: زمان پاسخ این موضوع به روز کاری");
        html_fmt(b, "<p class=\"hint\">پیش‌فرض: %s</p>", shown);
    } else if (a == CASE_ACT_ANSWER) {
        w_textarea(b, "body", "پاسخ دستگاه", NULL, NULL);
    } else if (case_action_needs_reason(a)) {
        w_textarea(b, "body", "دلیل", NULL, NULL);
    } else {
        w_textarea(b, "body", "توضیح (اختیاری)", NULL, NULL);
    }
    html_fmt(b, "<button type=\"submit\">%s</button></form>\n", case_action_label(a));
}

void page_case(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    struct case_row *r = arena_calloc(req->a, 1, sizeof *r);
    if (!r) return web_server_error(req, resp);
    int rc = id ? store_case_get(db, &v, id, r) : STORE_ENOTFOUND;
    if (rc != STORE_OK) return case_web_refusal(req, resp, rc, 0);
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)r->id);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, r->title, &who, "/cases");
    html_raw(b, "<div class=\"page-head\"><h1>پرونده ");
    w_text_fa_digits(b, sid);
    html_fmt(b, ": %s</h1> ", r->title);
    case_badge(b, r);
    html_raw(b, "</div>\n<dl class=\"facts\">");
    html_fmt(b, "<dt>واحد تولیدی</dt><dd>%s</dd><dt>موضوع</dt><dd>%s</dd>", r->unit, r->category);
    html_raw(b, "<dt>مبلغ</dt><dd class=\"num\">");
    case_amount(b, r->amount);
    html_fmt(b, "</dd><dt>دستگاه</dt><dd>%s</dd><dt>مهلت پاسخ</dt><dd>",
             r->agency[0] ? r->agency : "هنوز ارجاع نشده");
    w_date(b, r->due_on, 1);
    if (r->overdue) html_raw(b, " <span class=\"overdue\">سررسید گذشته</span>");
    html_fmt(b, "</dd><dt>شهرستان</dt><dd>%s</dd><dt>محدوده</dt><dd>%s</dd><dt>ثبت</dt><dd>",
             r->county[0] ? r->county : "—", r->zone[0] ? r->zone : "—");
    w_date(b, r->created_at, 1);
    html_fmt(b, "</dd></dl>\n<h2>شرح</h2><p class=\"body description\">%s</p>\n",
             r->description[0] ? r->description : "—");

    struct attachment_list ac = {b, "cases", r->id};
    html_raw(b, "<h2>پیوست‌ها</h2><ul class=\"attachments\">");
    store_case_attachments(db, &v, r->id, attachment_li, &ac);
    html_raw(b, "</ul>\n");
    if ((ctx->role & (ROLE_SECRETARIAT | ROLE_PRODUCER | ROLE_AGENCY)) && r->state != CASE_CLOSED) {
        attachment_form_begin(b, "cases", r->id, ctx->csrf, "افزودن پیوست (PDF، JPEG، PNG)");
        if (ctx->role == ROLE_SECRETARIAT)
            html_raw(b, "<label><input type=\"checkbox\" name=\"internal\" value=\"1\"> "
                        "فقط برای دبیرخانه</label>");
        html_raw(b, "<button type=\"submit\">بارگذاری</button></form>\n");
    }

    unsigned allowed = case_allowed_actions(r->state, ctx->role);
    if (ctx->role == ROLE_AGENCY && r->agency_id != ctx->user.agency_id) allowed = 0;
    if (allowed) {
        html_raw(b, "<section class=\"actions\"><h2>اقدام‌ها</h2>");
        for (int a = 0; a < CASE_ACTION_COUNT; a++)
            if (allowed & (1u << a)) action_form(b, db, r, (enum case_action)a, ctx->csrf);
        html_raw(b, "</section>\n");
    }

    /* The working group's resolutions on this case (as far as the viewer may see them). */
    struct resolution_filter rf = {.case_id = r->id, .count = true, .limit = 50};
    int64_t nres = 0;
    buf res;
    buf_init(&res, 1 << 20);
    resolution_table_begin(&res, true);
    rc = store_resolution_list(db, &v, &rf, resolution_tr, &res, &nres);
    resolution_table_end(&res);
    if (rc == STORE_OK && nres && !res.failed) {
        html_raw(b, "<section id=\"resolutions\"><h2>مصوبات کارگروه</h2>");
        buf_append(b, res.data, res.len); /* already escaped by the table writer */
        html_raw(b, "</section>\n");
    }
    buf_free(&res);
    if (rc != STORE_OK) return web_server_error(req, resp);

    html_raw(b, "<section><h2>سابقه پرونده</h2><ol class=\"timeline\">");
    rc = store_case_events(db, &v, r->id, timeline_li, b);
    html_raw(b, "</ol></section>\n");
    if (rc != STORE_OK) return web_server_error(req, resp);

    if (ctx->role & (ROLE_SECRETARIAT | ROLE_PRODUCER | ROLE_AGENCY | ROLE_MEMBER)) {
        html_fmt(b, "<section><h2>گفتگو</h2><form method=\"post\" action=\"/cases/%u/comment\">"
                    "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
                 sid, ctx->csrf);
        w_textarea(b, "body", "متن", NULL, NULL);
        if (ctx->role == ROLE_SECRETARIAT)
            html_raw(b, "<label class=\"check\"><input type=\"checkbox\" name=\"internal\" "
                        "value=\"1\"> یادداشت داخلی (فقط دبیرخانه می‌بیند)</label>");
        html_raw(b, "<button type=\"submit\">ثبت</button></form></section>\n");
    }
    layout_end(b);
}

static const char *posted(void *ctx, const char *field) {
    return http_form((struct http_req *)ctx, field);
}

struct unit_opts {
    buf *b;
    int64_t selected;
};
static int unit_option(void *arg, const struct unit_row *r) {
    struct unit_opts *o = arg;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)r->u.id);
    w_option(o->b, id, r->u.name, r->u.id == o->selected);
    return 0;
}

static void case_form(struct http_req *req, struct http_resp *resp, store_conn *db,
                      const struct field_errors *errs) {
    struct web_ctx *ctx = web_ctx(req);
    bool post = !strcmp(req->method, "POST");
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "ثبت درخواست", &who, "/cases");
    html_raw(b, "<h1>ثبت درخواست (پرونده مانع تولید)</h1>\n");
    w_error_summary(b, errs);
    html_fmt(b, "<form method=\"post\" action=\"/cases/new\" class=\"record\" novalidate>"
                "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
             ctx->csrf);
#define VAL(f) (post ? http_form(req, f) : NULL)
#define ERR(f) (field_error_for(errs, f) ? field_error_for(errs, f)->fa : NULL)
    w_select_begin(b, "unit_id", "واحد تولیدی", ERR("unit_id"));
    struct unit_opts o = {b, case_id_text(VAL("unit_id"))};
    w_option(b, "", "انتخاب کنید", o.selected == 0);
    struct unit_filter uf = {0};
    uf.limit = 10000;
    if (ctx->role == ROLE_PRODUCER) uf.member_user_id = ctx->user.id;
    store_unit_list(db, &uf, unit_option, &o, NULL);
    w_select_end(b, ERR("unit_id"));
    case_select_category(b, db, "category_id", case_id_text(VAL("category_id")), "انتخاب کنید",
                         ERR("category_id"));
    w_input(b, "title", "عنوان", VAL("title"), "text", ERR("title"), 1, NULL);
    w_textarea(b, "description", "شرح مانع", VAL("description"), ERR("description"));
    w_input(b, "amount", "مبلغ (ریال)", VAL("amount"), "text", ERR("amount"), 0,
            "اگر پای پول در میان است؛ با هر رقمی");
#undef VAL
#undef ERR
    html_raw(b, "<button type=\"submit\" name=\"submit\" value=\"1\">ثبت و ارسال به دبیرخانه</button> "
                "<button type=\"submit\" name=\"submit\" value=\"0\" class=\"secondary\">ذخیره "
                "پیش‌نویس</button></form>\n");
    layout_end(b);
}

void page_case_new(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    case_form(req, resp, db, NULL);
}

void action_case_create(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_input *in = arena_calloc(req->a, 1, sizeof *in);
    if (!in) return web_server_error(req, resp);
    struct field_errors errs = {0};
    if (case_input_from_fields(posted, req, in, &errs)) {
        struct category cat;
        if (store_category_get(db, in->category_id, &cat) != STORE_OK)
            field_error_add(&errs, "category_id", "این موضوع پیدا نشد.", "unknown category");
    }
    if (errs.n == 0) {
        struct case_viewer v = web_case_viewer(req);
        const char *submit = http_form(req, "submit");
        int64_t id = 0;
        int rc = store_case_create(db, &ctx->user, &v, in, submit && !strcmp(submit, "1"), &id);
        if (rc == STORE_OK) return http_redirect(resp, arena_printf(req->a, "/cases/%lld", (long long)id));
        if (rc == STORE_EROLE || rc == STORE_ECONSTRAINT)
            field_error_add(&errs, "unit_id", "این واحد در فهرست واحدهای شما نیست.",
                            "unknown unit or not yours");
        else return web_server_error(req, resp);
    }
    resp->status = 422;
    case_form(req, resp, db, &errs);
}

void action_case_act(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    int action = case_action_parse(http_form(req, "action"));
    const char *vs = http_form(req, "version");
    int64_t version = -1;
    if (!vs || fa_num_parse_i64(vs, strlen(vs), &version, NULL) != 0) version = -1;
    struct case_row *r = arena_calloc(req->a, 1, sizeof *r);
    if (!r) return web_server_error(req, resp);
    int rc = id ? store_case_get(db, &v, id, r) : STORE_ENOTFOUND;
    if (rc != STORE_OK) return case_web_refusal(req, resp, rc, 0);
    if (action < 0)
        return web_render_error(req, resp, 422, "invalid", "unknown action",
                                "این اقدام شناخته نیست.");
    struct case_act act = {(enum case_action)action, 0, "", http_form(req, "body")};
    struct field_errors errs = {0};
    if ((act.action == CASE_ACT_ANSWER || case_action_needs_reason(act.action)) &&
        !case_text_valid("body", act.body, &errs))
        return web_render_error(req, resp, 422, "invalid", "a text is required for this action",
                                act.action == CASE_ACT_ANSWER ? "متن پاسخ را بنویسید."
                                                              : "دلیل را بنویسید.");
    if (act.body && *act.body && !case_text_valid("body", act.body, &errs))
        return web_render_error(req, resp, 422, "invalid", "text too long",
                                "متن بیش از اندازه بلند است.");
    if (act.action == CASE_ACT_REFER) {
        act.agency_id = case_id_text(http_form(req, "agency_id"));
        struct agency ag;
        if (!act.agency_id || store_agency_get(db, act.agency_id, &ag) != STORE_OK)
            return web_render_error(req, resp, 422, "invalid", "unknown agency",
                                    "دستگاه را انتخاب کنید.");
        const char *due = http_form(req, "due");
        char today[11];
        case_today(today);
        if (due && *due) {
            if (!case_date_parse(due, true, act.due_on) || strcmp(act.due_on, today) < 0)
                return web_render_error(req, resp, 422, "invalid", "invalid due date",
                                        "مهلت پاسخ را به تاریخ شمسی و از امروز به بعد بنویسید "
                                        "(مانند ۱۴۰۵/۰۹/۲۰).");
        } else {
            case_default_due(db, r->category_id, act.due_on);
        }
    }
    unsigned allowed = 0;
    rc = store_case_act(db, &web_ctx(req)->user, &v, id, version, &act,
                        &allowed, NULL);
    if (rc == STORE_OK) return http_redirect(resp, arena_printf(req->a, "/cases/%lld", (long long)id));
    case_web_refusal(req, resp, rc, allowed);
}

void action_case_comment(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    int64_t id = registry_id_param(req, "id");
    const char *body = http_form(req, "body");
    const char *internal = http_form(req, "internal");
    struct field_errors errs = {0};
    struct case_row *r = arena_calloc(req->a, 1, sizeof *r);
    if (!r) return web_server_error(req, resp);
    int rc = id ? store_case_get(db, &v, id, r) : STORE_ENOTFOUND;
    if (rc != STORE_OK) return case_web_refusal(req, resp, rc, 0);
    if (!case_text_valid("body", body, &errs))
        return web_render_error(req, resp, 422, "invalid", errs.e[0].en, errs.e[0].fa);
    rc = store_case_comment(db, &web_ctx(req)->user, &v, id, body, internal && !strcmp(internal, "1"));
    if (rc == STORE_OK) return http_redirect(resp, arena_printf(req->a, "/cases/%lld", (long long)id));
    case_web_refusal(req, resp, rc, 0);
}

/* The case page's upload form: one file part named "file" (multipart/form-data). */
void action_case_attach(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    int64_t id = registry_id_param(req, "id");
    const struct multipart_part *file = multipart_get(&req->parts, "file");
    if (!file || !file->filename || !file->len)
        return web_render_error(req, resp, 422, "invalid", "a file is required",
                                "پرونده‌ای برای بارگذاری انتخاب نشده است.");
    const char *internal = http_form(req, "internal");
    struct case_attachment att;
    const char *why_en = "", *why_fa = "";
    int status = case_web_attach(req, db, id, file->filename, file->data, file->len,
                                 internal && !strcmp(internal, "1"), &att, &why_en, &why_fa);
    if (status == 201)
        return http_redirect(resp, arena_printf(req->a, "/cases/%lld", (long long)id));
    if (status == 404) return web_not_found(req, resp);
    if (status == 403) return web_forbidden(req, resp);
    if (status >= 400 && status < 500)
        return web_render_error(req, resp, status, "invalid", why_en, why_fa);
    web_server_error(req, resp);
}

void page_case_attachment(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    int64_t id = registry_id_param(req, "id"), aid = registry_id_param(req, "aid");
    if (!id || !aid) return web_not_found(req, resp);
    case_web_download(req, resp, db, id, aid);
}
