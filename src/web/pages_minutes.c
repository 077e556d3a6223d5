/* pages_minutes — the minutes of a session (صورتجلسه) as a printable page: A4,
 * right to left, Vazirmatn, page numbers in the print margins, attendance, agenda,
 * notes and resolutions, and the signature block; built from the same minutes_doc
 * the PDF renderer takes, so the two agree. Also the public counts of resolutions:
 * the only thing about them anyone may see without signing in. */
#include <stdio.h>
#include <string.h>

#include "meetings/minutes_pdf.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/widgets.h"
#include "web/case_web.h"
#include "web/meeting_view.h"
#include "web/pages_meetings.h"
#include "web/registry_view.h"

static const char *or_dash(const char *s) { return s && *s ? s : "—"; }

void minutes_html(buf *b, const struct minutes_doc *d) {
    html_fmt(b, "<article class=\"print-doc minutes\"><header class=\"doc-head\"><p>بسمه تعالی</p>"
                "<h1>صورتجلسه %s</h1><p class=\"doc-meta\">جلسه شماره %s · %s · ساعت %s · %s</p>"
                "</header>\n",
             or_dash(d->body), or_dash(d->number), or_dash(d->date), or_dash(d->time),
             or_dash(d->place));
    html_fmt(b, "<p>رئیس جلسه: <strong>%s</strong> — دبیر جلسه: <strong>%s</strong></p>\n",
             or_dash(d->chair), or_dash(d->secretary));
    html_raw(b, "<section><h2>حاضران</h2><table class=\"doc-table\"><thead><tr><th>ردیف</th>"
                "<th>نام</th><th>سمت</th><th>دستگاه</th><th>با اختیار تام</th></tr></thead><tbody>");
    for (size_t i = 0; i < d->nattendees; i++) {
        const struct minutes_attendee *a = &d->attendees[i];
        html_raw(b, "<tr><td>");
        w_int(b, (int64_t)i + 1);
        html_fmt(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", or_dash(a->name),
                 or_dash(a->position), or_dash(a->agency), a->full_authority ? "✔" : "—");
    }
    html_raw(b, "</tbody></table>");
    if (!d->nattendees) html_raw(b, "<p>حاضری ثبت نشده است.</p>");
    html_raw(b, "</section>\n<section><h2>دستور جلسه</h2><ol class=\"doc-agenda\">");
    for (size_t i = 0; i < d->nitems; i++) {
        html_fmt(b, "<li>%s", or_dash(d->items[i].title));
        if (d->items[i].applicant) html_fmt(b, " — %s", d->items[i].applicant);
        html_raw(b, "</li>");
    }
    html_raw(b, "</ol></section>\n<section><h2>مذاکرات و مصوبات</h2>");
    for (size_t i = 0; i < d->nitems; i++) {
        const struct minutes_item *it = &d->items[i];
        html_raw(b, "<div class=\"doc-item\"><h3>");
        w_int(b, it->position);
        html_fmt(b, ". %s</h3>", or_dash(it->title));
        if (it->notes) html_fmt(b, "<p class=\"body\"><strong>خلاصه مذاکرات:</strong> %s</p>", it->notes);
        for (size_t k = 0; k < it->nresolutions; k++) {
            const struct minutes_resolution *r = &it->resolutions[k];
            html_fmt(b, "<div class=\"doc-resolution\"><p><strong>مصوبه %s:</strong> <span "
                        "class=\"body\">%s</span></p><p class=\"doc-meta\">دستگاه مسئول: %s · "
                        "مهلت اجرا: %s · %s</p></div>",
                     or_dash(r->number), or_dash(r->text), or_dash(r->agency), or_dash(r->deadline),
                     or_dash(r->cases));
        }
        html_raw(b, "</div>\n");
    }
    if (!d->nitems) html_raw(b, "<p>بندی در دستور جلسه نبود.</p>");
    html_fmt(b, "</section>\n<section class=\"signatures\"><h2>امضای حاضران</h2><div class=\"sign-grid\">"
                "<div>رئیس کارگروه<br><strong>%s</strong></div><div>دبیر کارگروه<br><strong>%s"
                "</strong></div>",
             or_dash(d->chair), or_dash(d->secretary));
    for (size_t i = 0; i < d->nattendees; i++)
        html_fmt(b, "<div>%s<br><small>%s</small></div>", or_dash(d->attendees[i].name),
                 or_dash(d->attendees[i].agency ? d->attendees[i].agency : d->attendees[i].position));
    html_raw(b, "</div></section></article>\n");
}

