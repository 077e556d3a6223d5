/* pages_planning — spatial planning for the secretariat and the working group:
 * cluster the registry's located units (exact DBSCAN, parameters and filters from
 * the query string), list each cluster with what the group needs to decide, save a
 * cluster as a new industrial spot in one action, and export the clusters as
 * GeoJSON and CSV. Every request recomputes from the registry (3,000 units cluster in
 * about a millisecond), so what is shown is never stale. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_out.h"
#include "plan/plan.h"
#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/widgets.h"
#include "web/pages_planning.h"
#include "web/registry_view.h"

struct plan_params {
    const char *sector, *state;
    double eps, merge;
    int64_t min_points;
    const char *error_fa;
};

static double num_param(struct http_req *req, const char *name, double dflt, double lo, double hi,
                        const char **error, const char *message) {
    const char *s = http_query(req, name);
    if (!s) s = http_form(req, name);
    if (!s || !*s) return dflt;
    int64_t fixed;
    if (fa_num_parse_fixed(s, strlen(s), 3, &fixed, NULL) != 0 || (double)fixed / 1000 < lo ||
        (double)fixed / 1000 > hi) {
        *error = message;
        return dflt;
    }
    return (double)fixed / 1000;
}

static const char *text_param(struct http_req *req, const char *name) {
    const char *s = http_query(req, name);
    if (!s) s = http_form(req, name);
    return s && *s ? s : NULL;
}

static struct plan_params read_params(struct http_req *req) {
    struct plan_params p = {0};
    p.sector = text_param(req, "sector");
    p.state = text_param(req, "state");
    if (p.state && !vocab_has(unit_states, p.state)) p.state = NULL;
    p.eps = num_param(req, "eps", 300, 1, 5000, &p.error_fa,
                      "فاصله همسایگی باید بین ۱ و ۵٬۰۰۰ متر باشد.");
    p.min_points = (int64_t)num_param(req, "min_points", 5, 1, 1000, &p.error_fa,
                                      "کمینه تعداد واحدها باید بین ۱ و ۱٬۰۰۰ باشد.");
    p.merge = num_param(req, "merge", 1000, 0, 20000, &p.error_fa,
                        "فاصله ادغام باید بین ۰ و ۲۰٬۰۰۰ متر باشد.");
    return p;
}

int planning_add_point(void *arg, const struct unit_point *u) {
    struct points *pts = arg;
    if (pts->n == pts->cap) {
        size_t cap = pts->cap ? pts->cap * 2 : 1024;
        struct plan_point *np = realloc(pts->p, cap * sizeof *np);
        if (!np) return 1;
        pts->p = np;
        pts->cap = cap;
    }
    struct plan_point *p = &pts->p[pts->n++];
    memset(p, 0, sizeof *p);
    p->id = u->id;
    p->lat = u->lat;
    p->lon = u->lon;
    snprintf(p->isic, sizeof p->isic, "%s", u->isic);
    snprintf(p->sector, sizeof p->sector, "%s", u->sector);
    p->operating_licence = !strcmp(u->licence_kind, "operating");
    p->employees = u->employees;
    p->zone_id = u->zone_id;
    p->county_id = u->county_id;
    return 0;
}

int planning_points(store_conn *db, const char *sector, const char *state, struct points *pts) {
    memset(pts, 0, sizeof *pts);
    int rc = store_unit_points(db, sector, state, planning_add_point, pts);
    if (rc != STORE_OK) {
        free(pts->p);
        pts->p = NULL;
    }
    return rc;
}

/* Loads the points and clusters them; false after writing an error response. */
static bool compute(struct http_req *req, struct http_resp *resp, store_conn *db,
                    const struct plan_params *pp, struct points *pts, struct plan_result *r) {
    if (planning_points(db, pp->sector, pp->state, pts) != STORE_OK) {
        web_server_error(req, resp);
        return false;
    }
    char err[256];
    if (plan_run(pts->p, pts->n, pp->eps, (size_t)pp->min_points, pp->merge, r, err, sizeof err)) {
        free(pts->p);
        web_render_error(req, resp, 422, "validation", err, "خوشه‌بندی با این پارامترها ممکن نیست.");
        return false;
    }
    return true;
}

static void param_query(buf *q, const struct plan_params *pp) {
    buf_printf(q, "eps=%g&min_points=%lld&merge=%g", pp->eps, (long long)pp->min_points, pp->merge);
    if (pp->sector) {
        buf_puts(q, "&sector=");
        html_url_component(q, pp->sector);
    }
    if (pp->state) buf_printf(q, "&state=%s", pp->state);
}

