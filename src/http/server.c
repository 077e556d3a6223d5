/* server — libmicrohttpd glue: see http.h for the request pipeline.
 *
 * Per request, a `struct exchange` is created in the URI-log callback (the first
 * thing libmicrohttpd tells us about a request, with the raw URI) and freed in the
 * completion callback, after the access-log line and the metrics. The access
 * handler is called once with the headers, then once per body chunk, then a final
 * time with no data: the response is queued on that final call. */
#include <arpa/inet.h>
#include <stdatomic.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/json_out.h"
#include "core/utf8.h"
#include "http/http.h"
#include "http/metrics.h"

struct http_server {
    struct MHD_Daemon *daemon;
    struct http_app app;
    struct http_limits lim;
    http_metrics *metrics;
    atomic_int inflight; /* requests between URI and completion */
    char csp[1024];
};

struct exchange {
    arena a;
    struct http_req req;
    struct http_resp resp;
    buf body;
    int calls;
    bool too_large;
    bool responded;
    int64_t start_us;
    size_t bytes_out;
    char ip[INET6_ADDRSTRLEN];
    const char *raw_uri;
};

enum { ARENA_CAP = 16 * 1024 * 1024 };

/* --- request helpers ----------------------------------------------------------- */

const char *http_header(struct http_req *req, const char *name) {
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}
const char *http_query(struct http_req *req, const char *name) { return form_get(&req->query, name); }
const char *http_form(struct http_req *req, const char *name) { return form_get(&req->form, name); }
const char *http_cookie(struct http_req *req, const char *name) {
    return form_get(&req->cookies, name);
}
const char *http_param(struct http_req *req, const char *name) {
    return route_param(&req->match, name);
}

void http_set_header(struct http_resp *resp, const char *name, const char *value) {
    for (int i = 0; i < resp->nheaders; i++) {
        if (!strcasecmp(resp->headers[i].name, name)) {
            resp->headers[i].value = value;
            return;
        }
    }
    if (resp->nheaders < HTTP_MAX_RESP_HEADERS) {
        resp->headers[resp->nheaders].name = name;
        resp->headers[resp->nheaders].value = value;
        resp->nheaders++;
    }
}

void http_redirect(struct http_resp *resp, const char *location) {
    resp->status = 303;
    http_set_header(resp, "Location", location);
}

/* --- pipeline ------------------------------------------------------------------ */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn) {
    struct http_server *s = cls;
    struct exchange *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    atomic_fetch_add(&s->inflight, 1);
    arena_init(&x->a, ARENA_CAP);
    x->start_us = clock_monotonic_us();
    x->raw_uri = arena_strdup(&x->a, uri ? uri : "");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, x->ip,
                      sizeof x->ip);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, x->ip,
                      sizeof x->ip);
    }
    return x;
}

static void error_response(struct http_server *s, struct exchange *x, int status, const char *code,
                           const char *en, const char *fa) {
    struct http_resp *resp = &x->resp;
    buf_clear(&resp->body);
    resp->static_body = NULL;
    resp->nheaders = 0;
    resp->status = status;
    s->app.render_error(&x->req, resp, status, code, en, fa);
}

/* Splits the raw URI into path and query, decodes and validates both. Returns 0,
 * or an HTTP status after writing the error response. */
static int parse_uri(struct http_server *s, struct exchange *x) {
    struct http_req *req = &x->req;
    const char *uri = x->raw_uri;
    const char *q = strchr(uri, '?');
    size_t plen = q ? (size_t)(q - uri) : strlen(uri);
    const char *frag = memchr(uri, '#', plen);
    if (frag) plen = (size_t)(frag - uri);
    req->raw_query = q ? q + 1 : "";
    size_t dlen;
    int err;
    char *path = form_url_decode(uri, plen, 0, &x->a, &dlen, &err);
    if (!path || dlen != strlen(path) || !utf8_valid(path, dlen) || utf8_has_controls(path, dlen) ||
        path[0] != '/') {
        req->path = "/";
        error_response(s, x, 400, "bad_request", "malformed request path",
                       "نشانی درخواست معتبر نیست.");
        return 400;
    }
    req->path = path;
    req->is_api = !strncmp(path, "/api/", 5) || !strcmp(path, "/api");
    err = form_parse_urlencoded(req->raw_query, strlen(req->raw_query), &x->a, &req->query);
    if (err != FORM_OK) {
        error_response(s, x, 400, "bad_request", form_error_message(err),
                       "پارامترهای نشانی معتبر نیستند (نویسه‌های نامعتبر یا کدگذاری نادرست).");
        return 400;
    }
    const char *cookie = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Cookie");
    if (cookie && form_parse_cookies(cookie, strlen(cookie), &x->a, &req->cookies) != FORM_OK) {
        /* A malformed Cookie header is ignored rather than refused: browsers carry
         * cookies of other applications on the same host. */
        req->cookies.n = 0;
    }
    return 0;
}

