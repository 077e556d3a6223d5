/* pages_cases — the lists of cases for people: the list with filters (state,
 * category, agency, zone, county, overdue, Jalali date range, words) and
 * pagination, saved filters per user, the CSV export of the same list (UTF-8 with
 * BOM), the inbox of each role, and full-text search with highlighted snippets.
 * What a viewer may see is decided by the store (case_viewer), not here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_out.h"
#include "text/fa_fts5.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/widgets.h"
#include "web/case_view.h"
#include "web/case_web.h"
#include "web/pages_cases.h"
#include "web/registry_view.h"

enum { CASES_PER_PAGE = 50, INBOX_ROWS = 20, CSV_MAX_ROWS = 200000 };

static int parse_page(struct http_req *req) {
    const char *p = http_query(req, "page");
    int64_t v;
    if (!p || fa_num_parse_i64(p, strlen(p), &v, NULL) != 0 || v < 1 || v > 100000) return 1;
    return (int)v;
}

/* The layout and the heading, with the filing button for those who may file. */
static void page_head(struct http_req *req, buf *b, const char *title, const char *active) {
    struct layout_user who = web_who(req);
    layout_begin(b, title, &who, active);
    html_fmt(b, "<div class=\"page-head\"><h1>%s</h1>", title);
    if (web_ctx(req)->role & (ROLE_PRODUCER | ROLE_SECRETARIAT))
        html_raw(b, "<a class=\"button\" href=\"/cases/new\">ثبت درخواست</a>");
    html_raw(b, "</div>\n");
}

static const char *const filter_names[] = {"q",      "state", "category_id", "agency_id",
                                           "zone_id", "county", "overdue",    "from",
                                           "to"};

/* The filter parameters (not the page) re-encoded for links. */
static void keep_filters(struct http_req *req, buf *q) {
    for (size_t i = 0; i < sizeof filter_names / sizeof *filter_names; i++) {
        const char *v = http_query(req, filter_names[i]);
        if (!v || !*v) continue;
        if (q->len) buf_putc(q, '&');
        buf_puts(q, filter_names[i]);
        buf_putc(q, '=');
        html_url_component(q, v);
    }
}

static int saved_filter_li(void *arg, int64_t id, const char *name, const char *query) {
    struct http_req *req = ((void **)arg)[0];
    buf *b = ((void **)arg)[1];
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    html_fmt(b, "<li><a href=\"/cases?%s\">%s</a> <form method=\"post\" class=\"inline\" "
                "action=\"/cases/filters/%u/delete\"><input type=\"hidden\" name=\"_csrf\" "
                "value=\"%s\"><button type=\"submit\" class=\"link\">حذف</button></form></li>",
             query, name, sid, web_ctx(req)->csrf);
    return 0;
}

