/* Unit tests for geo/geo_dbscan: the grid algorithm against a brute-force O(n²)
 * reference over geo_haversine_m, on random and adversarial point sets (duplicates,
 * cell borders, exact-eps spacing, poles, antimeridian, tiny and huge eps), plus
 * input-order independence and argument checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "geo/geo_dbscan.h"

#define PI 3.14159265358979323846
#define R GEO_EARTH_RADIUS_M

/* --- deterministic random numbers ---------------------------------------------- */
typedef struct rng { uint64_t s; } rng;
static uint64_t rnext(rng *g) {
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return g->s;
}
static double runif(rng *g) { return (double)(rnext(g) >> 11) / 9007199254740992.0; }
static double rnorm(rng *g) {
    double u = runif(g), v = runif(g);
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2 * log(u)) * cos(2 * PI * v);
}

typedef struct pts {
    size_t n, cap;
    double *lat, *lon;
} pts;

static void add(pts *p, double lat, double lon) {
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->lat = realloc(p->lat, p->cap * sizeof *p->lat);
        p->lon = realloc(p->lon, p->cap * sizeof *p->lon);
        assert_non_null(p->lat);
        assert_non_null(p->lon);
    }
    if (lat > 90) lat = 90;
    if (lat < -90) lat = -90;
    while (lon > 180) lon -= 360;
    while (lon < -180) lon += 360;
    p->lat[p->n] = lat;
    p->lon[p->n] = lon;
    p->n++;
}
static void pts_free(pts *p) {
    free(p->lat);
    free(p->lon);
    memset(p, 0, sizeof *p);
}

/* a point at distance ~dist_m in direction theta from (lat, lon), local approximation */
static void add_near(pts *p, double lat, double lon, double north_m, double east_m) {
    double dlat = north_m / R * 180 / PI;
    double c = cos(lat * PI / 180);
    double dlon = c > 1e-9 ? east_m / (R * c) * 180 / PI : 0;
    add(p, lat + dlat, lon + dlon);
}

/* --- reference ----------------------------------------------------------------- */
typedef struct ref {
    uint8_t *core;
    int *comp;     /* component of each core point (a representative index), else -1 */
    double *nearest; /* distance to the nearest core point within eps, or -1 */
} ref;

static int uf_find(int *par, int i) {
    while (par[i] != i) i = par[i] = par[par[i]];
    return i;
}

static void brute(const pts *p, double eps, size_t minpts, ref *out) {
    size_t n = p->n;
    out->core = calloc(n, 1);
    out->comp = malloc(n * sizeof(int));
    out->nearest = malloc(n * sizeof(double));
    uint8_t *in = malloc(n * n);
    assert_true(out->core && out->comp && out->nearest && in);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i; j < n; j++) {
            int v = geo_haversine_m(p->lat[i], p->lon[i], p->lat[j], p->lon[j]) <= eps;
            in[i * n + j] = in[j * n + i] = (uint8_t)v;
        }
    for (size_t i = 0; i < n; i++) {
        size_t c = 0;
        for (size_t j = 0; j < n; j++) c += in[i * n + j];
        out->core[i] = c >= minpts;
    }
    int *par = malloc(n * sizeof(int));
    for (size_t i = 0; i < n; i++) par[i] = (int)i;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (out->core[i] && out->core[j] && in[i * n + j]) {
                int a = uf_find(par, (int)i), b = uf_find(par, (int)j);
                if (a != b) par[a] = b;
            }
    for (size_t i = 0; i < n; i++) {
        out->comp[i] = out->core[i] ? uf_find(par, (int)i) : -1;
        out->nearest[i] = -1;
        if (out->core[i]) continue;
        for (size_t j = 0; j < n; j++) {
            if (!out->core[j] || !in[i * n + j]) continue;
            double d = geo_haversine_m(p->lat[i], p->lon[i], p->lat[j], p->lon[j]);
            if (out->nearest[i] < 0 || d < out->nearest[i]) out->nearest[i] = d;
        }
    }
    free(par);
    free(in);
}

