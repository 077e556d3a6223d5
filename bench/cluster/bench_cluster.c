/* bench_cluster — times the clustering library alone on a CSV of points, for
 * bench/cluster/run: reads IN with geo_csv (timed apart), runs geo_dbscan REPEAT
 * times (reports the fastest and the median), writes `cluster,core` per input row
 * to OUT for the agreement check, and prints one line of key=value figures,
 * including peak RSS. Usage: bench_cluster IN EPS MIN_POINTS OUT [THREADS [REPEAT]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/csv.h"
#include "geo/geo_csv.h"
#include "geo/geo_dbscan.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: bench_cluster IN EPS MIN_POINTS OUT [THREADS [REPEAT]]\n");
        return 2;
    }
    geo_dbscan_params par = {strtod(argv[2], NULL), strtoul(argv[3], NULL, 10),
                             argc > 5 ? (unsigned)strtoul(argv[5], NULL, 10) : 0};
    int repeat = argc > 6 ? (int)strtol(argv[6], NULL, 10) : 1;
    if (repeat < 1 || repeat > 50) repeat = 1;
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    double t0 = now();
    csv_reader r;
    csv_init_file(&r, in, NULL);
    geo_points p;
    geo_points_init(&p);
    char err[256];
    if (geo_points_read_csv(&r, &p, (size_t)100000000, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", argv[1], err);
        return 1;
    }
    csv_free(&r);
    fclose(in);
    double read_s = now() - t0;
    int32_t *cl = malloc(p.n * sizeof *cl);
    uint8_t *core = malloc(p.n);
    double times[50];
    size_t ncl = 0;
    for (int k = 0; k < repeat; k++) {
        double t1 = now();
        if (geo_dbscan(&par, p.n, p.lat, p.lon, cl, core, &ncl, err, sizeof err) != 0) {
            fprintf(stderr, "geo_dbscan: %s\n", err);
            return 1;
        }
        times[k] = now() - t1;
    }
    qsort(times, (size_t)repeat, sizeof *times, cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    FILE *out = fopen(argv[4], "w");
    if (!out) {
        perror(argv[4]);
        return 1;
    }
    size_t ncore = 0, noise = 0;
    for (size_t i = 0; i < p.n; i++) {
        fprintf(out, "%d,%d\n", cl[i], core[i]);
        ncore += core[i];
        noise += cl[i] < 0;
    }
    fclose(out);
    printf("n=%zu read_s=%.3f cluster_min_s=%.3f cluster_median_s=%.3f clusters=%zu core=%zu "
           "noise=%zu rss_mib=%.1f\n",
           p.n, read_s, times[0], times[repeat / 2], ncl, ncore, noise, (double)ru.ru_maxrss / 1024.0);
    free(cl);
    free(core);
    geo_points_free(&p);
    return 0;
}
