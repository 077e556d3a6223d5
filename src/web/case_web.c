/* case_web — see case_web.h. */
#include "web/case_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/case_attach.h"
#include "core/clock.h"
#include "store/store_files.h"
#include "store/store_registry.h"
#include "text/fa_date.h"
#include "text/fa_fts5.h"
#include "text/fa_num.h"
#include "view/html.h"

struct case_viewer web_case_viewer(struct http_req *req) {
    struct web_ctx *ctx = web_ctx(req);
    struct case_viewer v = {ROLE_PUBLIC, 0, 0};
    if (ctx->role == ROLE_PUBLIC) return v;
    v = case_viewer_of(&ctx->user);
    return v;
}

int64_t case_id_text(const char *s) {
    int64_t v;
    if (!s || !*s || fa_num_parse_i64(s, strlen(s), &v, NULL) != 0 || v <= 0) return 0;
    return v;
}

void case_filter_from_query(struct http_req *req, store_conn *db, struct case_filter *f,
                            buf *match, bool jalali) {
    const char *state = http_query(req, "state");
    if (state && *state) {
        int s = case_state_parse(state);
        f->states = s >= 0 ? 1u << s : 1u << CASE_STATE_COUNT; /* unknown: nothing */
        if (s < 0) f->states = 0, f->unit_id = -1;
    }
    f->category_id = case_id_text(http_query(req, "category_id"));
    f->agency_id = case_id_text(http_query(req, "agency_id"));
    f->zone_id = case_id_text(http_query(req, "zone_id"));
    f->county_id = case_id_text(http_query(req, "county_id"));
    const char *county = http_query(req, "county");
    if (county && *county && store_county_by_name(db, county, &f->county_id) != STORE_OK)
        f->county_id = -1;
    const char *overdue = http_query(req, "overdue");
    f->overdue = overdue && (!strcmp(overdue, "1") || !strcmp(overdue, "true") ||
                             !strcmp(overdue, "on"));
    if (!case_date_parse(http_query(req, "from"), jalali, f->from)) f->from[0] = 0;
    if (!case_date_parse(http_query(req, "to"), jalali, f->to)) f->to[0] = 0;
    const char *q = http_query(req, "q");
    if (q && *q && fa_fts5_query(q, strlen(q), match) == 0) f->match = match->data;
    if (f->overdue) f->by_due = true;
}

static void load_calendar(store_conn *db, int32_t **days, struct case_calendar *cal) {
    int n = 0;
    *days = NULL;
    if (store_holiday_calendar(db, days, &n) != STORE_OK) n = 0;
    cal->holidays = *days;
    cal->n = n;
}

int case_default_due(store_conn *db, int64_t category_id, char out[11]) {
    struct category cat;
    int days = 10;
    if (store_category_get(db, category_id, &cat) == STORE_OK && cat.answer_days > 0)
        days = cat.answer_days;
    int32_t *hol;
    struct case_calendar cal;
    load_calendar(db, &hol, &cal);
    int32_t due = case_add_working_days(&cal, case_today_tehran(clock_now()), days);
    free(hol);
    case_iso_from_day(due, out);
    return 0;
}

/* Today and the day two working days ahead (a referral due by then is "due soon"):
 * the inbox needs the holiday calendar for the second; pages wanting only today
 * call case_today. */
static void case_today_and_soon(store_conn *db, char today[11], char soon[11]) {
    int32_t *hol;
    struct case_calendar cal;
    load_calendar(db, &hol, &cal);
    int32_t t = case_today_tehran(clock_now());
    case_iso_from_day(t, today);
    case_iso_from_day(case_add_working_days(&cal, t, 2), soon);
    free(hol);
}