static bool is_urlencoded(const char *ct) {
    return ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33);
}

static void dispatch(struct http_server *s, struct exchange *x) {
    struct http_req *req = &x->req;
    struct http_resp *resp = &x->resp;
    if (parse_uri(s, x) != 0) return;
    router_match(s->app.routes, s->app.nroutes, req->method, req->path, &x->a, &req->match);
    if (req->match.status == 404) {
        error_response(s, x, 404, "not_found", "no such page", "صفحه‌ای با این نشانی پیدا نشد.");
        return;
    }
    if (req->match.status == 405) {
        error_response(s, x, 405, "method_not_allowed", "method not allowed for this resource",
                       "این نوع درخواست برای این نشانی پذیرفته نیست.");
        http_set_header(resp, "Allow", arena_strdup(&x->a, req->match.allow));
        return;
    }
    if (req->match.status != 200) {
        error_response(s, x, 500, "internal", "internal error", "خطای داخلی رخ داد.");
        return;
    }
    if (x->too_large) {
        error_response(s, x, 413, "payload_too_large", "request body too large",
                       "حجم داده‌های ارسالی بیش از حد مجاز است.");
        return;
    }
    req->body = x->body.data ? x->body.data : "";
    req->body_len = x->body.len;
    if (is_urlencoded(req->content_type)) {
        int err = form_parse_urlencoded(req->body, req->body_len, &x->a, &req->form);
        if (err != FORM_OK) {
            error_response(s, x, 400, "bad_request", form_error_message(err),
                           "داده‌های فرم معتبر نیستند (نویسه‌های نامعتبر یا کدگذاری نادرست).");
            return;
        }
    }
    if (s->app.before && !s->app.before(req, resp)) return;
    req->match.route->handler(req, resp);
    if (resp->body.failed) {
        error_response(s, x, 500, "internal", "response could not be built",
                       "خطای داخلی رخ داد.");
    }
}

static const char *const security_headers[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
};

static void free_body(void *p) { free(p); }

