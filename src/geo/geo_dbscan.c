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

#include "core/bigalloc.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef GEO_DBSCAN_PROFILE
#include <time.h>
#endif

#define PI 3.14159265358979323846
#define DEG_TO_RAD (PI / 180.0)
#define NONE UINT32_MAX
#define MAX_THREADS 16
#define MAX_RANGES 10 /* (2·ring+1) rows × 2 pieces at a wrap; ring <= 2, see (Φ) */

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
    uint32_t c0, c1;   /* first and last occupied column */
    double lmax[5];    /* Λ(r, r + d) for d = -ring..ring (ring <= 2) */
    uint32_t *tab;     /* NULL, or tab[k] = first cell with column >= c0 + k */
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
    uint32_t *coltab;  /* storage of the rows' tab */
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

/* first cell of the row whose column is >= col */
static uint32_t lower_col(const ctx *x, const rowinfo *ri, uint32_t col) {
    if (col <= ri->c0) return ri->cb;
    if (col > ri->c1) return ri->ce;
    if (ri->tab) return ri->tab[col - ri->c0];
    uint32_t b = ri->cb, e = ri->ce;
    while (b < e) {
        uint32_t mid = b + (e - b) / 2;
        if (x->cell_col[mid] < col) b = mid + 1;
        else e = mid;
    }
    return b;
}