int case_inbox_sections(struct http_req *req, store_conn *db,
                        struct case_inbox_section out[CASE_INBOX_MAX]) {
    int role = web_ctx(req)->role, n = 0;
    memset(out, 0, CASE_INBOX_MAX * sizeof *out);
    if (role == ROLE_AGENCY) {
        out[n++] = (struct case_inbox_section){
            "referred", "ارجاع‌شده به دستگاه شما", "state=referred",
            {.states = 1u << CASE_REFERRED, .mine_agency = true, .by_due = true}};
        out[n++] = (struct case_inbox_section){
            "due_soon", "نزدیک به سررسید (تا دو روز کاری)", NULL,
            {.due_soon = true, .mine_agency = true, .by_due = true}};
        out[n++] = (struct case_inbox_section){
            "overdue", "سررسید گذشته", "overdue=1",
            {.overdue = true, .mine_agency = true, .by_due = true}};
    } else if (role == ROLE_PRODUCER) {
        out[n++] = (struct case_inbox_section){
            "needs_me", "نیازمند اقدام شما", "state=returned",
            {.states = 1u << CASE_DRAFT | 1u << CASE_RETURNED}};
        out[n++] = (struct case_inbox_section){
            "open", "پرونده‌های در جریان", NULL,
            {.states = ((1u << CASE_STATE_COUNT) - 1) &
                       ~(1u << CASE_DRAFT | 1u << CASE_RETURNED | 1u << CASE_CLOSED)}};
    } else {
        out[n++] = (struct case_inbox_section){"submitted", "درخواست‌های تازه", "state=submitted",
                                               {.states = 1u << CASE_SUBMITTED}};
        out[n++] = (struct case_inbox_section){"answered", "پاسخ‌های دستگاه‌ها برای بررسی",
                                               "state=answered", {.states = 1u << CASE_ANSWERED}};
        out[n++] = (struct case_inbox_section){"in_review", "در حال بررسی دبیرخانه",
                                               "state=in_review", {.states = 1u << CASE_IN_REVIEW}};
        out[n++] = (struct case_inbox_section){"overdue", "سررسید گذشته", "overdue=1",
                                               {.overdue = true, .by_due = true}};
    }
    char today[11], soon[11];
    case_today_and_soon(db, today, soon);
    for (int i = 0; i < n; i++) {
        memcpy(out[i].f.today, today, sizeof today);
        memcpy(out[i].f.due_cutoff, soon, sizeof soon);
        out[i].f.limit = 20;
        out[i].f.count = true;
    }
    return n;
}

int case_web_attach(struct http_req *req, store_conn *db, int64_t case_id, const char *name,
                    const void *data, size_t n, bool internal, struct case_attachment *att,
                    const char **why_en, const char **why_fa) {
    struct case_viewer v = web_case_viewer(req);
    struct case_row *row = calloc(1, sizeof *row);
    if (!row) return 500;
    int rc = store_case_get(db, &v, case_id, row);
    free(row);
    if (rc == STORE_ENOTFOUND) return 404;
    if (rc != STORE_OK) return 500;
    int status = web_store_upload(req, name, data, n, att, why_en, why_fa);
    if (status) return status;
    att->internal = internal;
    rc = store_case_attach(db, &web_ctx(req)->user, &v, case_id, att);
    if (rc == STORE_OK) return 201;
    if (rc == STORE_EROLE) return 403;
    if (rc == STORE_ESTATE) {
        *why_en = "the case is closed";
        *why_fa = "پرونده مختومه است و پیوست تازه نمی‌پذیرد.";
        return 409;
    }
    return rc == STORE_ENOTFOUND ? 404 : 500;
}

void case_web_download(struct http_req *req, struct http_resp *resp, store_conn *db,
                       int64_t case_id, int64_t att_id) {
    struct case_viewer v = web_case_viewer(req);
    struct case_attachment att;
    int rc = store_case_attachment_get(db, &v, case_id, att_id, &att);
    if (rc == STORE_ENOTFOUND) return web_not_found(req, resp);
    if (rc != STORE_OK) return web_server_error(req, resp);
    web_send_attachment(req, resp, &att);
}

