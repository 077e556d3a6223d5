/* promise_view — see promise_view.h. */
#include "web/promise_view.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "text/fa_date.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"

bool pv_can_edit(struct http_req *req) {
    return (web_ctx(req)->role & (ROLE_SECRETARIAT | ROLE_ADMIN)) != 0;
}

void pv_begin(struct http_req *req, buf *b, const char *title, const char *active) {
    struct layout_user who = web_who(req);
    layout_begin(b, title, &who, active);
    html_fmt(b, "<link rel=\"stylesheet\" href=\"%h\">\n", asset_url("promises.css"));
}

void pv_date(buf *b, const char *iso) {
    char out[64];
    if (!iso || !*iso || fa_date_format_iso(iso, FA_DATE_LONG, out, sizeof out, NULL) != 0) {
        html_raw(b, "—");
        return;
    }
    html_text(b, out);
}

const char *pv_jalali_short(arena *a, const char *iso) {
    char out[64];
    if (!iso || !*iso || fa_date_format_iso(iso, FA_DATE_SHORT, out, sizeof out, NULL) != 0)
        return "";
    return arena_strdup(a, out);
}

void pv_num(buf *b, int64_t n) {
    char out[64];
    if (fa_num_format_i64(n, out, sizeof out) != 0) out[0] = 0;
    html_text(b, out);
}

void pv_rating(buf *b, const char *code) {
    int r = promise_rating_from_code(code);
    if (r < 0) r = PR_NOT_RATED;
    html_fmt(b, "<span class=\"rating r-%s\">%s</span>", promise_rating_code(r),
             promise_rating_label_fa(r));
}

void pv_field_error(buf *b, const struct promise_errors *errs, const char *field) {
    const char *m = promise_error_for(errs, field);
    if (m) html_fmt(b, "<p class=\"field-error\" id=\"err-%s\">%s</p>\n", field, m);
}

void pv_invalid_attrs(buf *b, const struct promise_errors *errs, const char *field) {
    if (promise_error_for(errs, field))
        html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", field);
}

void pv_chart(buf *b, const int64_t counts[PR_COUNT], const char *base_query) {
    int64_t max = 0, total = 0;
    for (int r = 0; r < PR_COUNT; r++) {
        if (counts[r] > max) max = counts[r];
        total += counts[r];
    }
    html_raw(b, "<figure class=\"chart\" aria-labelledby=\"chart-title\">\n"
                "<figcaption id=\"chart-title\">شمار وعده‌ها بر پایه ارزیابی (");
    pv_num(b, total);
    html_raw(b, " وعده)</figcaption>\n<table class=\"bars\">\n<tbody>\n");
    for (int r = 0; r < PR_COUNT; r++) {
        /* Bar length in percent of the longest; the bar grows from the right (RTL). */
        long w = max ? (long)(counts[r] * 100 / max) : 0;
        if (counts[r] && w < 1) w = 1;
        html_fmt(b, "<tr><th scope=\"row\"><a href=\"/promises?%srating=%s\">%s</a></th>",
                 base_query ? base_query : "", promise_rating_code(r),
                 promise_rating_label_fa(r));
        html_fmt(b,
                 "<td class=\"bar\"><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
                 "aria-hidden=\"true\" focusable=\"false\"><rect class=\"r-%s\" x=\"%ld\" y=\"0\" "
                 "width=\"%ld\" height=\"10\"/></svg></td><td class=\"num\">",
                 promise_rating_code(r), 100 - w, w);
        pv_num(b, counts[r]);
        html_raw(b, "</td></tr>\n");
    }
    html_raw(b, "</tbody>\n</table>\n</figure>\n");
}

struct list_ctx {
    buf *b;
    int n;
};

static int list_row(void *arg, const struct promise_rec *p) {
    struct list_ctx *l = arg;
    buf *b = l->b;
    if (l->n++ == 0) html_raw(b, "<ul class=\"promises\">\n");
    html_fmt(b, "<li class=\"promise\"><h3><a href=\"/promises/%lld\">%s</a></h3>\n",
             (long long)p->id, p->summary);
    html_raw(b, "<p class=\"meta\">");
    pv_rating(b, p->rating);
    html_fmt(b, " <a href=\"/promises/people/%lld\">%s</a>", (long long)p->person_id, p->person);
    if (*p->office) html_fmt(b, "، %s", p->office);
    html_raw(b, " · ");
    pv_date(b, p->said_on);
    if (*p->county) html_fmt(b, " · شهرستان %s", p->county);
    if (*p->topic) html_fmt(b, " · %s", p->topic);
    html_raw(b, "</p></li>\n");
    return 0;
}

int pv_list(buf *b, store_conn *db, const struct promise_filter *f, int *shown) {
    struct list_ctx l = {b, 0};
    int rc = store_promise_each(db, f, list_row, &l);
    if (rc != STORE_OK) return rc;
    if (shown) *shown = l.n;
    if (l.n) html_raw(b, "</ul>\n");
    else html_raw(b, "<p class=\"empty\">وعده‌ای با این ویژگی‌ها ثبت نشده است.</p>\n");
    return STORE_OK;
}

void pv_option(buf *b, const char *value, const char *label, bool selected) {
    html_fmt(b, selected ? "<option value=\"%s\" selected>%s</option>" : "<option value=\"%s\">%s</option>",
             value, label);
}

void pv_input(buf *b, const char *name, const char *label, const char *value, const char *hint,
              const struct promise_errors *errs, const char *field) {
    html_fmt(b, "<div><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" value=\"%s\" "
                "placeholder=\"%s\"",
             name, label, name, name, value ? value : "", hint ? hint : "");
    pv_invalid_attrs(b, errs, field);
    html_raw(b, ">");
    pv_field_error(b, errs, field);
    html_raw(b, "</div>\n");
}

void pv_store_error(struct http_req *req, struct http_resp *resp, int rc) {
    if (rc == STORE_ENOTFOUND) web_not_found(req, resp);
    else web_server_error(req, resp);
}

store_conn *pv_promise_from_path(struct http_req *req, struct http_resp *resp,
                                 struct promise_rec *p) {
    int64_t id = pv_param_id(req, "id");
    store_conn *db = web_db(req, resp);
    if (!db) return NULL;
    int rc = id ? store_promise_get(db, id, req->a, p) : STORE_ENOTFOUND;
    if (rc != STORE_OK) {
        pv_store_error(req, resp, rc);
        return NULL;
    }
    return db;
}

int64_t pv_param_id(struct http_req *req, const char *name) {
    const char *s = http_param(req, name);
    if (!s || !*s || strlen(s) > 18) return 0;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9') return 0;
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    return errno || v <= 0 ? 0 : (int64_t)v;
}
