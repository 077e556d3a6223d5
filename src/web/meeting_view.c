/* meeting_view — see meeting_view.h. */
#include "web/meeting_view.h"

#include <stdio.h>
#include <string.h>

#include "text/fa_date.h"
#include "web/case_web.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/widgets.h"

void meeting_title(buf *b, int year, int seq) {
    char t[64];
    snprintf(t, sizeof t, "جلسه %d (%d)", seq, year);
    w_text_fa_digits(b, t);
}

void meeting_status_badge(buf *b, enum meeting_status s) {
    html_fmt(b, "<span class=\"state state-%s\">%s</span>", meeting_status_code(s),
             meeting_status_label(s));
}

void resolution_badge(buf *b, const struct resolution_row *r) {
    html_fmt(b, "<span class=\"state res-%s\">%s</span>", resolution_state_code(r->state),
             resolution_state_label(r->state));
    if (r->window_open) {
        html_raw(b, " <small class=\"window\">مهلت اعتراض تا ");
        w_date(b, r->window_ends_on, 0);
        html_raw(b, "</small>");
    }
    if (r->overdue) html_raw(b, " <span class=\"overdue\">سررسید گذشته</span>");
    if (r->fault != RES_FAULT_NONE)
        html_fmt(b, " <small class=\"fault\">%s</small>", resolution_fault_label(r->fault));
}

void resolution_share(buf *b, const struct resolution_tally *t, int decimals) {
    int settled = t->carried_out + t->partly + t->not_carried_out;
    if (!settled) {
        html_raw(b, "—");
        return;
    }
    w_decimal(b, 100.0 * t->carried_out / settled, decimals);
    html_raw(b, "٪");
}

void resolution_case_links(buf *b, const struct resolution_row *r) {
    if (!r->ncases) {
        html_raw(b, "—");
        return;
    }
    for (int i = 0; i < r->ncases; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)r->case_ids[i]);
        html_fmt(b, "%s<a href=\"/cases/%u\">", i ? "، " : "", id);
        w_text_fa_digits(b, id);
        html_raw(b, "</a>");
    }
}

static bool table_with_meeting;

void resolution_table_begin(buf *b, bool with_meeting) {
    table_with_meeting = with_meeting;
    html_raw(b, "<table class=\"grid resolutions\"><thead><tr><th>شماره</th>");
    if (with_meeting) html_raw(b, "<th>جلسه</th>");
    html_raw(b, "<th>مصوبه</th><th>دستگاه مسئول</th><th>مهلت اجرا</th><th>پرونده‌ها</th>"
                "<th>وضعیت</th></tr></thead><tbody>\n");
}

static int row(buf *b, const struct resolution_row *r, bool with_meeting) {
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    html_fmt(b, "<tr%s><td><a href=\"/resolutions/%u\">", r->overdue ? " class=\"overdue\"" : "", id);
    w_text_fa_digits(b, r->number);
    html_raw(b, "</a></td>");
    if (with_meeting) {
        html_fmt(b, "<td><small>%s</small><br>", r->meeting_body);
        w_date(b, r->meeting_on, 0);
        html_raw(b, "</td>");
    }
    /* The first 160 bytes of the text, cut on a character boundary. */
    size_t n = strlen(r->text);
    if (n > 160) {
        n = 160;
        while (n && ((unsigned char)r->text[n] & 0xC0) == 0x80) n--;
    }
    html_raw(b, "<td class=\"text\">");
    html_textn(b, r->text, n);
    if (n < strlen(r->text)) html_raw(b, "…");
    html_fmt(b, "</td><td>%s</td><td>", r->agency);
    w_date(b, r->deadline, 0);
    html_raw(b, "</td><td>");
    resolution_case_links(b, r);
    html_raw(b, "</td><td>");
    resolution_badge(b, r);
    html_raw(b, "</td></tr>\n");
    return 0;
}

int resolution_tr(void *b, const struct resolution_row *r) { return row(b, r, true); }
int resolution_tr_short(void *b, const struct resolution_row *r) { return row(b, r, false); }

void resolution_table_end(buf *b) { html_raw(b, "</tbody></table>\n"); }