void web_send_attachment(struct http_req *req, struct http_resp *resp,
                         const struct case_attachment *att) {
    char dir[4096];
    void *data = NULL;
    size_t n = 0;
    if (store_files_dir(web_app(req)->cfg.db, dir, sizeof dir) != 0 ||
        store_files_get(dir, att->hash, &data, &n) != 0)
        return web_server_error(req, resp);
    buf_append(&resp->body, data, n);
    free(data);
    resp->content_type = arena_strdup(req->a, att->mime);
    buf disp;
    buf_init(&disp, 4096);
    buf_puts(&disp, "attachment; filename=\"attachment");
    const char *dot = strrchr(att->name, '.');
    if (dot && strlen(dot) <= 5) buf_puts(&disp, dot);
    buf_puts(&disp, "\"; filename*=UTF-8''");
    html_url_component(&disp, att->name);
    http_set_header(resp, "Content-Disposition",
                    disp.failed ? "attachment" : arena_strdup(req->a, disp.data));
    buf_free(&disp);
    http_set_header(resp, "Cache-Control", "private, no-store");
}

/* Checks a file and stores it under its hash; fills att's name, mime, size and hash.
 * 0, or the HTTP status of the refusal with its reasons. */
int web_store_upload(struct http_req *req, const char *name, const void *data, size_t n,
                     struct case_attachment *att, const char **why_en, const char **why_fa) {
    const char *mime = NULL;
    enum case_attach_check chk = case_attach_check(name, data, n, &mime);
    if (chk != CASE_ATTACH_OK) {
        *why_en = case_attach_error_en(chk);
        *why_fa = case_attach_error_fa(chk);
        return chk == CASE_ATTACH_TOO_LARGE ? 413 : chk == CASE_ATTACH_BAD_TYPE ? 415 : 422;
    }
    char dir[4096];
    if (store_files_dir(web_app(req)->cfg.db, dir, sizeof dir) != 0) return 500;
    memset(att, 0, sizeof *att);
    snprintf(att->name, sizeof att->name, "%s", name);
    snprintf(att->mime, sizeof att->mime, "%s", mime);
    att->size = (int64_t)n;
    return store_files_put(dir, data, n, att->hash) != 0 ? 500 : 0;
}

void case_web_refusal(struct http_req *req, struct http_resp *resp, int rc, unsigned allowed) {
    switch (rc) {
    case STORE_ENOTFOUND: return web_not_found(req, resp);
    case STORE_EROLE: return web_forbidden(req, resp);
    case STORE_ECONFLICT:
        return web_render_error(req, resp, 409, "conflict", "the case changed meanwhile (stale version)",
                                "این پرونده از وقتی صفحه را باز کردید تغییر کرده است؛ صفحه را "
                                "دوباره باز کنید.");
    case STORE_ESTATE: {
        buf en, fa;
        buf_init(&en, 4096);
        buf_init(&fa, 8192);
        buf_puts(&en, "the case's state does not allow this action; allowed:");
        buf_puts(&fa, "وضعیت کنونی پرونده این اقدام را نمی‌پذیرد. اقدام‌های مجاز: ");
        bool any = false;
        for (int a = 0; a < CASE_ACTION_COUNT; a++) {
            if (!(allowed & (1u << a))) continue;
            buf_printf(&en, "%s %s", any ? "," : "", case_action_code((enum case_action)a));
            buf_printf(&fa, "%s%s", any ? "، " : "", case_action_label((enum case_action)a));
            any = true;
        }
        if (!any) {
            buf_puts(&en, " none");
            buf_puts(&fa, "هیچ");
        }
        web_render_error(req, resp, 409, "invalid_transition", arena_strdup(req->a, en.data),
                         arena_strdup(req->a, fa.data));
        buf_free(&en);
        buf_free(&fa);
        return;
    }
    default: return web_server_error(req, resp);
    }
}
