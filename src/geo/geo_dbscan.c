/* geo_dbscan — exact grid DBSCAN on the sphere; see geo_dbscan.h for the contract.
 *
 * Design. Points are put in a grid of latitude rows and, per row, longitude columns
 * (a local equirectangular grid whose column width follows each row's cos(lat), so
 * it holds from the equator to the poles and wraps at the antimeridian). The grid
 * only proposes candidate pairs; every inside/outside decision is the predicate
 * `inside` below, which is exactly geo_haversine_m(p, q) <= eps.
 *   1. core: each point counts its candidates that are inside, stopping at
 *      min_points (parallel over cells).
 *   2. clusters: union-find over core points. A cell whose core points are all
 *      within eps of its first core point is "tight" and joined in one step (cells
 *      are sized so that this is the rule, but it is checked, never assumed);
 *      other cells are joined pair by pair. Neighbouring cells are joined when some
 *      pair of their core points is inside (early exit, skipped when already joined).
 *   3. border: each non-core point looks for the nearest inside core point, ties
 *      broken by the core point's (lat, lon), so the result is order independent
 *      (parallel over cells).
 *   4. numbering in input order.
 *
 * Why no inside pair is missed (the proof the grid rests on). Let a(p,q) =
 * sin²(Δφ/2) + cosφp·cosφq·sin²(Δλ/2), computed by hav_a, and d = 2R·asin(√a).
 *  (P) inside(a) is exact: a <= lo gives d <= eps and a > hi gives d > eps with a
 *      relative margin of 1e-9 on a (>= 3e-10 relative on d, since d'(a)·a/d >=
 *      1/π), far above the few-ulp error of sqrt/asin; between lo and hi d itself is
 *      computed and compared. So inside ⇒ a <= hi.
 *  (Φ) Both terms of a are >= 0 and rounding is monotone, so a <= hi ⇒ sin²(Δφ/2) <=
 *      hi(1+4u) ⇒ |Δφ| <= H := 2·asin(√hi)·(1+1e-9)+1e-15. Rows have height
 *      eta >= H/√2·0.999, so rows of an inside pair differ by at most
 *      ring = floor(H/eta·(1+1e-9) + 1e-5) + 1 (the 1e-5 absorbs the rounding of
 *      the row index, at most ~1e-6 rows for the <= 2^30+1 rows allowed).
 *  (Λ) Likewise cosφp·cosφq·sin²(Δλ/2) <= hi(1+4u). A point of row r has cosφ >=
 *      cmin(r), the cosine at the row's poleward edge widened by 1e-5 rows (again
 *      covering index rounding). Hence the wrapped |Δλ| <= Λ(r,r') :=
 *      2·asin(√(hi / (cmin(r)·cmin(r'))))·(1+1e-9)+1e-15, or any Δλ when the
 *      ratio reaches 1 (near the poles) — then the whole row r' is searched.
 *  So q is in one of rows r-ring..r+ring, within Λ of p's cell's longitude range
 *  (widened by 1e-5 columns for rounding); the column ranges searched are computed
 *  modulo the row's column count, which makes the antimeridian an ordinary seam.
 *  The same two bounds are used as a cheap per-pair prefilter. No projection
 *  distortion enters: Δφ and Δλ bounds come from the haversine formula itself. */
#include "geo/geo_dbscan.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846
#define DEG_TO_RAD (PI / 180.0)
#define NONE UINT32_MAX
#define MAX_THREADS 16
#define MAX_RANGES 10 /* (2·ring+1) rows × 2 pieces at a wrap */

/* The haversine term. Every distance in this file goes through here (and a_to_m),
 * so the grid algorithm and geo_haversine_m compute bit-identical values. */
static double hav_a(double phi1, double lam1, double c1, double phi2, double lam2, double c2) {
    double sp = sin((phi2 - phi1) * 0.5);
    double sl = sin((lam2 - lam1) * 0.5);
    return sp * sp + (c1 * c2) * (sl * sl);
}

static double a_to_m(double a) {
    return 2.0 * GEO_EARTH_RADIUS_M * asin(sqrt(a > 1.0 ? 1.0 : a));
}

double geo_haversine_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
    double p1 = lat1_deg * DEG_TO_RAD, p2 = lat2_deg * DEG_TO_RAD;
    return a_to_m(hav_a(p1, lon1_deg * DEG_TO_RAD, cos(p1), p2, lon2_deg * DEG_TO_RAD, cos(p2)));
}