static enum MHD_Result queue(struct http_server *s, struct exchange *x) {
    struct http_resp *resp = &x->resp;
    struct MHD_Response *r;
    if (resp->static_body) {
        r = MHD_create_response_from_buffer(resp->static_len, (void *)(uintptr_t)resp->static_body,
                                            MHD_RESPMEM_PERSISTENT);
        x->bytes_out = resp->static_len;
    } else {
        size_t len = 0;
        char *body = buf_detach(&resp->body, &len);
        if (!body) { body = NULL; len = 0; }
        r = MHD_create_response_from_buffer_with_free_callback(len, body, free_body);
        if (!r) free(body);
        x->bytes_out = len;
    }
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Security-Policy", s->csp);
    for (size_t i = 0; i < sizeof security_headers / sizeof *security_headers; i++)
        MHD_add_response_header(r, security_headers[i][0], security_headers[i][1]);
    MHD_add_response_header(r, "Content-Type",
                            resp->content_type ? resp->content_type : "text/html; charset=utf-8");
    MHD_add_response_header(r, "Cache-Control",
                            resp->cacheable ? "public, max-age=31536000, immutable" : "no-store");
    for (int i = 0; i < resp->nheaders; i++)
        MHD_add_response_header(r, resp->headers[i].name, resp->headers[i].value);
    enum MHD_Result ok = MHD_queue_response(x->req.conn, (unsigned)resp->status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)url;
    (void)version;
    struct http_server *s = cls;
    struct exchange *x = *con_cls;
    if (!x) return MHD_NO; /* out of memory in on_uri */
    if (x->calls++ == 0) {
        struct http_req *req = &x->req;
        req->a = &x->a;
        req->conn = conn;
        req->method = method;
        req->is_head = !strcmp(method, "HEAD");
        req->client_ip = x->ip;
        req->app = s->app.app;
        req->path = "/";
        req->content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
        x->resp.status = 200;
        buf_init(&x->resp.body, 64 * 1024 * 1024);
        buf_init(&x->body, s->lim.body_max);
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            char *end;
            unsigned long long n = strtoull(cl, &end, 10);
            if (*end || n > s->lim.body_max) x->too_large = true;
        }
        if (x->too_large) {
            /* Refuse at once rather than read a body we will not keep. Answering
             * before the body closes the connection, which is what we want here. */
            x->req.path = "/";
            x->req.is_api = !strncmp(x->raw_uri, "/api/", 5);
            error_response(s, x, 413, "payload_too_large", "request body too large",
                           "حجم داده‌های ارسالی بیش از حد مجاز است.");
            x->responded = true;
            return queue(s, x);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!x->too_large && buf_append(&x->body, upload_data, *upload_data_size) != 0)
            x->too_large = true; /* chunked body over the cap: read and drop the rest */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (x->responded) return MHD_YES;
    x->responded = true;
    dispatch(s, x);
    if (s->app.after) s->app.after(&x->req);
    return queue(s, x);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)conn;
    (void)toe;
    struct http_server *s = cls;
    struct exchange *x = *con_cls;
    if (!x) return;
    int64_t us = clock_monotonic_us() - x->start_us;
    if (x->req.method) {
        metrics_observe(s->metrics, x->req.match.status == 200 ? x->req.match.route_index : -1,
                        x->resp.status, us);
        char now[21];
        clock_iso_utc(clock_now(), now);
        buf line;
        buf_init(&line, 16 * 1024);
        buf_printf(&line, "{\"time\":\"%s\",\"method\":", now);
        json_out_string(&line, x->req.method);
        buf_puts(&line, ",\"path\":");
        json_out_string(&line, x->req.path && strcmp(x->req.path, "/") ? x->req.path : x->raw_uri);
        buf_printf(&line, ",\"status\":%d,\"bytes\":%zu,\"us\":%lld,\"ip\":", x->resp.status,
                   x->bytes_out, (long long)us);
        json_out_string(&line, x->ip);
        buf_puts(&line, "}\n");
        if (!line.failed) {
            ssize_t w = write(STDERR_FILENO, line.data, line.len); /* one write: lines never interleave */
            (void)w;
        }
        buf_free(&line);
    }
    buf_free(&x->body);
    buf_free(&x->resp.body);
    arena_free(&x->a);
    free(x);
    *con_cls = NULL;
    atomic_fetch_sub(&s->inflight, 1);
}

http_server *http_start(const char *host, unsigned short port, const struct http_limits *lim,
                        const struct http_app *app, char *err, size_t err_cap) {
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        snprintf(err, err_cap, "cannot listen on '%s': give an IPv4 address such as 127.0.0.1",
                 host);
        return NULL;
    }
    struct http_server *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->app = *app;
    s->lim = *lim;
    snprintf(s->csp, sizeof s->csp,
             "default-src 'self'; img-src 'self' data:%s%s; style-src 'self'; script-src 'self'; "
             "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
             app->img_origin ? " " : "", app->img_origin ? app->img_origin : "");
    s->metrics = metrics_new(app->routes, app->nroutes);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG;
    s->daemon = MHD_start_daemon(
        flags, port, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(lim->threads ? lim->threads : 1),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, lim->conn_memory,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, lim->per_ip_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, lim->connection_timeout,
        MHD_OPTION_CONNECTION_LIMIT, lim->max_connections,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
        MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(err, err_cap, "cannot listen on %s:%u (address in use, or not allowed)", host,
                 port);
        metrics_free(s->metrics);
        free(s);
        return NULL;
    }
    return s;
}

unsigned short http_port(http_server *s) {
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return di ? di->port : 0;
}

void http_stop(http_server *s, int grace_secs) {
    if (!s) return;
    /* No new connections: quiescing hands the listening socket back to us, and
     * closing it makes the kernel refuse connections instead of queueing them. */
    MHD_socket listener = MHD_quiesce_daemon(s->daemon);
    if (listener != MHD_INVALID_SOCKET) close(listener);
    int64_t deadline = clock_monotonic_us() + (int64_t)grace_secs * 1000000;
    while (clock_monotonic_us() < deadline) {
        /* Idle keep-alive connections do not hold shutdown back; requests do. */
        if (atomic_load(&s->inflight) == 0) break;
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(s->daemon);
    metrics_free(s->metrics);
    free(s);
}

void http_metrics_write(http_server *s, buf *out) { metrics_write(s->metrics, out); }
