/* pages_promise_suggest — suggestions from the public and their review.
 *
 * Anyone may suggest a promise (no sign-in): the form carries a double-submit CSRF
 * token (ROUTE_PUBLIC_FORM), a honeypot field that people leave empty and form
 * robots fill (such a post is thanked and dropped), and each address may send
 * SUGGEST_LIMIT suggestions per SUGGEST_WINDOW (auth/throttle, per process). A
 * suggestion is stored as pending and is never shown publicly: the secretariat
 * reviews it, and either turns it into a promise through the new-promise form
 * (pre-filled; the suggestion is marked accepted in the same transaction) or
 * rejects it with a note. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/promise_pages.h"
#include "web/promise_view.h"

enum { SUGGEST_LIMIT = 5, SUGGEST_WINDOW = 3600 };

static throttle *suggest_throttle;
static pthread_once_t suggest_once = PTHREAD_ONCE_INIT;
static void suggest_init(void) { suggest_throttle = throttle_new(SUGGEST_LIMIT, SUGGEST_WINDOW); }

static const struct {
    const char *name, *label;
    bool textarea;
} suggest_fields[] = {
    {"person", "نام گوینده *", false},          {"office", "سمت", false},
    {"said_on", "تاریخ (شمسی)", false},         {"county", "شهرستان", false},
    {"quote", "متن وعده *", true},              {"source_url", "نشانی منبع (خبر، ویدئو)", false},
    {"contact", "راه تماس با شما (اختیاری، منتشر نمی‌شود)", false},
};

static const char *suggest_value(const struct suggestion_input *in, const char *name) {
    if (!in) return "";
    const char *v = !strcmp(name, "person")       ? in->person
                    : !strcmp(name, "office")     ? in->office
                    : !strcmp(name, "said_on")    ? in->said_on
                    : !strcmp(name, "county")     ? in->county
                    : !strcmp(name, "quote")      ? in->quote
                    : !strcmp(name, "source_url") ? in->source_url
                                                  : in->contact;
    return v ? v : "";
}

static void render_suggest(struct http_req *req, struct http_resp *resp,
                           const struct suggestion_input *in, const struct promise_errors *errs,
                           const char *alert) {
    buf *b = &resp->body;
    const char *token = web_form_token(req, resp);
    pv_begin(req, b, "پیشنهاد وعده", "/promises");
    html_raw(b, "<p class=\"crumbs\"><a href=\"/promises\">وعده‌ها</a></p>\n<h1>پیشنهاد وعده</h1>\n"
                "<p class=\"lead\">اگر مسئولی درباره تولید وعده‌ای داده که در این فهرست نیست، آن را "
                "با منبعش بفرستید. دبیرخانه کارگروه پیشنهاد را بررسی می‌کند و تنها پس از تأیید "
                "منتشر می‌شود.</p>\n");
    if (http_query(req, "sent"))
        html_raw(b, "<p class=\"ok\" role=\"status\">پیشنهاد شما رسید؛ پس از بررسی دبیرخانه "
                    "منتشر می‌شود. سپاس.</p>\n");
    if (alert) html_fmt(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", alert);
    html_fmt(b, "<form method=\"post\" action=\"/promises/suggest\" class=\"card stack\" novalidate>\n"
                "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n",
             token);
    for (size_t i = 0; i < sizeof suggest_fields / sizeof *suggest_fields; i++) {
        const char *name = suggest_fields[i].name;
        html_fmt(b, "<label for=\"%s\">%s</label>\n", name, suggest_fields[i].label);
        html_fmt(b, suggest_fields[i].textarea ? "<textarea id=\"%s\" name=\"%s\" rows=\"5\""
                                               : "<input id=\"%s\" name=\"%s\"",
                 name, name);
        pv_invalid_attrs(b, errs, name);
        html_fmt(b, suggest_fields[i].textarea ? ">%s</textarea>\n" : " value=\"%s\">\n",
                 suggest_value(in, name));
        pv_field_error(b, errs, name);
    }
    /* The honeypot: hidden from people (CSS), filled by form robots. */
    html_raw(b, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"website\">این فیلد را خالی "
                "بگذارید</label><input id=\"website\" name=\"website\" tabindex=\"-1\" "
                "autocomplete=\"off\"></div>\n<button type=\"submit\">فرستادن پیشنهاد</button>\n"
                "</form>\n");
    layout_end(b);
}

void page_promise_suggest(struct http_req *req, struct http_resp *resp) {
    render_suggest(req, resp, NULL, NULL, NULL);
}

