/* pages_promises — the public face of the promise tracker, no sign-in needed: the
 * index with its filters and the chart of ratings, a page per promise with its
 * sources and timeline, a page per person, per occasion and per stored article.
 *
 * The secretariat sees, on a promise's page, the form that records a rating change;
 * a change is checked by promise_rating_validate and, when refused, the page comes
 * back with the typed values and a Persian message beside each field, nothing
 * written. Only promises reach these pages: suggestions from the public live in
 * their own table until the secretariat turns one into a promise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "text/fa_key.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/promise_pages.h"
#include "web/promise_view.h"

/* --- the index -------------------------------------------------------------------- */

struct select_ctx {
    buf *b;
    const char *selected;
};

static int facet_option(void *arg, const char *value) {
    struct select_ctx *s = arg;
    bool sel = s->selected && !strcmp(s->selected, value);
    pv_option(s->b, value, value, sel);
    return 0;
}

static int person_option(void *arg, int64_t id, const char *name, int64_t n) {
    struct select_ctx *s = arg;
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    bool sel = s->selected && !strcmp(s->selected, idtext);
    html_fmt(s->b, sel ? "<option value=\"%s\" selected>%s (" : "<option value=\"%s\">%s (",
             idtext, name);
    pv_num(s->b, n);
    html_raw(s->b, ")</option>");
    return 0;
}

static int facet_select(buf *b, store_conn *db, const char *name, const char *label,
                        const char *selected) {
    html_fmt(b, "<div class=\"filter\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">"
                "<option value=\"\">همه</option>",
             name, label, name, name);
    struct select_ctx s = {b, selected};
    int rc = !strcmp(name, "person") ? store_promise_people_each(db, person_option, &s)
                                     : store_promise_facet_each(db, name, facet_option, &s);
    html_raw(b, "</select></div>\n");
    return rc;
}

static const char *nonempty(const char *s) { return s && *s ? s : NULL; }

/* Appends "name=value&" (URL-encoded) when value is set. */
static void query_part(buf *q, const char *name, const char *value) {
    if (!value) return;
    buf_puts(q, name);
    buf_putc(q, '=');
    html_url_component(q, value);
    buf_putc(q, '&');
}

enum { PAGE_SIZE = 50 };

/* Links to the previous and next pages of the index. */
static void pager(buf *b, const char *base_query, const char *rating, long page, bool more) {
    if (page <= 1 && !more) return;
    html_raw(b, "<nav class=\"pager\" aria-label=\"صفحه‌ها\">");
    if (page > 1)
        html_fmt(b, "<a href=\"/promises?%s%s%s%spage=%ld\" rel=\"prev\">صفحه پیش</a> ", base_query,
                 rating ? "rating=" : "", rating ? rating : "", rating ? "&" : "", page - 1);
    if (more)
        html_fmt(b, "<a href=\"/promises?%s%s%s%spage=%ld\" rel=\"next\">صفحه بعد</a>", base_query,
                 rating ? "rating=" : "", rating ? rating : "", rating ? "&" : "", page + 1);
    html_raw(b, "</nav>\n");
}

static void editor_links(struct http_req *req, buf *b) {
    if (!pv_can_edit(req)) return;
    html_raw(b, "<nav class=\"actions\" aria-label=\"کارهای دبیرخانه\">"
                "<a class=\"button\" href=\"/promises/intake\">دریافت خبر</a> "
                "<a class=\"button\" href=\"/promises/new\">ثبت وعده</a> "
                "<a class=\"button\" href=\"/promises/suggestions\">پیشنهادهای مردمی</a></nav>\n");
}