static void hidden_params(buf *b, const struct plan_params *pp) {
    char eps[32], minp[32], merge[32];
    snprintf(eps, sizeof eps, "%g", pp->eps);
    snprintf(minp, sizeof minp, "%lld", (long long)pp->min_points);
    snprintf(merge, sizeof merge, "%g", pp->merge);
    html_fmt(b, "<input type=\"hidden\" name=\"eps\" value=\"%s\"><input type=\"hidden\" "
                "name=\"min_points\" value=\"%s\"><input type=\"hidden\" name=\"merge\" value=\"%s\">",
             eps, minp, merge);
    if (pp->sector) html_fmt(b, "<input type=\"hidden\" name=\"sector\" value=\"%s\">", pp->sector);
    if (pp->state) html_fmt(b, "<input type=\"hidden\" name=\"state\" value=\"%s\">", pp->state);
}

static void infra_gaps(buf *b, store_conn *db, int64_t zone_id) {
    struct zone_infra inf[6];
    int n = 0;
    store_zone_infra(db, zone_id, inf, &n);
    bool any = false;
    for (const struct vocab *u = utilities; u->code; u++) {
        const char *state = "none";
        bool known = false;
        for (int i = 0; i < n; i++)
            if (!strcmp(inf[i].utility, u->code)) {
                state = inf[i].state;
                known = true;
            }
        if (!strcmp(state, "full")) continue;
        html_fmt(b, "%s%s (%s)", any ? "، " : "", u->label_fa,
                 known ? vocab_label(infra_states, state) : "نامشخص");
        any = true;
    }
    if (!any) html_raw(b, "بدون کمبود");
}

void page_planning(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct plan_params pp = read_params(req);
    struct points pts;
    struct plan_result r;
    if (!compute(req, resp, db, &pp, &pts, &r)) return;
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "برنامه‌ریزی فضایی", &who, "/planning");
    html_raw(b, "<div class=\"page-head\"><h1>برنامه‌ریزی فضایی: خوشه‌های واحدهای تولیدی</h1>"
                "<a class=\"button\" href=\"/map\">نقشه</a></div>\n");
    if (pp.error_fa) html_fmt(b, "<p class=\"alert\" role=\"alert\">%s</p>", pp.error_fa);
    html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/planning\">");
    registry_select_sector(b, db, pp.sector);
    w_select_vocab(b, "state", "وضعیت", unit_states, pp.state, "همه وضعیت‌ها", NULL);
    char eps[32], minp[32], merge[32];
    snprintf(eps, sizeof eps, "%g", pp.eps);
    snprintf(minp, sizeof minp, "%lld", (long long)pp.min_points);
    snprintf(merge, sizeof merge, "%g", pp.merge);
    w_input(b, "eps", "فاصله همسایگی (متر)", eps, "text", NULL, 1, NULL);
    w_input(b, "min_points", "کمینه واحدها", minp, "text", NULL, 1, NULL);
    w_input(b, "merge", "فاصله ادغام (متر)", merge, "text", NULL, 1, NULL);
    html_raw(b, "<button type=\"submit\">خوشه‌بندی</button></form>\n<p class=\"count\">");
    w_int(b, (int64_t)r.npoints);
    html_raw(b, " واحد دارای مختصات؛ ");
    w_int(b, r.nclusters);
    html_raw(b, " خوشه؛ ");
    w_int(b, (int64_t)r.noise);
    html_raw(b, " واحد پراکنده. ");
    buf q;
    buf_init(&q, 4096);
    param_query(&q, &pp);
    html_fmt(b, "<a href=\"/planning/clusters.geojson?%s\">GeoJSON</a> · "
                "<a href=\"/planning/clusters.csv?%s\">CSV</a></p>\n",
             q.data ? q.data : "", q.data ? q.data : "");
    buf_free(&q);
    html_raw(b, "<table class=\"grid\"><thead><tr><th>خوشه</th><th>واحدها</th><th>کارکنان</th>"
                "<th>ترکیب بخش‌ها</th><th>پروانه بهره‌برداری</th><th>محدوده ثبت‌شده</th>"
                "<th>کمبود زیرساخت</th><th>مساحت (هکتار)</th><th>پیشنهاد</th></tr></thead><tbody>\n");
    bool can_save = registry_can_edit_zones(ctx->role);
    for (int i = 0; i < r.nclusters; i++) {
        const struct plan_cluster *c = &r.clusters[i];
        html_raw(b, "<tr><td class=\"num\">");
        w_int(b, c->number + 1);
        html_raw(b, "</td><td class=\"num\">");
        w_int(b, (int64_t)c->n);
        html_raw(b, "</td><td class=\"num\">");
        w_int(b, c->employees);
        html_raw(b, "</td><td>");
        for (int s = 0; s < c->nsectors; s++) {
            html_fmt(b, "%s%s ", s ? "، " : "", c->sectors[s].sector);
            w_int(b, (int64_t)(c->sectors[s].n * 100 / c->n));
            html_raw(b, "٪");
        }
        html_raw(b, "</td><td class=\"num\">");
        w_int(b, (int64_t)(c->operating * 100 / c->n));
        html_raw(b, "٪</td><td>");
        struct zone z;
        bool has_zone = c->zone_id && store_zone_get(db, c->zone_id, &z) == STORE_OK;
        if (has_zone) {
            free(z.outline);
            char zid[32];
            snprintf(zid, sizeof zid, "%lld", (long long)z.id);
            html_fmt(b, "<a href=\"/zones/%u\">%s</a></td><td>", zid, z.name);
            infra_gaps(b, db, z.id);
        } else {
            html_raw(b, "—</td><td>—");
        }
        html_raw(b, "</td><td class=\"num\">");
        w_decimal(b, c->area_ha, 1);
        html_raw(b, "</td><td><ul class=\"flags\">");
        if (c->unregistered) html_raw(b, "<li class=\"flag flag-new\">لکه ثبت‌نشده</li>");
        if (c->specialised) {
            html_raw(b, "<li class=\"flag flag-special\">نامزد شهرک تخصصی (");
            w_text_fa_digits(b, c->top_isic);
            html_raw(b, "، ");
            w_int(b, (int64_t)(c->top_isic_n * 100 / c->n));
            html_raw(b, "٪)</li>");
        }
        for (int m = 0; m < c->nmerge; m++) {
            html_raw(b, "<li class=\"flag flag-merge\">نامزد ادغام با خوشه ");
            w_int(b, c->merge_with[m] + 1);
            html_raw(b, "</li>");
        }
        html_raw(b, "</ul>");
        if (can_save && c->unregistered) {
            char num[32];
            snprintf(num, sizeof num, "%d", c->number);
            html_fmt(b, "<form method=\"post\" action=\"/planning/save\" class=\"save-cluster\">"
                        "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                        "<input type=\"hidden\" name=\"cluster\" value=\"%s\">",
                     ctx->csrf, num);
            hidden_params(b, &pp);
            html_fmt(b, "<label class=\"sr-only\" for=\"name-%s\">نام لکه</label>"
                        "<input id=\"name-%s\" name=\"name\" placeholder=\"نام لکه صنعتی\" required>"
                        "<button type=\"submit\">ثبت به‌عنوان لکه صنعتی</button></form>",
                     num, num);
        }
        html_raw(b, "</td></tr>\n");
    }
    html_raw(b, "</tbody></table>\n");
    layout_end(b);
    plan_free(&r);
    free(pts.p);
}

