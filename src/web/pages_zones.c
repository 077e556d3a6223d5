/* pages_zones — industrial spots and parks: the list with unit counts, the zone's
 * page (its units, infrastructure per utility, and for spots the conversion
 * timeline towards a park), and the forms that create and change them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/fa_date.h"
#include "text/fa_fts5.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "registry/zone_fields.h"
#include "view/widgets.h"
#include "web/pages_registry.h"
#include "web/registry_view.h"

static int zone_tr(void *arg, const struct zone *z) {
    buf *b = arg;
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)z->id);
    html_fmt(b, "<tr><td><a href=\"/zones/%u\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">",
             id, z->name, vocab_label(zone_kinds, z->kind), z->county);
    if (z->area_ha >= 0) w_decimal(b, z->area_ha, 1);
    else html_raw(b, "—");
    html_raw(b, "</td><td class=\"num\">");
    w_int(b, z->units);
    html_raw(b, "</td><td class=\"num\">");
    w_int(b, z->employees);
    html_fmt(b, "</td><td>%s</td></tr>\n", z->stage[0] ? vocab_label(zone_stages, z->stage) : "—");
    return 0;
}

void page_zones(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    if (!registry_can_read(ctx->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct zone_filter f = {0};
    buf match;
    buf_init(&match, 16 * 1024);
    const char *q = http_query(req, "q");
    if (q && *q && fa_fts5_query(q, strlen(q), &match) == 0) f.match = match.data;
    const char *kind = http_query(req, "kind");
    f.kind = kind && vocab_has(zone_kinds, kind) ? kind : NULL;
    const char *county = http_query(req, "county");
    if (county && *county && store_county_by_name(db, county, &f.county_id) != STORE_OK)
        f.county_id = -1;
    f.limit = 500;
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "محدوده‌های صنعتی", &who, "/zones");
    html_raw(b, "<div class=\"page-head\"><h1>لکه‌ها و شهرک‌های صنعتی</h1>");
    if (registry_can_edit_zones(ctx->role))
        html_raw(b, "<a class=\"button\" href=\"/zones/new\">ثبت محدوده</a>");
    html_raw(b, "</div>\n<form class=\"filters\" method=\"get\" action=\"/zones\" role=\"search\">");
    w_input(b, "q", "جستجو", q, "search", NULL, 0, NULL);
    w_select_vocab(b, "kind", "نوع", zone_kinds, kind, "همه انواع", NULL);
    registry_select_county(b, db, "county", county, "همه شهرستان‌ها", NULL);
    html_raw(b, "<button type=\"submit\">نمایش</button></form>\n"
                "<table class=\"grid\"><thead><tr><th>نام</th><th>نوع</th><th>شهرستان</th>"
                "<th>مساحت (هکتار)</th><th>واحدها</th><th>کارکنان</th><th>مرحله تبدیل</th></tr>"
                "</thead><tbody>\n");
    int64_t total = 0;
    int rc = store_zone_list(db, &f, zone_tr, b, &total);
    buf_free(&match);
    if (rc != STORE_OK) return web_server_error(req, resp);
    html_raw(b, "</tbody></table>\n<p class=\"count\">");
    w_int(b, total);
    html_raw(b, " محدوده</p>\n");
    layout_end(b);
}

static bool load_zone(struct http_req *req, struct http_resp *resp, store_conn *db, struct zone *z) {
    int64_t id = registry_id_param(req, "id");
    if (!id || store_zone_get(db, id, z) != STORE_OK) {
        web_not_found(req, resp);
        return false;
    }
    return true;
}

static int zone_unit_tr(void *arg, const struct unit_row *r) {
    buf *b = arg;
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)r->u.id);
    html_fmt(b, "<tr><td><a href=\"/units/%u\">%s</a></td><td>%s</td><td class=\"num\">", id,
             r->u.name, r->isic_title[0] ? r->isic_title : "—");
    w_int(b, r->u.employees);
    html_fmt(b, "</td><td>%s</td><td>%s</td></tr>\n", vocab_label(unit_states, r->u.state),
             vocab_label(licence_kinds, r->u.licence_kind));
    return 0;
}

static int stage_li(void *arg, const char *stage, const char *reached) {
    buf *b = arg;
    html_fmt(b, "<li><strong>%s</strong> — ", vocab_label(zone_stages, stage));
    w_date(b, reached, 1);
    html_raw(b, "</li>");
    return 0;
}

void page_zone(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    if (!registry_can_read(ctx->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct zone z;
    if (!load_zone(req, resp, db, &z)) return;
    free(z.outline);
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)z.id);
    bool can_edit = registry_can_edit_zones(ctx->role);
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, z.name, &who, "/zones");
    html_fmt(b, "<div class=\"page-head\"><h1>%s</h1>", z.name);
    if (can_edit) html_fmt(b, "<a class=\"button\" href=\"/zones/%u/edit\">ویرایش</a>", id);
    html_fmt(b, "</div>\n<dl class=\"facts\"><dt>نوع</dt><dd>%s</dd><dt>شهرستان</dt><dd>%s</dd>"
                "<dt>مساحت</dt><dd class=\"num\">",
             vocab_label(zone_kinds, z.kind), z.county);
    if (z.area_ha >= 0) {
        w_decimal(b, z.area_ha, 1);
        html_raw(b, " هکتار");
    } else html_raw(b, "—");
    html_raw(b, "</dd><dt>واحدهای تولیدی</dt><dd class=\"num\">");
    w_int(b, z.units);
    html_raw(b, " واحد، ");
    w_int(b, z.employees);
    html_raw(b, " نفر</dd><dt>مرکز</dt><dd class=\"num\">");
    if (z.has_center) {
        w_decimal(b, z.center_lat, 5);
        html_raw(b, "، ");
        w_decimal(b, z.center_lon, 5);
    } else html_raw(b, "—");
    html_fmt(b, "</dd><dt>یادداشت</dt><dd>%s</dd></dl>\n", z.notes[0] ? z.notes : "—");

    /* Infrastructure: every utility, with what is known of it. */
    struct zone_infra inf[6];
    int ninf = 0;
    store_zone_infra(db, z.id, inf, &ninf);
    html_raw(b, "<section class=\"card\"><h2>زیرساخت</h2><table class=\"grid\"><thead><tr>"
                "<th>زیرساخت</th><th>وضعیت</th><th>توضیح</th><th>تاریخ</th></tr></thead><tbody>");
    for (const struct vocab *u = utilities; u->code; u++) {
        const struct zone_infra *found = NULL;
        for (int i = 0; i < ninf; i++)
            if (!strcmp(inf[i].utility, u->code)) found = &inf[i];
        html_fmt(b, "<tr><td>%s</td><td><span class=\"infra infra-%s\">%s</span></td><td>%s</td><td>",
                 u->label_fa, found ? found->state : "unknown",
                 found ? vocab_label(infra_states, found->state) : "نامشخص",
                 found ? found->note : "");
        if (found) w_date(b, found->as_of, 0);
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table>");
    if (can_edit) {
        html_fmt(b, "<form method=\"post\" action=\"/zones/%u/infrastructure\" class=\"inline-form\">"
                    "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
                 id, ctx->csrf);
        w_select_vocab(b, "utility", "زیرساخت", utilities, NULL, NULL, NULL);
        w_select_vocab(b, "state", "وضعیت", infra_states, NULL, NULL, NULL);
        w_input(b, "note", "توضیح", "", "text", NULL, 0, NULL);
        w_input(b, "as_of", "تاریخ (شمسی)", "", "text", NULL, 0, "مانند ۱۴۰۵/۰۹/۰۸");
        html_raw(b, "<button type=\"submit\">ثبت وضعیت زیرساخت</button></form>");
    }
    html_raw(b, "</section>\n");

    if (!strcmp(z.kind, "spot")) {
        html_raw(b, "<section class=\"card\"><h2>مسیر تبدیل به شهرک صنعتی غیردولتی</h2><ol class=\"timeline\">");
        store_zone_stages(db, z.id, stage_li, b);
        html_raw(b, "</ol>");
        if (can_edit) {
            html_fmt(b, "<form method=\"post\" action=\"/zones/%u/stage\" class=\"inline-form\">"
                        "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
                     id, ctx->csrf);
            w_select_vocab(b, "stage", "مرحله", zone_stages, NULL, NULL, NULL);
            w_input(b, "reached", "تاریخ رسیدن (شمسی)", "", "text", NULL, 1, "مانند ۱۴۰۵/۰۹/۰۸");
            html_raw(b, "<button type=\"submit\">ثبت مرحله</button></form>");
        }
        html_raw(b, "</section>\n");
    }

    html_raw(b, "<section class=\"card\"><h2>واحدهای این محدوده</h2><table class=\"grid\"><thead>"
                "<tr><th>نام</th><th>فعالیت</th><th>کارکنان</th><th>وضعیت</th><th>مجوز</th></tr>"
                "</thead><tbody>");
    struct unit_filter f = {0};
    f.zone_id = z.id;
    f.limit = 100;
    if (ctx->role == ROLE_PRODUCER) f.member_user_id = ctx->user.id;
    int64_t total = 0;
    store_unit_list(db, &f, zone_unit_tr, b, &total);
    html_raw(b, "</tbody></table>");
    if (total > 100)
        html_fmt(b, "<p><a href=\"/units?zone_id=%u\">همه واحدهای این محدوده</a></p>", id);
    html_raw(b, "</section>\n");
    layout_end(b);
}