void page_promises(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *person = nonempty(http_query(req, "person"));
    const char *rating = nonempty(http_query(req, "rating"));
    struct promise_filter f = {0};
    f.office = nonempty(http_query(req, "office"));
    f.county = nonempty(http_query(req, "county"));
    f.topic = nonempty(http_query(req, "topic"));
    f.rating = promise_rating_from_code(rating) >= 0 ? rating : NULL;
    const char *q = nonempty(http_query(req, "q"));
    const char *page_text = http_query(req, "page");
    long page = page_text ? strtol(page_text, NULL, 10) : 1;
    if (page < 1 || page > 100000) page = 1;
    f.limit = PAGE_SIZE;
    f.offset = (int)((page - 1) * PAGE_SIZE);
    if (person) {
        char *end;
        long long v = strtoll(person, &end, 10);
        f.person_id = *end || v <= 0 ? -1 : v; /* -1 matches nobody */
    }
    buf key;
    buf_init(&key, 4096);
    if (q && fa_key(q, strlen(q), &key) == 0 && key.len) f.q_key = arena_strdup(req->a, key.data);
    buf_free(&key);

    buf base;
    buf_init(&base, 8192);
    query_part(&base, "person", person);
    query_part(&base, "office", f.office);
    query_part(&base, "county", f.county);
    query_part(&base, "topic", f.topic);
    query_part(&base, "q", q);
    const char *base_query = arena_strdup(req->a, base.data ? base.data : "");
    buf_free(&base);

    buf *b = &resp->body;
    pv_begin(req, b, "وعده‌ها", "/promises");
    html_raw(b, "<h1>وعده‌ها</h1>\n<p class=\"lead\">وعده‌هایی که مسئولان در بازدیدها، جلسه‌ها و "
                "گفت‌وگوها درباره تولید و رفع موانع آن داده‌اند، با منبع و سرگذشت ارزیابی هر کدام."
                "</p>\n<p class=\"links\"><a href=\"/promises/suggest\">پیشنهاد یک وعده</a> · "
                "<a href=\"/promises/feed.atom\">خوراک تغییرات ارزیابی (Atom)</a></p>\n");
    editor_links(req, b);
    html_raw(b, "<form method=\"get\" action=\"/promises\" class=\"filters\" role=\"search\">\n");
    int rc = facet_select(b, db, "person", "گوینده", person);
    if (rc == STORE_OK) rc = facet_select(b, db, "office", "سمت", f.office);
    if (rc == STORE_OK) rc = facet_select(b, db, "county", "شهرستان", f.county);
    if (rc == STORE_OK) rc = facet_select(b, db, "topic", "موضوع", f.topic);
    html_raw(b, "<div class=\"filter\"><label for=\"f-rating\">ارزیابی</label>"
                "<select id=\"f-rating\" name=\"rating\"><option value=\"\">همه</option>");
    for (int r = 0; r < PR_COUNT; r++)
        pv_option(b, promise_rating_code(r), promise_rating_label_fa(r),
                  f.rating && r == promise_rating_from_code(f.rating));
    html_fmt(b, "</select></div>\n<div class=\"filter\"><label for=\"f-q\">جست‌وجو</label>"
                "<input id=\"f-q\" name=\"q\" value=\"%s\" type=\"search\"></div>\n"
                "<div class=\"filter\"><button type=\"submit\">نمایش</button></div>\n</form>\n",
             q ? q : "");
    int64_t counts[PR_COUNT];
    if (rc == STORE_OK) rc = store_promise_count_by_rating(db, &f, counts);
    if (rc == STORE_OK) pv_chart(b, counts, base_query);
    int shown = 0;
    if (rc == STORE_OK) rc = pv_list(b, db, &f, &shown);
    if (rc != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    pager(b, base_query, f.rating, page, shown == f.limit);
    layout_end(b);
}

/* --- one promise ------------------------------------------------------------------ */

struct sources_ctx {
    buf *b;
    int n;
};

static int source_item(void *arg, const struct source_rec *s) {
    struct sources_ctx *sc = arg;
    buf *b = sc->b;
    sc->n++;
    html_raw(b, "<li>");
    if (*s->url)
        html_fmt(b, "<a href=\"%h\" rel=\"nofollow noopener\" dir=\"ltr\">%s</a>", s->url,
                 *s->title ? s->title : s->url);
    else html_text(b, s->title);
    if (s->article_id)
        html_fmt(b, " — <a href=\"/promises/articles/%lld\">متن خبر</a>", (long long)s->article_id);
    html_raw(b, "</li>\n");
    return 0;
}

static void source_text(buf *b, const char *source) {
    if (promise_url_ok(source))
        html_fmt(b, "<a href=\"%h\" rel=\"nofollow noopener\" dir=\"ltr\">%s</a>", source, source);
    else html_text(b, source);
}

static int timeline_item(void *arg, const struct rating_rec *r) {
    buf *b = arg;
    html_raw(b, "<li><p class=\"when\">");
    pv_date(b, r->changed_on);
    html_raw(b, "</p><p>");
    pv_rating(b, r->rating);
    if (*r->prev_rating) {
        int prev = promise_rating_from_code(r->prev_rating);
        html_fmt(b, " <small>(پیش از این: %s)</small>",
                 promise_rating_label_fa(prev < 0 ? PR_NOT_RATED : prev));
    }
    html_fmt(b, "</p><p class=\"note\">%s</p><p class=\"source\">منبع: ", r->note);
    source_text(b, r->source);
    html_raw(b, "</p></li>\n");
    return 0;
}

static void rating_form(struct http_req *req, buf *b, int64_t id, const struct rating_input *in,
                        const struct promise_errors *errs) {
    html_fmt(b,
             "<section class=\"card\" id=\"rate\"><h2>ثبت ارزیابی تازه</h2>\n"
             "<form method=\"post\" action=\"/promises/%lld/ratings\" class=\"stack\" novalidate>\n"
             "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n"
             "<label for=\"rating\">ارزیابی</label><select id=\"rating\" name=\"rating\"",
             (long long)id, web_ctx(req)->csrf);
    pv_invalid_attrs(b, errs, "rating");
    html_raw(b, ">");
    for (int r = PR_IN_THE_WORKS; r < PR_COUNT; r++)
        pv_option(b, promise_rating_code(r), promise_rating_label_fa(r),
                  in && in->rating && !strcmp(in->rating, promise_rating_code(r)));
    html_raw(b, "</select>\n");
    pv_field_error(b, errs, "rating");
    char today[11];
    promise_iso_date(clock_now(), today);
    pv_input(b, "changed_on", "تاریخ (شمسی)", in ? in->changed_on : pv_jalali_short(req->a, today),
             "۱۴۰۳/۰۵/۱۲", errs, "changed_on");
    pv_input(b, "source", "منبع (نشانی یا شرح)", in ? in->source : NULL, NULL, errs, "source");
    html_raw(b, "<label for=\"note\">توضیح</label><textarea id=\"note\" name=\"note\" rows=\"3\"");
    pv_invalid_attrs(b, errs, "note");
    html_fmt(b, ">%s</textarea>\n", in && in->note ? in->note : "");
    pv_field_error(b, errs, "note");
    html_raw(b, "<button type=\"submit\">ثبت ارزیابی</button>\n</form>\n</section>\n");
}

/* Links to zones, units and cases. The public sees what kind of record a promise is
 * tied to and how many; signed-in staff see the records themselves. */
struct links_ctx {
    buf *b;
    bool staff;
    int hidden;
};

static int link_item(void *arg, const char *kind, int64_t target_id, const char *label) {
    struct links_ctx *l = arg;
    const char *what = !strcmp(kind, "zone") ? "محدوده صنعتی" : !strcmp(kind, "unit") ? "واحد تولیدی"
                                                                                   : "پرونده";
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)target_id);
    if (l->staff)
        html_fmt(l->b, "<li>%s: <a href=\"/%ss/%u\">%s</a></li>\n", what, kind, id,
                 *label ? label : id);
    else if (!strcmp(kind, "zone"))
        html_fmt(l->b, "<li>%s: %s</li>\n", what, label);
    else
        l->hidden++;
    return 0;
}

