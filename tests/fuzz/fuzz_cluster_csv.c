/* fuzz_cluster_csv — libFuzzer target for the CSV reader (core/csv), the point
 * reader (geo_csv) and, on what parses, the clustering (geo_dbscan, small eps),
 * checking the invariants the output promises. The first input byte picks
 * reader limits and min_points so small caps and every code path get exercised. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "geo/geo_csv.h"
#include "geo/geo_dbscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t knob = size ? data[0] : 0;
    if (size) {
        data++;
        size--;
    }
    csv_limits small = {64, 256, 8};
    csv_reader r;
    csv_init_mem(&r, data, size, (knob & 1) ? &small : NULL);
    geo_points p;
    geo_points_init(&p);
    char err[256];
    int rc = geo_points_read_csv(&r, &p, 4096, err, sizeof err);
    csv_free(&r);
    if (rc != 0) {
        if (strlen(err) == 0) abort(); /* an error always says something */
    } else if (p.n > 0) {
        int32_t *cl = malloc(p.n * sizeof *cl);
        uint8_t *core = malloc(p.n);
        size_t ncl = 0;
        geo_dbscan_params par = {(knob & 2) ? 5.0 : 2000.0, (size_t)1 + (knob >> 4), (knob & 4) ? 2u : 1u};
        if (!cl || !core || geo_dbscan(&par, p.n, p.lat, p.lon, cl, core, &ncl, err, sizeof err) != 0)
            abort();
        int32_t next = 0;
        for (size_t i = 0; i < p.n; i++) {
            if (cl[i] < -1 || cl[i] > next || (core[i] && cl[i] < 0)) abort();
            if (cl[i] == next) next++;
        }
        if ((size_t)next != ncl) abort();
        /* every clustered non-core point has a core point of its cluster within eps */
        for (size_t i = 0; i < p.n && p.n <= 300; i++) {
            if (core[i] || cl[i] < 0) continue;
            int ok = 0;
            for (size_t j = 0; j < p.n && !ok; j++)
                ok = core[j] && cl[j] == cl[i] &&
                     geo_haversine_m(p.lat[i], p.lon[i], p.lat[j], p.lon[j]) <= par.eps_m;
            if (!ok) abort();
        }
        free(cl);
        free(core);
    }
    geo_points_free(&p);
    return 0;
}
