/* widgets — see widgets.h. */
#include "view/widgets.h"

#include <stdio.h>
#include <string.h>

#include "text/fa_date.h"
#include "text/fa_num.h"
#include "view/html.h"

void w_int(buf *b, int64_t v) {
    char out[64];
    if (fa_num_format_i64(v, out, sizeof out) == 0) html_text(b, out);
}

void w_decimal(buf *b, double v, int decimals) {
    char out[96];
    if (fa_num_format_double(v, decimals, out, sizeof out) == 0) html_text(b, out);
}

void w_date(buf *b, const char *iso, int long_style) {
    char day[11], out[96];
    if (!iso || strlen(iso) < 10) {
        html_raw(b, "—");
        return;
    }
    memcpy(day, iso, 10);
    day[10] = 0;
    if (fa_date_format_iso(day, long_style ? FA_DATE_LONG : FA_DATE_SHORT, out, sizeof out,
                           NULL) == 0)
        html_text(b, out);
    else html_raw(b, "—");
}

void w_text_fa_digits(buf *b, const char *s) {
    buf tmp;
    buf_init(&tmp, 1 << 20);
    fa_digits_to_persian(s ? s : "", s ? strlen(s) : 0, &tmp);
    html_textn(b, tmp.data ? tmp.data : "", tmp.len);
    buf_free(&tmp);
}

static void field_error(buf *b, const char *name, const char *error) {
    if (error) html_fmt(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>", name, error);
}

void w_input(buf *b, const char *name, const char *label, const char *value, const char *type,
             const char *error, int required, const char *hint) {
    html_fmt(b, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, label);
    html_fmt(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" value=\"%s\"", name, name, type,
             value ? value : "");
    if (required) html_raw(b, " required");
    if (error) html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", name);
    html_raw(b, ">");
    if (hint) html_fmt(b, "<small class=\"hint\">%s</small>", hint);
    field_error(b, name, error);
    html_raw(b, "</div>\n");
}

void w_textarea(buf *b, const char *name, const char *label, const char *value,
                const char *error) {
    html_fmt(b, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, label);
    html_fmt(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"3\"", name, name);
    if (error) html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", name);
    html_fmt(b, ">%s</textarea>", value ? value : "");
    field_error(b, name, error);
    html_raw(b, "</div>\n");
}

void w_select_begin(buf *b, const char *name, const char *label, const char *error) {
    html_fmt(b, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, label);
    html_fmt(b, "<select id=\"f-%s\" name=\"%s\"", name, name);
    if (error) html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", name);
    html_raw(b, ">");
}

void w_option(buf *b, const char *value, const char *label, int selected) {
    html_fmt(b, selected ? "<option value=\"%s\" selected>%s</option>" : "<option value=\"%s\">%s</option>",
             value, label);
}

void w_select_end(buf *b, const char *error) {
    html_raw(b, "</select>");
    if (error) html_fmt(b, "<p class=\"field-error\">%s</p>", error);
    html_raw(b, "</div>\n");
}

void w_select_vocab(buf *b, const char *name, const char *label, const struct vocab *v,
                    const char *selected, const char *empty_label, const char *error) {
    w_select_begin(b, name, label, error);
    if (empty_label) w_option(b, "", empty_label, !selected || !*selected);
    for (; v->code; v++) w_option(b, v->code, v->label_fa, selected && !strcmp(selected, v->code));
    w_select_end(b, error);
}

void w_pagination(buf *b, const char *path, const char *query_without_page, int page,
                  int per_page, int64_t total) {
    int64_t first = total ? (int64_t)(page - 1) * per_page + 1 : 0;
    int64_t last = (int64_t)page * per_page < total ? (int64_t)page * per_page : total;
    html_raw(b, "<nav class=\"pager\" aria-label=\"صفحه‌ها\"><span>نمایش ");
    w_int(b, first);
    html_raw(b, " تا ");
    w_int(b, last);
    html_raw(b, " از ");
    w_int(b, total);
    html_raw(b, "</span>");
    const char *q = query_without_page ? query_without_page : "";
    const char *sep = *q ? "&" : "";
    if (page > 1) {
        char p[32];
        snprintf(p, sizeof p, "%d", page - 1);
        html_fmt(b, " <a rel=\"prev\" href=\"%h?%s%spage=%s\">قبلی</a>", path, q, sep, p);
    }
    if (last < total) {
        char p[32];
        snprintf(p, sizeof p, "%d", page + 1);
        html_fmt(b, " <a rel=\"next\" href=\"%h?%s%spage=%s\">بعدی</a>", path, q, sep, p);
    }
    html_raw(b, "</nav>\n");
}

void w_error_summary(buf *b, const struct field_errors *errs) {
    if (!errs || errs->n == 0) return;
    html_raw(b, "<div class=\"alert\" role=\"alert\"><p>لطفاً این موارد را درست کنید:</p><ul>");
    for (int i = 0; i < errs->n; i++) html_fmt(b, "<li>%s</li>", errs->e[i].fa);
    html_raw(b, "</ul></div>\n");
}