static void ref_free(ref *r) {
    free(r->core);
    free(r->comp);
    free(r->nearest);
}

typedef struct res {
    int32_t *cl;
    uint8_t *core;
    size_t ncl;
} res;

static void run(const pts *p, double eps, size_t minpts, unsigned threads, res *out) {
    out->cl = malloc((p->n + 1) * sizeof *out->cl);
    out->core = malloc(p->n + 1);
    char err[128];
    geo_dbscan_params par = {eps, minpts, threads};
    int rc = geo_dbscan(&par, p->n, p->lat, p->lon, out->cl, out->core, &out->ncl, err, sizeof err);
    if (rc != 0) fail_msg("geo_dbscan: %s", err);
}

static void res_free(res *r) {
    free(r->cl);
    free(r->core);
}

/* The result agrees with the reference in every way the contract says. */
static void check(const pts *p, double eps, size_t minpts, const res *got, const ref *rf) {
    size_t n = p->n;
    int *map = malloc(n * sizeof(int));     /* ref component -> our label */
    int *back = malloc((got->ncl + 1) * sizeof(int)); /* our label -> ref component */
    for (size_t i = 0; i < n; i++) map[i] = -2;
    for (size_t i = 0; i <= got->ncl; i++) back[i] = -2;
    int32_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (got->core[i] != rf->core[i])
            fail_msg("point %zu (%.9f,%.9f): core %d, reference %d (eps %g minPts %zu)", i,
                     p->lat[i], p->lon[i], got->core[i], rf->core[i], eps, minpts);
        int noise = !rf->core[i] && rf->nearest[i] < 0;
        if ((got->cl[i] == -1) != noise)
            fail_msg("point %zu: cluster %d, reference noise %d", i, got->cl[i], noise);
        if (got->cl[i] >= 0) {
            assert_true((size_t)got->cl[i] < got->ncl);
            assert_true(got->cl[i] <= next); /* numbered in order of first appearance */
            if (got->cl[i] == next) next++;
        }
        if (rf->core[i]) {
            int c = rf->comp[i];
            if (map[c] == -2) map[c] = got->cl[i];
            if (back[got->cl[i]] == -2) back[got->cl[i]] = c;
            if (map[c] != got->cl[i] || back[got->cl[i]] != c)
                fail_msg("point %zu: clusters differ from the reference on core points", i);
        }
    }
    assert_int_equal((size_t)next, got->ncl);
    /* border points: inside of a core point of their cluster, and of the nearest one */
    for (size_t i = 0; i < n; i++) {
        if (rf->core[i] || got->cl[i] < 0) continue;
        double bestd = -1;
        for (size_t j = 0; j < n; j++) {
            if (!rf->core[j] || got->cl[j] != got->cl[i]) continue;
            double d = geo_haversine_m(p->lat[i], p->lon[i], p->lat[j], p->lon[j]);
            if (d <= eps && (bestd < 0 || d < bestd)) bestd = d;
        }
        if (bestd < 0) fail_msg("border point %zu has no core point of its cluster within eps", i);
        if (bestd != rf->nearest[i])
            fail_msg("border point %zu: nearest core of its cluster at %.12g m, nearest core at %.12g m",
                     i, bestd, rf->nearest[i]);
    }
    free(map);
    free(back);
}

