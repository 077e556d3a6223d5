/* pages_promise_edit — the secretariat's form for a new promise (typed by hand, or
 * pre-filled from a suggestion of the public, then with a form to reject it), and
 * its action.
 *
 * The action validates with promise_validate; a refused form comes back with the
 * typed values and a Persian message beside each field (422), nothing written. A
 * promise made from a suggestion marks that suggestion accepted in the same
 * transaction, so a suggestion is never both pending and published. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/promise_pages.h"
#include "web/promise_view.h"

static const struct {
    const char *name, *label, *hint;
    bool textarea, required;
} fields[] = {
    {"person", "نام گوینده", NULL, false, true},
    {"office", "سمت", "مانند: معاون اقتصادی استاندار تهران", false, false},
    {"said_on", "تاریخ وعده (شمسی)", "مانند: ۱۴۰۳/۰۵/۱۲", false, true},
    {"occasion_title", "مناسبت", "مانند: بازدید از واحدهای کفش اسلامشهر", false, false},
    {"county", "شهرستان", NULL, false, false},
    {"summary", "خلاصه وعده", "یک جمله: چه چیزی وعده داده شد", false, true},
    {"quote", "متن وعده (همان‌گونه که نقل شده)", NULL, true, true},
    {"topic", "موضوع", "مانند: شهرک‌های صنعتی", false, false},
    {"agency", "دستگاه مسئول", NULL, false, false},
    {"target_on", "موعد تحقق (شمسی، اختیاری)", NULL, false, false},
    {"source_url", "نشانی منبع", "https://…", false, false},
};

static const char *input_value(const struct promise_input *in, const char *name) {
    if (!in) return "";
    const char *v = !strcmp(name, "person")           ? in->person
                    : !strcmp(name, "office")         ? in->office
                    : !strcmp(name, "said_on")        ? in->said_on
                    : !strcmp(name, "occasion_title") ? in->occasion_title
                    : !strcmp(name, "county")         ? in->county
                    : !strcmp(name, "summary")        ? in->summary
                    : !strcmp(name, "quote")          ? in->quote
                    : !strcmp(name, "topic")          ? in->topic
                    : !strcmp(name, "agency")         ? in->agency
                    : !strcmp(name, "target_on")      ? in->target_on
                    : !strcmp(name, "source_url")     ? in->source_url
                                                      : NULL;
    return v ? v : "";
}

void promise_form_render(struct http_req *req, struct http_resp *resp,
                         const struct promise_input *in, const struct promise_errors *errs,
                         long long suggestion_id) {
    buf *b = &resp->body;
    pv_begin(req, b, "ثبت وعده", "/promises");
    html_raw(b, "<p class=\"crumbs\"><a href=\"/promises\">وعده‌ها</a></p>\n<h1>ثبت وعده</h1>\n");
    if (errs && errs->n)
        html_raw(b, "<p class=\"alert\" role=\"alert\">وعده ثبت نشد؛ خطاهای فرم را برطرف کنید."
                    "</p>\n");
    html_fmt(b, "<form method=\"post\" action=\"/promises/new\" class=\"card stack\" novalidate>\n"
                "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n",
             web_ctx(req)->csrf);
    if (suggestion_id > 0)
        html_fmt(b, "<input type=\"hidden\" name=\"suggestion_id\" value=\"%lld\">\n",
                 suggestion_id);
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        const char *name = fields[i].name;
        html_fmt(b, "<label for=\"%s\">%s%s</label>\n", name, fields[i].label,
                 fields[i].required ? " *" : "");
        if (fields[i].textarea) {
            html_fmt(b, "<textarea id=\"%s\" name=\"%s\" rows=\"5\"", name, name);
            pv_invalid_attrs(b, errs, name);
            html_fmt(b, ">%s</textarea>\n", input_value(in, name));
        } else {
            html_fmt(b, "<input id=\"%s\" name=\"%s\" value=\"%s\" placeholder=\"%s\"", name, name,
                     input_value(in, name), fields[i].hint ? fields[i].hint : "");
            pv_invalid_attrs(b, errs, name);
            html_raw(b, ">\n");
        }
        pv_field_error(b, errs, name);
        if (!strcmp(name, "occasion_title")) {
            const char *kind = in && in->occasion_kind ? in->occasion_kind : "visit";
            html_raw(b, "<label for=\"occasion_kind\">نوع مناسبت</label>"
                        "<select id=\"occasion_kind\" name=\"occasion_kind\">");
            for (int k = 0; k < OCC_COUNT; k++)
                pv_option(b, occasion_kind_code(k), occasion_kind_label_fa(k),
                          !strcmp(kind, occasion_kind_code(k)));
            html_raw(b, "</select>\n");
            pv_field_error(b, errs, "occasion_kind");
        }
    }
    html_raw(b, "<button type=\"submit\">ثبت وعده</button>\n</form>\n");
    if (suggestion_id > 0)
        html_fmt(b, "<form method=\"post\" action=\"/promises/suggestions/%lld/reject\" "
                    "class=\"card stack\">\n<h2>یا رد پیشنهاد</h2>\n"
                    "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n"
                    "<label for=\"note\">دلیل رد</label><input id=\"note\" name=\"note\">\n"
                    "<button type=\"submit\">رد پیشنهاد</button>\n</form>\n",
                 suggestion_id, web_ctx(req)->csrf);
    layout_end(b);
}

void page_promise_new(struct http_req *req, struct http_resp *resp) {
    promise_form_render(req, resp, NULL, NULL, 0);
}

void action_promise_create(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct promise_input in = {
        http_form(req, "person"),    http_form(req, "office"),     http_form(req, "said_on"),
        http_form(req, "county"),    http_form(req, "topic"),      http_form(req, "summary"),
        http_form(req, "quote"),     http_form(req, "agency"),     http_form(req, "target_on"),
        http_form(req, "source_url"), http_form(req, "occasion_title"),
        http_form(req, "occasion_kind"),
    };
    const char *sid_text = http_form(req, "suggestion_id");
    long long sid = sid_text ? strtoll(sid_text, NULL, 10) : 0;
    char today[11];
    promise_iso_date(clock_now(), today);
    struct promise_clean clean;
    struct promise_errors errs;
    if (promise_validate(&in, today, req->a, &clean, &errs) != 0) {
        resp->status = 422;
        promise_form_render(req, resp, &in, &errs, sid);
        return;
    }
    struct web_ctx *ctx = web_ctx(req);
    int64_t id = 0;
    int rc = store_begin(db);
    if (rc == STORE_OK)
        rc = store_promise_create(db, &ctx->user, &clean, 0, "", req->client_ip, &id);
    if (rc == STORE_OK && sid > 0)
        rc = store_suggestion_review(db, &ctx->user, sid, "accepted", "", id, req->client_ip);
    if (rc == STORE_OK) rc = store_commit(db);
    else store_rollback(db);
    if (rc == STORE_ENOTFOUND) {
        web_render_error(req, resp, 409, "conflict", "the suggestion was already reviewed",
                         "این پیشنهاد پیش‌تر بررسی شده است.");
        return;
    }
    if (rc != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    http_redirect(resp, arena_printf(req->a, "/promises/%lld", (long long)id));
}
