/* geo_hull — the convex hull of a small set of points on the Earth and its area.
 *
 * Points are projected onto a local equirectangular plane around their mean
 * latitude (metres; exact enough for the few kilometres an industrial spot spans),
 * the hull is Andrew's monotone chain there, and the area is the shoelace formula
 * in square metres. Returned vertices are the original degrees, counter-clockwise,
 * without repeating the first. Pure; no allocation beyond what the caller gives. */
#ifndef TASHIL_GEO_HULL_H
#define TASHIL_GEO_HULL_H

#include <stddef.h>

/* lat/lon hold n points; idx_out (capacity n + 1) receives the hull's indices in
 * order. Returns the number of hull vertices (n when n < 3), or -1 on bad input. */
int geo_hull(const double *lat, const double *lon, size_t n, size_t *idx_out, size_t *scratch);

/* Area in square metres of the polygon through idx[0..k) (as returned by geo_hull). */
double geo_hull_area_m2(const double *lat, const double *lon, const size_t *idx, size_t k);

#endif