static void links_section(struct http_req *req, buf *b, store_conn *db, int64_t id) {
    int role = web_ctx(req)->role;
    struct links_ctx l = {b, (role & (ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER)) != 0, 0};
    html_raw(b, "<section><h2>پیوندها</h2><ul class=\"links\">\n");
    store_promise_links_each(db, id, link_item, &l);
    if (l.hidden) {
        html_raw(b, "<li>");
        pv_num(b, l.hidden);
        html_raw(b, " واحد یا پرونده مرتبط (جزئیات فقط برای کارگروه)</li>\n");
    }
    html_raw(b, "</ul>");
    if (pv_can_edit(req)) {
        char sid[32];
        snprintf(sid, sizeof sid, "%lld", (long long)id);
        html_fmt(b, "<form method=\"post\" action=\"/promises/%u/links\" class=\"inline-form\">"
                    "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                    "<div class=\"field\"><label for=\"f-link-kind\">نوع</label>"
                    "<select id=\"f-link-kind\" name=\"kind\"><option value=\"zone\">محدوده صنعتی"
                    "</option><option value=\"unit\">واحد تولیدی</option><option value=\"case\">"
                    "پرونده</option></select></div>"
                    "<div class=\"field\"><label for=\"f-link-id\">شماره</label>"
                    "<input id=\"f-link-id\" name=\"target_id\" required></div>"
                    "<button type=\"submit\">افزودن پیوند</button></form>",
                 sid, web_ctx(req)->csrf);
    }
    html_raw(b, "</section>\n");
}

