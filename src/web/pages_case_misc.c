/* pages_case_misc — around the cases: the notifications page (the bell in the header
 * links here) and the admin's table of official holidays that due dates skip. */
#include <stdio.h>
#include <string.h>

#include "text/fa_date.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/widgets.h"
#include "web/case_view.h"
#include "web/case_web.h"
#include "web/pages_cases.h"
#include "web/registry_view.h"

static const char *notification_label(const char *kind) {
    static const struct vocab labels[] = {
        {"submitted", "درخواست تازه ثبت شد"},
        {"referred", "پرونده‌ای به دستگاه شما ارجاع شد"},
        {"answered", "پاسخ دستگاه رسید"},
        {"ask_return", "دستگاه بازگرداندن پرونده را خواست"},
        {"return", "پرونده برای تکمیل به شما بازگشت"},
        {"reject", "درخواست رد شد"},
        {"resolve", "پرونده با رفع مانع مختومه شد"},
        {"decide", "کارگروه درباره پرونده تصمیم گرفت"},
        {"not_executed", "مصوبه اجرا نشد"},
        {"comment", "پیام تازه در پرونده"},
        {"due_soon", "مهلت پاسخ نزدیک است"},
        {"overdue", "سررسید پاسخ گذشت"},
        {"resolution", "مصوبه‌ای به دستگاه شما ابلاغ شد"},
        {"objection", "دستگاه به مصوبه اعتراض کرد"},
        {"resolution_overdue", "مهلت اجرای مصوبه گذشت"},
        {0, 0},
    };
    return vocab_label(labels, kind);
}

static int notification_li(void *arg, const struct notification *n) {
    buf *b = arg;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)n->case_id);
    html_fmt(b, "<li class=\"%s\"><time>", n->read ? "read" : "unread");
    case_datetime(b, n->created_at);
    if (n->case_id)
        html_fmt(b, "</time> — %s: <a href=\"/cases/%u\">%s</a></li>\n", notification_label(n->kind),
                 id, n->body);
    else /* about no case (a resolution on a free topic) */
        html_fmt(b, "</time> — %s: <a href=\"/resolutions\">%s</a></li>\n",
                 notification_label(n->kind), n->body);
    return 0;
}

void page_notifications(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "اعلان‌ها", &who, "/notifications");
    html_fmt(b, "<div class=\"page-head\"><h1>اعلان‌ها</h1><form method=\"post\" "
                "action=\"/notifications/read\" class=\"inline\"><input type=\"hidden\" "
                "name=\"_csrf\" value=\"%s\"><button type=\"submit\">همه خوانده شد</button>"
                "</form></div>\n<ul class=\"notifications\">",
             ctx->csrf);
    if (store_notification_list(db, ctx->user.id, 200, notification_li, b) != STORE_OK)
        return web_server_error(req, resp);
    html_raw(b, "</ul>\n");
    layout_end(b);
}

void action_notifications_read(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    if (store_notification_read_all(db, web_ctx(req)->user.id) != STORE_OK)
        return web_server_error(req, resp);
    http_redirect(resp, "/notifications");
}

static int holiday_tr(void *arg, const struct holiday *h) {
    struct http_req *req = ((void **)arg)[0];
    buf *b = ((void **)arg)[1];
    html_raw(b, "<tr><td>");
    w_date(b, h->day, 1);
    html_fmt(b, "</td><td>%s</td><td>%s</td><td><form method=\"post\" "
                "action=\"/admin/holidays/delete\" class=\"inline\"><input type=\"hidden\" "
                "name=\"_csrf\" value=\"%s\"><input type=\"hidden\" name=\"day\" value=\"%s\">"
                "<button type=\"submit\" class=\"link\">حذف</button></form></td></tr>\n",
             h->name, h->fixed ? "خورشیدی (ثابت)" : h->to_check ? "قمری — با تقویم رسمی تطبیق دهید" : "قمری",
             web_ctx(req)->csrf, h->day);
    return 0;
}

void page_holidays(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "تعطیلات رسمی", &who, "/admin/holidays");
    html_fmt(b, "<h1>تعطیلات رسمی</h1><p>مهلت پاسخ دستگاه‌ها به روز کاری شمرده می‌شود: جمعه‌ها "
                "و این روزها تعطیل‌اند.</p><form method=\"post\" action=\"/admin/holidays\" "
                "class=\"filters\"><input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
             web_ctx(req)->csrf);
    w_input(b, "day", "تاریخ (شمسی)", NULL, "text", NULL, 1, "۱۴۰۵/۰۱/۰۱");
    w_input(b, "name", "مناسبت", NULL, "text", NULL, 1, NULL);
    html_raw(b, "<button type=\"submit\">افزودن یا اصلاح</button></form>\n<table class=\"grid\">"
                "<thead><tr><th>تاریخ</th><th>مناسبت</th><th>نوع</th><th></th></tr></thead><tbody>");
    void *args[2] = {req, b};
    if (store_holiday_each(db, holiday_tr, args) != STORE_OK) return web_server_error(req, resp);
    html_raw(b, "</tbody></table>\n");
    layout_end(b);
}

void action_holiday_set(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct holiday h;
    memset(&h, 0, sizeof h);
    const char *name = http_form(req, "name");
    if (!case_date_parse(http_form(req, "day"), true, h.day) || !name ||
        !registry_copy_text(h.name, sizeof h.name, name) || !h.name[0])
        return web_render_error(req, resp, 422, "invalid", "a Jalali date and a name are needed",
                                "تاریخ شمسی و مناسبت را درست بنویسید.");
    if (store_holiday_set(db, &web_ctx(req)->user, &h) != STORE_OK) return web_server_error(req, resp);
    http_redirect(resp, "/admin/holidays");
}

void action_holiday_delete(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *day = http_form(req, "day");
    int rc = day ? store_holiday_delete(db, &web_ctx(req)->user, day) : STORE_ENOTFOUND;
    if (rc == STORE_ENOTFOUND) return web_not_found(req, resp);
    if (rc != STORE_OK) return web_server_error(req, resp);
    http_redirect(resp, "/admin/holidays");
}