void page_cases(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    struct case_filter f = {0};
    buf match;
    buf_init(&match, 16 * 1024);
    case_filter_from_query(req, db, &f, &match, true);
    int page = parse_page(req);
    f.limit = CASES_PER_PAGE;
    f.offset = (page - 1) * CASES_PER_PAGE;
    f.count = true;

    buf *b = &resp->body;
    page_head(req, b, "پرونده‌ها", "/cases");
    html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/cases\" role=\"search\">");
    w_input(b, "q", "جستجو", http_query(req, "q"), "search", NULL, 0, "عنوان، شرح یا گفتگو");
    w_select_begin(b, "state", "وضعیت", NULL);
    const char *state = http_query(req, "state");
    w_option(b, "", "همه وضعیت‌ها", !state || !*state);
    for (int s = 0; s < CASE_STATE_COUNT; s++)
        w_option(b, case_state_code((enum case_state)s), case_state_label((enum case_state)s),
                 state && !strcmp(state, case_state_code((enum case_state)s)));
    w_select_end(b, NULL);
    case_select_category(b, db, "category_id", f.category_id, "همه موضوع‌ها", NULL);
    case_select_agency(b, db, "agency_id", f.agency_id, "همه دستگاه‌ها", NULL);
    case_select_zone(b, db, "zone_id", f.zone_id, "همه محدوده‌ها");
    registry_select_county(b, db, "county", http_query(req, "county"), "همه شهرستان‌ها", NULL);
    w_input(b, "from", "از تاریخ", http_query(req, "from"), "text", NULL, 0, "۱۴۰۴/۰۱/۰۱");
    w_input(b, "to", "تا تاریخ", http_query(req, "to"), "text", NULL, 0, "۱۴۰۴/۱۲/۲۹");
    html_fmt(b, "<label class=\"check\"><input type=\"checkbox\" name=\"overdue\" value=\"1\"%s> "
                "فقط سررسید گذشته</label>",
             f.overdue ? " checked" : "");
    html_raw(b, "<button type=\"submit\">نمایش</button></form>\n");

    buf kept;
    buf_init(&kept, 8192);
    keep_filters(req, &kept);
    const char *kq = kept.data ? kept.data : "";
    html_fmt(b, "<p class=\"tools\"><a href=\"/cases/export.csv?%s\">دریافت CSV</a></p>", kq);

    case_table_begin(b);
    int64_t total = 0;
    int rc = store_case_list(db, &v, &f, case_tr, b, &total);
    buf_free(&match);
    if (rc != STORE_OK) {
        buf_free(&kept);
        return web_server_error(req, resp);
    }
    case_table_end(b);
    if (total == 0) html_raw(b, "<p class=\"empty\">پرونده‌ای با این شرایط پیدا نشد.</p>");
    w_pagination(b, "/cases", kq, page, CASES_PER_PAGE, total);

    html_raw(b, "<section class=\"saved\"><h2>فیلترهای ذخیره‌شده</h2><ul>");
    void *args[2] = {req, b};
    store_saved_filter_each(db, ctx->user.id, saved_filter_li, args);
    html_raw(b, "</ul>");
    if (kept.len) {
        html_fmt(b, "<form method=\"post\" action=\"/cases/filters\" class=\"inline\">"
                    "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                    "<input type=\"hidden\" name=\"query\" value=\"%s\">",
                 ctx->csrf, kq);
        w_input(b, "name", "نام این فیلتر", NULL, "text", NULL, 1, NULL);
        html_raw(b, "<button type=\"submit\">ذخیره فیلتر</button></form>");
    }
    html_raw(b, "</section>\n");
    buf_free(&kept);
    layout_end(b);
}

static bool inbox_section(store_conn *db, const struct case_viewer *v, buf *b,
                          struct case_inbox_section *s) {
    int64_t total = 0;
    s->f.limit = INBOX_ROWS;
    s->f.count = true;
    buf rows;
    buf_init(&rows, b->max);
    case_table_begin(&rows);
    int rc = store_case_list(db, v, &s->f, case_tr, &rows, &total);
    case_table_end(&rows);
    if (rc == STORE_OK) {
        html_fmt(b, "<section><h2>%s <small>(", s->title);
        w_int(b, total);
        html_raw(b, ")</small></h2>");
        buf_append(b, rows.data, rows.len);
        if (total == 0) html_raw(b, "<p class=\"empty\">موردی نیست.</p>");
        else if (s->more) html_fmt(b, "<p><a href=\"/cases?%s\">همه موارد</a></p>", s->more);
        html_raw(b, "</section>\n");
    }
    buf_free(&rows);
    return rc == STORE_OK;
}

void page_cases_inbox(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    struct case_inbox_section secs[CASE_INBOX_MAX];
    int n = case_inbox_sections(req, db, secs);
    buf *b = &resp->body;
    page_head(req, b, "کارتابل", "/cases/inbox");
    html_raw(b, "<div class=\"inbox\">");
    for (int i = 0; i < n; i++)
        if (!inbox_section(db, &v, b, &secs[i])) return web_server_error(req, resp);
    html_raw(b, "</div>\n");
    layout_end(b);
}

struct search_ctx {
    buf *b;
    int n;
};

static int search_li(void *arg, const struct case_row *r, const char *snippet) {
    struct search_ctx *s = arg;
    if (++s->n > CASES_PER_PAGE) return 1;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    html_fmt(s->b, "<li><a href=\"/cases/%u\">%s</a> ", id, r->title);
    case_badge(s->b, r);
    html_fmt(s->b, " <small>%s · %s</small><p class=\"snippet\">", r->unit, r->category);
    case_snippet(s->b, snippet);
    html_raw(s->b, "</p></li>\n");
    return 0;
}