static void zone_form(struct http_req *req, struct http_resp *resp, store_conn *db,
                      const struct zone *z, const struct field_errors *errs, const char *alert) {
    struct web_ctx *ctx = web_ctx(req);
    bool posted = !strcmp(req->method, "POST");
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    const char *title = z ? "ویرایش محدوده صنعتی" : "ثبت محدوده صنعتی";
    layout_begin(b, title, &who, "/zones");
    html_fmt(b, "<h1>%s</h1>\n", title);
    if (alert) html_fmt(b, "<p class=\"alert\" role=\"alert\">%s</p>", alert);
    w_error_summary(b, errs);
    char action[64], version[32] = "", lat[32] = "", lon[32] = "", area[32] = "";
    if (z) {
        snprintf(action, sizeof action, "/zones/%lld/edit", (long long)z->id);
        snprintf(version, sizeof version, "%lld", (long long)z->version);
        if (z->has_center) {
            snprintf(lat, sizeof lat, "%.6f", z->center_lat);
            snprintf(lon, sizeof lon, "%.6f", z->center_lon);
        }
        if (z->area_ha >= 0) snprintf(area, sizeof area, "%.2f", z->area_ha);
    } else {
        snprintf(action, sizeof action, "/zones/new");
    }
    html_fmt(b, "<form method=\"post\" action=\"%h\" class=\"record\" novalidate>"
                "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
             action, ctx->csrf);
    if (z) html_fmt(b, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
                    posted && http_form(req, "version") ? http_form(req, "version") : version);
#define VALUE(field, rec) (posted ? http_form(req, field) : (z ? (rec) : NULL))
#define ERR(field) (field_error_for(errs, field) ? field_error_for(errs, field)->fa : NULL)
    w_select_vocab(b, "kind", "نوع محدوده", zone_kinds, VALUE("kind", z->kind), NULL, ERR("kind"));
    w_input(b, "name", "نام", VALUE("name", z->name), "text", ERR("name"), 1, NULL);
    registry_select_county(b, db, "county", VALUE("county", z->county), "انتخاب کنید", ERR("county"));
    w_input(b, "lat", "عرض جغرافیایی مرکز", VALUE("lat", lat), "text", ERR("lat"), 0, NULL);
    w_input(b, "lon", "طول جغرافیایی مرکز", VALUE("lon", lon), "text", ERR("lon"), 0, NULL);
    w_input(b, "area_ha", "مساحت (هکتار)", VALUE("area_ha", area), "text", ERR("area_ha"), 0, NULL);
    w_select_vocab(b, "stage", "مرحله تبدیل (لکه صنعتی)", zone_stages, VALUE("stage", z->stage),
                   "—", ERR("stage"));
    w_textarea(b, "notes", "یادداشت", VALUE("notes", z->notes), ERR("notes"));
#undef VALUE
#undef ERR
    html_raw(b, "<button type=\"submit\">ذخیره</button></form>\n");
    layout_end(b);
}