void action_promise_suggest(struct http_req *req, struct http_resp *resp) {
    const char *hp = http_form(req, "website");
    if (hp && *hp) { /* a robot: thank it, keep nothing */
        http_redirect(resp, "/promises/suggest?sent=1");
        return;
    }
    pthread_once(&suggest_once, suggest_init);
    const char *ip_key = arena_printf(req->a, "suggest:%s", req->client_ip);
    int64_t now = clock_now();
    if (!suggest_throttle || throttle_blocked(suggest_throttle, ip_key, now)) {
        resp->status = 429;
        http_set_header(resp, "Retry-After", "3600");
        render_suggest(req, resp, NULL, NULL,
                       "از این نشانی پیشنهادهای زیادی رسیده است؛ یک ساعت دیگر دوباره بفرستید.");
        return;
    }
    struct suggestion_input in = {http_form(req, "person"), http_form(req, "office"),
                                  http_form(req, "said_on"), http_form(req, "county"),
                                  http_form(req, "quote"), http_form(req, "source_url"),
                                  http_form(req, "contact")};
    struct suggestion_input clean;
    struct promise_errors errs;
    if (promise_suggestion_validate(&in, req->a, &clean, &errs) != 0) {
        resp->status = 422;
        render_suggest(req, resp, &in, &errs, "پیشنهاد فرستاده نشد؛ خطاهای فرم را برطرف کنید.");
        return;
    }
    store_conn *db = web_db(req, resp);
    if (!db) return;
    if (store_suggestion_add(db, &clean, req->client_ip, NULL) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    throttle_failure(suggest_throttle, ip_key, now); /* counts sent suggestions */
    http_redirect(resp, "/promises/suggest?sent=1");
}

/* --- review ----------------------------------------------------------------------- */

static int suggestion_row(void *arg, const struct suggestion_rec *s) {
    buf *b = arg;
    html_fmt(b, "<li class=\"promise\"><h3><a href=\"/promises/suggestions/%lld\">%s</a>", (long long)s->id,
             s->person);
    if (*s->office) html_fmt(b, "، %s", s->office);
    html_fmt(b, "</h3><p>%s</p><p class=\"meta\">", s->quote);
    if (*s->said_on) html_fmt(b, "تاریخ: %s · ", s->said_on);
    if (*s->source_url) html_fmt(b, "<a href=\"%h\" rel=\"nofollow noopener\" dir=\"ltr\">منبع</a>", s->source_url);
    html_raw(b, "</p></li>\n");
    return 0;
}

void page_promise_suggestions(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    buf *b = &resp->body;
    pv_begin(req, b, "پیشنهادهای مردمی", "/promises");
    html_raw(b, "<p class=\"crumbs\"><a href=\"/promises\">وعده‌ها</a></p>\n"
                "<h1>پیشنهادهای مردمی در انتظار بررسی</h1>\n<ul class=\"promises\">\n");
    int rc = store_suggestion_each(db, "pending", suggestion_row, b);
    html_raw(b, "</ul>\n");
    if (rc != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    if (store_suggestion_pending_count(db) == 0)
        html_raw(b, "<p class=\"empty\">پیشنهادی در انتظار بررسی نیست.</p>\n");
    layout_end(b);
}

void page_promise_suggestion(struct http_req *req, struct http_resp *resp) {
    int64_t id = pv_param_id(req, "id");
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct suggestion_rec s;
    int rc = id ? store_suggestion_get(db, id, req->a, &s) : STORE_ENOTFOUND;
    if (rc != STORE_OK) {
        pv_store_error(req, resp, rc);
        return;
    }
    if (strcmp(s.status, "pending") != 0) {
        web_render_error(req, resp, 409, "conflict", "the suggestion was already reviewed",
                         "این پیشنهاد پیش‌تر بررسی شده است.");
        return;
    }
    struct promise_input in = {.person = s.person, .office = s.office, .said_on = s.said_on,
                               .county = s.county, .quote = s.quote, .source_url = s.source_url,
                               .occasion_kind = "interview"};
    promise_form_render(req, resp, &in, NULL, (long long)id); /* with the reject form */
}

void action_promise_suggestion_reject(struct http_req *req, struct http_resp *resp) {
    int64_t id = pv_param_id(req, "id");
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *note = http_form(req, "note");
    int rc = id ? store_suggestion_review(db, &web_ctx(req)->user, id, "rejected",
                                          note ? note : "", 0, req->client_ip)
                : STORE_ENOTFOUND;
    if (rc != STORE_OK) {
        pv_store_error(req, resp, rc);
        return;
    }
    http_redirect(resp, "/promises/suggestions");
}
