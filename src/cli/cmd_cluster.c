/* cmd_cluster — `tashil cluster`: exact DBSCAN of points read from CSV (issue 8).
 *
 * Reads all input first (geo_csv: header with id, lat, lon), clusters it
 * (geo_dbscan) and only then writes `id,cluster,core` in input order, so a bad row
 * produces an error naming its line and no partial output. Exit status: 0 done,
 * 1 bad values or input (including an empty file or one with no rows), 2 bad usage.
 * The whole globe is accepted: poles and the antimeridian need nothing special. */
#include <errno.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/bigalloc.h"
#include "core/csv.h"
#include "geo/geo_csv.h"
#include "geo/geo_dbscan.h"

#define MAX_POINTS ((size_t)20000000)

static void usage(FILE *out) {
    fputs("usage: tashil cluster --eps METRES --min-points N [--threads N] [FILE]\n"
          "\n"
          "Exact DBSCAN of points on the Earth (haversine distance, R = 6371008.8 m).\n"
          "Reads CSV from FILE (or standard input when FILE is absent or '-') whose\n"
          "header has the columns id, lat and lon (degrees; any order; other columns\n"
          "are ignored) and writes CSV `id,cluster,core` in input order:\n"
          "  cluster  -1 for noise, else clusters numbered from 0 in the order their\n"
          "           first member appears in the input\n"
          "  core     1 for a core point, 0 otherwise\n"
          "\n"
          "A point with at least N points (itself included) within eps metres is a\n"
          "core point; a non-core point within eps of a core point joins the cluster\n"
          "of the nearest one. Poles and the antimeridian are handled.\n"
          "\n"
          "options:\n"
          "  --eps METRES      neighbourhood radius, > 0 (at least 0.000001)\n"
          "  --min-points N    core threshold, >= 1\n"
          "  --threads N       worker threads (default: 2 for large inputs)\n"
          "\n"
          "exit status: 0 done, 1 bad values or input (the message names the line),\n"
          "2 bad usage\n",
          out);
}

static int parse_count(const char *s, size_t max, size_t *out) {
    size_t v = 0;
    if (!*s) return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        if (v > (max - (size_t)(*s - '0')) / 10) return -2;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return 0;
}

/* --name VALUE or --name=VALUE; advances *i past what it used. */
static const char *option_value(int argc, char **argv, int *i, const char *name, int *missing) {
    size_t len = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, len) != 0) return NULL;
    if (a[len] == '=') return a + len + 1;
    if (a[len] != 0) return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

typedef struct out {
    FILE *f;
    char buf[1 << 16];
    size_t len;
} out;

