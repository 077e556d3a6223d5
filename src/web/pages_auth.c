/* pages_auth — signing in and out.
 *
 * The sign-in form carries a double-submit CSRF token (a random value in both a
 * short-lived cookie and a hidden field), since there is no session yet. Failed
 * attempts are throttled per account and per client address; an unknown user name
 * costs the same argon2id work as a wrong password. A successful sign-in rehashes
 * the password when its cost is out of date, creates a session (only its hash is
 * stored) and writes the audit event in the same transaction. */
#include <stdio.h>
#include <string.h>

#include "auth/password.h"
#include "core/clock.h"
#include "store/store_audit.h"
#include "view/html.h"
#include "view/layout.h"
#include "web/app.h"

enum { LOGIN_FAILURES = 5, LOGIN_WINDOW = 15 * 60 };

/* Only local paths are followed after signing in (no open redirect). */
static const char *safe_next(const char *next) {
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\') return "/";
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x20) return "/";
    return next;
}

static void render_login(struct http_req *req, struct http_resp *resp, const char *name,
                         const char *error_fa, const char *next) {
    char csrf[TOKEN_TEXT_SIZE];
    token_new(csrf);
    char *cookie = arena_printf(req->a, "tashil_login_csrf=%s; HttpOnly; SameSite=Strict; "
                                "Path=/login; Max-Age=3600%s",
                                csrf, web_app(req)->cfg.behind_tls ? "; Secure" : "");
    http_set_header(resp, "Set-Cookie", cookie);
    buf *b = &resp->body;
    struct layout_user who = {NULL, ROLE_PUBLIC, NULL, 0};
    layout_begin(b, "ورود", &who, "/login");
    html_raw(b, "<section class=\"card narrow\">\n<h1>ورود به سامانه</h1>\n");
    if (error_fa) html_fmt(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", error_fa);
    html_fmt(b,
             "<form method=\"post\" action=\"/login\" class=\"stack\">\n"
             "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">\n"
             "<input type=\"hidden\" name=\"next\" value=\"%s\">\n"
             "<label for=\"name\">نام کاربری</label>\n"
             "<input id=\"name\" name=\"name\" value=\"%s\" autocomplete=\"username\" required "
             "dir=\"ltr\">\n"
             "<label for=\"password\">گذرواژه</label>\n"
             "<input id=\"password\" name=\"password\" type=\"password\" "
             "autocomplete=\"current-password\" required dir=\"ltr\">\n"
             "<button type=\"submit\">ورود</button>\n</form>\n</section>\n",
             csrf, safe_next(next), name ? name : "");
    layout_end(b);
}

void page_login(struct http_req *req, struct http_resp *resp) {
    if (web_ctx(req)->role != ROLE_PUBLIC) {
        http_redirect(resp, safe_next(http_query(req, "next")));
        return;
    }
    render_login(req, resp, NULL, NULL, http_query(req, "next"));
}

static void login_failed(struct http_req *req, struct http_resp *resp, int status,
                         const char *name, const char *message_fa) {
    resp->status = status;
    render_login(req, resp, name, message_fa, http_form(req, "next"));
}

void action_login(struct http_req *req, struct http_resp *resp) {
    struct app *app = web_app(req);
    const char *name = http_form(req, "name");
    const char *password = http_form(req, "password");
    const char *cookie_csrf = http_cookie(req, "tashil_login_csrf");
    if (!token_equal(http_form(req, "_csrf"), cookie_csrf)) {
        login_failed(req, resp, 403, name,
                     "اعتبار فرم ورود به پایان رسیده است؛ دوباره تلاش کنید.");
        return;
    }
    if (!name || !*name || !password || !*password || strlen(name) > 64 ||
        strlen(password) > PASSWORD_MAX_LEN) {
        login_failed(req, resp, 400, name, "نام کاربری و گذرواژه را وارد کنید.");
        return;
    }
    int64_t now = clock_now();
    const char *ip_key = arena_printf(req->a, "ip:%s", req->client_ip);
    const char *acct_key = arena_printf(req->a, "account:%s", name);
    if (throttle_blocked(app->login_by_ip, ip_key, now) ||
        throttle_blocked(app->login_by_account, acct_key, now)) {
        http_set_header(resp, "Retry-After", "900");
        login_failed(req, resp, 429, name,
                     "تلاش‌های ناموفق زیادی انجام شده است. پانزده دقیقه دیگر دوباره تلاش کنید.");
        return;
    }
    store_conn *db = web_db(req, resp);
    if (!db) return;
    struct user u;
    char hash[PASSWORD_HASH_MAX];
    int rc = store_user_by_name(db, name, &u, hash, sizeof hash);
    bool ok;
    if (rc == STORE_OK) {
        ok = !u.disabled && password_verify(hash, password);
    } else {
        password_burn(password);
        ok = false;
    }
    if (!ok) {
        throttle_failure(app->login_by_ip, ip_key, now);
        throttle_failure(app->login_by_account, acct_key, now);
        login_failed(req, resp, 401, name, "نام کاربری یا گذرواژه درست نیست.");
        return;
    }
    throttle_success(app->login_by_account, acct_key);

    char token[TOKEN_TEXT_SIZE], csrf[TOKEN_TEXT_SIZE];
    unsigned char th[32];
    token_new(token);
    token_new(csrf);
    token_hash(token, th);
    char new_hash[PASSWORD_HASH_MAX];
    bool rehash = password_needs_rehash(hash) && password_hash(password, new_hash) == 0;
    if (store_begin(db) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    rc = store_session_create(db, u.id, th, csrf, now, now + app->cfg.session_absolute_secs,
                              req->client_ip, http_header(req, "User-Agent"));
    if (rc == STORE_OK && rehash) rc = store_user_set_password_hash(db, u.id, new_hash);
    if (rc == STORE_OK)
        rc = store_audit_append(db, &u, "session.login", "user", u.id,
                                rehash ? "{\"password_rehashed\":true}" : "{}", req->client_ip);
    if (rc != STORE_OK || store_commit(db) != STORE_OK) {
        if (rc != STORE_OK) store_rollback(db);
        web_server_error(req, resp);
        return;
    }
    http_set_header(resp, "Set-Cookie",
                    arena_printf(req->a, "tashil_session=%s; HttpOnly; SameSite=Lax; Path=/%s",
                                 token, app->cfg.behind_tls ? "; Secure" : ""));
    http_redirect(resp, arena_strdup(req->a, safe_next(http_form(req, "next"))));
}

void action_logout(struct http_req *req, struct http_resp *resp) {
    struct web_ctx *ctx = web_ctx(req);
    store_conn *db = web_db(req, resp);
    if (!db) return;
    unsigned char th[32];
    const char *cookie = http_cookie(req, "tashil_session");
    if (cookie && token_hash(cookie, th)) {
        if (store_begin(db) != STORE_OK) {
            web_server_error(req, resp);
            return;
        }
        int rc = store_session_delete(db, th);
        if (rc == STORE_OK)
            rc = store_audit_append(db, &ctx->user, "session.logout", "user", ctx->user.id, "{}",
                                    req->client_ip);
        if (rc != STORE_OK) {
            store_rollback(db);
            web_server_error(req, resp);
            return;
        }
        if (store_commit(db) != STORE_OK) {
            web_server_error(req, resp);
            return;
        }
    }
    http_set_header(resp, "Set-Cookie", "tashil_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0");
    http_redirect(resp, "/");
}