static int push_cols(const ctx *x, const rowinfo *ri, int64_t klo, int64_t khi, double lmax,
                     nrange *out, int k) {
    uint32_t b = lower_col(x, ri, (uint32_t)klo);
    uint32_t e = khi >= (int64_t)ri->ncols - 1 ? ri->ce : lower_col(x, ri, (uint32_t)khi + 1);
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
        double lmax = me->lmax[o->r - me->r + x->ring];
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

/* Exactly inside(pair_a(p, q)), mostly without trigonometry: with t = Δφ/2 and
 * Δλ/2 (no wrap), t(1 - t²/6) <= sin t <= t for 0 <= t <= π/2, so bounds ub >= a
 * and lb <= a follow; the 1e-12 factors cover their rounding (a few ulps), and
 * lo/hi are the thresholds inside() itself uses, so the answer is the same. */
static inline int pair_inside(const ctx *x, uint32_t p, uint32_t q, double lmax) {
    double dphi = fabs(x->phi[q] - x->phi[p]);
    if (dphi > x->H) return 0;
    double dl = fabs(x->lam[q] - x->lam[p]);
    if (dl > PI) {
        dl = 2 * PI - dl;
        return dl <= lmax && inside(&x->m, pair_a(x, p, q));
    }
    if (dl > lmax) return 0;
    double hp = dphi * 0.5, hl = dl * 0.5, cc = x->cph[p] * x->cph[q];
    double ub = hp * hp + cc * (hl * hl);
    if (ub * (1 + 1e-12) <= x->m.lo) return 1;
    double sp = hp * (1 - hp * hp / 6), sl = hl * (1 - hl * hl / 6);
    double lb = sp * sp + cc * (sl * sl);
    if (lb * (1 - 1e-12) > x->m.hi) return 0;
    return inside(&x->m, pair_a(x, p, q));
}

/* --- threads ------------------------------------------------------------------- */

typedef void (*range_fn)(ctx *x, void *arg, uint32_t b, uint32_t e);

typedef struct job {
    ctx *x;
    void *arg;
    uint32_t b, e;
    range_fn fn;
} job;

static void *job_main(void *a) {
    job *j = a;
    j->fn(j->x, j->arg, j->b, j->e);
    return NULL;
}

/* Runs fn over [bound[t], bound[t+1]) for t < threads, one thread each; args[t] (or
 * NULL) is passed along. A thread that cannot be started runs here afterwards. */
static void run_split(ctx *x, unsigned threads, const uint32_t *bound, range_fn fn, void **args) {
    job jobs[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    for (unsigned t = 0; t < threads; t++)
        jobs[t] = (job){x, args ? args[t] : NULL, bound[t], bound[t + 1], fn};
    for (unsigned t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, job_main, &jobs[t]) == 0;
    job_main(&jobs[0]);
    for (unsigned t = 1; t < threads; t++) {
        if (started[t]) pthread_join(tid[t], NULL);
        else job_main(&jobs[t]);
    }
}

static void even_split(uint32_t n, unsigned threads, uint32_t *bound) {
    for (unsigned t = 0; t <= threads; t++) bound[t] = (uint32_t)((uint64_t)n * t / threads);
}

/* Cell bounds with about equal point counts; at_rows moves each to a row start. */
static void cell_split(const ctx *x, unsigned threads, int at_rows, uint32_t *bound) {
    bound[0] = 0;
    bound[threads] = x->ncells;
    for (unsigned t = 1; t < threads; t++) {
        uint32_t target = (uint32_t)((uint64_t)x->n * t / threads), b = bound[t - 1], e = x->ncells;
        while (b < e) { /* first cell starting at or after target */
            uint32_t mid = b + (e - b) / 2;
            if (x->cell_start[mid] < target) b = mid + 1;
            else e = mid;
        }
        if (at_rows && b < x->ncells) b = x->rows[x->cell_row[b]].cb;
        bound[t] = b < bound[t - 1] ? bound[t - 1] : b;
    }
}

static void run_cells(ctx *x, unsigned threads, range_fn fn) {
    uint32_t bound[MAX_THREADS + 1];
    if (x->ncells < 2 * threads) threads = 1;
    cell_split(x, threads, 0, bound);
    run_split(x, threads, bound, fn, NULL);
}

/* --- phase 1: core points ------------------------------------------------------ */

static void phase_core(ctx *x, void *arg, uint32_t cb, uint32_t ce) {
    (void)arg;
    nrange rg[MAX_RANGES];
    for (uint32_t cell = cb; cell < ce; cell++) {
        uint32_t s = x->cell_start[cell], e = x->cell_start[cell + 1];
        if (x->min_points <= 1) {
            memset(x->core + s, 1, e - s);
            continue;
        }
        int k = neighbours(x, cell, rg);
        double own = x->rows[x->cell_row[cell]].lmax[x->ring]; /* Λ(r, r) */
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

static void phase_partition(ctx *x, void *arg, uint32_t cb, uint32_t ce) {
    (void)arg;
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

/* Joins cell to its neighbours d > cell with d in [dmin, dmax). */
static void join_neighbours(ctx *x, uint32_t cell, uint32_t dmin, uint32_t dmax) {
    nrange rg[MAX_RANGES];
    int k = neighbours(x, cell, rg);
    if (dmin <= cell) dmin = cell + 1;
    for (int i = 0; i < k; i++) {
        uint32_t b = rg[i].b > dmin ? rg[i].b : dmin, e = rg[i].e < dmax ? rg[i].e : dmax;
        for (uint32_t d = b; d < e; d++)
            if (x->ncore[d]) join_cells(x, cell, d, rg[i].lmax);
    }
}

/* Part of the union phase: cells [cb, ce) whole rows, joined among themselves only,
 * so threads touch disjoint parts of parent[]. */
static void union_part(ctx *x, void *arg, uint32_t cb, uint32_t ce) {
    (void)arg;
    for (uint32_t cell = cb; cell < ce; cell++) {
        uint32_t s = x->cell_start[cell], w = s + x->ncore[cell];
        for (uint32_t p = s; p < w; p++) x->parent[p] = x->tight[cell] ? s : p;
    }
    for (uint32_t cell = cb; cell < ce; cell++) {
        if (!x->ncore[cell]) continue;
        if (!x->tight[cell]) join_cells(x, cell, cell, 4 * PI);
        join_neighbours(x, cell, cell + 1, ce);
    }
}

static void phase_union(ctx *x, unsigned threads) {
    uint32_t bound[MAX_THREADS + 1];
    if (x->ncells < 2 * threads) threads = 1;
    cell_split(x, threads, 1, bound);
    run_split(x, threads, bound, union_part, NULL);
    /* then the pairs across parts: only rows within `ring` of a part's end */
    for (unsigned t = 0; t + 1 < threads; t++) {
        if (bound[t + 1] >= x->ncells || bound[t + 1] == bound[t]) continue;
        int64_t first = x->rows[x->cell_row[bound[t + 1]]].r - x->ring;
        uint32_t c = bound[t + 1];
        while (c > bound[t] && x->rows[x->cell_row[c - 1]].r >= first) c--;
        for (; c < bound[t + 1]; c++)
            if (x->ncore[c]) join_neighbours(x, c, bound[t + 1], x->ncells);
    }
    for (uint32_t p = 0; p < x->n; p++)
        if (x->core[p]) find(x->parent, p);
}

/* --- phase 3: border points ---------------------------------------------------- */

static void phase_border(ctx *x, void *arg, uint32_t cb, uint32_t ce) {
    (void)arg;
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

/* The preparation passes; one prep per thread, sharing the arrays. */
typedef struct prep {
    const double *lat, *lon;
    uint32_t *rowbuf, *colbuf;
    const uint32_t *ncols_tab; /* by row - rmin, or NULL */
    int64_t rmin;
    uint32_t cmin;
    uint64_t span_c;
    uint64_t *key;
    uint32_t lo, hi; /* this thread's min and max row or column */
} prep;

static void pass_rows(ctx *x, void *arg, uint32_t b, uint32_t e) {
    prep *pp = arg;
    pp->lo = UINT32_MAX;
    pp->hi = 0;
    for (uint32_t i = b; i < e; i++) {
        uint32_t r = (uint32_t)row_of(x, pp->lat[i] * DEG_TO_RAD);
        pp->rowbuf[i] = r;
        if (r < pp->lo) pp->lo = r;
        if (r > pp->hi) pp->hi = r;
    }
}

static void pass_cols(ctx *x, void *arg, uint32_t b, uint32_t e) {
    prep *pp = arg;
    pp->lo = UINT32_MAX;
    pp->hi = 0;
    for (uint32_t i = b; i < e; i++) {
        uint32_t r = pp->rowbuf[i];
        uint32_t nc = pp->ncols_tab ? pp->ncols_tab[r - pp->rmin] : row_ncols(x, r);
        uint32_t c = col_of(pp->lon[i] * DEG_TO_RAD, 2 * PI / nc, nc);
        pp->colbuf[i] = c;
        if (c < pp->lo) pp->lo = c;
        if (c > pp->hi) pp->hi = c;
    }
}

static void pass_keys(ctx *x, void *arg, uint32_t b, uint32_t e) {
    prep *pp = arg;
    for (uint32_t i = b; i < e; i++) {
        pp->key[i] = (uint64_t)(pp->rowbuf[i] - pp->rmin) * pp->span_c + (pp->colbuf[i] - pp->cmin);
        x->orig[i] = i;
    }
}

static void pass_gather(ctx *x, void *arg, uint32_t b, uint32_t e) {
    prep *pp = arg;
    for (uint32_t p = b; p < e; p++) {
        uint32_t i = x->orig[p];
        x->phi[p] = pp->lat[i] * DEG_TO_RAD; /* the same expressions as geo_haversine_m */
        x->lam[p] = pp->lon[i] * DEG_TO_RAD;
        x->cph[p] = cos(x->phi[p]);
        x->best[p] = NONE;
    }
}

/* LSD radix sort of (key, idx) with 11-bit digits over the bits in use, skipping
 * digits all keys share; k2/i2 are scratch of n entries. */
static void radix_sort(uint64_t *key, uint32_t *idx, uint64_t *k2, uint32_t *i2, uint32_t n) {
    uint64_t maxk = 0;
    for (uint32_t i = 0; i < n; i++) maxk |= key[i];
    uint64_t *ka = key, *kb = k2;
    uint32_t *ia = idx, *ib = i2;
    for (int shift = 0; shift < 64 && (maxk >> shift) != 0; shift += 11) {
        static const size_t nb = 2048;
        size_t cnt[2048] = {0};
        for (uint32_t i = 0; i < n; i++) cnt[(ka[i] >> shift) & (nb - 1)]++;
        if (cnt[(ka[0] >> shift) & (nb - 1)] == n) continue;
        size_t sum = 0;
        for (size_t b = 0; b < nb; b++) {
            size_t t = cnt[b];
            cnt[b] = sum;
            sum += t;
        }
        for (uint32_t i = 0; i < n; i++) {
            size_t at = cnt[(ka[i] >> shift) & (nb - 1)]++;
            kb[at] = ka[i];
            ib[at] = ia[i];
        }
        uint64_t *tk = ka; ka = kb; kb = tk;
        uint32_t *ti = ia; ia = ib; ib = ti;
    }
    if (ka != key) {
        memcpy(key, ka, (size_t)n * sizeof *key);
        memcpy(idx, ia, (size_t)n * sizeof *idx);
    }
}

static void ctx_free(ctx *x) {
    free(x->phi); free(x->lam); free(x->cph); free(x->orig); free(x->core);
    free(x->parent); free(x->best); free(x->cell_start); free(x->cell_col);
    free(x->cell_row); free(x->ncore); free(x->tight); free(x->rows); free(x->coltab);
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
    x->ring = (int)floor(x->H / x->eta * (1 + 1e-9) + 1e-5) + 1;
    if (x->ring > 2) { /* cannot happen (H/eta <= √2/0.999); keep the tables' bound anyway */
        x->eta = x->H;
        x->ring = 2;
    }
    x->nrows = (int64_t)ceil(PI / x->eta);
    if (x->nrows < 1) x->nrows = 1;
}

/* Cells and rows from the sorted keys (key = (row - rmin)·span_c + col - cmin). */
static int build_cells(ctx *x, const uint64_t *key, int64_t rmin, uint32_t cmin, uint64_t span_c) {
    uint32_t n = x->n, nc = 0, nr = 0;
    uint64_t prev_row = UINT64_MAX;
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0 && key[i] == key[i - 1]) continue;
        nc++;
        uint64_t rr = key[i] / span_c;
        if (rr != prev_row) nr++;
        prev_row = rr;
    }
    x->ncells = nc;
    x->nrows_used = nr;
    x->cell_start = big_alloc(((size_t)nc + 1) * sizeof *x->cell_start);
    x->cell_col = big_alloc((size_t)nc * sizeof *x->cell_col);
    x->cell_row = big_alloc((size_t)nc * sizeof *x->cell_row);
    x->ncore = big_calloc((size_t)nc, sizeof *x->ncore);
    x->tight = big_calloc((size_t)nc, 1);
    x->rows = calloc((size_t)nr, sizeof *x->rows);
    if (!x->cell_start || !x->cell_col || !x->cell_row || !x->ncore || !x->tight || !x->rows)
        return -1;
    uint32_t c = 0, r = 0;
    prev_row = UINT64_MAX;
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0 && key[i] == key[i - 1]) continue;
        uint64_t rr = key[i] / span_c;
        if (rr != prev_row) {
            if (r > 0) x->rows[r - 1].ce = c;
            rowinfo *ri = &x->rows[r++];
            ri->r = rmin + (int64_t)rr;
            ri->ncols = row_ncols(x, ri->r);
            ri->w = 2 * PI / ri->ncols;
            ri->cmin = row_cmin(x, ri->r);
            for (int d = -x->ring; d <= x->ring; d++)
                ri->lmax[d + x->ring] = lam_bound(x, ri->cmin, row_cmin(x, ri->r + d));
            ri->cb = c;
            prev_row = rr;
        }
        x->cell_start[c] = i;
        x->cell_col[c] = cmin + (uint32_t)(key[i] % span_c);
        x->cell_row[c] = r - 1;
        c++;
    }
    if (r > 0) x->rows[r - 1].ce = c;
    x->cell_start[nc] = n;
    /* dense column lookup for rows whose occupied span is not much wider than
     * their cell count (the common case); the others binary-search */
    size_t tab_total = 0;
    for (uint32_t j = 0; j < nr; j++) {
        rowinfo *ri = &x->rows[j];
        ri->c0 = x->cell_col[ri->cb];
        ri->c1 = x->cell_col[ri->ce - 1];
        size_t span = (size_t)ri->c1 - ri->c0 + 1;
        if (span <= 4 * (size_t)(ri->ce - ri->cb) + 64) tab_total += span;
    }
    x->coltab = big_alloc((tab_total ? tab_total : 1) * sizeof *x->coltab);
    if (!x->coltab) return -1;
    uint32_t *t = x->coltab;
    for (uint32_t j = 0; j < nr; j++) {
        rowinfo *ri = &x->rows[j];
        size_t span = (size_t)ri->c1 - ri->c0 + 1;
        if (span > 4 * (size_t)(ri->ce - ri->cb) + 64) continue;
        ri->tab = t;
        uint32_t cell = ri->cb;
        for (size_t k = 0; k < span; k++) {
            while (x->cell_col[cell] < ri->c0 + k) cell++;
            t[k] = cell;
        }
        t += span;
    }
    return 0;
}

/* The numbering pass: per input index, core flag and root of its cluster. */
typedef struct numbering {
    uint8_t *core;
    uint32_t *root_of;
} numbering;

static void pass_roots(ctx *x, void *arg, uint32_t b, uint32_t e) {
    numbering *nb = arg;
    for (uint32_t p = b; p < e; p++) {
        uint32_t i = x->orig[p];
        nb->core[i] = x->core[p];
        nb->root_of[i] = x->core[p] ? x->parent[p]
                                    : (x->best[p] == NONE ? NONE : x->parent[x->best[p]]);
    }
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
#ifdef GEO_DBSCAN_PROFILE
    struct timespec pt0, pt1;
    clock_gettime(CLOCK_MONOTONIC, &pt0);
#define PROF(what) do { clock_gettime(CLOCK_MONOTONIC, &pt1); \
    fprintf(stderr, "%-10s %.3f s\n", what, (double)(pt1.tv_sec - pt0.tv_sec) + (double)(pt1.tv_nsec - pt0.tv_nsec) * 1e-9); pt0 = pt1; } while (0)
#else
#define PROF(what) do { } while (0)
#endif
    ctx x;
    memset(&x, 0, sizeof x);
    x.n = (uint32_t)n;
    x.min_points = params->min_points;
    setup_metric(&x, params->eps_m);
    unsigned threads = params->threads ? params->threads : (n >= 20000 ? 2 : 1);
    if (threads > MAX_THREADS) threads = MAX_THREADS;
    if (threads > n) threads = (unsigned)n;

    uint64_t *key = big_alloc(n * sizeof *key);
    uint32_t *ncols_tab = NULL;
    x.orig = big_alloc(n * sizeof *x.orig);
    x.phi = big_alloc(n * sizeof *x.phi);
    x.lam = big_alloc(n * sizeof *x.lam);
    x.cph = big_alloc(n * sizeof *x.cph);
    x.core = big_alloc(n);
    x.parent = big_alloc(n * sizeof *x.parent);
    x.best = big_alloc(n * sizeof *x.best);
    int rc = (key && x.orig && x.phi && x.lam && x.cph && x.core && x.parent && x.best) ? 0 : -1;
    uint32_t bound[MAX_THREADS + 1];
    even_split(x.n, threads, bound);
    prep pp[MAX_THREADS];
    void *pargs[MAX_THREADS];
    if (rc == 0) {
        /* rows and columns go in lam's memory until the gather; phi and cph are the
         * sort's scratch */
        uint32_t *rowbuf = (uint32_t *)(void *)x.lam, *colbuf = rowbuf + n;
        for (unsigned t = 0; t < threads; t++) {
            pp[t] = (prep){lat_deg, lon_deg, rowbuf, colbuf, NULL, 0, 0, 1, key, 0, 0};
            pargs[t] = &pp[t];
        }
        run_split(&x, threads, bound, pass_rows, pargs);
        uint32_t rlo = UINT32_MAX, rhi = 0;
        for (unsigned t = 0; t < threads; t++) {
            if (pp[t].lo < rlo) rlo = pp[t].lo;
            if (pp[t].hi > rhi) rhi = pp[t].hi;
        }
        size_t span_r = (size_t)rhi - rlo + 1;
        if (span_r <= n + 4096 && (ncols_tab = malloc(span_r * sizeof *ncols_tab)) != NULL)
            for (size_t r = 0; r < span_r; r++) ncols_tab[r] = row_ncols(&x, (int64_t)(rlo + r));
        for (unsigned t = 0; t < threads; t++) {
            pp[t].ncols_tab = ncols_tab;
            pp[t].rmin = rlo;
        }
        run_split(&x, threads, bound, pass_cols, pargs);
        uint32_t clo = UINT32_MAX, chi = 0;
        for (unsigned t = 0; t < threads; t++) {
            if (pp[t].lo < clo) clo = pp[t].lo;
            if (pp[t].hi > chi) chi = pp[t].hi;
        }
        for (unsigned t = 0; t < threads; t++) {
            pp[t].cmin = clo;
            pp[t].span_c = (uint64_t)chi - clo + 1;
        }
        run_split(&x, threads, bound, pass_keys, pargs);
        free(ncols_tab);
        radix_sort(key, x.orig, (uint64_t *)(void *)x.phi, (uint32_t *)(void *)x.cph, x.n);
        rc = build_cells(&x, key, rlo, clo, pp[0].span_c);
    }
    if (rc != 0) {
        free(key);
        ctx_free(&x);
        return fail(err, errlen, GEO_ENOMEM, "out of memory");
    }
    run_split(&x, threads, bound, pass_gather, pargs);

    PROF("prep");
    run_cells(&x, threads, phase_core);
    PROF("core");
    run_cells(&x, threads, phase_partition);
    PROF("partition");
    phase_union(&x, threads);
    PROF("union");
    run_cells(&x, threads, phase_border);
    PROF("border");

    /* Numbering: the root of each point's cluster by input index (key's memory),
     * then clusters numbered in input order (num reuses best, no longer needed
     * once the roots are known). */
    numbering nb = {core, (uint32_t *)(void *)key};
    void *nargs[MAX_THREADS];
    for (unsigned t = 0; t < threads; t++) nargs[t] = &nb;
    run_split(&x, threads, bound, pass_roots, nargs);
    uint32_t *num = x.best, next = 0;
    memset(num, 0xff, n * sizeof *num); /* NONE */
    for (uint32_t i = 0; i < x.n; i++) {
        uint32_t r = nb.root_of[i];
        if (r == NONE) {
            cluster[i] = -1;
            continue;
        }
        if (num[r] == NONE) num[r] = next++;
        cluster[i] = (int32_t)num[r];
    }
    free(key);
    ctx_free(&x);
    PROF("numbering");
    if (n_clusters) *n_clusters = next;
    return 0;
}
