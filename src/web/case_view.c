/* case_view — see case_view.h. */
#include "web/case_view.h"

#include <stdio.h>
#include <string.h>

#include "cases/case_workdays.h"
#include "store/store_registry.h"
#include "text/fa_date.h"
#include "view/html.h"
#include "view/widgets.h"

void case_badge(buf *b, const struct case_row *r) {
    html_fmt(b, "<span class=\"state state-%s\">%s", case_state_code(r->state),
             case_state_label(r->state));
    if (r->state == CASE_CLOSED && r->outcome)
        html_fmt(b, " — %s", case_outcome_label(r->outcome));
    html_raw(b, "</span>");
    if (r->overdue) html_raw(b, " <span class=\"overdue\">سررسید گذشته</span>");
}

void case_table_begin(buf *b) {
    html_raw(b, "<table class=\"grid cases\"><thead><tr><th>شماره</th><th>عنوان</th>"
                "<th>واحد تولیدی</th><th>موضوع</th><th>وضعیت</th><th>دستگاه</th>"
                "<th>مهلت پاسخ</th><th>ثبت</th></tr></thead><tbody>\n");
}

int case_tr(void *arg, const struct case_row *r) {
    buf *b = arg;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    html_fmt(b, "<tr><td class=\"num\"><a href=\"/cases/%u\">", id);
    w_text_fa_digits(b, id);
    html_fmt(b, "</a></td><td><a href=\"/cases/%u\">%s</a></td><td>%s</td><td>%s</td><td>", id,
             r->title, r->unit, r->category);
    case_badge(b, r);
    html_fmt(b, "</td><td>%s</td><td>", r->agency[0] ? r->agency : "—");
    w_date(b, r->due_on, 0);
    html_raw(b, "</td><td>");
    w_date(b, r->created_at, 0);
    html_raw(b, "</td></tr>\n");
    return 0;
}

void case_table_end(buf *b) { html_raw(b, "</tbody></table>\n"); }

void case_datetime(buf *b, const char *iso) {
    int32_t day = case_day_from_iso(iso);
    int hh = 0, mm = 0, ss = 0;
    if (day < 0 || strlen(iso) < 19 || sscanf(iso + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3) {
        html_text(b, "—");
        return;
    }
    int64_t t = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss;
    char out[96];
    if (fa_date_format_unix(t, FA_DATE_LONG, 1, out, sizeof out) == 0) html_text(b, out);
    else html_text(b, iso);
}

void case_amount(buf *b, int64_t rials) {
    if (rials < 0) {
        html_raw(b, "—");
        return;
    }
    w_int(b, rials);
    html_raw(b, " ریال <small>(");
    w_int(b, rials / 10);
    html_raw(b, " تومان)</small>");
}

void case_snippet(buf *b, const char *s) {
    const char *run = s;
    for (const char *p = s;; p++) {
        if (*p == '\x01' || *p == '\x02' || !*p) {
            html_textn(b, run, (size_t)(p - run));
            if (!*p) break;
            html_raw(b, *p == '\x01' ? "<mark>" : "</mark>");
            run = p + 1;
        }
    }
}

struct sel {
    buf *b;
    int64_t selected;
};

static int category_option(void *arg, const struct category *c) {
    struct sel *s = arg;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)c->id);
    if (c->parent_id) {
        char label[300];
        snprintf(label, sizeof label, "— %s", c->name);
        w_option(s->b, id, label, c->id == s->selected);
    } else {
        w_option(s->b, id, c->name, c->id == s->selected);
    }
    return 0;
}

void case_select_category(buf *b, store_conn *db, const char *name, int64_t selected,
                          const char *empty_label, const char *error) {
    w_select_begin(b, name, "موضوع", error);
    if (empty_label) w_option(b, "", empty_label, selected == 0);
    struct sel s = {b, selected};
    store_category_each(db, category_option, &s);
    w_select_end(b, error);
}

static int zone_option(void *arg, int64_t id, const char *name) {
    struct sel *s = arg;
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    w_option(s->b, sid, name, id == s->selected);
    return 0;
}

void case_select_zone(buf *b, store_conn *db, const char *name, int64_t selected,
                      const char *empty_label) {
    w_select_begin(b, name, "محدوده", NULL);
    if (empty_label) w_option(b, "", empty_label, selected == 0);
    struct sel s = {b, selected};
    store_zone_names_each(db, zone_option, &s);
    w_select_end(b, NULL);
}

static int agency_option(void *arg, const struct agency *a) {
    struct sel *s = arg;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)a->id);
    w_option(s->b, id, a->name, a->id == s->selected);
    return 0;
}

void case_select_agency(buf *b, store_conn *db, const char *name, int64_t selected,
                        const char *empty_label, const char *error) {
    w_select_begin(b, name, "دستگاه", error);
    if (empty_label) w_option(b, "", empty_label, selected == 0);
    struct sel s = {b, selected};
    store_agency_each(db, agency_option, &s);
    w_select_end(b, error);
}

int attachment_li(void *arg, const struct case_attachment *a) {
    struct attachment_list *l = arg;
    char oid[24], aid[24];
    snprintf(oid, sizeof oid, "%lld", (long long)l->owner_id);
    snprintf(aid, sizeof aid, "%lld", (long long)a->id);
    html_fmt(l->b, "<li><a href=\"/%s/%u/attachments/%u\">%s</a> <small>(", l->base, oid, aid, a->name);
    w_int(l->b, (a->size + 1023) / 1024);
    html_raw(l->b, " کیلوبایت)</small>");
    if (a->internal) html_raw(l->b, " <small>داخلی</small>");
    html_raw(l->b, "</li>");
    return 0;
}

void attachment_form_begin(buf *b, const char *base, int64_t owner_id, const char *csrf,
                           const char *label) {
    char oid[24];
    snprintf(oid, sizeof oid, "%lld", (long long)owner_id);
    html_fmt(b, "<form method=\"post\" action=\"/%s/%u/attachments\" "
                "enctype=\"multipart/form-data\" class=\"inline-form\">"
                "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                "<div class=\"field\"><label for=\"f-file\">%s</label>"
                "<input id=\"f-file\" name=\"file\" type=\"file\" "
                "accept=\".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png\" required>"
                "</div>",
             base, oid, csrf, label);
}