/* Shuffled input gives the same core flags, noise and partition per point. */
static void check_shuffle(const pts *p, double eps, size_t minpts, const res *a, uint64_t seed) {
    size_t n = p->n;
    size_t *perm = malloc(n * sizeof *perm);
    for (size_t i = 0; i < n; i++) perm[i] = i;
    rng g = {seed * 2654435761u + 1};
    for (size_t i = n; i > 1; i--) {
        size_t j = rnext(&g) % i, t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
    }
    pts q = {0};
    for (size_t i = 0; i < n; i++) add(&q, p->lat[perm[i]], p->lon[perm[i]]);
    res b;
    run(&q, eps, minpts, 2, &b);
    int *m1 = malloc((a->ncl + 1) * sizeof(int)), *m2 = malloc((b.ncl + 1) * sizeof(int));
    for (size_t i = 0; i <= a->ncl; i++) m1[i] = -1;
    for (size_t i = 0; i <= b.ncl; i++) m2[i] = -1;
    assert_int_equal(a->ncl, b.ncl);
    for (size_t k = 0; k < n; k++) {
        size_t i = perm[k];
        assert_int_equal(a->core[i], b.core[k]);
        assert_int_equal(a->cl[i] < 0, b.cl[k] < 0);
        if (a->cl[i] < 0) continue;
        if (m1[a->cl[i]] < 0) m1[a->cl[i]] = b.cl[k];
        if (m2[b.cl[k]] < 0) m2[b.cl[k]] = a->cl[i];
        if (m1[a->cl[i]] != b.cl[k] || m2[b.cl[k]] != a->cl[i])
            fail_msg("shuffled input: point %zu is in another cluster", i);
    }
    free(m1);
    free(m2);
    res_free(&b);
    pts_free(&q);
    free(perm);
}

static void verify(const pts *p, double eps, size_t minpts) {
    ref rf;
    brute(p, eps, minpts, &rf);
    res a, b;
    run(p, eps, minpts, 1, &a);
    check(p, eps, minpts, &a, &rf);
    run(p, eps, minpts, 2, &b);
    check(p, eps, minpts, &b, &rf);
    for (size_t i = 0; i < p->n; i++) assert_int_equal(a.cl[i], b.cl[i]);
    check_shuffle(p, eps, minpts, &a, (uint64_t)p->n + minpts);
    res_free(&a);
    res_free(&b);
    ref_free(&rf);
}

/* --- point sets ---------------------------------------------------------------- */

static void blobs(pts *p, rng *g, double lat0, double lon0, double span_m, size_t nblobs,
                  size_t per_blob, double sigma_lo, double sigma_hi, size_t uniform) {
    for (size_t b = 0; b < nblobs; b++) {
        double cn = (runif(g) - 0.5) * span_m, ce = (runif(g) - 0.5) * span_m;
        double sg = sigma_lo + runif(g) * (sigma_hi - sigma_lo);
        for (size_t k = 0; k < per_blob; k++)
            add_near(p, lat0, lon0, cn + sg * rnorm(g), ce + sg * rnorm(g));
    }
    for (size_t k = 0; k < uniform; k++)
        add_near(p, lat0, lon0, (runif(g) - 0.5) * span_m, (runif(g) - 0.5) * span_m);
}

static void random_blobs_match_reference(void **state) {
    (void)state;
    rng g = {88172645463325252ull};
    for (int round = 0; round < 4; round++) {
        pts p = {0};
        blobs(&p, &g, 35.7, 51.4, 8000, 25, 40, 80, 250, 300);
        verify(&p, 300, 5);
        verify(&p, 300, 1);
        verify(&p, 150, 2);
        verify(&p, 600, 12);
        pts_free(&p);
    }
}

static void duplicates_match_reference(void **state) {
    (void)state;
    rng g = {12345};
    pts p = {0};
    for (int i = 0; i < 200; i++) {
        double lat = 29.6 + runif(&g) * 0.02, lon = 52.5 + runif(&g) * 0.02;
        int copies = 1 + (int)(rnext(&g) % 6);
        for (int c = 0; c < copies; c++) add(&p, lat, lon);
    }
    for (size_t i = 0; i < 100; i++) add(&p, p.lat[0], p.lon[0]); /* a heavy stack */
    verify(&p, 50, 4);
    verify(&p, 1e-3, 3);   /* tiny eps: only exact duplicates meet */
    verify(&p, 1e-6, 101); /* the smallest eps */
    verify(&p, 400, 30);
    pts_free(&p);
}

