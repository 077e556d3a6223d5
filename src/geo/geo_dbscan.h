/* geo_dbscan — exact DBSCAN of points on the Earth (issue 8).
 *
 * Distance is the haversine great-circle distance on a sphere of radius
 * GEO_EARTH_RADIUS_M. A point belongs to its own neighbourhood; a pair is inside when
 * geo_haversine_m(p, q) <= eps, and that one predicate decides every pair (the grid
 * only proposes candidates). A point with at least min_points neighbours is a core
 * point; core points within eps of each other share a cluster; a non-core point
 * within eps of some core point is a border point and joins the cluster of its
 * nearest core point (ties: smaller latitude, then longitude of the core point), so
 * the partition does not depend on the input order. Everything else is noise.
 *
 * The whole globe is handled: poles and the antimeridian need no special input.
 * The library does no I/O, keeps no global state and is safe to call from several
 * threads at once; it may start worker threads of its own (see `threads`). */
#ifndef TASHIL_GEO_DBSCAN_H
#define TASHIL_GEO_DBSCAN_H

#include <stddef.h>
#include <stdint.h>

#define GEO_EARTH_RADIUS_M 6371008.8
/* eps below this is refused: coordinates in degrees carry no finer information. */
#define GEO_DBSCAN_MIN_EPS_M 1e-6
/* The most points one call takes (cluster ids are int32_t). */
#define GEO_DBSCAN_MAX_POINTS ((size_t)INT32_MAX)

enum {
    GEO_EINVAL = -1, /* bad argument: eps, min_points, a coordinate, n */
    GEO_ENOMEM = -2  /* out of memory */
};

typedef struct geo_dbscan_params {
    double eps_m;      /* neighbourhood radius in metres, finite, >= GEO_DBSCAN_MIN_EPS_M */
    size_t min_points; /* >= 1; a point counts toward its own neighbourhood */
    unsigned threads;  /* 0 = choose (2 for large inputs), 1 = no extra threads; a
                          thread that cannot be started is done by the caller */
} geo_dbscan_params;

/* Great-circle distance in metres between two points given in degrees. */
double geo_haversine_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

/* Clusters n points (latitude in [-90, 90], longitude in [-180, 180], degrees).
 * On success returns 0 and fills, for every i < n: cluster[i] = -1 for noise, or a
 * cluster number, clusters being numbered from 0 in the order their first member
 * appears in the input; core[i] = 1 for a core point, else 0; *n_clusters (may be
 * NULL) = the number of clusters. On failure returns a negative GEO_E* code and,
 * when err is not NULL, an English message in err (NUL-terminated, errlen bytes). */
int geo_dbscan(const geo_dbscan_params *params, size_t n, const double *lat_deg,
               const double *lon_deg, int32_t *cluster, uint8_t *core, size_t *n_clusters,
               char *err, size_t errlen);

#endif