void page_cases_search(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    const char *q = http_query(req, "q");
    int page = parse_page(req);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "جستجوی پرونده‌ها", &who, "/cases");
    html_raw(b, "<h1>جستجوی پرونده‌ها</h1>\n<form class=\"filters\" method=\"get\" "
                "action=\"/cases/search\" role=\"search\">");
    w_input(b, "q", "جستجو", q, "search", NULL, 0, "هر شکلی از نوشتن: با نیم‌فاصله، فاصله، ي یا ی");
    html_raw(b, "<button type=\"submit\">جستجو</button></form>\n");
    buf match;
    buf_init(&match, 16 * 1024);
    if (q && *q && fa_fts5_query(q, strlen(q), &match) == 0) {
        char today[11];
        case_today(today);
        struct search_ctx s = {b, 0};
        html_raw(b, "<ol class=\"results\">");
        int rc = store_case_search(db, &v, match.data, today, CASES_PER_PAGE + 1,
                                   (page - 1) * CASES_PER_PAGE, search_li, &s);
        html_raw(b, "</ol>\n");
        if (rc != STORE_OK) {
            buf_free(&match);
            return web_server_error(req, resp);
        }
        if (s.n == 0) html_raw(b, "<p class=\"empty\">نتیجه‌ای پیدا نشد.</p>");
        html_raw(b, "<nav class=\"pagination\">");
        if (page > 1)
            html_fmt(b, "<a href=\"/cases/search?q=%u&amp;page=%d\">صفحه قبل</a> ", q, page - 1);
        if (s.n > CASES_PER_PAGE)
            html_fmt(b, "<a href=\"/cases/search?q=%u&amp;page=%d\">صفحه بعد</a>", q, page + 1);
        html_raw(b, "</nav>\n");
    }
    buf_free(&match);
    layout_end(b);
}

static void csv_field(buf *b, const char *s) {
    buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"') buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

static int csv_row(void *arg, const struct case_row *r) {
    buf *b = arg;
    buf_printf(b, "%lld,", (long long)r->id);
    /* A leading = + - @ would be a formula in a spreadsheet: prefix a quote. */
    if (strchr("=+-@", r->title[0]) && r->title[0]) {
        char t[sizeof r->title + 1];
        snprintf(t, sizeof t, "'%s", r->title);
        csv_field(b, t);
    } else {
        csv_field(b, r->title);
    }
    buf_putc(b, ',');
    csv_field(b, r->unit);
    buf_putc(b, ',');
    csv_field(b, r->category);
    buf_printf(b, ",%s,%s,", case_state_code(r->state), case_outcome_code(r->outcome));
    csv_field(b, r->agency);
    buf_printf(b, ",%s,%s,", r->due_on, r->overdue ? "1" : "0");
    csv_field(b, r->county);
    buf_putc(b, ',');
    csv_field(b, r->zone);
    if (r->amount >= 0) buf_printf(b, ",%lld,", (long long)r->amount);
    else buf_puts(b, ",,");
    buf_printf(b, "%s\r\n", r->created_at);
    return b->failed;
}

void page_cases_csv(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct case_viewer v = web_case_viewer(req);
    struct case_filter f = {0};
    buf match;
    buf_init(&match, 16 * 1024);
    case_filter_from_query(req, db, &f, &match, !req->is_api);
    f.limit = CSV_MAX_ROWS;
    buf *b = &resp->body;
    buf_puts(b, "\xEF\xBB\xBF");
    buf_puts(b, "id,title,unit,category,state,outcome,agency,due_on,overdue,county,zone,"
                "amount_rials,created_at\r\n");
    int rc = store_case_list(db, &v, &f, csv_row, b, NULL);
    buf_free(&match);
    if (rc != STORE_OK || b->failed) return web_server_error(req, resp);
    resp->content_type = "text/csv; charset=utf-8";
    http_set_header(resp, "Content-Disposition", "attachment; filename=\"cases.csv\"");
}

void action_cases_filter_save(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    const char *name = http_form(req, "name");
    const char *query = http_form(req, "query");
    char clean[256], q[4096];
    if (!name || !registry_copy_text(clean, sizeof clean, name) || !clean[0] || !query ||
        !registry_copy_text(q, sizeof q, query) || strchr(q, ' '))
        return web_render_error(req, resp, 422, "invalid", "a filter needs a name and a query",
                                "برای ذخیره فیلتر نامی بنویسید.");
    if (store_saved_filter_add(db, web_ctx(req)->user.id, clean, q) != STORE_OK)
        return web_server_error(req, resp);
    http_redirect(resp, arena_printf(req->a, "/cases?%s", q));
}

void action_cases_filter_delete(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    int64_t id = registry_id_param(req, "fid");
    int rc = id ? store_saved_filter_delete(db, web_ctx(req)->user.id, id) : STORE_ENOTFOUND;
    if (rc == STORE_ENOTFOUND) return web_not_found(req, resp);
    if (rc != STORE_OK) return web_server_error(req, resp);
    http_redirect(resp, "/cases");
}
