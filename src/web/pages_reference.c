/* pages_reference — the agencies cases are referred to and the two-level tree of
 * obstacle categories: lists for the secretariat, and the admin's forms to add to
 * them. */
#include <stdio.h>
#include <string.h>

#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/widgets.h"
#include "web/pages_registry.h"
#include "web/registry_view.h"

static bool can_read_reference(int role) {
    return role & (ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER);
}

static int agency_tr(void *arg, const struct agency *a) {
    buf *b = arg;
    html_fmt(b, "<tr><td>%s</td><td>%s</td><td class=\"num\">", a->name,
             vocab_label(agency_kinds, a->kind));
    w_int(b, a->liaisons);
    html_raw(b, "</td><td class=\"num\">");
    w_text_fa_digits(b, a->phone[0] ? a->phone : "—");
    html_raw(b, "</td></tr>\n");
    return 0;
}

static void agencies_page(struct http_req *req, struct http_resp *resp, store_conn *db,
                          const char *error, const char *name, const char *kind) {
    struct web_ctx *ctx = web_ctx(req);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "دستگاه‌های اجرایی", &who, "/agencies");
    html_raw(b, "<h1>دستگاه‌های اجرایی</h1>\n<table class=\"grid\"><thead><tr><th>نام</th>"
                "<th>نوع</th><th>نمایندگان</th><th>تلفن</th></tr></thead><tbody>\n");
    if (store_agency_each(db, agency_tr, b) != STORE_OK) return web_server_error(req, resp);
    html_raw(b, "</tbody></table>\n");
    if (ctx->role == ROLE_ADMIN) {
        html_fmt(b, "<section class=\"card\"><h2>افزودن دستگاه</h2>"
                    "<form method=\"post\" action=\"/agencies\" class=\"inline-form\">"
                    "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
                 ctx->csrf);
        w_input(b, "name", "نام دستگاه", name, "text", error, 1, NULL);
        w_select_vocab(b, "kind", "نوع", agency_kinds, kind, NULL, NULL);
        w_input(b, "phone", "تلفن", "", "text", NULL, 0, NULL);
        html_raw(b, "<button type=\"submit\">افزودن</button></form></section>\n");
    }
    layout_end(b);
}

void page_agencies(struct http_req *req, struct http_resp *resp) {
    if (!can_read_reference(web_ctx(req)->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    agencies_page(req, resp, db, NULL, NULL, NULL);
}

void action_agency_create(struct http_req *req, struct http_resp *resp) {
    if (web_ctx(req)->role != ROLE_ADMIN) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct agency a;
    memset(&a, 0, sizeof a);
    const char *name = http_form(req, "name"), *kind = http_form(req, "kind");
    const char *error = NULL;
    if (!registry_copy_text(a.name, sizeof a.name, name) || !a.name[0])
        error = "نام دستگاه را وارد کنید (حداکثر ۲۵۰ نویسه).";
    else if (!kind || !vocab_has(agency_kinds, kind)) error = "نوع دستگاه را انتخاب کنید.";
    const char *phone = http_form(req, "phone");
    size_t o = 0, i = 0, n = phone ? strlen(phone) : 0;
    while (!error && i < n) {
        int d = fa_digit_next(phone, n, &i);
        if (d < 0) {
            if (phone[i] == ' ' || phone[i] == '-') { i++; continue; }
            error = "تلفن فقط از رقم تشکیل می‌شود.";
        } else if (o + 1 < sizeof a.phone) {
            a.phone[o++] = (char)('0' + d);
        }
    }
    if (!error) {
        snprintf(a.kind, sizeof a.kind, "%s", kind);
        int rc = store_agency_create(db, &web_ctx(req)->user, &a);
        if (rc == STORE_OK) return http_redirect(resp, "/agencies");
        if (rc != STORE_ECONSTRAINT) return web_server_error(req, resp);
        error = "دستگاهی با همین نام ثبت شده است.";
    }
    resp->status = 422;
    agencies_page(req, resp, db, error, name, kind);
}

struct cat_ctx {
    buf *b;
    bool options; /* write <option>s of top-level categories instead of rows */
};

static int category_row(void *arg, const struct category *cat) {
    struct cat_ctx *c = arg;
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)cat->id);
    if (c->options) {
        if (!cat->parent_id) w_option(c->b, id, cat->name, 0);
        return 0;
    }
    html_fmt(c->b, cat->parent_id ? "<tr class=\"child\"><td>↳ %s</td><td>%s</td><td class=\"num\">"
                                  : "<tr><td><strong>%s</strong></td><td>%s</td><td class=\"num\">",
             cat->name, cat->agency_kind[0] ? vocab_label(agency_kinds, cat->agency_kind) : "—");
    w_int(c->b, cat->answer_days);
    html_raw(c->b, " روز کاری</td></tr>\n");
    return 0;
}