static void put(out *o, const char *s, size_t n) {
    if (o->len + n > sizeof o->buf) {
        fwrite(o->buf, 1, o->len, o->f);
        o->len = 0;
        if (n > sizeof o->buf) {
            fwrite(s, 1, n, o->f);
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void put_id(out *o, const char *id) {
    size_t n = strlen(id);
    if (!strpbrk(id, ",\"\r\n")) {
        put(o, id, n);
        return;
    }
    put(o, "\"", 1);
    for (const char *q; (q = strchr(id, '"')) != NULL; id = q + 1) {
        put(o, id, (size_t)(q - id) + 1);
        put(o, "\"", 1);
    }
    put(o, id, strlen(id));
    put(o, "\"", 1);
}

static void put_row(out *o, const char *id, int32_t cluster, int core) {
    char tail[24], *e = tail + sizeof tail, *p = e;
    *--p = '\n';
    *--p = core ? '1' : '0';
    *--p = ',';
    if (cluster < 0) {
        *--p = '1';
        *--p = '-';
    } else {
        uint32_t v = (uint32_t)cluster;
        do *--p = (char)('0' + v % 10); while ((v /= 10) != 0);
    }
    *--p = ',';
    put_id(o, id);
    put(o, p, (size_t)(e - p));
}

int cmd_cluster(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    const char *eps_s = NULL, *minpts_s = NULL, *threads_s = NULL, *path = NULL;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if ((v = option_value(argc, argv, &i, "--eps", &missing))) eps_s = v;
        else if (!missing && (v = option_value(argc, argv, &i, "--min-points", &missing))) minpts_s = v;
        else if (!missing && (v = option_value(argc, argv, &i, "--threads", &missing))) threads_s = v;
        else if (missing) {
            fprintf(stderr, "tashil cluster: %s needs a value\n", argv[i]);
            return 2;
        } else if (!strcmp(argv[i], "--") && i + 1 < argc && !path) path = argv[++i];
        else if ((argv[i][0] == '-' && argv[i][1] != 0) || path) {
            fprintf(stderr, "tashil cluster: unexpected argument '%s' (see --help)\n", argv[i]);
            return 2;
        } else path = argv[i];
    }
    if (!eps_s || !minpts_s) {
        fprintf(stderr, "tashil cluster: --eps and --min-points are required (see --help)\n");
        return 2;
    }
    geo_dbscan_params par = {0, 0, 0};
    if (geo_parse_coord(eps_s, strlen(eps_s), -DBL_MAX, DBL_MAX, &par.eps_m) != 0) {
        fprintf(stderr, "tashil cluster: --eps '%s' is not a number of metres\n", eps_s);
        return 1;
    }
    if (!(par.eps_m > 0)) {
        fprintf(stderr, "tashil cluster: --eps must be greater than 0 (got %s)\n", eps_s);
        return 1;
    }
    if (par.eps_m < GEO_DBSCAN_MIN_EPS_M) {
        fprintf(stderr, "tashil cluster: --eps must be at least 0.000001 m (got %s)\n", eps_s);
        return 1;
    }
    if (parse_count(minpts_s, (size_t)1 << 40, &par.min_points) != 0 || par.min_points < 1) {
        fprintf(stderr, "tashil cluster: --min-points must be a whole number >= 1 (got '%s')\n",
                minpts_s);
        return 1;
    }
    if (threads_s) {
        size_t t;
        if (parse_count(threads_s, 16, &t) != 0 || t < 1) {
            fprintf(stderr, "tashil cluster: --threads must be 1 to 16 (got '%s')\n", threads_s);
            return 1;
        }
        par.threads = (unsigned)t;
    }

    FILE *in = stdin;
    const char *name = "stdin";
    if (path && strcmp(path, "-") != 0) {
        in = fopen(path, "rb");
        name = path;
        if (!in) {
            fprintf(stderr, "tashil cluster: %s: %s\n", path, strerror(errno));
            return 1;
        }
    }
    csv_reader r;
    csv_init_file(&r, in, NULL);
    geo_points pts;
    geo_points_init(&pts);
    char err[256];
    int rc = geo_points_read_csv(&r, &pts, MAX_POINTS, err, sizeof err);
    csv_free(&r);
    if (in != stdin) fclose(in);
    if (rc == 0 && pts.n == 0) {
        snprintf(err, sizeof err, "no points: the header is not followed by any row");
        rc = -1;
    }
    int32_t *cluster = NULL;
    uint8_t *core = NULL;
    if (rc == 0) {
        cluster = big_alloc(pts.n * sizeof *cluster);
        core = big_alloc(pts.n);
        if (!cluster || !core) {
            snprintf(err, sizeof err, "out of memory");
            rc = -1;
        }
    }
    if (rc == 0) {
        rc = geo_dbscan(&par, pts.n, pts.lat, pts.lon, cluster, core, NULL, err, sizeof err);
        if (rc != 0) name = "clustering";
    }
    if (rc != 0) {
        fprintf(stderr, "tashil cluster: %s: %s\n", name, err);
        free(cluster);
        free(core);
        geo_points_free(&pts);
        return 1;
    }
    out *o = malloc(sizeof *o);
    if (!o) {
        fprintf(stderr, "tashil cluster: out of memory\n");
        free(cluster);
        free(core);
        geo_points_free(&pts);
        return 1;
    }
    o->f = stdout;
    o->len = 0;
    put(o, "id,cluster,core\n", 16);
    for (size_t i = 0; i < pts.n; i++) put_row(o, geo_points_id(&pts, i), cluster[i], core[i]);
    fwrite(o->buf, 1, o->len, o->f);
    free(o);
    free(cluster);
    free(core);
    geo_points_free(&pts);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "tashil cluster: writing the output failed\n");
        return 1;
    }
    return 0;
}
