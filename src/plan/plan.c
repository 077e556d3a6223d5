/* plan — see plan.h. After DBSCAN, members are bucketed per cluster with one
 * counting pass; each cluster's statistics are computed over its own members, so
 * the whole is linear in the number of points (plus the hull sorts and the
 * pairwise merge check over hull vertices, which are few). */
#include "plan/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geo_dbscan.h"
#include "core/buf.h"
#include "geo/geo_hull.h"

void plan_free(struct plan_result *r) {
    if (!r) return;
    for (int i = 0; i < r->nclusters; i++) {
        free(r->clusters[i].members);
        free(r->clusters[i].hull);
    }
    free(r->clusters);
    free(r->cluster_of);
    free(r->core);
    memset(r, 0, sizeof *r);
}

const struct plan_cluster *plan_find(const struct plan_result *r, int number) {
    for (int i = 0; i < r->nclusters; i++)
        if (r->clusters[i].number == number) return &r->clusters[i];
    return NULL;
}

/* Counts of a string key among members; small linear tables suffice (a cluster
 * holds a few sectors and classes). */
struct tally {
    const char *key;
    size_t n;
};

static void tally_add(struct tally *t, size_t *nt, size_t cap, const char *key) {
    for (size_t i = 0; i < *nt; i++)
        if (!strcmp(t[i].key, key)) {
            t[i].n++;
            return;
        }
    if (*nt < cap) t[(*nt)++] = (struct tally){key, 1};
}

static int by_count_desc(const void *a, const void *b) {
    const struct tally *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    return strcmp(x->key, y->key);
}

static int describe(const struct plan_point *pts, struct plan_cluster *c) {
    enum { TALLY_CAP = 64 };
    struct tally sectors[TALLY_CAP], classes[TALLY_CAP];
    size_t ns = 0, nc = 0;
    double slat = 0, slon = 0;
    for (size_t k = 0; k < c->n; k++) {
        const struct plan_point *p = &pts[c->members[k]];
        c->employees += p->employees;
        c->operating += p->operating_licence;
        slat += p->lat;
        slon += p->lon;
        tally_add(sectors, &ns, TALLY_CAP, p->sector[0] ? p->sector : "نامشخص");
        if (p->isic[0]) tally_add(classes, &nc, TALLY_CAP, p->isic);
    }
    c->lat = slat / (double)c->n;
    c->lon = slon / (double)c->n;
    qsort(sectors, ns, sizeof *sectors, by_count_desc);
    for (size_t i = 0; i < ns && c->nsectors < PLAN_TOP_SECTORS; i++) {
        snprintf(c->sectors[c->nsectors].sector, sizeof c->sectors[0].sector, "%s",
                 sectors[i].key);
        c->sectors[c->nsectors++].n = sectors[i].n;
    }
    qsort(classes, nc, sizeof *classes, by_count_desc);
    if (nc) {
        snprintf(c->top_isic, sizeof c->top_isic, "%s", classes[0].key);
        c->top_isic_n = classes[0].n;
    }
    c->specialised = c->top_isic_n * 10 >= c->n * 6;

    /* The zone most members lie in (members are few: quadratic is fine). */
    size_t best = 0;
    for (size_t k = 0; k < c->n; k++) {
        int64_t z = pts[c->members[k]].zone_id;
        if (!z) continue;
        size_t count = 0;
        for (size_t j = 0; j < c->n; j++) count += pts[c->members[j]].zone_id == z;
        if (count > best) {
            best = count;
            c->zone_id = z;
        }
    }
    c->in_zone = best;
    c->unregistered = best * 2 < c->n;

    /* Outline: hull over the members' coordinates. */
    double *lat = malloc(c->n * sizeof *lat), *lon = malloc(c->n * sizeof *lon);
    size_t *idx = malloc((c->n + 1) * sizeof *idx), *scratch = malloc(c->n * sizeof *scratch);
    if (!lat || !lon || !idx || !scratch) {
        free(lat), free(lon), free(idx), free(scratch);
        return -1;
    }
    for (size_t k = 0; k < c->n; k++) {
        lat[k] = pts[c->members[k]].lat;
        lon[k] = pts[c->members[k]].lon;
    }
    int h = geo_hull(lat, lon, c->n, idx, scratch);
    if (h < 0) h = 0;
    c->area_ha = geo_hull_area_m2(lat, lon, idx, (size_t)h) / 10000.0;
    c->hull = malloc(((size_t)h + 1) * sizeof *c->hull);
    if (c->hull) {
        for (int i = 0; i < h; i++) c->hull[i] = c->members[idx[i]];
        c->hull_n = (size_t)h;
    }
    free(lat), free(lon), free(idx), free(scratch);
    return c->hull ? 0 : -1;
}