typedef struct metric {
    double lo, hi, eps; /* see (P) */
} metric;

static inline int inside(const metric *m, double a) {
    if (a <= m->lo) return 1;
    if (a > m->hi) return 0;
    return a_to_m(a) <= m->eps;
}

typedef struct rowinfo {
    int64_t r;         /* row number */
    double cmin;       /* lower bound of cosφ in the row, see (Λ) */
    double w;          /* column width, radians of longitude */
    uint32_t ncols;    /* columns in the row */
    uint32_t cb, ce;   /* its cells, [cb, ce) */
} rowinfo;

typedef struct ctx {
    metric m;
    double H, eta;     /* see (Φ) */
    int64_t nrows;
    int ring;
    size_t min_points;
    uint32_t n;
    /* points, sorted by cell; within a cell core points first after phase 1 */
    double *phi, *lam, *cph;
    uint32_t *orig;    /* sorted position -> input index */
    uint8_t *core;
    uint32_t *parent;  /* union-find over sorted positions of core points */
    uint32_t *best;    /* border point -> sorted position of its core point */
    /* cells */
    uint32_t ncells;
    uint32_t *cell_start; /* ncells + 1 */
    uint32_t *cell_col;
    uint32_t *cell_row;   /* index into rows */
    uint32_t *ncore;
    uint8_t *tight;
    rowinfo *rows;
    uint32_t nrows_used;
} ctx;

/* --- grid geometry ------------------------------------------------------------- */

static void row_bounds(const ctx *x, int64_t r, double *lo, double *hi) {
    *lo = -PI / 2 + (double)r * x->eta;
    *hi = *lo + x->eta;
    if (*hi > PI / 2) *hi = PI / 2;
}

static uint32_t row_ncols(const ctx *x, int64_t r) {
    double lo, hi;
    row_bounds(x, r, &lo, &hi);
    double cmax = (lo <= 0 && hi >= 0) ? 1.0 : cos(fmin(fabs(lo), fabs(hi)));
    double k = ceil(2 * PI * cmax / x->eta);
    if (!(k >= 1)) k = 1;
    if (k > 2147483648.0) k = 2147483648.0;
    return (uint32_t)k;
}

static double row_cmin(const ctx *x, int64_t r) {
    double lo, hi;
    row_bounds(x, r, &lo, &hi);
    double m = fmax(fabs(lo), fabs(hi)) + 1e-5 * x->eta + 1e-15;
    if (m >= PI / 2) return 0;
    return cos(m) * (1 - 1e-12);
}

static int64_t row_of(const ctx *x, double phi) {
    double u = floor((phi + PI / 2) / x->eta);
    if (u < 0) return 0;
    if (u > (double)(x->nrows - 1)) return x->nrows - 1;
    return (int64_t)u;
}

static uint32_t col_of(double lam, double w, uint32_t ncols) {
    double u = floor((lam + PI) / w);
    if (u < 0) return 0;
    if (u > (double)(ncols - 1)) return ncols - 1;
    return (uint32_t)u;
}

/* Λ(r, r') of (Λ); a value >= PI means "any longitude". */
static double lam_bound(const ctx *x, double cmin1, double cmin2) {
    double prod = cmin1 * cmin2;
    if (x->m.hi >= 1 || prod <= 0) return 4 * PI;
    double ratio = x->m.hi / prod;
    if (ratio >= 1) return 4 * PI;
    return 2 * asin(sqrt(ratio)) * (1 + 1e-9) + 1e-15;
}

typedef struct nrange {
    uint32_t b, e;  /* cells [b, e) */
    double lmax;    /* Λ for these cells */
} nrange;

/* first cell index in [b, e) whose column is >= col */
static uint32_t lower_col(const ctx *x, uint32_t b, uint32_t e, uint32_t col) {
    while (b < e) {
        uint32_t mid = b + (e - b) / 2;
        if (x->cell_col[mid] < col) b = mid + 1;
        else e = mid;
    }
    return b;
}

