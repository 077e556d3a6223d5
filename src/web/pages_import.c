/* pages_import — see pages_import.h.
 *
 * The upload posts multipart/form-data (parsed by the server, http/multipart): the
 * file part, the kind (units or zones) and "skip_invalid". The import runs on the
 * body in memory (io/import_run) in one transaction with the signed-in user as the
 * actor; the page then lists every bad row with its line, column and reason in
 * Persian. A refused or rejected file answers 422 and has changed nothing. */
#include "web/pages_import.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "io/export.h"
#include "io/import_run.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/app.h"


/* A count in Persian digits with separators. */
static const char *fa_count(struct http_req *req, long v) {
    char *out = arena_alloc(req->a, 64);
    if (!out || fa_num_format_i64(v, out, 64) != 0) return "";
    return out;
}

static void upload_form(struct http_req *req, buf *b) {
    html_fmt(b,
             "<section class=\"card\">\n"
             "<form method=\"post\" action=\"/units/import\" enctype=\"multipart/form-data\" "
             "class=\"stack\">\n"
             "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n"
             "<label>نوع داده\n<select name=\"kind\">"
             "<option value=\"units\">واحدهای تولیدی</option>"
             "<option value=\"zones\">محدوده‌ها (لکه‌ها و شهرک‌ها)</option></select></label>\n"
             "<label>فایل (CSV یا اکسل .xlsx)\n<input type=\"file\" name=\"file\" "
             "accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument."
             "spreadsheetml.sheet\" required></label>\n"
             "<label><input type=\"checkbox\" name=\"skip_invalid\" value=\"1\"> سطرهای "
             "نادرست کنار گذاشته شوند و بقیه ثبت شود</label>\n"
             "<button type=\"submit\">بارگذاری و بررسی</button>\n</form>\n"
             "<p>سطر اول فایل عنوان ستون‌هاست، به فارسی یا انگلیسی؛ مانند «شناسه ملی»، "
             "«نام واحد»، «کد آیسیک»، «تعداد کارکنان»، «وضعیت»، «عرض جغرافیایی»، "
             "«طول جغرافیایی»، «نشانی»، «کد پستی» و «شهرستان». همه سطرها پیش از ثبت بررسی "
             "می‌شوند و اگر سطری نادرست باشد هیچ چیز ثبت نمی‌شود، مگر آنکه گزینه بالا را "
             "بزنید. واحدها با شناسه ملی شناخته می‌شوند؛ بارگذاری دوباره، اطلاعات را به‌روز "
             "می‌کند.</p>\n</section>\n",
             web_ctx(req)->csrf);
}

void page_units_import(struct http_req *req, struct http_resp *resp) {
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "ورود اطلاعات از فایل", &who, "/units/import");
    html_raw(b, "<h1>ورود اطلاعات از فایل</h1>\n");
    upload_form(req, b);
    layout_end(b);
}

static void report_table(struct http_req *req, buf *b, const struct import_result *r) {
    const struct import_report *rep = &r->report;
    if (!rep->n) return;
    html_raw(b, "<table class=\"grid\">\n<thead><tr><th>سطر</th><th>ستون</th><th>ایراد</th>"
                "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < rep->n; i++) {
        const struct import_problem *p = &rep->items[i];
        html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                 p->line ? fa_count(req, (long)p->line) : "کل فایل", p->column, p->fa);
    }
    html_raw(b, "</tbody>\n</table>\n");
    if (rep->total > (long)rep->n)
        html_fmt(b, "<p>و %s ایراد دیگر.</p>\n", fa_count(req, rep->total - (long)rep->n));
}

