/* plan — spatial planning over the registry's units: cluster the located units with
 * exact DBSCAN (geo_dbscan), then describe each cluster the way the working group
 * reads it — how many units and workers, which sectors, how many hold an operating
 * licence, which registered zone it lies in, its outline (convex hull) and area —
 * and flag the candidates: a spot not registered as a zone, a specialised-park
 * candidate (one ISIC class holds >= 60% of its units), and clusters close enough to
 * merge. Pure computation over arrays; the pages load the points and show this. */
#ifndef TASHIL_PLAN_H
#define TASHIL_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct plan_point {
    int64_t id;
    double lat, lon;
    char isic[5];
    char sector[64];
    bool operating_licence;
    int64_t employees;
    int64_t zone_id; /* 0 = outside any zone */
    int64_t county_id;
};

enum { PLAN_TOP_SECTORS = 4, PLAN_MAX_MERGES = 4 };

struct plan_cluster {
    int number;           /* DBSCAN cluster number (input order of first member) */
    size_t n;             /* members, core and border */
    size_t *members;      /* indices into the points */
    int64_t employees;
    size_t operating;     /* members with an operating licence */
    double lat, lon;      /* centroid */
    size_t *hull;         /* indices into the points, counter-clockwise */
    size_t hull_n;
    double area_ha;
    struct { char sector[64]; size_t n; } sectors[PLAN_TOP_SECTORS];
    int nsectors;
    char top_isic[5];
    size_t top_isic_n;
    int64_t zone_id;      /* the zone most members are in, 0 when most are outside */
    size_t in_zone;       /* members inside that zone */
    bool unregistered;    /* most members are outside every registered zone */
    bool specialised;     /* one ISIC class >= 60% of members */
    int merge_with[PLAN_MAX_MERGES]; /* other clusters' numbers within the merge distance */
    int nmerge;
};

struct plan_result {
    size_t npoints, noise;
    int nclusters;
    struct plan_cluster *clusters; /* ordered by size, largest first */
    int32_t *cluster_of;           /* per point: cluster number or -1 */
    uint8_t *core;
};

/* Clusters pts[0..n). Returns 0, or a negative code with an English message. */
int plan_run(const struct plan_point *pts, size_t n, double eps_m, size_t min_points,
             double merge_m, struct plan_result *out, char *err, size_t errlen);
void plan_free(struct plan_result *r);
/* Appends the cluster's hull as a GeoJSON Polygon (closed ring, lon/lat), or its
 * centroid as a Point when the hull has fewer than three vertices. */
void plan_hull_geojson(buf *b, const struct plan_point *pts, const struct plan_cluster *c);

/* The cluster with a given DBSCAN number, or NULL. */
const struct plan_cluster *plan_find(const struct plan_result *r, int number);

#endif