static void render_promise(struct http_req *req, struct http_resp *resp, int64_t id,
                           const struct rating_input *typed, const struct promise_errors *errs) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct promise_rec p;
    int rc = store_promise_get(db, id, req->a, &p);
    if (rc == STORE_ENOTFOUND) {
        web_not_found(req, resp);
        return;
    }
    if (rc != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    buf *b = &resp->body;
    pv_begin(req, b, p.summary, "/promises");
    html_raw(b, "<p class=\"crumbs\"><a href=\"/promises\">وعده‌ها</a></p>\n");
    html_fmt(b, "<article class=\"promise-page\"><h1>%s</h1>\n<p class=\"current\">ارزیابی کنونی: ",
             p.summary);
    pv_rating(b, p.rating);
    if (*p.rated_on) {
        html_raw(b, " <small>(");
        pv_date(b, p.rated_on);
        html_raw(b, ")</small>");
    }
    html_fmt(b, "</p>\n<blockquote class=\"quote\"><p>%s</p></blockquote>\n<dl class=\"facts\">"
                "<dt>گوینده</dt><dd><a href=\"/promises/people/%lld\">%s</a></dd>",
             p.quote, (long long)p.person_id, p.person);
    if (*p.office) html_fmt(b, "<dt>سمت</dt><dd>%s</dd>", p.office);
    html_raw(b, "<dt>تاریخ وعده</dt><dd>");
    pv_date(b, p.said_on);
    html_raw(b, "</dd>");
    if (p.occasion_id) {
        int k = occasion_kind_from_code(p.occasion_kind);
        html_fmt(b, "<dt>مناسبت</dt><dd><a href=\"/promises/occasions/%lld\">%s</a> (%s)</dd>",
                 (long long)p.occasion_id, p.occasion_title,
                 occasion_kind_label_fa(k < 0 ? OCC_OTHER : k));
    }
    if (*p.county) html_fmt(b, "<dt>شهرستان</dt><dd>%s</dd>", p.county);
    if (*p.topic) html_fmt(b, "<dt>موضوع</dt><dd>%s</dd>", p.topic);
    if (*p.agency) html_fmt(b, "<dt>دستگاه مسئول</dt><dd>%s</dd>", p.agency);
    html_raw(b, "<dt>موعد تحقق</dt><dd>");
    pv_date(b, p.target_on);
    html_raw(b, "</dd></dl>\n<section><h2>منابع</h2><ul class=\"sources\">\n");
    struct sources_ctx sc = {b, 0};
    rc = store_promise_sources_each(db, id, source_item, &sc);
    if (!sc.n) html_raw(b, "<li>منبعی جز سرگذشت ارزیابی ثبت نشده است.</li>\n");
    html_raw(b, "</ul></section>\n");
    links_section(req, b, db, id);
    html_raw(b, "<section><h2>سرگذشت ارزیابی</h2>\n<ol class=\"timeline\">\n");
    if (rc == STORE_OK) rc = store_promise_ratings_each(db, id, timeline_item, b);
    html_raw(b, "</ol></section>\n</article>\n");
    if (rc != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    if (pv_can_edit(req)) {
        if (errs && errs->n)
            html_raw(b, "<p class=\"alert\" role=\"alert\">ارزیابی ثبت نشد؛ خطاهای فرم را "
                        "برطرف کنید.</p>\n");
        rating_form(req, b, id, typed, errs);
    }
    layout_end(b);
}

void page_promise(struct http_req *req, struct http_resp *resp) {
    int64_t id = pv_param_id(req, "id");
    if (!id) {
        web_not_found(req, resp);
        return;
    }
    render_promise(req, resp, id, NULL, NULL);
}

void action_promise_rate(struct http_req *req, struct http_resp *resp) {
    struct promise_rec p;
    store_conn *db = pv_promise_from_path(req, resp, &p);
    if (!db) return;
    int64_t id = p.id;
    char last[11], today[11];
    if (store_promise_last_change(db, id, last) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    promise_iso_date(clock_now(), today);
    struct rating_input in = {http_form(req, "rating"), http_form(req, "changed_on"),
                              http_form(req, "source"), http_form(req, "note")};
    struct rating_clean clean;
    struct promise_errors errs;
    if (promise_rating_validate(&in, p.said_on, last[0] ? last : NULL, today, req->a, &clean,
                                &errs) != 0) {
        resp->status = 422;
        render_promise(req, resp, id, &in, &errs);
        return;
    }
    struct web_ctx *ctx = web_ctx(req);
    if (store_promise_rate(db, &ctx->user, id, &clean, req->client_ip) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    http_redirect(resp, arena_printf(req->a, "/promises/%lld#rate", (long long)id));
}

/* --- person, occasion, article ----------------------------------------------------- */

static void list_page(struct http_req *req, struct http_resp *resp, store_conn *db,
                      const struct promise_filter *f, const char *base_query) {
    buf *b = &resp->body;
    int64_t counts[PR_COUNT];
    int rc = store_promise_count_by_rating(db, f, counts);
    if (rc == STORE_OK) pv_chart(b, counts, base_query);
    if (rc == STORE_OK) rc = pv_list(b, db, f, NULL);
    if (rc != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    layout_end(b);
}

void page_promise_person(struct http_req *req, struct http_resp *resp) {
    int64_t id = pv_param_id(req, "id");
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *name;
    int rc = id ? store_promise_person_get(db, id, req->a, &name) : STORE_ENOTFOUND;
    if (rc != STORE_OK) {
        pv_store_error(req, resp, rc);
        return;
    }
    buf *b = &resp->body;
    pv_begin(req, b, name, "/promises");
    html_fmt(b, "<p class=\"crumbs\"><a href=\"/promises\">وعده‌ها</a></p>\n"
                "<h1>وعده‌های %s</h1>\n",
             name);
    struct promise_filter f = {.person_id = id};
    list_page(req, resp, db, &f, arena_printf(req->a, "person=%lld&", (long long)id));
}

void page_promise_occasion(struct http_req *req, struct http_resp *resp) {
    int64_t id = pv_param_id(req, "id");
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *title, *kind, *held_on, *county;
    int rc = id ? store_promise_occasion_get(db, id, req->a, &title, &kind, &held_on, &county)
                : STORE_ENOTFOUND;
    if (rc != STORE_OK) {
        pv_store_error(req, resp, rc);
        return;
    }
    buf *b = &resp->body;
    pv_begin(req, b, title, "/promises");
    int k = occasion_kind_from_code(kind);
    html_fmt(b, "<p class=\"crumbs\"><a href=\"/promises\">وعده‌ها</a></p>\n<h1>%s</h1>\n"
                "<p class=\"meta\">%s · ",
             title, occasion_kind_label_fa(k < 0 ? OCC_OTHER : k));
    pv_date(b, held_on);
    if (*county) html_fmt(b, " · شهرستان %s", county);
    html_raw(b, "</p>\n");
    struct promise_filter f = {.occasion_id = id};
    list_page(req, resp, db, &f, "");
}

void page_promise_article(struct http_req *req, struct http_resp *resp) {
    int64_t id = pv_param_id(req, "id");
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *title, *url, *body;
    int rc = id ? store_promise_article_get(db, id, req->a, &title, &url, &body) : STORE_ENOTFOUND;
    if (rc != STORE_OK) {
        pv_store_error(req, resp, rc);
        return;
    }
    buf *b = &resp->body;
    pv_begin(req, b, *title ? title : "متن خبر", "/promises");
    html_fmt(b, "<p class=\"crumbs\"><a href=\"/promises\">وعده‌ها</a></p>\n<h1>%s</h1>\n",
             *title ? title : "متن خبر");
    if (*url) html_fmt(b, "<p>نشانی: <a href=\"%h\" rel=\"nofollow noopener\" dir=\"ltr\">%s</a></p>\n", url, url);
    html_raw(b, "<div class=\"article-text\">");
    /* One paragraph per line of the stored text. */
    const char *p = body;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n) {
            html_raw(b, "<p>");
            html_textn(b, p, n);
            html_raw(b, "</p>\n");
        }
        p += n + (nl ? 1 : 0);
    }
    html_raw(b, "</div>\n<h2>وعده‌های برگرفته از این خبر</h2>\n");
    struct promise_filter f = {.article_id = id};
    if (pv_list(b, db, &f, NULL) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    layout_end(b);
}

void action_promise_link(struct http_req *req, struct http_resp *resp) {
    int64_t id = pv_param_id(req, "id");
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *kind = http_form(req, "kind"), *target = http_form(req, "target_id");
    int64_t target_id = 0;
    if (!target || fa_num_parse_i64(target, strlen(target), &target_id, NULL) != 0 || target_id <= 0)
        return web_render_error(req, resp, 422, "validation", "target_id must be a record number",
                                "شماره محدوده، واحد یا پرونده را وارد کنید.");
    int rc = store_promise_link_add(db, &web_ctx(req)->user, id, kind, target_id);
    if (rc == STORE_OK)
        return http_redirect(resp, arena_printf(req->a, "/promises/%lld", (long long)id));
    if (rc == STORE_ENOTFOUND)
        return web_render_error(req, resp, 422, "validation", "no such record",
                                "رکوردی با این شماره پیدا نشد.");
    if (rc == STORE_ECONSTRAINT)
        return web_render_error(req, resp, 422, "validation", "kind must be zone, unit or case",
                                "نوع پیوند معتبر نیست.");
    web_server_error(req, resp);
}
