/* metrics — request counters by route and status, and a latency histogram,
 * written as Prometheus text. Counters are relaxed atomics: a request adds to two
 * of them without any lock. */
#ifndef TASHIL_METRICS_H
#define TASHIL_METRICS_H

#include <stdint.h>

#include "core/buf.h"
#include "http/router.h"

typedef struct http_metrics http_metrics;

http_metrics *metrics_new(const struct route *routes, int nroutes);
void metrics_free(http_metrics *m);
/* route_index -1 counts as "unmatched". */
void metrics_observe(http_metrics *m, int route_index, int status, int64_t micros);
void metrics_write(http_metrics *m, buf *out);

#endif
