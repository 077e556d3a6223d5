/* app — the per-request steps around every handler: who is asking (session cookie
 * or API token), whether a state-changing request really comes from our own pages
 * (Origin check and CSRF token: the session's, or for the few forms the anonymous
 * public may post, ROUTE_PUBLIC_FORM, a double-submit cookie), whether the role may
 * use the route (an anonymous caller on a closed route is sent to sign in before any
 * token check), and how errors look (a Persian page, or JSON under /api/). */
#include "web/app.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/json_out.h"
#include "store/store_cases.h"
#include "view/html.h"
#include "view/layout.h"

store_conn *web_db(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    if (!ctx->db) ctx->db = store_thread_conn(web_app(req)->db);
    if (!ctx->db && resp)
        web_render_error(req, resp, 503, "unavailable", "database unavailable",
                         "پایگاه داده در دسترس نیست؛ کمی بعد دوباره تلاش کنید.");
    return ctx->db;
}

struct layout_user web_who(struct http_req *req) {
    struct layout_user who = {NULL, ROLE_PUBLIC, NULL, 0};
    struct web_ctx *ctx = web_ctx(req);
    if (ctx && ctx->role != ROLE_PUBLIC) {
        who.display_name = ctx->user.display_name;
        who.role = ctx->role;
        who.csrf = ctx->csrf;
        store_conn *db = web_db(req, NULL);
        int64_t unread = 0;
        if (db && store_notification_count(db, ctx->user.id, &unread) == STORE_OK)
            who.unread = unread;
    }
    return who;
}

void web_render_error(struct http_req *req, struct http_resp *resp, int status, const char *code,
                      const char *message_en, const char *message_fa) {
    resp->status = status;
    buf_clear(&resp->body);
    resp->static_body = NULL;
    if (req->is_api) {
        resp->content_type = "application/json";
        buf_puts(&resp->body, "{\"error\":{\"code\":");
        json_out_string(&resp->body, code);
        buf_puts(&resp->body, ",\"message\":");
        json_out_string(&resp->body, message_en);
        buf_puts(&resp->body, "}}\n");
        if (status == 401) http_set_header(resp, "WWW-Authenticate", "Bearer");
        return;
    }
    resp->content_type = "text/html; charset=utf-8";
    struct layout_user who = web_who(req);
    layout_error_page(&resp->body, status, message_fa, &who);
}

void web_forbidden(struct http_req *req, struct http_resp *resp) {
    web_render_error(req, resp, 403, "forbidden", "you may not use this resource",
                     "شما اجازه دسترسی به این بخش را ندارید.");
}

void web_not_found(struct http_req *req, struct http_resp *resp) {
    web_render_error(req, resp, 404, "not_found", "no such resource",
                     "صفحه‌ای با این نشانی پیدا نشد.");
}

void web_server_error(struct http_req *req, struct http_resp *resp) {
    web_render_error(req, resp, 500, "internal", "internal error",
                     "خطای داخلی رخ داد؛ رویداد ثبت شد. لطفاً دوباره تلاش کنید.");
}

const char *web_form_token(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    if (ctx->role != ROLE_PUBLIC) return ctx->csrf;
    const char *have = http_cookie(req, "tashil_form_csrf");
    if (have && strlen(have) == TOKEN_TEXT_LEN) return have; /* keep the visitor's token */
    char *tok = arena_alloc(req->a, TOKEN_TEXT_SIZE);
    if (!tok) return "";
    token_new(tok);
    http_set_header(resp, "Set-Cookie",
                    arena_printf(req->a, "tashil_form_csrf=%s; HttpOnly; SameSite=Strict; Path=/; "
                                 "Max-Age=7200%s",
                                 tok, web_app(req)->cfg.behind_tls ? "; Secure" : ""));
    return tok;
}

static bool is_safe_method(const char *m) { return !strcmp(m, "GET") || !strcmp(m, "HEAD"); }

/* Resolves the caller from an API token or a session cookie. Returns false after
 * writing a response when the credentials are present but wrong. */
