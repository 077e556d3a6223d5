/* router — maps a method and a path to a handler through path patterns.
 *
 * Patterns are literal segments and `{name}` captures ("/units/{id}/edit"); a
 * final segment `*` captures the rest of the path (the static assets use it).
 * Among the routes whose pattern and method match, the most specific wins: at the
 * first segment where they differ, a literal beats a capture ("/units/import" over
 * "/units/{id}", whatever the table order); equal ones go by table order.
 * When a pattern matches but no method does, the result is 405 with the Allow list
 * (HEAD is allowed wherever GET is); when nothing matches, 404. The table is built
 * once at start-up and read concurrently afterwards. */
#ifndef TASHIL_ROUTER_H
#define TASHIL_ROUTER_H

#include <stddef.h>

#include "core/arena.h"

enum { ROUTER_MAX_PARAMS = 8 };

struct http_req;
struct http_resp;
typedef void (*route_handler)(struct http_req *req, struct http_resp *resp);

struct route {
    const char *method;  /* "GET", "POST", ... */
    const char *pattern; /* "/units/{id}" */
    route_handler handler;
    unsigned flags;      /* handler-specific (e.g. ROUTE_API, ROUTE_PUBLIC) */
};

struct route_match {
    int status;                 /* 200 when found, 404 or 405 */
    const struct route *route;  /* the matched route when status is 200 */
    int route_index;            /* index into the table, -1 when none */
    int nparams;
    const char *names[ROUTER_MAX_PARAMS];
    const char *values[ROUTER_MAX_PARAMS]; /* allocated from the arena */
    char allow[128];            /* "GET, HEAD, POST" for 405 */
};

/* Matches path (no query string, already percent-decoded by the caller) against
 * routes[0..n). Captured values are copied into the arena. */
void router_match(const struct route *routes, int n, const char *method, const char *path,
                  arena *a, struct route_match *m);

/* The value of a captured parameter, or NULL. */
const char *route_param(const struct route_match *m, const char *name);

#endif
