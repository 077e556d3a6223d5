/* pages_units — the production units registry for people: the list with search,
 * filters, sorting and pagination; the unit's page; create, edit and delete forms
 * whose Persian messages stand beside the field that is wrong. Producers see and
 * edit only their own units (the store filters by membership); agencies and the
 * public have no access to the registry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "text/fa_fts5.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/widgets.h"
#include "web/pages_registry.h"
#include "web/registry_view.h"

enum { UNITS_PER_PAGE = 50 };

static const struct vocab unit_sorts[] = {{"name", "نام"},
                                          {"employees", "بیشترین کارکنان"},
                                          {"newest", "تازه‌ترین"},
                                          {0, 0}};

static int parse_page(struct http_req *req) {
    const char *p = http_query(req, "page");
    int64_t v;
    if (!p || fa_num_parse_i64(p, strlen(p), &v, NULL) != 0 || v < 1 || v > 100000) return 1;
    return (int)v;
}

static int64_t query_id(struct http_req *req, const char *name) {
    const char *p = http_query(req, name);
    int64_t v;
    if (!p || !*p || fa_num_parse_i64(p, strlen(p), &v, NULL) != 0) return 0;
    return v;
}

/* Re-encodes the filter parameters (not the page) for links. */
static void keep_filters(struct http_req *req, buf *q) {
    static const char *const names[] = {"q", "sector", "county", "zone_id", "state", "sort"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = http_query(req, names[i]);
        if (!v || !*v) continue;
        if (q->len) buf_putc(q, '&');
        buf_puts(q, names[i]);
        buf_putc(q, '=');
        html_url_component(q, v);
    }
}

struct list_ctx {
    buf *b;
};

static int unit_tr(void *arg, const struct unit_row *r) {
    buf *b = ((struct list_ctx *)arg)->b;
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)r->u.id);
    html_fmt(b, "<tr><td><a href=\"/units/%u\">%s</a></td><td class=\"num\">", id, r->u.name);
    w_text_fa_digits(b, r->u.national_id);
    html_fmt(b, "</td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">",
             r->isic_title[0] ? r->isic_title : "—", r->county[0] ? r->county : "—",
             r->zone[0] ? r->zone : "خارج از محدوده");
    w_int(b, r->u.employees);
    html_fmt(b, "</td><td><span class=\"state state-%s\">%s</span></td></tr>\n", r->u.state,
             vocab_label(unit_states, r->u.state));
    return 0;
}