static int push_cols(const ctx *x, const rowinfo *ri, int64_t klo, int64_t khi, double lmax,
                     nrange *out, int k) {
    uint32_t b = lower_col(x, ri->cb, ri->ce, (uint32_t)klo);
    uint32_t e = khi >= (int64_t)ri->ncols - 1 ? ri->ce : lower_col(x, b, ri->ce, (uint32_t)khi + 1);
    if (b < e) out[k++] = (nrange){b, e, lmax};
    return k;
}

/* The cells that can hold a point inside of a point of `cell`, as ranges. */
static int neighbours(const ctx *x, uint32_t cell, nrange *out) {
    uint32_t ri = x->cell_row[cell];
    const rowinfo *me = &x->rows[ri];
    uint32_t c = x->cell_col[cell];
    double slack = 1e-5 * me->w + 1e-15;
    double clo = -PI + (double)c * me->w - slack, chi = -PI + (double)(c + 1) * me->w + slack;
    uint32_t j = ri;
    while (j > 0 && x->rows[j - 1].r >= me->r - x->ring) j--;
    int k = 0;
    for (; j < x->nrows_used && x->rows[j].r <= me->r + x->ring; j++) {
        const rowinfo *o = &x->rows[j];
        double lmax = lam_bound(x, me->cmin, o->cmin);
        double L = clo - lmax, U = chi + lmax;
        if (lmax >= PI || U - L >= 2 * PI) {
            out[k++] = (nrange){o->cb, o->ce, lmax};
            continue;
        }
        int64_t klo = (int64_t)floor((L + PI) / o->w - 1e-5);
        int64_t khi = (int64_t)floor((U + PI) / o->w + 1e-5);
        int64_t nc = o->ncols;
        if (khi - klo + 1 >= nc) {
            out[k++] = (nrange){o->cb, o->ce, lmax};
            continue;
        }
        klo = ((klo % nc) + nc) % nc;
        khi = ((khi % nc) + nc) % nc;
        if (klo <= khi) {
            k = push_cols(x, o, klo, khi, lmax, out, k);
        } else { /* wraps across the antimeridian */
            k = push_cols(x, o, 0, khi, lmax, out, k);
            k = push_cols(x, o, klo, nc - 1, lmax, out, k);
        }
    }
    return k;
}

/* Cheap conservative test: false means the pair is certainly not inside. */
static inline int may_be_inside(const ctx *x, uint32_t p, uint32_t q, double lmax) {
    if (fabs(x->phi[q] - x->phi[p]) > x->H) return 0;
    double dl = fabs(x->lam[q] - x->lam[p]);
    if (dl > PI) dl = 2 * PI - dl;
    return dl <= lmax;
}

static inline double pair_a(const ctx *x, uint32_t p, uint32_t q) {
    return hav_a(x->phi[p], x->lam[p], x->cph[p], x->phi[q], x->lam[q], x->cph[q]);
}

static inline int pair_inside(const ctx *x, uint32_t p, uint32_t q, double lmax) {
    return may_be_inside(x, p, q, lmax) && inside(&x->m, pair_a(x, p, q));
}

/* --- threads ------------------------------------------------------------------- */

typedef struct job {
    ctx *x;
    uint32_t cb, ce; /* cells */
    void (*fn)(ctx *x, uint32_t cb, uint32_t ce);
} job;

static void *job_main(void *arg) {
    job *j = arg;
    j->fn(j->x, j->cb, j->ce);
    return NULL;
}

