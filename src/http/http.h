/* http — the request and response that handlers see, and the server that feeds them.
 *
 * The server (server.c) runs libmicrohttpd with epoll and a thread pool, with
 * per-connection memory, per-IP connection and time limits, and a request-body cap.
 * For each request it: reads the raw URI and body into the request's arena, decodes
 * and validates the path, query and cookies (400 on anything malformed), matches a
 * route (404/405), runs the application's `before` hook (authentication, CSRF),
 * parses a URL-encoded body, and calls the handler. The response is queued on the
 * access handler's final call (never the first, which in libmicrohttpd 0.9.75 would
 * force `Connection: close`). Every response carries the security headers; every
 * request writes one JSON access-log line and updates the metrics.
 *
 * Ownership: everything in http_req lives in req->a, the request arena, and dies
 * with the request. The response body buffer is handed to libmicrohttpd. */
#ifndef TASHIL_HTTP_H
#define TASHIL_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/form.h"
#include "http/router.h"

struct MHD_Connection;

struct http_req {
    arena *a;
    const char *method;
    const char *path;       /* percent-decoded, valid UTF-8 */
    const char *raw_query;  /* as received, without '?'; "" when none */
    struct form query;
    struct form cookies;
    struct form form;       /* URL-encoded body fields */
    const char *body;
    size_t body_len;
    const char *content_type;
    const char *client_ip;
    struct route_match match;
    struct MHD_Connection *conn;
    void *app;              /* the application (web/app.h) */
    void *ctx;              /* per-request application state (auth, db connection) */
    bool is_api;            /* path under /api/: errors are JSON */
    bool is_head;
};

enum { HTTP_MAX_RESP_HEADERS = 16 };

struct http_resp {
    int status;
    buf body;
    const char *content_type;
    const unsigned char *static_body; /* served as-is, not copied (embedded assets) */
    size_t static_len;
    int nheaders;
    struct { const char *name, *value; } headers[HTTP_MAX_RESP_HEADERS];
    bool cacheable;          /* long-lived public cache (static assets) */
};

/* Request helpers. */
const char *http_header(struct http_req *req, const char *name);
const char *http_query(struct http_req *req, const char *name);
const char *http_form(struct http_req *req, const char *name);
const char *http_cookie(struct http_req *req, const char *name);
const char *http_param(struct http_req *req, const char *name);

/* Response helpers. Header names and values must outlive the request (literals or
 * arena strings). */
void http_set_header(struct http_resp *resp, const char *name, const char *value);
void http_redirect(struct http_resp *resp, const char *location); /* 303 See Other */

/* What the application plugs into the server. */
struct http_app {
    const struct route *routes;
    int nroutes;
    void *app;
    /* Runs after routing, before the handler. Returns false when it has already
     * written the response (unauthenticated, CSRF failure, ...). */
    bool (*before)(struct http_req *req, struct http_resp *resp);
    /* Runs after the handler (or the error page) to release per-request state. */
    void (*after)(struct http_req *req);
    /* Writes an error response: a Persian page, or JSON under /api/. */
    void (*render_error)(struct http_req *req, struct http_resp *resp, int status,
                         const char *code, const char *message_en, const char *message_fa);
    /* Origins images may also come from (map tiles), added to the CSP; NULL = none. */
    const char *img_origin;
};

struct http_limits {
    unsigned threads;            /* thread pool size */
    size_t body_max;             /* request body cap, bytes */
    size_t conn_memory;          /* per-connection memory (headers + buffers) */
    unsigned per_ip_connections;
    unsigned connection_timeout; /* seconds */
    unsigned max_connections;
};

typedef struct http_server http_server;

/* Starts listening on host:port (port 0 picks a free one). */
http_server *http_start(const char *host, unsigned short port, const struct http_limits *lim,
                        const struct http_app *app, char *err, size_t err_cap);
unsigned short http_port(http_server *s);
/* Stops accepting, waits up to grace_secs for requests in flight, then stops. */
void http_stop(http_server *s, int grace_secs);

/* Prometheus text of the counters (see metrics.c). */
void http_metrics_write(http_server *s, buf *out);

#endif