/* Rebuilds the library's grid constants (see geo_dbscan.c, setup_metric) so points
 * can be put exactly on row and column borders. */
static void grid_for(double eps, double *eta) {
    double s = sin(eps / (2 * R)), hi = s * s * (1 + 1e-9);
    double H = 2 * asin(sqrt(hi)) * (1 + 1e-9) + 1e-15;
    *eta = H / sqrt(2.0) * 0.999;
}

static void cell_borders_match_reference(void **state) {
    (void)state;
    double eps = 250, eta;
    grid_for(eps, &eta);
    pts p = {0};
    rng g = {777};
    /* rows: latitude -90 + k·eta, several near 36°N; columns: -180 + c·(360/ncols) */
    int64_t r0 = (int64_t)floor((36.0 * PI / 180 + PI / 2) / eta);
    for (int64_t r = r0; r < r0 + 8; r++) {
        double lo = -PI / 2 + (double)r * eta, hi = lo + eta;
        double cmax = cos(fmin(fabs(lo), fabs(hi)));
        double ncols = ceil(2 * PI * cmax / eta), w = 2 * PI / ncols;
        int64_t c0 = (int64_t)floor((50.0 * PI / 180 + PI) / w);
        for (int64_t c = c0; c < c0 + 8; c++) {
            double lat = lo * 180 / PI, lon = (-PI + (double)c * w) * 180 / PI;
            int k = 1 + (int)(rnext(&g) % 3);
            for (int i = 0; i < k; i++) add(&p, lat, lon);
            add(&p, lat + (runif(&g) - 0.5) * 1e-5, lon);
            add(&p, lat, lon + (runif(&g) - 0.5) * 1e-5);
        }
    }
    verify(&p, eps, 3);
    verify(&p, eps, 6);
    pts_free(&p);
    /* points spaced exactly eps along a meridian and a parallel: boundary decisions */
    for (int axis = 0; axis < 2; axis++) {
        pts q = {0};
        double step = eps / R * 180 / PI;
        for (int i = 0; i < 60; i++) {
            if (axis == 0) add(&q, 10 + i * step, 20);
            else add(&q, 0, 20 + i * step);
            add(&q, 10.001 + i * step * 0.5, 21 + i * step * 0.999999);
        }
        verify(&q, eps, 2);
        verify(&q, eps, 3);
        pts_free(&q);
    }
}

static void single_point_and_small_sets(void **state) {
    (void)state;
    pts p = {0};
    add(&p, 35.0, 51.0);
    res r;
    run(&p, 100, 1, 0, &r);
    assert_int_equal(r.cl[0], 0);
    assert_int_equal(r.core[0], 1);
    assert_int_equal(r.ncl, 1);
    res_free(&r);
    run(&p, 100, 2, 0, &r);
    assert_int_equal(r.cl[0], -1);
    assert_int_equal(r.core[0], 0);
    assert_int_equal(r.ncl, 0);
    res_free(&r);
    add(&p, 35.0005, 51.0); /* ~55.6 m north */
    verify(&p, 100, 2);
    verify(&p, 50, 2);
    pts_free(&p);
    /* n = 0 is fine */
    geo_dbscan_params par = {10, 1, 0};
    size_t ncl = 99;
    assert_int_equal(geo_dbscan(&par, 0, NULL, NULL, NULL, NULL, &ncl, NULL, 0), 0);
    assert_int_equal(ncl, 0);
}

static void huge_eps_and_whole_globe(void **state) {
    (void)state;
    rng g = {4242};
    pts p = {0};
    for (int i = 0; i < 500; i++) {
        double z = runif(&g) * 2 - 1;
        add(&p, asin(z) * 180 / PI, runif(&g) * 360 - 180);
    }
    add(&p, 90, 0);
    add(&p, -90, 180);
    add(&p, 0, 180);
    add(&p, 0, -180);
    verify(&p, 500e3, 3);
    verify(&p, 2000e3, 8);
    verify(&p, 1e7, 40);
    verify(&p, 2.5e7, 504); /* more than half the circumference: all within eps */
    res r;
    run(&p, 2.5e7, 504, 0, &r);
    assert_int_equal(r.ncl, 1);
    res_free(&r);
    pts_free(&p);
}