/* Runs fn over all cells split in `threads` parts of about equal point counts. */
static void run_cells(ctx *x, unsigned threads, void (*fn)(ctx *x, uint32_t cb, uint32_t ce)) {
    if (threads <= 1 || x->ncells < 2 * threads) {
        fn(x, 0, x->ncells);
        return;
    }
    job jobs[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    uint32_t prev = 0;
    for (unsigned t = 0; t < threads; t++) {
        uint32_t end = x->ncells;
        if (t + 1 < threads) {
            uint32_t target = (uint32_t)((uint64_t)x->n * (t + 1) / threads), b = prev, e = x->ncells;
            while (b < e) { /* first cell starting at or after target */
                uint32_t mid = b + (e - b) / 2;
                if (x->cell_start[mid] < target) b = mid + 1;
                else e = mid;
            }
            end = b;
        }
        jobs[t] = (job){x, prev, end, fn};
        prev = end;
    }
    for (unsigned t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, job_main, &jobs[t]) == 0;
    job_main(&jobs[0]);
    for (unsigned t = 1; t < threads; t++) {
        if (started[t]) pthread_join(tid[t], NULL);
        else job_main(&jobs[t]); /* could not start: do it here */
    }
}

/* --- phase 1: core points ------------------------------------------------------ */

static void phase_core(ctx *x, uint32_t cb, uint32_t ce) {
    nrange rg[MAX_RANGES];
    for (uint32_t cell = cb; cell < ce; cell++) {
        uint32_t s = x->cell_start[cell], e = x->cell_start[cell + 1];
        if (x->min_points <= 1) {
            memset(x->core + s, 1, e - s);
            continue;
        }
        int k = neighbours(x, cell, rg);
        double own = 0;
        for (int i = 0; i < k; i++)
            if (rg[i].b <= cell && cell < rg[i].e) own = rg[i].lmax;
        for (uint32_t p = s; p < e; p++) {
            size_t cnt = 0;
            int is_core = 0;
            /* own cell first: its points are the likeliest neighbours */
            for (uint32_t q = s; q < e && !is_core; q++)
                if (pair_inside(x, p, q, own) && ++cnt >= x->min_points) is_core = 1;
            for (int i = 0; i < k && !is_core; i++) {
                uint32_t qa = x->cell_start[rg[i].b], qe = x->cell_start[rg[i].e];
                for (uint32_t q = qa; q < qe; q++) {
                    if (q == s) { q = e - 1; continue; } /* own cell done */
                    if (pair_inside(x, p, q, rg[i].lmax) && ++cnt >= x->min_points) {
                        is_core = 1;
                        break;
                    }
                }
            }
            x->core[p] = (uint8_t)is_core;
        }
    }
}

/* Within each cell: core points first (order inside a cell affects only speed, never
 * the result), count them, and test tightness. */
static void swap_points(ctx *x, uint32_t i, uint32_t j) {
    double f = x->phi[i], l = x->lam[i], c = x->cph[i];
    uint32_t o = x->orig[i];
    uint8_t k = x->core[i];
    x->phi[i] = x->phi[j]; x->lam[i] = x->lam[j]; x->cph[i] = x->cph[j];
    x->orig[i] = x->orig[j]; x->core[i] = x->core[j];
    x->phi[j] = f; x->lam[j] = l; x->cph[j] = c; x->orig[j] = o; x->core[j] = k;
}

static void phase_partition(ctx *x, uint32_t cb, uint32_t ce) {
    for (uint32_t cell = cb; cell < ce; cell++) {
        uint32_t s = x->cell_start[cell], e = x->cell_start[cell + 1], w = s;
        for (uint32_t p = s; p < e; p++)
            if (x->core[p]) {
                if (p != w) swap_points(x, p, w);
                w++;
            }
        x->ncore[cell] = w - s;
        int tight = 1;
        for (uint32_t q = s + 1; q < w && tight; q++)
            if (!inside(&x->m, pair_a(x, s, q))) tight = 0;
        x->tight[cell] = (uint8_t)tight;
    }
}

/* --- phase 2: union-find over core points -------------------------------------- */

static uint32_t find(uint32_t *parent, uint32_t i) {
    uint32_t r = i;
    while (parent[r] != r) r = parent[r];
    while (parent[i] != r) {
        uint32_t nx = parent[i];
        parent[i] = r;
        i = nx;
    }
    return r;
}

static void unite(uint32_t *parent, uint32_t a, uint32_t b) {
    a = find(parent, a);
    b = find(parent, b);
    if (a == b) return;
    if (a < b) parent[b] = a; /* smaller position as root: deterministic */
    else parent[a] = b;
}

static void join_cells(ctx *x, uint32_t c, uint32_t d, double lmax) {
    uint32_t cs = x->cell_start[c], ce = cs + x->ncore[c];
    uint32_t ds = x->cell_start[d], de = ds + x->ncore[d];
    if (x->tight[c] && x->tight[d]) {
        if (find(x->parent, cs) == find(x->parent, ds)) return;
        for (uint32_t p = cs; p < ce; p++)
            for (uint32_t q = ds; q < de; q++)
                if (pair_inside(x, p, q, lmax)) {
                    unite(x->parent, p, q);
                    return;
                }
        return;
    }
    for (uint32_t p = cs; p < ce; p++)
        for (uint32_t q = c == d ? p + 1 : ds; q < de; q++)
            if (find(x->parent, p) != find(x->parent, q) && pair_inside(x, p, q, lmax))
                unite(x->parent, p, q);
}

static void phase_union(ctx *x) {
    nrange rg[MAX_RANGES];
    for (uint32_t cell = 0; cell < x->ncells; cell++) {
        uint32_t s = x->cell_start[cell], w = s + x->ncore[cell];
        for (uint32_t p = s; p < w; p++) x->parent[p] = x->tight[cell] ? s : p;
    }
    for (uint32_t cell = 0; cell < x->ncells; cell++) {
        if (!x->ncore[cell]) continue;
        if (!x->tight[cell]) join_cells(x, cell, cell, 4 * PI);
        int k = neighbours(x, cell, rg);
        for (int i = 0; i < k; i++)
            for (uint32_t d = rg[i].b > cell ? rg[i].b : cell + 1; d < rg[i].e; d++)
                if (x->ncore[d]) join_cells(x, cell, d, rg[i].lmax);
    }
    for (uint32_t p = 0; p < x->n; p++)
        if (x->core[p]) find(x->parent, p);
}

/* --- phase 3: border points ---------------------------------------------------- */

static void phase_border(ctx *x, uint32_t cb, uint32_t ce) {
    nrange rg[MAX_RANGES];
    for (uint32_t cell = cb; cell < ce; cell++) {
        uint32_t s = x->cell_start[cell], e = x->cell_start[cell + 1];
        if (s + x->ncore[cell] == e) continue;
        int k = neighbours(x, cell, rg);
        for (uint32_t p = s + x->ncore[cell]; p < e; p++) {
            uint32_t best = NONE;
            double best_a = 0;
            for (int i = 0; i < k; i++)
                for (uint32_t d = rg[i].b; d < rg[i].e; d++) {
                    uint32_t qs = x->cell_start[d], qe = qs + x->ncore[d];
                    for (uint32_t q = qs; q < qe; q++) {
                        if (!may_be_inside(x, p, q, rg[i].lmax)) continue;
                        double a = pair_a(x, p, q);
                        if (best != NONE) {
                            if (a > best_a) continue;
                            if (a == best_a &&
                                (x->phi[q] > x->phi[best] ||
                                 (x->phi[q] == x->phi[best] && x->lam[q] >= x->lam[best])))
                                continue;
                        }
                        if (!inside(&x->m, a)) continue;
                        best = q;
                        best_a = a;
                    }
                }
            x->best[p] = best;
        }
    }
}

/* --- setup --------------------------------------------------------------------- */

typedef struct prep_job {
    ctx *x;
    const double *lat, *lon;
    uint64_t *key;
    uint32_t b, e;
} prep_job;

static void *prep_main(void *arg) {
    prep_job *j = arg;
    ctx *x = j->x;
    for (uint32_t i = j->b; i < j->e; i++) {
        double phi = j->lat[i] * DEG_TO_RAD, lam = j->lon[i] * DEG_TO_RAD;
        int64_t r = row_of(x, phi);
        uint32_t nc = row_ncols(x, r);
        uint32_t c = col_of(lam, 2 * PI / nc, nc);
        j->key[i] = (uint64_t)r << 32 | c;
    }
    return NULL;
}

/* LSD radix sort of (key, idx), 8-bit digits, skipping digits all keys share. */
static int radix_sort(uint64_t *key, uint32_t *idx, uint32_t n) {
    uint64_t *k2 = malloc((size_t)n * sizeof *k2);
    uint32_t *i2 = malloc((size_t)n * sizeof *i2);
    if (!k2 || !i2) {
        free(k2);
        free(i2);
        return -1;
    }
    for (int shift = 0; shift < 64; shift += 8) {
        size_t cnt[256] = {0};
        for (uint32_t i = 0; i < n; i++) cnt[(key[i] >> shift) & 255]++;
        if (n == 0 || cnt[(key[0] >> shift) & 255] == n) continue;
        size_t sum = 0;
        for (int b = 0; b < 256; b++) {
            size_t t = cnt[b];
            cnt[b] = sum;
            sum += t;
        }
        for (uint32_t i = 0; i < n; i++) {
            size_t at = cnt[(key[i] >> shift) & 255]++;
            k2[at] = key[i];
            i2[at] = idx[i];
        }
        memcpy(key, k2, (size_t)n * sizeof *key);
        memcpy(idx, i2, (size_t)n * sizeof *idx);
    }
    free(k2);
    free(i2);
    return 0;
}

static void ctx_free(ctx *x) {
    free(x->phi); free(x->lam); free(x->cph); free(x->orig); free(x->core);
    free(x->parent); free(x->best); free(x->cell_start); free(x->cell_col);
    free(x->cell_row); free(x->ncore); free(x->tight); free(x->rows);
}

static int fail(char *err, size_t errlen, int code, const char *msg) {
    if (err && errlen) snprintf(err, errlen, "%s", msg);
    return code;
}

static void setup_metric(ctx *x, double eps) {
    double half = eps / (2 * GEO_EARTH_RADIUS_M);
    x->m.eps = eps;
    if (half >= PI / 2 * (1 - 1e-6)) { /* about half the globe or more: always exact */
        x->m.lo = -1;
        x->m.hi = 2;
    } else {
        double s = sin(half), ae = s * s;
        x->m.lo = ae * (1 - 1e-9);
        x->m.hi = ae * (1 + 1e-9);
    }
    x->H = x->m.hi >= 1 ? PI : fmin(PI, 2 * asin(sqrt(x->m.hi)) * (1 + 1e-9) + 1e-15);
    x->eta = x->H / sqrt(2.0) * 0.999;
    if (x->eta < PI / 1073741824.0) x->eta = PI / 1073741824.0; /* at most 2^30 rows */
    if (x->eta > PI) x->eta = PI;
    x->nrows = (int64_t)ceil(PI / x->eta);
    if (x->nrows < 1) x->nrows = 1;
    x->ring = (int)floor(x->H / x->eta * (1 + 1e-9) + 1e-5) + 1;
}

static int build_cells(ctx *x, uint64_t *key) {
    uint32_t n = x->n, nc = 0, nr = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (i == 0 || key[i] != key[i - 1]) nc++;
        if (i == 0 || key[i] >> 32 != key[i - 1] >> 32) nr++;
    }
    x->ncells = nc;
    x->nrows_used = nr;
    x->cell_start = malloc(((size_t)nc + 1) * sizeof *x->cell_start);
    x->cell_col = malloc((size_t)nc * sizeof *x->cell_col);
    x->cell_row = malloc((size_t)nc * sizeof *x->cell_row);
    x->ncore = calloc((size_t)nc, sizeof *x->ncore);
    x->tight = calloc((size_t)nc, 1);
    x->rows = calloc((size_t)nr, sizeof *x->rows);
    if (!x->cell_start || !x->cell_col || !x->cell_row || !x->ncore || !x->tight || !x->rows)
        return -1;
    uint32_t c = 0, r = 0;
    for (uint32_t i = 0; i < n; i++) {
        int new_row = i == 0 || key[i] >> 32 != key[i - 1] >> 32;
        if (new_row) {
            if (r > 0) x->rows[r - 1].ce = c;
            rowinfo *ri = &x->rows[r++];
            ri->r = (int64_t)(key[i] >> 32);
            ri->ncols = row_ncols(x, ri->r);
            ri->w = 2 * PI / ri->ncols;
            ri->cmin = row_cmin(x, ri->r);
            ri->cb = c;
        }
        if (i == 0 || key[i] != key[i - 1]) {
            x->cell_start[c] = i;
            x->cell_col[c] = (uint32_t)key[i];
            x->cell_row[c] = r - 1;
            c++;
        }
    }
    if (r > 0) x->rows[r - 1].ce = c;
    x->cell_start[nc] = n;
    return 0;
}

