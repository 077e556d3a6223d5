/* metrics — see metrics.h. Statuses are folded into a fixed list of the codes
 * Tashil answers with (and "other"), so the table is a plain 2-D array. */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static const int known_status[] = {200, 201, 204, 301, 302, 303, 304, 400, 401, 403, 404,
                                   405, 409, 412, 413, 415, 422, 428, 429, 431, 500, 503};
enum { NSTATUS = sizeof known_status / sizeof *known_status + 1 };
static const double bucket_le[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
enum { NBUCKETS = sizeof bucket_le / sizeof *bucket_le };

struct http_metrics {
    const struct route *routes;
    int nroutes;
    atomic_uint_fast64_t *counts; /* (nroutes + 1) x NSTATUS; last row = unmatched */
    atomic_uint_fast64_t buckets[NBUCKETS + 1];
    atomic_uint_fast64_t sum_us, total;
};

static int status_slot(int status) {
    for (int i = 0; i < NSTATUS - 1; i++)
        if (known_status[i] == status) return i;
    return NSTATUS - 1;
}

http_metrics *metrics_new(const struct route *routes, int nroutes) {
    http_metrics *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->routes = routes;
    m->nroutes = nroutes;
    m->counts = calloc((size_t)(nroutes + 1) * NSTATUS, sizeof *m->counts);
    if (!m->counts) {
        free(m);
        return NULL;
    }
    return m;
}

void metrics_free(http_metrics *m) {
    if (!m) return;
    free(m->counts);
    free(m);
}

void metrics_observe(http_metrics *m, int route_index, int status, int64_t micros) {
    int row = route_index >= 0 && route_index < m->nroutes ? route_index : m->nroutes;
    atomic_fetch_add_explicit(&m->counts[row * NSTATUS + status_slot(status)], 1,
                              memory_order_relaxed);
    double secs = (double)micros / 1e6;
    int b = 0;
    while (b < NBUCKETS && secs > bucket_le[b]) b++;
    atomic_fetch_add_explicit(&m->buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->sum_us, (uint_fast64_t)(micros > 0 ? micros : 0),
                              memory_order_relaxed);
    atomic_fetch_add_explicit(&m->total, 1, memory_order_relaxed);
}

void metrics_write(http_metrics *m, buf *out) {
    buf_puts(out, "# HELP tashil_http_requests_total HTTP requests by route and status.\n"
                  "# TYPE tashil_http_requests_total counter\n");
    for (int r = 0; r <= m->nroutes; r++) {
        for (int s = 0; s < NSTATUS; s++) {
            uint64_t n = atomic_load_explicit(&m->counts[r * NSTATUS + s], memory_order_relaxed);
            if (!n) continue;
            const char *method = r < m->nroutes ? m->routes[r].method : "";
            const char *route = r < m->nroutes ? m->routes[r].pattern : "unmatched";
            if (s < NSTATUS - 1)
                buf_printf(out,
                           "tashil_http_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"} "
                           "%llu\n", method, route, known_status[s], (unsigned long long)n);
            else
                buf_printf(out,
                           "tashil_http_requests_total{method=\"%s\",route=\"%s\",status=\"other\"} "
                           "%llu\n", method, route, (unsigned long long)n);
        }
    }
    buf_puts(out, "# HELP tashil_http_request_duration_seconds Time to produce a response.\n"
                  "# TYPE tashil_http_request_duration_seconds histogram\n");
    uint64_t cumulative = 0;
    for (int b = 0; b <= NBUCKETS; b++) {
        cumulative += atomic_load_explicit(&m->buckets[b], memory_order_relaxed);
        if (b < NBUCKETS)
            buf_printf(out, "tashil_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                       bucket_le[b], (unsigned long long)cumulative);
        else
            buf_printf(out, "tashil_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                       (unsigned long long)cumulative);
    }
    buf_printf(out, "tashil_http_request_duration_seconds_sum %.6f\n",
               (double)atomic_load_explicit(&m->sum_us, memory_order_relaxed) / 1e6);
    buf_printf(out, "tashil_http_request_duration_seconds_count %llu\n",
               (unsigned long long)atomic_load_explicit(&m->total, memory_order_relaxed));
}