void action_units_import(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct web_ctx *ctx = web_ctx(req);
    const struct multipart_part *file = multipart_get(&req->parts, "file");
    const char *kind = http_form(req, "kind");
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    if (!file || !file->filename || !file->len) {
        resp->status = 422;
        layout_begin(b, "ورود اطلاعات از فایل", &who, "/units/import");
        html_raw(b, "<h1>ورود اطلاعات از فایل</h1>\n<p class=\"error\" role=\"alert\">فایلی "
                    "فرستاده نشد یا فایل خالی است.</p>\n");
        upload_form(req, b);
        layout_end(b);
        return;
    }
    struct import_options o = {0};
    o.kind = kind && !strcmp(kind, "zones") ? IMPORT_ZONES : IMPORT_UNITS;
    o.skip_invalid = http_form(req, "skip_invalid") != NULL;
    o.actor = &ctx->user;
    o.source_name = file->filename;
    struct import_result r;
    int status = import_run_mem(db, file->data, file->len, &o, &r);
    layout_begin(b, "نتیجه ورود اطلاعات", &who, "/units/import");
    html_fmt(b, "<h1>نتیجه ورود اطلاعات</h1>\n<p>فایل: <bdi>%s</bdi></p>\n", file->filename);
    switch (status) {
    case IMPORT_DONE:
        html_fmt(b,
                 "<p class=\"notice\" role=\"status\">ثبت شد: %s سطر؛ %s مورد تازه، %s به‌روز شده، "
                 "%s بدون تغییر.</p>\n",
                 fa_count(req, r.rows), fa_count(req, r.created), fa_count(req, r.updated),
                 fa_count(req, r.unchanged));
        if (r.invalid)
            html_fmt(b, "<p>%s سطر نادرست کنار گذاشته شد:</p>\n", fa_count(req, r.invalid));
        break;
    case IMPORT_REJECTED:
        resp->status = 422;
        html_fmt(b,
                 "<p class=\"error\" role=\"alert\">هیچ چیز ثبت نشد: %s سطر از %s سطر ایراد "
                 "دارد. ایرادها را در فایل درست کنید و دوباره بفرستید، یا گزینه کنار گذاشتن "
                 "سطرهای نادرست را بزنید.</p>\n",
                 fa_count(req, r.invalid), fa_count(req, r.rows));
        break;
    case IMPORT_REFUSED:
        resp->status = 422;
        html_raw(b, "<p class=\"error\" role=\"alert\">این فایل خوانده نشد و هیچ چیز ثبت "
                    "نشد.</p>\n");
        break;
    default:
        resp->status = 500;
        html_raw(b, "<p class=\"error\" role=\"alert\">خطای پایگاه داده؛ هیچ چیز ثبت نشد.</p>\n");
        break;
    }
    report_table(req, b, &r);
    if (r.report.notes_fa[0])
        html_fmt(b, "<p>این ستون‌ها شناخته نشد و خوانده نشد: %s</p>\n", r.report.notes_fa);
    import_result_free(&r);
    upload_form(req, b);
    layout_end(b);
}

static bool export_filter_of(struct http_req *req, struct http_resp *resp, store_conn *db,
                             buf *match, struct unit_filter *f) {
    const char *bad;
    if (export_filter(db, http_query(req, "q"), http_query(req, "sector"),
                      http_query(req, "county"), http_query(req, "zone"),
                      http_query(req, "state"), match, f, &bad) == 0)
        return true;
    web_render_error(req, resp, 400, "bad_request", "bad filter value",
                     "مقدار یکی از پالایه‌ها معتبر نیست.");
    return false;
}

/* Writes the filtered units with `write` as an attachment of the given type. */
static void export_units(struct http_req *req, struct http_resp *resp,
                         int (*write)(store_conn *c, const struct unit_filter *f, buf *out),
                         const char *content_type, const char *ext) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    buf match;
    buf_init(&match, 1 << 16);
    struct unit_filter f;
    if (export_filter_of(req, resp, db, &match, &f)) {
        if (write(db, &f, &resp->body) != STORE_OK) {
            web_server_error(req, resp);
        } else {
            char now[21];
            clock_iso_utc(clock_now(), now);
            resp->content_type = content_type;
            http_set_header(resp, "Content-Disposition",
                            arena_printf(req->a, "attachment; filename=\"units-%.10s.%s\"", now,
                                         ext));
            http_set_header(resp, "Cache-Control", "no-store");
        }
    }
    buf_free(&match);
}

static int write_csv(store_conn *c, const struct unit_filter *f, buf *out) {
    return export_units_csv(c, f, NULL, out, NULL);
}

static int write_xlsx(store_conn *c, const struct unit_filter *f, buf *out) {
    return export_units_xlsx_buf(c, f, out, NULL);
}

void handle_units_export_csv(struct http_req *req, struct http_resp *resp) {
    export_units(req, resp, write_csv, "text/csv; charset=utf-8", "csv");
}

void handle_units_export_xlsx(struct http_req *req, struct http_resp *resp) {
    export_units(req, resp, write_xlsx,
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
}