void action_planning_save(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    if (!registry_can_edit_zones(ctx->role)) return web_forbidden(req, resp);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct plan_params pp = read_params(req);
    const char *num = http_form(req, "cluster");
    int64_t number = -1;
    if (!num || fa_num_parse_i64(num, strlen(num), &number, NULL) != 0 || number < 0)
        return web_render_error(req, resp, 422, "validation", "cluster is required",
                                "خوشه مشخص نیست.");
    struct zone z;
    memset(&z, 0, sizeof z);
    if (!registry_copy_text(z.name, sizeof z.name, http_form(req, "name")) || !z.name[0])
        return web_render_error(req, resp, 422, "validation", "name is required",
                                "نام لکه صنعتی را وارد کنید.");
    struct points pts;
    struct plan_result r;
    if (!compute(req, resp, db, &pp, &pts, &r)) return;
    const struct plan_cluster *c = plan_find(&r, (int)number);
    int rc = STORE_OK;
    if (!c) {
        plan_free(&r);
        free(pts.p);
        return web_render_error(req, resp, 409, "stale", "the cluster no longer exists",
                                "این خوشه دیگر با این پارامترها وجود ندارد؛ صفحه را تازه کنید.");
    }
    /* The county most members are in names the spot's county. */
    int64_t best_county = 0;
    size_t best = 0;
    for (size_t k = 0; k < c->n; k++) {
        int64_t cid = pts.p[c->members[k]].county_id;
        size_t count = 0;
        for (size_t j = 0; cid && j < c->n; j++) count += pts.p[c->members[j]].county_id == cid;
        if (count > best) {
            best = count;
            best_county = cid;
        }
    }
    snprintf(z.kind, sizeof z.kind, "spot");
    snprintf(z.stage, sizeof z.stage, "identified");
    z.county_id = best_county;
    z.has_center = true;
    z.center_lat = c->lat;
    z.center_lon = c->lon;
    z.area_ha = c->area_ha;
    snprintf(z.notes, sizeof z.notes, "ثبت‌شده از خوشه‌بندی (فاصله همسایگی %g متر، کمینه %lld واحد).",
             pp.eps, (long long)pp.min_points);
    /* The hull as the spot's outline (GeoJSON, closed ring). */
    buf outline;
    buf_init(&outline, 1 << 20);
    if (c->hull_n >= 3) {
        plan_hull_geojson(&outline, pts.p, c);
        z.outline = outline.data;
    }
    int64_t *ids = malloc(c->n * sizeof *ids);
    if (!ids || !best_county) rc = ids ? STORE_ECONSTRAINT : STORE_ERROR;
    for (size_t k = 0; ids && k < c->n; k++) ids[k] = pts.p[c->members[k]].id;
    size_t assigned = 0;
    if (rc == STORE_OK) rc = store_begin(db);
    if (rc == STORE_OK) {
        rc = store_zone_create(db, &ctx->user, &z);
        if (rc == STORE_OK) rc = store_units_assign_zone(db, &ctx->user, z.id, ids, c->n, &assigned);
        if (rc == STORE_OK) rc = store_commit(db);
        else store_rollback(db);
    }
    free(ids);
    buf_free(&outline);
    plan_free(&r);
    free(pts.p);
    if (rc == STORE_OK)
        return http_redirect(resp, arena_printf(req->a, "/zones/%lld", (long long)z.id));
    if (rc == STORE_ECONSTRAINT)
        return web_render_error(req, resp, 422, "validation", "name taken or county unknown",
                                "محدوده‌ای با این نام در این شهرستان هست، یا شهرستان واحدهای خوشه "
                                "مشخص نیست.");
    web_server_error(req, resp);
}

