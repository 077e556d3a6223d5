/* pages_admin — the administrator's pages: the list of users and their roles. */
#include "view/html.h"
#include "view/layout.h"
#include "web/app.h"

static int user_row(void *arg, const struct user *u) {
    buf *b = arg;
    html_fmt(b, "<tr><td dir=\"ltr\">%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", u->name,
             u->display_name, role_label_fa(role_from_name(u->role)),
             u->disabled ? "غیرفعال" : "فعال");
    return 0;
}

void page_users(struct http_req *req, struct http_resp *resp) {
    store_conn *db = web_db(req, resp);
    if (!db) return;
    buf *b = &resp->body;
    struct layout_user who = web_who(req);
    layout_begin(b, "کاربران", &who, "/admin/users");
    html_raw(b, "<h1>کاربران</h1>\n<table class=\"grid\">\n<thead><tr><th>نام کاربری</th>"
                "<th>نام</th><th>نقش</th><th>وضعیت</th></tr></thead>\n<tbody>\n");
    if (store_user_each(db, user_row, b) != STORE_OK) {
        web_server_error(req, resp);
        return;
    }
    html_raw(b, "</tbody>\n</table>\n");
    layout_end(b);
}