static int by_size_desc(const void *a, const void *b) {
    const struct plan_cluster *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    return x->number - y->number;
}

/* Two clusters are merge candidates when some pair of their hull vertices (or
 * members, for clusters of one or two points) lies within merge_m. */
static void find_merges(const struct plan_point *pts, struct plan_result *r, double merge_m) {
    for (int i = 0; i < r->nclusters; i++) {
        for (int j = i + 1; j < r->nclusters; j++) {
            struct plan_cluster *a = &r->clusters[i], *b = &r->clusters[j];
            /* cheap reject on centroids: hulls span at most a few kilometres */
            if (geo_haversine_m(a->lat, a->lon, b->lat, b->lon) > merge_m + 20000) continue;
            bool near = false;
            for (size_t x = 0; x < a->hull_n && !near; x++)
                for (size_t y = 0; y < b->hull_n && !near; y++) {
                    const struct plan_point *p = &pts[a->hull[x]], *q = &pts[b->hull[y]];
                    near = geo_haversine_m(p->lat, p->lon, q->lat, q->lon) <= merge_m;
                }
            if (!near) continue;
            if (a->nmerge < PLAN_MAX_MERGES) a->merge_with[a->nmerge++] = b->number;
            if (b->nmerge < PLAN_MAX_MERGES) b->merge_with[b->nmerge++] = a->number;
        }
    }
}

int plan_run(const struct plan_point *pts, size_t n, double eps_m, size_t min_points,
             double merge_m, struct plan_result *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    out->npoints = n;
    if (n == 0) return 0;
    double *lat = malloc(n * sizeof *lat), *lon = malloc(n * sizeof *lon);
    out->cluster_of = malloc(n * sizeof *out->cluster_of);
    out->core = malloc(n);
    if (!lat || !lon || !out->cluster_of || !out->core) {
        free(lat), free(lon);
        plan_free(out);
        snprintf(err, errlen, "out of memory");
        return -2;
    }
    for (size_t i = 0; i < n; i++) {
        lat[i] = pts[i].lat;
        lon[i] = pts[i].lon;
    }
    geo_dbscan_params params = {eps_m, min_points, 0};
    size_t nclusters = 0;
    int rc = geo_dbscan(&params, n, lat, lon, out->cluster_of, out->core, &nclusters, err, errlen);
    free(lat), free(lon);
    if (rc != 0) {
        plan_free(out);
        return rc;
    }
    out->clusters = calloc(nclusters ? nclusters : 1, sizeof *out->clusters);
    size_t *count = calloc(nclusters ? nclusters : 1, sizeof *count);
    if (!out->clusters || !count) {
        free(count);
        plan_free(out);
        snprintf(err, errlen, "out of memory");
        return -2;
    }
    out->nclusters = (int)nclusters;
    for (size_t i = 0; i < n; i++) {
        if (out->cluster_of[i] < 0) out->noise++;
        else count[out->cluster_of[i]]++;
    }
    for (size_t c = 0; c < nclusters; c++) {
        out->clusters[c].number = (int)c;
        out->clusters[c].members = malloc(count[c] * sizeof(size_t));
        if (!out->clusters[c].members) rc = -2;
    }
    if (rc == 0) {
        for (size_t i = 0; i < n; i++) {
            int32_t c = out->cluster_of[i];
            if (c >= 0) out->clusters[c].members[out->clusters[c].n++] = i;
        }
        for (size_t c = 0; c < nclusters && rc == 0; c++)
            if (describe(pts, &out->clusters[c]) != 0) rc = -2;
    }
    free(count);
    if (rc != 0) {
        plan_free(out);
        snprintf(err, errlen, "out of memory");
        return rc;
    }
    qsort(out->clusters, nclusters, sizeof *out->clusters, by_size_desc);
    find_merges(pts, out, merge_m);
    return 0;
}

void plan_hull_geojson(buf *b, const struct plan_point *pts, const struct plan_cluster *c) {
    if (c->hull_n < 3) {
        buf_printf(b, "{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}", c->lon, c->lat);
        return;
    }
    buf_puts(b, "{\"type\":\"Polygon\",\"coordinates\":[[");
    for (size_t k = 0; k <= c->hull_n; k++) {
        const struct plan_point *p = &pts[c->hull[k % c->hull_n]];
        buf_printf(b, "%s[%.6f,%.6f]", k ? "," : "", p->lon, p->lat);
    }
    buf_puts(b, "]]}");
}
