/* pages_map — the map of units, zones and clusters (Leaflet, compiled in). The page
 * is a frame; the data is one GeoJSON document from /map/data.geojson, built from
 * the registry and a clustering with the planning page's default parameters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/json_out.h"
#include "plan/plan.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/pages_planning.h"
#include "web/registry_view.h"

void page_map(struct http_req *req, struct http_resp *resp) {
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    const char *tile = web_app(req)->cfg.tile_url;
    layout_begin(b, "نقشه", &who, "/map");
    html_fmt(b, "<link rel=\"stylesheet\" href=\"%h\">\n", asset_url("leaflet.css"));
    html_raw(b, "<div class=\"page-head\"><h1>نقشه واحدها، لکه‌ها و شهرک‌ها</h1>"
                "<a class=\"button\" href=\"/planning\">برنامه‌ریزی فضایی</a></div>\n");
    html_fmt(b, "<div id=\"map\" dir=\"ltr\" data-src=\"/map/data.geojson\" data-tile=\"%s\" "
                "role=\"region\" aria-label=\"نقشه\"></div>\n",
             tile[0] ? tile : "");
    html_fmt(b, "<script src=\"%h\"></script>\n<script src=\"%h\"></script>\n",
             asset_url("leaflet.js"), asset_url("map.js"));
    layout_end(b);
}

/* One pass over the units: each is written as a feature and kept for clustering. */
struct map_units {
    buf *b;
    struct points pts;
};

static int unit_feature(void *arg, const struct unit_point *p) {
    struct map_units *mu = arg;
    buf *b = mu->b;
    if (planning_add_point(&mu->pts, p)) return 1;
    buf_printf(b, ",\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":"
                  "[%.6f,%.6f]},\"properties\":{\"kind\":\"unit\",\"name\":",
               p->lon, p->lat);
    json_out_string(b, p->name);
    buf_puts(b, ",\"sector\":");
    json_out_string(b, p->sector[0] ? p->sector : "نامشخص");
    buf_puts(b, ",\"label\":");
    json_out_string(b, p->sector[0] ? p->sector : "");
    buf_printf(b, ",\"href\":\"/units/%lld\"}}", (long long)p->id);
    return 0;
}

struct zone_ids {
    int64_t ids[2048];
    int n;
};

static int collect_zone(void *arg, const struct zone *z) {
    struct zone_ids *zi = arg;
    if (zi->n < 2048) zi->ids[zi->n++] = z->id;
    return 0;
}

void map_data(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    buf *b = &resp->body;
    resp->content_type = "application/geo+json";
    buf_puts(b, "{\"type\":\"FeatureCollection\",\"legend\":[");
    for (int i = 0; zone_kinds[i].code; i++) {
        buf_printf(b, "%s{\"kind\":\"%s\",\"label\":", i ? "," : "", zone_kinds[i].code);
        json_out_string(b, zone_kinds[i].label_fa);
        buf_putc(b, '}');
    }
    buf_puts(b, "],\"features\":[{\"type\":\"Feature\",\"geometry\":null,\"properties\":"
                "{\"kind\":\"origin\"}}");
    /* Zones: their outline when known, else their centre. */
    struct zone_ids *zi = calloc(1, sizeof *zi);
    struct zone_filter zf = {0};
    zf.limit = 2048;
    if (!zi || store_zone_list(db, &zf, collect_zone, zi, NULL) != STORE_OK) {
        free(zi);
        return web_server_error(req, resp);
    }
    for (int i = 0; i < zi->n; i++) {
        struct zone z;
        if (store_zone_get(db, zi->ids[i], &z) != STORE_OK) continue;
        if (z.outline && z.outline[0] == '{') {
            buf_puts(b, ",\n{\"type\":\"Feature\",\"geometry\":");
            buf_puts(b, z.outline); /* validated GeoJSON written by Tashil itself */
        } else if (z.has_center) {
            buf_printf(b, ",\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                          "\"coordinates\":[%.6f,%.6f]}", z.center_lon, z.center_lat);
        } else {
            free(z.outline);
            continue;
        }
        buf_printf(b, ",\"properties\":{\"kind\":\"zone\",\"zone_kind\":\"%s\",\"name\":", z.kind);
        json_out_string(b, z.name);
        buf_puts(b, ",\"label\":");
        json_out_string(b, vocab_label(zone_kinds, z.kind));
        buf_printf(b, ",\"href\":\"/zones/%lld\"}}", (long long)z.id);
        free(z.outline);
    }
    free(zi);
    struct map_units mu = {b, {0}};
    if (store_unit_points(db, NULL, NULL, unit_feature, &mu) != STORE_OK) {
        free(mu.pts.p);
        return web_server_error(req, resp);
    }
    /* Clusters with the planning page's defaults, as hulls. */
    struct points pts = mu.pts;
    struct plan_result r;
    char err[128];
    if (plan_run(pts.p, pts.n, 300, 5, 1000, &r, err, sizeof err) == 0) {
        for (int i = 0; i < r.nclusters; i++) {
            const struct plan_cluster *c = &r.clusters[i];
            if (c->hull_n < 3) continue;
            buf_puts(b, ",\n{\"type\":\"Feature\",\"geometry\":");
            plan_hull_geojson(b, pts.p, c);
            buf_printf(b, ",\"properties\":{\"kind\":\"cluster\",\"name\":\"خوشه %d\","
                          "\"label\":\"%zu واحد\"}}", c->number + 1, c->n);
        }
        plan_free(&r);
    }
    free(pts.p);
    buf_puts(b, "\n]}\n");
}