void meeting_web_refusal(struct http_req *req, struct http_resp *resp, int rc, int rule) {
    switch (rc) {
    case STORE_ENOTFOUND: return web_not_found(req, resp);
    case STORE_EROLE: return web_forbidden(req, resp);
    case STORE_ECONFLICT:
        return web_render_error(req, resp, 409, "conflict", "changed by someone else",
                                "این مورد در این فاصله تغییر کرده است؛ صفحه را دوباره باز کنید.");
    case STORE_ESTATE:
        return web_render_error(req, resp, 409, "state", "not allowed in this state",
                                "وضعیت جلسه اجازه این کار را نمی‌دهد (جلسه لغو شده، یا مصوبه دارد).");
    case STORE_EFUTURE:
        return web_render_error(req, resp, 422, "future", "a session in the future cannot be held",
                                "جلسه‌ای که تاریخش نرسیده است را نمی‌توان «برگزار شده» ثبت کرد.");
    case STORE_ENOTHELD:
        return web_render_error(req, resp, 409, "not_held", "the session is not held",
                                "مصوبه فقط در جلسه‌ای که برگزار شده ثبت می‌شود؛ نخست جلسه را «برگزار شده» ثبت کنید.");
    case STORE_EHASRES:
        return web_render_error(req, resp, 409, "has_resolutions", "the item has resolutions",
                                "این بند مصوبه دارد و حذف نمی‌شود.");
    case STORE_EREF:
        return web_render_error(req, resp, 422, "reference", "unknown or unfit reference",
                                "پرونده، بند یا دستگاه انتخاب‌شده پیدا نشد یا در دستور این جلسه نیست "
                                "(یا در دستور جلسه دیگری است).");
    case STORE_ECONSTRAINT:
        return web_render_error(req, resp, 422, "invalid", "invalid input",
                                "اطلاعات ناقص یا نامعتبر است.");
    case STORE_ERULE: {
        int status = rule == RES_EROLE ? 403 : rule == RES_ESTATE ? 409 : 422;
        return web_render_error(req, resp, status, "rule", "the resolution's lifecycle refuses",
                                resolution_error_fa(rule));
    }
    default: return web_server_error(req, resp);
    }
}

int resolution_web_attach(struct http_req *req, store_conn *db, int64_t id, const char *name,
                          const void *data, size_t n, struct case_attachment *att,
                          const char **why_en, const char **why_fa) {
    struct case_viewer v = web_case_viewer(req);
    struct resolution_row *r = arena_calloc(req->a, 1, sizeof *r);
    buf text;
    buf_init(&text, 1 << 20);
    int rc = r && id ? store_resolution_get(db, &v, id, r, &text) : STORE_ENOTFOUND;
    buf_free(&text);
    if (rc == STORE_ENOTFOUND) return 404;
    if (rc != STORE_OK) return 500;
    if (!meeting_viewer_is_staff(&v) && !(v.role == ROLE_AGENCY && v.agency_id == r->agency_id))
        return 403;
    int status = web_store_upload(req, name, data, n, att, why_en, why_fa);
    if (status) return status;
    rc = store_resolution_attach(db, &web_ctx(req)->user, &v, id, att);
    return rc == STORE_OK ? 201 : rc == STORE_ENOTFOUND ? 404 : rc == STORE_EROLE ? 403 : 500;
}

/* --- the minutes as display text --- */

static const char *fa_digits(arena *a, const char *s) {
    buf t;
    buf_init(&t, 1 << 20);
    fa_digits_to_persian(s, strlen(s), &t);
    char *out = arena_strdup(a, t.failed || !t.data ? s : t.data);
    buf_free(&t);
    return out;
}

static const char *fa_date_of(arena *a, const char *iso, enum fa_date_style style) {
    char out[96];
    if (!iso || !*iso || fa_date_format_iso(iso, style, out, sizeof out, NULL) != 0) return "—";
    return arena_strdup(a, out);
}

struct minutes_acc {
    arena *a;
    struct minutes_attendee *att;
    size_t natt, catt;
    struct minutes_item *items;
    int64_t *item_ids;
    size_t nitems, citems;
    bool failed;
};

static void *grow(arena *a, void *old, size_t n, size_t *cap, size_t size) {
    if (n < *cap) return old;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = arena_calloc(a, nc, size);
    if (p && old) memcpy(p, old, n * size);
    *cap = nc;
    return p;
}

static int add_attendee(void *arg, const struct meeting_attendee *x) {
    struct minutes_acc *m = arg;
    void *p = grow(m->a, m->att, m->natt, &m->catt, sizeof *m->att);
    if (!p) return m->failed = true;
    m->att = p;
    m->att[m->natt++] = (struct minutes_attendee){
        arena_strdup(m->a, x->name), arena_strdup(m->a, x->position),
        x->agency[0] ? arena_strdup(m->a, x->agency) : NULL, x->full_authority};
    return 0;
}

