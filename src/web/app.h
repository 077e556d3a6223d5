/* app — the web application: its shared state, its routes, and the per-request
 * context that the `before` hook fills (who is asking, through which session).
 *
 * Handlers are grouped by subject in web/ files; each file exports its handlers here
 * and web/routes.c lists them with their patterns, methods and the roles allowed. */
#ifndef TASHIL_APP_H
#define TASHIL_APP_H

#include <stdbool.h>

#include "auth/roles.h"
#include "auth/throttle.h"
#include "auth/token.h"
#include "core/config.h"
#include "http/http.h"
#include "store/store.h"
#include "store/store_users.h"
#include "view/layout.h"

struct app {
    store *db;
    struct config cfg;
    throttle *login_by_ip;
    throttle *login_by_account;
    http_server *server;
};

/* Route flags: which roles may use a route (bits of enum role); pages redirect an
 * anonymous visitor to the login page, the API answers 401. */
#define ROUTE_ROLES(r) ((unsigned)(r))
/* A form the anonymous public may post (a suggestion box): its CSRF token is a
 * double-submit cookie (web_form_token) instead of a session's. */
#define ROUTE_PUBLIC_FORM (1u << 16)

struct web_ctx {
    struct user user;
    int role;                      /* ROLE_PUBLIC when not signed in */
    bool via_token;                /* Authorization: Bearer */
    char csrf[TOKEN_TEXT_SIZE];    /* the session's CSRF token */
    store_conn *db;
};

extern const struct route web_routes[];
extern const int web_nroutes;

bool web_before(struct http_req *req, struct http_resp *resp);
void web_after(struct http_req *req);
void web_render_error(struct http_req *req, struct http_resp *resp, int status, const char *code,
                      const char *message_en, const char *message_fa);

static inline struct app *web_app(struct http_req *req) { return req->app; }
static inline struct web_ctx *web_ctx(struct http_req *req) { return req->ctx; }
/* The request's database connection, or NULL after writing a 503. */
store_conn *web_db(struct http_req *req, struct http_resp *resp);
/* The CSRF token a form must carry: the session's when signed in; for the anonymous
 * public a fresh double-submit token, also set as a cookie (ROUTE_PUBLIC_FORM). */
const char *web_form_token(struct http_req *req, struct http_resp *resp);
/* The header's view of the caller (name, role, CSRF token, unread notifications). */
struct layout_user web_who(struct http_req *req);
/* Errors with the standard Persian / English messages. */
void web_forbidden(struct http_req *req, struct http_resp *resp);
void web_not_found(struct http_req *req, struct http_resp *resp);
void web_server_error(struct http_req *req, struct http_resp *resp);

/* Handlers. */
void page_home(struct http_req *req, struct http_resp *resp);
void page_login(struct http_req *req, struct http_resp *resp);
void action_login(struct http_req *req, struct http_resp *resp);
void action_logout(struct http_req *req, struct http_resp *resp);
void page_users(struct http_req *req, struct http_resp *resp);
void handle_healthz(struct http_req *req, struct http_resp *resp);
void handle_metrics(struct http_req *req, struct http_resp *resp);
void handle_static(struct http_req *req, struct http_resp *resp);
void api_me(struct http_req *req, struct http_resp *resp);

#endif