/* The minutes of the session in the route; NULL after writing the refusal. */
static struct meeting *load_minutes(struct http_req *req, struct http_resp *resp,
                                    struct minutes_doc *doc) {
    store_conn *db = web_db(req, resp);
    if (!db) return NULL;
    struct case_viewer v = web_case_viewer(req);
    struct meeting *m = arena_calloc(req->a, 1, sizeof *m);
    if (!m) {
        web_server_error(req, resp);
        return NULL;
    }
    int64_t id = registry_id_param(req, "id");
    int rc = id ? meeting_minutes_doc(db, &v, id, req->a, doc, m) : STORE_ENOTFOUND;
    if (rc != STORE_OK) {
        meeting_web_refusal(req, resp, rc, 0);
        return NULL;
    }
    return m;
}

void page_minutes(struct http_req *req, struct http_resp *resp) {
    struct minutes_doc doc;
    struct meeting *m = load_minutes(req, resp, &doc);
    if (!m) return;
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "صورتجلسه", &who, "/meetings");
    html_fmt(b, "<p class=\"no-print\"><a href=\"/meetings/%lld\">بازگشت به جلسه</a> · "
                "<a href=\"/meetings/%lld/minutes.pdf\">دریافت PDF</a> · برای چاپ از فرمان چاپ "
                "مرورگر استفاده کنید (A4، شماره صفحه در پایین هر برگ).</p>\n",
             (long long)m->id, (long long)m->id);
    minutes_html(b, &doc);
    layout_end(b);
}

/* The minutes as a PDF rendered on the server (cairo + pango): the same content as
 * the print view, for filing and sending. */
void page_minutes_pdf(struct http_req *req, struct http_resp *resp) {
    struct minutes_doc doc;
    struct meeting *m = load_minutes(req, resp, &doc);
    if (!m) return;
    char err[256];
    buf_clear(&resp->body);
    if (minutes_pdf_render(&doc, &resp->body, err, sizeof err) != 0) {
        buf_clear(&resp->body);
        return web_server_error(req, resp);
    }
    resp->content_type = "application/pdf";
    http_set_header(resp, "Content-Disposition",
                    arena_printf(req->a, "inline; filename=\"minutes-%d-%d.pdf\"", m->year, m->seq));
}

/* Counts only: how many resolutions, how many carried out — nothing that names a
 * unit, a case or an agency. */
void page_resolution_stats(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    char today[11];
    case_today(today);
    struct resolution_tally t;
    if (store_resolution_totals(db, today, &t) != STORE_OK) return web_server_error(req, resp);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "آمار مصوبات", &who, "/resolutions/stats");
    html_raw(b, "<h1>آمار مصوبات کارگروه</h1>\n<dl class=\"facts totals\"><dt>مصوبات صادرشده</dt><dd>");
    w_int(b, t.issued);
    html_raw(b, "</dd><dt>اجرا شده</dt><dd>");
    w_int(b, t.carried_out);
    html_raw(b, "</dd><dt>اجرای ناقص</dt><dd>");
    w_int(b, t.partly);
    html_raw(b, "</dd><dt>اجرا نشده</dt><dd>");
    w_int(b, t.not_carried_out);
    html_raw(b, "</dd><dt>در دست اجرا یا در مهلت اعتراض</dt><dd>");
    w_int(b, t.open);
    html_raw(b, "</dd><dt>سهم اجرا شده</dt><dd class=\"share\">");
    resolution_share(b, &t, 1);
    html_raw(b, "</dd></dl>\n<p class=\"hint\">جزئیات هر مصوبه فقط برای دستگاه مسئول، صاحب پرونده "
                "و اعضای کارگروه نمایش داده می‌شود.</p>");
    layout_end(b);
}
