/* api — the JSON API under /api/v1/. Errors there are always
 * {"error":{"code":…,"message":…}} (web_render_error). */
#include <jansson.h>

#include "web/api_json.h"
#include "web/app.h"

void api_me(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    json_t *doc = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)ctx->user.id, "name",
                            ctx->user.name, "display_name", ctx->user.display_name, "role",
                            ctx->user.role);
    api_send(resp, 200, doc);
}
