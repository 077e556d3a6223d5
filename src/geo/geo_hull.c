/* geo_hull — see geo_hull.h. */
#include "geo/geo_hull.h"

#include <math.h>
#include <stdlib.h>

#include "geo/geo_dbscan.h"

static const double DEG = 3.14159265358979323846 / 180.0;

struct proj {
    double lat0, kx, ky;
    const double *lat, *lon;
};

static double px(const struct proj *p, size_t i) {
    double d = p->lon[i] - p->lon[0];
    if (d > 180) d -= 360; /* keep a cluster across the antimeridian contiguous */
    if (d < -180) d += 360;
    return d * p->kx;
}
static double py(const struct proj *p, size_t i) { return (p->lat[i] - p->lat0) * p->ky; }

static double cross(const struct proj *p, size_t o, size_t a, size_t b) {
    return (px(p, a) - px(p, o)) * (py(p, b) - py(p, o)) -
           (py(p, a) - py(p, o)) * (px(p, b) - px(p, o));
}

static struct proj make_proj(const double *lat, const double *lon, size_t n) {
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += lat[i];
    struct proj p;
    p.lat0 = n ? sum / (double)n : 0;
    p.ky = GEO_EARTH_RADIUS_M * DEG;
    p.kx = p.ky * cos(p.lat0 * DEG);
    p.lat = lat;
    p.lon = lon;
    return p;
}

/* qsort has no context argument: the projection being sorted is per thread. */
static _Thread_local const struct proj *sort_proj;

static int by_x_then_y(const void *a, const void *b) {
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    double xi = px(sort_proj, i), xj = px(sort_proj, j);
    if (xi != xj) return xi < xj ? -1 : 1;
    double yi = py(sort_proj, i), yj = py(sort_proj, j);
    if (yi != yj) return yi < yj ? -1 : 1;
    return i < j ? -1 : i > j;
}

int geo_hull(const double *lat, const double *lon, size_t n, size_t *idx_out, size_t *scratch) {
    if (!lat || !lon || !idx_out || !scratch) return -1;
    for (size_t i = 0; i < n; i++) scratch[i] = i;
    if (n < 3) {
        for (size_t i = 0; i < n; i++) idx_out[i] = i;
        return (int)n;
    }
    struct proj p = make_proj(lat, lon, n);
    sort_proj = &p;
    qsort(scratch, n, sizeof *scratch, by_x_then_y);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) { /* lower hull */
        while (k >= 2 && cross(&p, idx_out[k - 2], idx_out[k - 1], scratch[i]) <= 0) k--;
        idx_out[k++] = scratch[i];
    }
    for (size_t i = n - 1, t = k + 1; i-- > 0;) { /* upper hull */
        while (k >= t && cross(&p, idx_out[k - 2], idx_out[k - 1], scratch[i]) <= 0) k--;
        idx_out[k++] = scratch[i];
    }
    return (int)(k - 1); /* the last point repeats the first */
}

double geo_hull_area_m2(const double *lat, const double *lon, const size_t *idx, size_t k) {
    if (k < 3) return 0;
    /* Project around the hull's own points. */
    double sum = 0;
    for (size_t i = 0; i < k; i++) sum += lat[idx[i]];
    double lat0 = sum / (double)k, ky = GEO_EARTH_RADIUS_M * DEG, kx = ky * cos(lat0 * DEG);
    double a = 0, lon0 = lon[idx[0]];
    for (size_t i = 0; i < k; i++) {
        size_t p = idx[i], q = idx[(i + 1) % k];
        double dxp = lon[p] - lon0, dxq = lon[q] - lon0;
        if (dxp > 180) dxp -= 360;
        if (dxp < -180) dxp += 360;
        if (dxq > 180) dxq -= 360;
        if (dxq < -180) dxq += 360;
        double xp = dxp * kx, yp = (lat[p] - lat0) * ky, xq = dxq * kx, yq = (lat[q] - lat0) * ky;
        a += xp * yq - xq * yp;
    }
    return fabs(a) / 2;
}