void page_units(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    if (!registry_can_read(ctx->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;

    struct unit_filter f = {0};
    buf match;
    buf_init(&match, 16 * 1024);
    const char *q = http_query(req, "q");
    if (q && *q && fa_fts5_query(q, strlen(q), &match) == 0) f.match = match.data;
    const char *sector = http_query(req, "sector");
    f.sector = sector && *sector ? sector : NULL;
    const char *state = http_query(req, "state");
    f.state = state && vocab_has(unit_states, state) ? state : NULL;
    const char *county = http_query(req, "county");
    if (county && *county) {
        if (store_county_by_name(db, county, &f.county_id) != STORE_OK) f.county_id = -1;
    }
    f.zone_id = query_id(req, "zone_id");
    const char *sort = http_query(req, "sort");
    f.sort = !sort || !strcmp(sort, "name")  ? UNIT_SORT_NAME
             : !strcmp(sort, "employees")    ? UNIT_SORT_EMPLOYEES_DESC
             : !strcmp(sort, "newest")       ? UNIT_SORT_NEWEST
                                             : UNIT_SORT_NAME;
    if (ctx->role == ROLE_PRODUCER) f.member_user_id = ctx->user.id;
    int page = parse_page(req);
    f.limit = UNITS_PER_PAGE;
    f.offset = (page - 1) * UNITS_PER_PAGE;

    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "واحدهای تولیدی", &who, "/units");
    html_raw(b, "<div class=\"page-head\"><h1>واحدهای تولیدی</h1><div class=\"actions\">");
    if (registry_can_edit_unit(req, 0))
        html_raw(b, "<a class=\"button\" href=\"/units/new\">ثبت واحد تولیدی</a>");
    if (ctx->role & (ROLE_ADMIN | ROLE_SECRETARIAT))
        html_raw(b, " <a class=\"button secondary\" href=\"/units/import\">ورود از فایل</a>");
    if (ctx->role & (ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER)) {
        buf filters;
        buf_init(&filters, 8192);
        keep_filters(req, &filters);
        html_fmt(b, " <a href=\"/units/export.csv?%s\">CSV</a> · <a href=\"/units/export.xlsx?%s\">"
                    "Excel</a>", filters.data ? filters.data : "", filters.data ? filters.data : "");
        buf_free(&filters);
    }
    html_raw(b, "</div></div>\n<form class=\"filters\" method=\"get\" action=\"/units\" role=\"search\">");
    w_input(b, "q", "جستجو", q, "search", NULL, 0, "نام، نشانی یا فعالیت");
    registry_select_sector(b, db, sector);
    registry_select_county(b, db, "county", county, "همه شهرستان‌ها", NULL);
    registry_select_zone(b, db, "zone_id", f.zone_id, "همه محدوده‌ها", NULL);
    w_select_vocab(b, "state", "وضعیت", unit_states, state, "همه وضعیت‌ها", NULL);
    w_select_vocab(b, "sort", "ترتیب", unit_sorts, sort ? sort : "name", NULL, NULL);
    html_raw(b, "<button type=\"submit\">نمایش</button></form>\n");

    html_raw(b, "<table class=\"grid\"><thead><tr><th>نام واحد</th><th>شناسه</th><th>فعالیت</th>"
                "<th>شهرستان</th><th>محدوده</th><th>کارکنان</th><th>وضعیت</th></tr></thead>"
                "<tbody>\n");
    int64_t total = 0;
    struct list_ctx lc = {b};
    int rc = store_unit_list(db, &f, unit_tr, &lc, &total);
    buf_free(&match);
    if (rc != STORE_OK) return web_server_error(req, resp);
    html_raw(b, "</tbody></table>\n");
    if (total == 0) html_raw(b, "<p class=\"empty\">واحدی با این شرایط پیدا نشد.</p>");
    buf kept;
    buf_init(&kept, 8192);
    keep_filters(req, &kept);
    w_pagination(b, "/units", kept.data ? kept.data : "", page, UNITS_PER_PAGE, total);
    buf_free(&kept);
    layout_end(b);
}

static void dl_row(buf *b, const char *label, const char *value) {
    html_fmt(b, "<dt>%s</dt><dd>%s</dd>", label, value && *value ? value : "—");
}

static void dl_row_digits(buf *b, const char *label, const char *value) {
    html_fmt(b, "<dt>%s</dt><dd class=\"num\">", label);
    if (value && *value) w_text_fa_digits(b, value);
    else html_raw(b, "—");
    html_raw(b, "</dd>");
}

/* Loads a unit the caller may see, or writes 404 (also for others' units, so a
 * producer cannot learn which ids exist). */
static bool load_visible_unit(struct http_req *req, struct http_resp *resp, store_conn *db,
                              struct unit_row *row) {
    struct web_ctx *ctx = web_ctx(req);
    int64_t id = registry_id_param(req, "id");
    if (!id || store_unit_get(db, id, row) != STORE_OK ||
        (ctx->role == ROLE_PRODUCER && store_unit_is_member(db, id, ctx->user.id) != STORE_OK)) {
        web_not_found(req, resp);
        return false;
    }
    return true;
}

void page_unit(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    if (!registry_can_read(ctx->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct unit_row r;
    if (!load_visible_unit(req, resp, db, &r)) return;
    const struct unit *u = &r.u;
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, u->name, &who, "/units");
    char id[32], version[32];
    snprintf(id, sizeof id, "%lld", (long long)u->id);
    snprintf(version, sizeof version, "%lld", (long long)u->version);
    html_fmt(b, "<div class=\"page-head\"><h1>%s</h1>", u->name);
    if (registry_can_edit_unit(req, u->id))
        html_fmt(b, "<a class=\"button\" href=\"/units/%u/edit\">ویرایش</a>", id);
    html_raw(b, "</div>\n<dl class=\"facts\">");
    dl_row_digits(b, unit_field_label("national_id"), u->national_id);
    dl_row(b, "نوع شناسه", !strcmp(u->id_kind, "legal-id") ? "شناسه ملی (شخص حقوقی)"
                                                           : "کد ملی مالک (شخص حقیقی)");
    dl_row_digits(b, unit_field_label("business_id"), u->business_id);
    dl_row(b, unit_field_label("licence_kind"), vocab_label(licence_kinds, u->licence_kind));
    dl_row_digits(b, unit_field_label("licence_no"), u->licence_no);
    html_raw(b, "<dt>فعالیت</dt><dd>");
    if (u->isic[0]) {
        w_text_fa_digits(b, u->isic);
        html_fmt(b, " — %s (%s)", r.isic_title, r.sector);
    } else html_raw(b, "—");
    html_raw(b, "</dd><dt>تعداد کارکنان</dt><dd class=\"num\">");
    w_int(b, u->employees);
    html_raw(b, "</dd>");
    dl_row(b, unit_field_label("state"), vocab_label(unit_states, u->state));
    dl_row(b, unit_field_label("county"), r.county);
    html_raw(b, "<dt>محدوده صنعتی</dt><dd>");
    if (u->zone_id) {
        char zid[32];
        snprintf(zid, sizeof zid, "%lld", (long long)u->zone_id);
        html_fmt(b, "<a href=\"/zones/%u\">%s</a>", zid, r.zone);
    } else html_raw(b, "خارج از محدوده‌های ثبت‌شده");
    html_raw(b, "</dd><dt>موقعیت</dt><dd class=\"num\">");
    if (u->has_location) {
        w_decimal(b, u->lat, 5);
        html_raw(b, "، ");
        w_decimal(b, u->lon, 5);
    } else html_raw(b, "—");
    html_raw(b, "</dd>");
    dl_row(b, unit_field_label("address"), u->address);
    dl_row_digits(b, unit_field_label("postal_code"), u->postal_code);
    dl_row(b, unit_field_label("contact_name"), u->contact_name);
    dl_row_digits(b, unit_field_label("phone"), u->phone);
    html_raw(b, "<dt>آخرین تغییر</dt><dd>");
    w_date(b, u->updated_at, 1);
    html_raw(b, "</dd></dl>\n");
    if (registry_can_delete(ctx->role))
        html_fmt(b,
                 "<form method=\"post\" action=\"/units/%u/delete\" class=\"danger-zone\">"
                 "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                 "<input type=\"hidden\" name=\"version\" value=\"%s\">"
                 "<button type=\"submit\" class=\"danger\">حذف این واحد</button></form>\n",
                 id, ctx->csrf, version);
    layout_end(b);
}

/* The form for a new or existing unit; values come from the posted form when
 * re-shown with errors, else from the record. */
static void unit_form(struct http_req *req, struct http_resp *resp, store_conn *db,
                      const struct unit_row *r, const struct field_errors *errs, const char *alert) {
    struct web_ctx *ctx = web_ctx(req);
    bool posted = !strcmp(req->method, "POST");
    bool is_new = !r;
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, is_new ? "ثبت واحد تولیدی" : "ویرایش واحد تولیدی", &who, "/units");
    html_fmt(b, "<h1>%s</h1>\n", is_new ? "ثبت واحد تولیدی" : "ویرایش واحد تولیدی");
    if (alert) html_fmt(b, "<p class=\"alert\" role=\"alert\">%s</p>", alert);
    w_error_summary(b, errs);
    char action[64], version[32] = "";
    if (is_new) snprintf(action, sizeof action, "/units/new");
    else {
        snprintf(action, sizeof action, "/units/%lld/edit", (long long)r->u.id);
        snprintf(version, sizeof version, "%lld", (long long)r->u.version);
    }
    html_fmt(b, "<form method=\"post\" action=\"%h\" class=\"record\" novalidate>"
                "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
             action, ctx->csrf);
    if (!is_new) {
        const char *pv = posted ? http_form(req, "version") : NULL;
        html_fmt(b, "<input type=\"hidden\" name=\"version\" value=\"%s\">", pv ? pv : version);
    }
    char emp[32] = "", lat[32] = "", lon[32] = "";
    if (r) {
        snprintf(emp, sizeof emp, "%lld", (long long)r->u.employees);
        if (r->u.has_location) {
            snprintf(lat, sizeof lat, "%.6f", r->u.lat);
            snprintf(lon, sizeof lon, "%.6f", r->u.lon);
        }
    }
#define VALUE(field, from_record) (posted ? http_form(req, field) : (r ? (from_record) : NULL))
#define ERR(field) (field_error_for(errs, field) ? field_error_for(errs, field)->fa : NULL)
    html_raw(b, "<fieldset><legend>شناسه و مجوز</legend>");
    w_input(b, "national_id", unit_field_label("national_id"), VALUE("national_id", r->u.national_id),
            "text", ERR("national_id"), 1, "۱۱ رقم برای شناسه ملی شرکت، ۱۰ رقم برای کد ملی مالک");
    w_input(b, "name", unit_field_label("name"), VALUE("name", r->u.name), "text", ERR("name"), 1,
            NULL);
    w_input(b, "business_id", unit_field_label("business_id"), VALUE("business_id", r->u.business_id),
            "text", ERR("business_id"), 0, NULL);
    const char *licence = VALUE("licence_kind", r->u.licence_kind);
    w_select_vocab(b, "licence_kind", unit_field_label("licence_kind"), licence_kinds,
                   licence ? licence : "none", NULL, ERR("licence_kind"));
    w_input(b, "licence_no", unit_field_label("licence_no"), VALUE("licence_no", r->u.licence_no),
            "text", ERR("licence_no"), 0, NULL);
    html_raw(b, "</fieldset><fieldset><legend>فعالیت</legend>");
    registry_select_isic(b, db, VALUE("isic", r->u.isic), ERR("isic"));
    w_input(b, "employees", unit_field_label("employees"), VALUE("employees", emp), "text",
            ERR("employees"), 0, NULL);
    w_select_vocab(b, "state", unit_field_label("state"), unit_states, VALUE("state", r->u.state),
                   NULL, ERR("state"));
    html_raw(b, "</fieldset><fieldset><legend>مکان</legend>");
    registry_select_county(b, db, "county", VALUE("county", r->county), "انتخاب نشده",
                           ERR("county"));
    int64_t zone = 0;
    const char *zv = VALUE("zone_id", "");
    if (zv && *zv) fa_num_parse_i64(zv, strlen(zv), &zone, NULL);
    else if (!posted && r) zone = r->u.zone_id;
    registry_select_zone(b, db, "zone_id", zone, "خارج از محدوده‌ها", ERR("zone_id"));
    w_input(b, "lat", unit_field_label("lat"), VALUE("lat", lat), "text", ERR("lat"), 0,
            "مانند ۳۵٫۵۵");
    w_input(b, "lon", unit_field_label("lon"), VALUE("lon", lon), "text", ERR("lon"), 0,
            "مانند ۵۱٫۲۳");
    w_textarea(b, "address", unit_field_label("address"), VALUE("address", r->u.address),
               ERR("address"));
    w_input(b, "postal_code", unit_field_label("postal_code"), VALUE("postal_code", r->u.postal_code),
            "text", ERR("postal_code"), 0, NULL);
    html_raw(b, "</fieldset><fieldset><legend>رابط</legend>");
    w_input(b, "contact_name", unit_field_label("contact_name"),
            VALUE("contact_name", r->u.contact_name), "text", ERR("contact_name"), 0, NULL);
    w_input(b, "phone", unit_field_label("phone"), VALUE("phone", r->u.phone), "text", ERR("phone"),
            0, NULL);
#undef VALUE
#undef ERR
    html_raw(b, "</fieldset><button type=\"submit\">ذخیره</button></form>\n");
    layout_end(b);
}

void page_unit_new(struct http_req *req, struct http_resp *resp) {
    if (!registry_can_edit_unit(req, 0)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    unit_form(req, resp, db, NULL, NULL, NULL);
}

void page_unit_edit(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct unit_row r;
    if (!load_visible_unit(req, resp, db, &r)) return;
    if (!registry_can_edit_unit(req, r.u.id)) return web_forbidden(req, resp);
    unit_form(req, resp, db, &r, NULL, NULL);
}

static const char *posted_field(void *ctx, const char *field) {
    return http_form((struct http_req *)ctx, field);
}

/* Validates the posted unit, including references the store must resolve. */
static bool posted_unit(struct http_req *req, store_conn *db, struct unit *u,
                        struct field_errors *errs) {
    const char *county;
    unit_from_fields(posted_field, req, u, &county, errs);
    u->county_id = 0;
    if (county && *county && store_county_by_name(db, county, &u->county_id) != STORE_OK)
        field_error_add(errs, "county", "این شهرستان در فهرست نیست.", "unknown county");
    if (u->isic[0] && store_isic_exists(db, u->isic) != STORE_OK)
        field_error_add(errs, "isic", "این کد فعالیت در فهرست ISIC سامانه نیست.",
                        "unknown ISIC class");
    struct zone z;
    if (u->zone_id) {
        if (store_zone_get(db, u->zone_id, &z) != STORE_OK)
            field_error_add(errs, "zone_id", "این محدوده پیدا نشد.", "unknown zone");
        else free(z.outline);
    }
    return errs->n == 0;
}

static void duplicate_id(struct field_errors *errs) {
    field_error_add(errs, "national_id", "واحدی با همین شناسه پیش‌تر ثبت شده است.",
                    "a unit with this national ID exists");
}

void action_unit_create(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    if (!registry_can_edit_unit(req, 0)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct unit u;
    memset(&u, 0, sizeof u);
    struct field_errors errs = {0};
    if (posted_unit(req, db, &u, &errs)) {
        /* A producer's new unit is theirs: the unit and the membership together. */
        int rc = ctx->role == ROLE_PRODUCER
                     ? store_unit_create_owned(db, &ctx->user, &u, ctx->user.id)
                     : store_unit_create(db, &ctx->user, &u);
        if (rc == STORE_OK) {
            http_redirect(resp, arena_printf(req->a, "/units/%lld", (long long)u.id));
            return;
        }
        if (rc != STORE_ECONSTRAINT) return web_server_error(req, resp);
        duplicate_id(&errs);
    }
    resp->status = 422;
    unit_form(req, resp, db, NULL, &errs, NULL);
}

void action_unit_update(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct unit_row r;
    if (!load_visible_unit(req, resp, db, &r)) return;
    if (!registry_can_edit_unit(req, r.u.id)) return web_forbidden(req, resp);
    struct unit u;
    memset(&u, 0, sizeof u);
    struct field_errors errs = {0};
    const char *v = http_form(req, "version");
    int64_t version = 0;
    if (!v || fa_num_parse_i64(v, strlen(v), &version, NULL) != 0) version = -1;
    if (posted_unit(req, db, &u, &errs)) {
        u.id = r.u.id;
        u.version = version;
        int rc = store_unit_update(db, &web_ctx(req)->user, &u);
        if (rc == STORE_OK) {
            http_redirect(resp, arena_printf(req->a, "/units/%lld", (long long)u.id));
            return;
        }
        if (rc == STORE_ECONFLICT) {
            resp->status = 409;
            unit_form(req, resp, db, &r, &errs,
                      "این واحد از وقتی این فرم را باز کردید تغییر کرده است. اطلاعات تازه را "
                      "ببینید و دوباره ثبت کنید.");
            return;
        }
        if (rc != STORE_ECONSTRAINT) return web_server_error(req, resp);
        duplicate_id(&errs);
    }
    resp->status = 422;
    unit_form(req, resp, db, &r, &errs, NULL);
}

void action_unit_delete(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    if (!registry_can_delete(ctx->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct unit_row r;
    if (!load_visible_unit(req, resp, db, &r)) return;
    const char *v = http_form(req, "version");
    int64_t version = 0;
    if (!v || fa_num_parse_i64(v, strlen(v), &version, NULL) != 0) version = -1;
    int rc = store_unit_delete(db, &ctx->user, r.u.id, version);
    if (rc == STORE_OK) return http_redirect(resp, "/units");
    if (rc == STORE_ECONFLICT)
        return web_render_error(req, resp, 409, "conflict", "the unit changed meanwhile",
                                "این واحد در این فاصله تغییر کرده است؛ صفحه را دوباره باز کنید.");
    if (rc == STORE_ECONSTRAINT)
        return web_render_error(req, resp, 409, "in_use", "records depend on this unit",
                                "پرونده‌ها یا سوابقی به این واحد وابسته‌اند و نمی‌توان آن را حذف "
                                "کرد.");
    web_server_error(req, resp);
}