static int add_item(void *arg, const struct meeting_item *x) {
    struct minutes_acc *m = arg;
    size_t c1 = m->citems, c2 = m->citems;
    void *p = grow(m->a, m->items, m->nitems, &c1, sizeof *m->items);
    void *q = grow(m->a, m->item_ids, m->nitems, &c2, sizeof *m->item_ids);
    if (!p || !q) return m->failed = true;
    m->citems = c1;
    m->items = p;
    m->item_ids = q;
    const char *title = x->title;
    if (x->case_id) title = arena_printf(m->a, "%s (پرونده %lld)", x->title, (long long)x->case_id);
    m->items[m->nitems] = (struct minutes_item){
        x->position, fa_digits(m->a, title ? title : ""), x->unit[0] ? arena_strdup(m->a, x->unit) : NULL,
        x->notes && *x->notes ? arena_strdup(m->a, x->notes) : NULL, NULL, 0};
    m->item_ids[m->nitems++] = x->id;
    return 0;
}

struct res_acc {
    struct minutes_acc *m;
    struct minutes_resolution *res;
    int64_t *item_of;
    size_t n, cap;
};

static int add_resolution(void *arg, const struct resolution_row *r) {
    struct res_acc *ra = arg;
    arena *a = ra->m->a;
    size_t c1 = ra->cap, c2 = ra->cap;
    void *p = grow(a, ra->res, ra->n, &c1, sizeof *ra->res);
    void *q = grow(a, ra->item_of, ra->n, &c2, sizeof *ra->item_of);
    if (!p || !q) return ra->m->failed = true;
    ra->cap = c1;
    ra->res = p;
    ra->item_of = q;
    buf cases;
    buf_init(&cases, 4096);
    for (int i = 0; i < r->ncases; i++)
        buf_printf(&cases, "%sپرونده %lld", i ? "، " : "", (long long)r->case_ids[i]);
    ra->res[ra->n] = (struct minutes_resolution){
        fa_digits(a, r->number), arena_strdup(a, r->text), arena_strdup(a, r->agency),
        fa_date_of(a, r->deadline, FA_DATE_SHORT), fa_digits(a, cases.data ? cases.data : "")};
    buf_free(&cases);
    ra->item_of[ra->n++] = r->item_id;
    return 0;
}

int meeting_minutes_doc(store_conn *db, const struct case_viewer *v, int64_t id, arena *a,
                        struct minutes_doc *doc, struct meeting *m) {
    memset(doc, 0, sizeof *doc);
    int rc = store_meeting_get(db, v, id, m);
    if (rc != STORE_OK) return rc;
    struct minutes_acc acc = {.a = a};
    rc = store_meeting_attendees(db, v, id, add_attendee, &acc);
    if (rc == STORE_OK) rc = store_meeting_items(db, v, id, add_item, &acc);
    struct res_acc ra = {.m = &acc};
    struct resolution_filter f = {.meeting_id = id, .limit = 1000};
    if (rc == STORE_OK) rc = store_resolution_list(db, v, &f, add_resolution, &ra, NULL);
    if (rc == STORE_OK && acc.failed) rc = STORE_ERROR;
    if (rc != STORE_OK) return rc;
    /* Resolutions under their items, in issue order (the list is newest first). */
    for (size_t i = 0; i < acc.nitems; i++) {
        size_t n = 0;
        for (size_t k = 0; k < ra.n; k++) n += ra.item_of[k] == acc.item_ids[i];
        if (!n) continue;
        struct minutes_resolution *list = arena_calloc(a, n, sizeof *list);
        if (!list) return STORE_ERROR;
        size_t j = 0;
        for (size_t k = ra.n; k-- > 0;)
            if (ra.item_of[k] == acc.item_ids[i]) list[j++] = ra.res[k];
        acc.items[i].resolutions = list;
        acc.items[i].nresolutions = n;
    }
    char seq[64];
    snprintf(seq, sizeof seq, "%d/%d", m->year, m->seq);
    doc->body = arena_strdup(a, m->body);
    doc->number = fa_digits(a, seq);
    doc->date = fa_date_of(a, m->held_on, FA_DATE_WEEKDAY);
    doc->time = m->starts_at[0] ? fa_digits(a, m->starts_at) : NULL;
    doc->place = m->place[0] ? arena_strdup(a, m->place) : NULL;
    doc->chair = m->chair[0] ? arena_strdup(a, m->chair) : NULL;
    doc->secretary = m->secretary[0] ? arena_strdup(a, m->secretary) : NULL;
    doc->attendees = acc.att;
    doc->nattendees = acc.natt;
    doc->items = acc.items;
    doc->nitems = acc.nitems;
    return STORE_OK;
}