static void one_cluster_across_many_cells(void **state) {
    (void)state;
    rng g = {99};
    pts p = {0};
    double eps = 200;
    for (int i = 0; i < 1500; i++) /* a winding chain ~210 km long */
        add_near(&p, 33.0, 48.0, i * 0.7 * eps * 0.6 + rnorm(&g) * 5,
                 i * 0.7 * eps * 0.8 + 2000 * sin(i / 50.0) / 50 + rnorm(&g) * 5);
    ref rf;
    brute(&p, eps, 3, &rf);
    res r;
    run(&p, eps, 3, 2, &r);
    check(&p, eps, 3, &r, &rf);
    assert_int_equal(r.ncl, 1);
    res_free(&r);
    ref_free(&rf);
    pts_free(&p);
}

static void poles_match_reference(void **state) {
    (void)state;
    rng g = {31337};
    pts p = {0};
    for (int i = 0; i < 500; i++) { /* within ~3 km of each pole, any longitude */
        double d = runif(&g) * 3000 / R * 180 / PI;
        add(&p, 90 - d, runif(&g) * 360 - 180);
        add(&p, -90 + d * runif(&g), runif(&g) * 360 - 180);
    }
    for (int i = 0; i < 10; i++) add(&p, 90, i * 36 - 180.0); /* the pole itself */
    verify(&p, 300, 4);
    verify(&p, 1000, 10);
    verify(&p, 20, 2);
    pts_free(&p);
}

static void antimeridian_matches_reference(void **state) {
    (void)state;
    rng g = {2718};
    pts p = {0};
    double lats[] = {0, 45, 65.5, -70, 89.99};
    for (size_t k = 0; k < sizeof lats / sizeof *lats; k++)
        for (int i = 0; i < 240; i++) {
            double lat = lats[k] + (runif(&g) - 0.5) * 0.02;
            double lon = 180 + (runif(&g) - 0.5) * 0.05 / cos(lat * PI / 180 * 0.99);
            add(&p, lat, lon);
        }
    add(&p, 0, 180);
    add(&p, 0, -180);
    verify(&p, 300, 4);
    verify(&p, 800, 6);
    pts_free(&p);
}

/* A border point at exactly the same distance from core points of two clusters goes
 * to the same one whatever the input order (the one with the smaller lat, lon). */
static void equidistant_border_is_order_independent(void **state) {
    (void)state;
    double eps = 300, x = 0.8 * eps / R * 180 / PI, far = 0.5 * eps / R * 180 / PI;
    pts p = {0};
    for (int k = 0; k < 6; k++) {
        /* mirror images about the equator or the prime meridian tie bit for bit */
        int ns = k % 2; /* 1: the two core points are south and north of the border one */
        double along = (k + 1) * 0.1;
        add(&p, ns ? 0 : along, ns ? along : 0); /* the border point, first */
        for (int side = -1; side <= 1; side += 2) {
            double off[4] = {x, x + far * 0.8, x + far * 0.95, x + far * 1.1};
            double lat_off[4] = {0, -far * 0.3, 0, far * 0.3};
            for (int i = 0; i < 4; i++) /* a core point at 0.8 eps, then its friends */
                if (ns) add(&p, side * off[i], along + lat_off[i]);
                else add(&p, along + lat_off[i], side * off[i]);
        }
    }
    ref rf;
    brute(&p, eps, 4, &rf);
    res a;
    run(&p, eps, 4, 1, &a);
    check(&p, eps, 4, &a, &rf);
    for (size_t k = 0; k < 6; k++) {
        size_t b = k * 9; /* border point; its west core is b + 1 */
        assert_int_equal(a.core[b], 0);
        assert_int_equal(a.cl[b], a.cl[b + 1]);
        assert_int_not_equal(a.cl[b + 1], a.cl[b + 5]);
    }
    for (uint64_t seed = 1; seed <= 12; seed++) check_shuffle(&p, eps, 4, &a, seed);
    res_free(&a);
    ref_free(&rf);
    pts_free(&p);
}