static bool authenticate(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    const char *authz = http_header(req, "Authorization");
    if (authz) {
        unsigned char h[32];
        if (strncasecmp(authz, "Bearer ", 7) != 0 || !token_hash(authz + 7, h)) {
            web_render_error(req, resp, 401, "unauthorized", "malformed Authorization header",
                             "اعتبارنامه نامعتبر است.");
            return false;
        }
        store_conn *db = web_db(req, resp);
        if (!db) return false;
        int rc = store_token_lookup(db, h, &ctx->user);
        if (rc != STORE_OK) {
            web_render_error(req, resp, 401, "unauthorized", "invalid or revoked API token",
                             "اعتبارنامه نامعتبر است.");
            return false;
        }
        ctx->role = role_from_name(ctx->user.role);
        ctx->via_token = true;
        return true;
    }
    const char *cookie = http_cookie(req, "tashil_session");
    unsigned char h[32];
    if (cookie && token_hash(cookie, h)) {
        store_conn *db = web_db(req, resp);
        if (!db) return false;
        const struct config *cfg = &web_app(req)->cfg;
        if (store_session_lookup(db, h, clock_now(), cfg->session_idle_secs, &ctx->user, ctx->csrf,
                                 sizeof ctx->csrf) == STORE_OK)
            ctx->role = role_from_name(ctx->user.role);
    }
    return true;
}

/* A state-changing request must come from our own origin. Browsers send Origin on
 * POST; when it is absent (older clients) Sec-Fetch-Site still tells a cross-site
 * request apart. */
static bool same_origin(struct http_req *req) {
    const char *origin = http_header(req, "Origin");
    const char *host = http_header(req, "Host");
    if (origin) {
        if (!host) return false;
        const char *scheme = web_app(req)->cfg.behind_tls ? "https://" : "http://";
        size_t sl = strlen(scheme);
        return !strncmp(origin, scheme, sl) && !strcmp(origin + sl, host);
    }
    const char *site = http_header(req, "Sec-Fetch-Site");
    return !site || strcmp(site, "cross-site") != 0;
}

bool web_before(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = arena_calloc(req->a, 1, sizeof *ctx);
    if (!ctx) {
        web_server_error(req, resp);
        return false;
    }
    ctx->role = ROLE_PUBLIC;
    req->ctx = ctx;
    const struct route *route = req->match.route;
    if (route->handler == handle_static) return true; /* no identity needed */
    if (!authenticate(req, resp)) return false;

    /* An anonymous API client is told to authenticate (401), whatever the method. */
    if (req->is_api && ctx->role == ROLE_PUBLIC && !(route->flags & (unsigned)ROLE_PUBLIC)) {
        web_render_error(req, resp, 401, "unauthorized", "sign in or send an API token",
                         "ابتدا وارد شوید.");
        return false;
    }
    if (!is_safe_method(req->method) && !ctx->via_token) {
        if (!same_origin(req)) {
            web_render_error(req, resp, 403, "cross_origin", "cross-origin request refused",
                             "درخواست از نشانی دیگری فرستاده شده و پذیرفته نشد.");
            return false;
        }
        /* The login form has no session yet: it checks its own double-submit token.
         * An anonymous caller on a route closed to the public is sent to sign in
         * (below) rather than refused for a token it could not have. */
        bool closed_to_public = ctx->role == ROLE_PUBLIC && !(route->flags & ROLE_PUBLIC);
        if (route->handler != action_login && !closed_to_public) {
            const char *sent = http_form(req, "_csrf");
            if (!sent) sent = http_header(req, "X-CSRF-Token");
            bool ok = ctx->role == ROLE_PUBLIC
                          ? (route->flags & ROUTE_PUBLIC_FORM) &&
                                token_equal(sent, http_cookie(req, "tashil_form_csrf"))
                          : token_equal(sent, ctx->csrf);
            if (!ok) {
                web_render_error(req, resp, 403, "csrf", "missing or wrong CSRF token",
                                 "اعتبار فرم به پایان رسیده یا نامعتبر است. صفحه را دوباره "
                                 "باز کنید و دوباره بفرستید.");
                return false;
            }
        }
    }

    if (!(route->flags & (unsigned)ctx->role)) {
        if (ctx->role != ROLE_PUBLIC) {
            web_forbidden(req, resp);
        } else if (req->is_api) {
            web_render_error(req, resp, 401, "unauthorized", "sign in or send an API token",
                             "ابتدا وارد شوید.");
        } else {
            buf loc;
            buf_init(&loc, 4096);
            buf_puts(&loc, "/login?next=");
            html_url_component(&loc, req->path);
            http_redirect(resp, loc.failed ? "/login" : arena_strdup(req->a, loc.data));
            buf_free(&loc);
        }
        return false;
    }
    return true;
}

void web_after(struct http_req *req) {
    struct web_ctx *ctx = web_ctx(req);
    /* A handler that returned inside a transaction (a bug) must not leave the
     * thread's connection locked: roll it back. */
    if (ctx && ctx->db) store_rollback(ctx->db);
}