int geo_dbscan(const geo_dbscan_params *params, size_t n, const double *lat_deg,
               const double *lon_deg, int32_t *cluster, uint8_t *core, size_t *n_clusters,
               char *err, size_t errlen) {
    if (n_clusters) *n_clusters = 0;
    if (!params) return fail(err, errlen, GEO_EINVAL, "no parameters");
    if (!(params->eps_m >= GEO_DBSCAN_MIN_EPS_M) || !isfinite(params->eps_m))
        return fail(err, errlen, GEO_EINVAL, "eps must be a finite number of metres >= 1e-6");
    if (params->min_points < 1) return fail(err, errlen, GEO_EINVAL, "min_points must be >= 1");
    if (n > GEO_DBSCAN_MAX_POINTS) return fail(err, errlen, GEO_EINVAL, "too many points");
    if (n == 0) return 0;
    if (!lat_deg || !lon_deg || !cluster || !core)
        return fail(err, errlen, GEO_EINVAL, "missing array");
    for (size_t i = 0; i < n; i++) {
        if (!(lat_deg[i] >= -90 && lat_deg[i] <= 90) || !(lon_deg[i] >= -180 && lon_deg[i] <= 180)) {
            if (err && errlen)
                snprintf(err, errlen, "point %zu: coordinates out of range (lat %g, lon %g)", i,
                         lat_deg[i], lon_deg[i]);
            return GEO_EINVAL;
        }
    }

    ctx x;
    memset(&x, 0, sizeof x);
    x.n = (uint32_t)n;
    x.min_points = params->min_points;
    setup_metric(&x, params->eps_m);
    unsigned threads = params->threads ? params->threads : (n >= 20000 ? 2 : 1);
    if (threads > MAX_THREADS) threads = MAX_THREADS;

    uint64_t *key = malloc(n * sizeof *key);
    x.orig = malloc(n * sizeof *x.orig);
    if (!key || !x.orig) {
        free(key);
        ctx_free(&x);
        return fail(err, errlen, GEO_ENOMEM, "out of memory");
    }
    { /* keys in parallel: one cos per point */
        prep_job pj[2] = {{&x, lat_deg, lon_deg, key, 0, x.n / 2}, {&x, lat_deg, lon_deg, key, x.n / 2, x.n}};
        pthread_t t;
        int started = threads > 1 && pthread_create(&t, NULL, prep_main, &pj[1]) == 0;
        prep_main(&pj[0]);
        if (started) pthread_join(t, NULL);
        else prep_main(&pj[1]);
    }
    for (uint32_t i = 0; i < x.n; i++) x.orig[i] = i;
    int rc = radix_sort(key, x.orig, x.n);
    if (rc == 0) rc = build_cells(&x, key);
    free(key);
    x.phi = malloc(n * sizeof *x.phi);
    x.lam = malloc(n * sizeof *x.lam);
    x.cph = malloc(n * sizeof *x.cph);
    x.core = malloc(n);
    x.parent = malloc(n * sizeof *x.parent);
    x.best = malloc(n * sizeof *x.best);
    if (rc != 0 || !x.phi || !x.lam || !x.cph || !x.core || !x.parent || !x.best) {
        ctx_free(&x);
        return fail(err, errlen, GEO_ENOMEM, "out of memory");
    }
    for (uint32_t p = 0; p < x.n; p++) {
        uint32_t i = x.orig[p];
        x.phi[p] = lat_deg[i] * DEG_TO_RAD; /* same expressions as geo_haversine_m */
        x.lam[p] = lon_deg[i] * DEG_TO_RAD;
        x.cph[p] = cos(x.phi[p]);
        x.best[p] = NONE;
    }

    run_cells(&x, threads, phase_core);
    run_cells(&x, threads, phase_partition);
    phase_union(&x);
    run_cells(&x, threads, phase_border);

    /* Numbering: the root of each point's cluster, by input index, then clusters
     * numbered in input order. */
    uint32_t *root_of = malloc(n * sizeof *root_of);
    if (!root_of) {
        ctx_free(&x);
        return fail(err, errlen, GEO_ENOMEM, "out of memory");
    }
    for (uint32_t p = 0; p < x.n; p++) {
        uint32_t i = x.orig[p];
        core[i] = x.core[p];
        root_of[i] = x.core[p] ? x.parent[p] : (x.best[p] == NONE ? NONE : x.parent[x.best[p]]);
    }
    uint32_t *num = x.best; /* no longer needed: cluster number by root position */
    for (uint32_t p = 0; p < x.n; p++) num[p] = NONE;
    uint32_t next = 0;
    for (uint32_t i = 0; i < x.n; i++) {
        uint32_t r = root_of[i];
        if (r == NONE) {
            cluster[i] = -1;
            continue;
        }
        if (num[r] == NONE) num[r] = next++;
        cluster[i] = (int32_t)num[r];
    }
    free(root_of);
    ctx_free(&x);
    if (n_clusters) *n_clusters = next;
    return 0;
}