static void categories_page(struct http_req *req, struct http_resp *resp, store_conn *db,
                            const char *error) {
    struct web_ctx *ctx = web_ctx(req);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "موضوع‌های موانع تولید", &who, "/categories");
    html_raw(b, "<h1>موضوع‌های موانع تولید</h1>\n<table class=\"grid\"><thead><tr><th>موضوع</th>"
                "<th>دستگاه پیش‌فرض</th><th>مهلت پاسخ</th></tr></thead><tbody>\n");
    struct cat_ctx c = {b, false};
    if (store_category_each(db, category_row, &c) != STORE_OK) return web_server_error(req, resp);
    html_raw(b, "</tbody></table>\n");
    if (ctx->role == ROLE_ADMIN) {
        html_fmt(b, "<section class=\"card\"><h2>افزودن موضوع</h2>"
                    "<form method=\"post\" action=\"/categories\" class=\"inline-form\">"
                    "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
                 ctx->csrf);
        w_input(b, "name", "عنوان", http_form(req, "name"), "text", error, 1, NULL);
        w_select_begin(b, "parent_id", "زیر موضوعِ", NULL);
        w_option(b, "", "— موضوع اصلی —", 1);
        c.options = true;
        store_category_each(db, category_row, &c);
        w_select_end(b, NULL);
        w_select_vocab(b, "agency_kind", "دستگاه پیش‌فرض", agency_kinds, NULL, "—", NULL);
        w_input(b, "answer_days", "مهلت پاسخ (روز کاری)", "10", "text", NULL, 1, NULL);
        html_raw(b, "<button type=\"submit\">افزودن</button></form></section>\n");
    }
    layout_end(b);
}

void page_categories(struct http_req *req, struct http_resp *resp) {
    if (!can_read_reference(web_ctx(req)->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    categories_page(req, resp, db, NULL);
}

void action_category_create(struct http_req *req, struct http_resp *resp) {
    if (web_ctx(req)->role != ROLE_ADMIN) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct category cat;
    memset(&cat, 0, sizeof cat);
    const char *error = NULL;
    int64_t days = 0, parent = 0;
    const char *d = http_form(req, "answer_days"), *p = http_form(req, "parent_id");
    const char *kind = http_form(req, "agency_kind");
    if (!registry_copy_text(cat.name, sizeof cat.name, http_form(req, "name")) || !cat.name[0])
        error = "عنوان موضوع را وارد کنید.";
    else if (!d || fa_num_parse_i64(d, strlen(d), &days, NULL) != 0 || days < 1 || days > 120)
        error = "مهلت پاسخ عددی بین ۱ و ۱۲۰ روز کاری است.";
    else if (p && *p && (fa_num_parse_i64(p, strlen(p), &parent, NULL) != 0 || parent <= 0))
        error = "موضوع اصلی معتبر نیست.";
    else if (kind && *kind && !vocab_has(agency_kinds, kind))
        error = "نوع دستگاه معتبر نیست.";
    if (!error) {
        cat.parent_id = parent;
        cat.answer_days = (int)days;
        snprintf(cat.agency_kind, sizeof cat.agency_kind, "%s", kind ? kind : "");
        int rc = store_category_create(db, &web_ctx(req)->user, &cat);
        if (rc == STORE_OK) return http_redirect(resp, "/categories");
        if (rc != STORE_ECONSTRAINT) return web_server_error(req, resp);
        error = "این موضوع تکراری است یا زیر یک زیرموضوع قرار گرفته است (فقط دو سطح).";
    }
    resp->status = 422;
    categories_page(req, resp, db, error);
}