void page_zone_new(struct http_req *req, struct http_resp *resp) {
    if (!registry_can_edit_zones(web_ctx(req)->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    zone_form(req, resp, db, NULL, NULL, NULL);
}

void page_zone_edit(struct http_req *req, struct http_resp *resp) {
    if (!registry_can_edit_zones(web_ctx(req)->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct zone z;
    if (!load_zone(req, resp, db, &z)) return;
    zone_form(req, resp, db, &z, NULL, NULL);
    free(z.outline);
}

static const char *posted_field(void *ctx, const char *field) {
    return http_form((struct http_req *)ctx, field);
}

/* Validates the form into z (keeping z's id, version and outline). */
static bool posted_zone(struct http_req *req, store_conn *db, struct zone *z,
                        struct field_errors *errs) {
    struct zone_record in;
    memset(&in, 0, sizeof in);
    const char *county = NULL;
    zone_from_fields(posted_field, req, &in, &county, errs);
    if (county && *county && store_county_by_name(db, county, &z->county_id) != STORE_OK)
        field_error_add(errs, "county", "این شهرستان در فهرست نیست.", "unknown county");
    snprintf(z->kind, sizeof z->kind, "%s", in.kind);
    snprintf(z->name, sizeof z->name, "%s", in.name);
    z->has_center = in.has_center;
    z->center_lat = in.lat;
    z->center_lon = in.lon;
    z->area_ha = in.area_ha;
    snprintf(z->stage, sizeof z->stage, "%s", in.stage);
    snprintf(z->notes, sizeof z->notes, "%s", in.notes);
    return errs->n == 0;
}

static void duplicate_name(struct field_errors *errs) {
    field_error_add(errs, "name", "محدوده‌ای با همین نام در این شهرستان ثبت شده است.",
                    "a zone with this name exists in the county");
}

void action_zone_create(struct http_req *req, struct http_resp *resp) {
    if (!registry_can_edit_zones(web_ctx(req)->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct zone z;
    memset(&z, 0, sizeof z);
    struct field_errors errs = {0};
    if (posted_zone(req, db, &z, &errs)) {
        int rc = store_zone_create(db, &web_ctx(req)->user, &z);
        if (rc == STORE_OK)
            return http_redirect(resp, arena_printf(req->a, "/zones/%lld", (long long)z.id));
        if (rc != STORE_ECONSTRAINT) return web_server_error(req, resp);
        duplicate_name(&errs);
    }
    resp->status = 422;
    zone_form(req, resp, db, NULL, &errs, NULL);
}

void action_zone_update(struct http_req *req, struct http_resp *resp) {
    if (!registry_can_edit_zones(web_ctx(req)->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct zone current;
    if (!load_zone(req, resp, db, &current)) return;
    struct zone z = current; /* keeps the outline, set through the API */
    struct field_errors errs = {0};
    const char *v = http_form(req, "version");
    int64_t version = -1;
    if (v) fa_num_parse_i64(v, strlen(v), &version, NULL);
    int status = 422;
    const char *alert = NULL;
    if (posted_zone(req, db, &z, &errs)) {
        z.version = version;
        int rc = store_zone_update(db, &web_ctx(req)->user, &z);
        if (rc == STORE_OK) {
            free(current.outline);
            return http_redirect(resp, arena_printf(req->a, "/zones/%lld", (long long)z.id));
        }
        if (rc == STORE_ECONFLICT) {
            status = 409;
            alert = "این محدوده از وقتی این فرم را باز کردید تغییر کرده است؛ دوباره ثبت کنید.";
        } else if (rc == STORE_ECONSTRAINT) {
            duplicate_name(&errs);
        } else {
            free(current.outline);
            return web_server_error(req, resp);
        }
    }
    resp->status = status;
    zone_form(req, resp, db, &current, &errs, alert);
    free(current.outline);
}

/* A Jalali date typed by a person, as ISO; NULL with a Persian reason otherwise. */
static const char *jalali_to_iso(struct http_req *req, const char *text, const char **why) {
    int gy, gm, gd;
    fa_err err = {0};
    if (!text || !*text) {
        *why = "تاریخ را وارد کنید.";
        return NULL;
    }
    if (fa_jalali_parse_to_gregorian(text, strlen(text), &gy, &gm, &gd, &err) != 0) {
        *why = err.fa;
        return NULL;
    }
    return arena_printf(req->a, "%04d-%02d-%02d", gy, gm, gd);
}

void action_zone_infra(struct http_req *req, struct http_resp *resp) {
    if (!registry_can_edit_zones(web_ctx(req)->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct zone z;
    if (!load_zone(req, resp, db, &z)) return;
    free(z.outline);
    struct zone_infra inf;
    memset(&inf, 0, sizeof inf);
    const char *utility = http_form(req, "utility"), *state = http_form(req, "state");
    const char *why = NULL;
    if (!utility || !vocab_has(utilities, utility)) why = "زیرساخت را انتخاب کنید.";
    else if (!state || !vocab_has(infra_states, state)) why = "وضعیت زیرساخت را انتخاب کنید.";
    else if (!registry_copy_text(inf.note, sizeof inf.note, http_form(req, "note")))
        why = "توضیح بیش از حد بلند است.";
    const char *as_of = http_form(req, "as_of");
    if (!why && as_of && *as_of) {
        const char *iso = jalali_to_iso(req, as_of, &why);
        if (iso) snprintf(inf.as_of, sizeof inf.as_of, "%s", iso);
    }
    if (why) return web_render_error(req, resp, 422, "validation", "invalid infrastructure", why);
    snprintf(inf.utility, sizeof inf.utility, "%s", utility);
    snprintf(inf.state, sizeof inf.state, "%s", state);
    if (store_zone_set_infra(db, &web_ctx(req)->user, z.id, &inf) != STORE_OK)
        return web_server_error(req, resp);
    http_redirect(resp, arena_printf(req->a, "/zones/%lld", (long long)z.id));
}

void action_zone_stage(struct http_req *req, struct http_resp *resp) {
    if (!registry_can_edit_zones(web_ctx(req)->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct zone z;
    if (!load_zone(req, resp, db, &z)) return;
    free(z.outline);
    const char *stage = http_form(req, "stage");
    const char *why = NULL;
    if (strcmp(z.kind, "spot") != 0) why = "مرحله تبدیل فقط برای لکه‌های صنعتی است.";
    else if (!stage || !vocab_has(zone_stages, stage)) why = "مرحله را انتخاب کنید.";
    const char *iso = why ? NULL : jalali_to_iso(req, http_form(req, "reached"), &why);
    if (why) return web_render_error(req, resp, 422, "validation", "invalid stage", why);
    if (store_zone_reach_stage(db, &web_ctx(req)->user, z.id, stage, iso) != STORE_OK)
        return web_server_error(req, resp);
    http_redirect(resp, arena_printf(req->a, "/zones/%lld", (long long)z.id));
}