void export_planning_geojson(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct plan_params pp = read_params(req);
    struct points pts;
    struct plan_result r;
    if (!compute(req, resp, db, &pp, &pts, &r)) return;
    buf *b = &resp->body;
    resp->content_type = "application/geo+json";
    http_set_header(resp, "Content-Disposition", "attachment; filename=\"clusters.geojson\"");
    buf_puts(b, "{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < r.nclusters; i++) {
        const struct plan_cluster *c = &r.clusters[i];
        buf_puts(b, i ? ",\n" : "\n");
        buf_puts(b, "{\"type\":\"Feature\",\"geometry\":");
        plan_hull_geojson(b, pts.p, c);
        buf_printf(b, ",\"properties\":{\"cluster\":%d,\"units\":%zu,\"employees\":%lld,"
                      "\"operating_share\":%.3f,\"area_ha\":%.2f,\"zone_id\":",
                   c->number, c->n, (long long)c->employees, (double)c->operating / (double)c->n,
                   c->area_ha);
        if (c->zone_id) buf_printf(b, "%lld", (long long)c->zone_id);
        else buf_puts(b, "null");
        buf_printf(b, ",\"unregistered\":%s,\"specialised_candidate\":%s,\"top_isic\":",
                   c->unregistered ? "true" : "false", c->specialised ? "true" : "false");
        json_out_string(b, c->top_isic);
        buf_puts(b, ",\"merge_with\":[");
        for (int m = 0; m < c->nmerge; m++) buf_printf(b, "%s%d", m ? "," : "", c->merge_with[m]);
        buf_puts(b, "]}}");
    }
    buf_puts(b, "\n]}\n");
    plan_free(&r);
    free(pts.p);
}

void export_planning_csv(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct plan_params pp = read_params(req);
    struct points pts;
    struct plan_result r;
    if (!compute(req, resp, db, &pp, &pts, &r)) return;
    buf *b = &resp->body;
    resp->content_type = "text/csv; charset=utf-8";
    http_set_header(resp, "Content-Disposition", "attachment; filename=\"clusters.csv\"");
    buf_puts(b, "\xEF\xBB\xBF" "cluster,units,employees,lat,lon,area_ha,operating_share,top_isic,"
                "top_isic_share,zone_id,unregistered,specialised_candidate,merge_with\r\n");
    for (int i = 0; i < r.nclusters; i++) {
        const struct plan_cluster *c = &r.clusters[i];
        buf_printf(b, "%d,%zu,%lld,%.6f,%.6f,%.2f,%.3f,%s,%.3f,", c->number, c->n,
                   (long long)c->employees, c->lat, c->lon, c->area_ha,
                   (double)c->operating / (double)c->n, c->top_isic,
                   (double)c->top_isic_n / (double)c->n);
        if (c->zone_id) buf_printf(b, "%lld", (long long)c->zone_id);
        buf_printf(b, ",%d,%d,", c->unregistered, c->specialised);
        for (int m = 0; m < c->nmerge; m++) buf_printf(b, "%s%d", m ? " " : "", c->merge_with[m]);
        buf_puts(b, "\r\n");
    }
    plan_free(&r);
    free(pts.p);
}
