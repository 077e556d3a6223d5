/* api — the JSON API under /api/v1/. Errors there are always
 * {"error":{"code":…,"message":…}} (web_render_error). */
#include <jansson.h>
#include <stdlib.h>

#include "web/app.h"

void web_send_json(struct http_resp *resp, int status, json_t *doc) {
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    resp->status = status;
    resp->content_type = "application/json";
    if (!text) {
        resp->body.failed = true;
        return;
    }
    buf_puts(&resp->body, text);
    buf_putc(&resp->body, '\n');
    free(text);
}

void api_me(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    json_t *doc = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)ctx->user.id, "name",
                            ctx->user.name, "display_name", ctx->user.display_name, "role",
                            ctx->user.role);
    web_send_json(resp, 200, doc);
}
