/* ops — what operators and machines use: /healthz (200 while the database
 * answers), /metrics (Prometheus text), and the embedded static assets. */
#include <string.h>

#include "core/assets.h"
#include "web/app.h"

void handle_healthz(struct http_req *req, struct http_resp *resp) {
    resp->content_type = "text/plain; charset=utf-8";
    store_conn *db = store_thread_conn(web_app(req)->db);
    if (!db || store_ping(db) != STORE_OK) {
        resp->status = 503;
        buf_puts(&resp->body, "database unavailable\n");
        return;
    }
    buf_puts(&resp->body, "ok\n");
}

void handle_metrics(struct http_req *req, struct http_resp *resp) {
    resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
    http_metrics_write(web_app(req)->server, &resp->body);
}

void handle_static(struct http_req *req, struct http_resp *resp) {
    const struct tashil_asset *a = asset_by_hashed_name(http_param(req, "*"));
    if (!a) {
        /* A stale hashed name (after an upgrade) or a guess: plain 404. */
        resp->status = 404;
        resp->content_type = "text/plain; charset=utf-8";
        buf_puts(&resp->body, "not found\n");
        return;
    }
    resp->content_type = a->content_type;
    resp->static_body = a->data;
    resp->static_len = a->len;
    resp->cacheable = true;
}