static void invalid_arguments_are_refused(void **state) {
    (void)state;
    double lat[2] = {35, 91}, lon[2] = {51, 51};
    int32_t cl[2];
    uint8_t core[2];
    char err[128];
    geo_dbscan_params par = {0, 5, 0};
    assert_int_equal(geo_dbscan(&par, 1, lat, lon, cl, core, NULL, err, sizeof err), GEO_EINVAL);
    assert_non_null(strstr(err, "eps"));
    par.eps_m = -1;
    assert_int_equal(geo_dbscan(&par, 1, lat, lon, cl, core, NULL, err, sizeof err), GEO_EINVAL);
    par.eps_m = NAN;
    assert_int_equal(geo_dbscan(&par, 1, lat, lon, cl, core, NULL, err, sizeof err), GEO_EINVAL);
    par.eps_m = INFINITY;
    assert_int_equal(geo_dbscan(&par, 1, lat, lon, cl, core, NULL, err, sizeof err), GEO_EINVAL);
    par.eps_m = 100;
    par.min_points = 0;
    assert_int_equal(geo_dbscan(&par, 1, lat, lon, cl, core, NULL, err, sizeof err), GEO_EINVAL);
    par.min_points = 1;
    assert_int_equal(geo_dbscan(&par, 2, lat, lon, cl, core, NULL, err, sizeof err), GEO_EINVAL);
    assert_non_null(strstr(err, "point 1"));
    lat[1] = 35;
    lon[1] = NAN;
    assert_int_equal(geo_dbscan(&par, 2, lat, lon, cl, core, NULL, err, sizeof err), GEO_EINVAL);
    lon[1] = -180.0000001;
    assert_int_equal(geo_dbscan(&par, 2, lat, lon, cl, core, NULL, NULL, 0), GEO_EINVAL);
    lon[1] = -180;
    assert_int_equal(geo_dbscan(&par, 2, lat, lon, cl, core, NULL, err, sizeof err), 0);
}

static void haversine_known_values(void **state) {
    (void)state;
    assert_true(fabs(geo_haversine_m(0, 0, 0, 1) - R * PI / 180) < 1e-6);
    assert_true(fabs(geo_haversine_m(90, 0, -90, 0) - R * PI) < 1e-6);
    assert_true(fabs(geo_haversine_m(0, 179.5, 0, -179.5) - R * PI / 180) < 1e-6);
    assert_true(fabs(geo_haversine_m(89.9, 0, 89.9, 180) - R * 0.2 * PI / 180) < 1e-6);
    assert_true(geo_haversine_m(35.7, 51.4, 35.7, 51.4) == 0);
    double d1 = geo_haversine_m(35.7, 51.4, 29.6, 52.5), d2 = geo_haversine_m(29.6, 52.5, 35.7, 51.4);
    assert_true(d1 == d2);                 /* symmetric, bit for bit */
    assert_true(fabs(d1 - 684.6e3) < 2e3); /* Tehran–Shiraz, about 685 km */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(haversine_known_values),
        cmocka_unit_test(invalid_arguments_are_refused),
        cmocka_unit_test(equidistant_border_is_order_independent),
        cmocka_unit_test(single_point_and_small_sets),
        cmocka_unit_test(random_blobs_match_reference),
        cmocka_unit_test(duplicates_match_reference),
        cmocka_unit_test(cell_borders_match_reference),
        cmocka_unit_test(huge_eps_and_whole_globe),
        cmocka_unit_test(one_cluster_across_many_cells),
        cmocka_unit_test(poles_match_reference),
        cmocka_unit_test(antimeridian_matches_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
