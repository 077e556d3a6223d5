/* layout — see layout.h. The menu is a table of entries with the roles that may
 * use them; later subjects add their rows here. */
#include "view/layout.h"

#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "core/assets.h"
#include "view/html.h"
#include "view/widgets.h"

static const struct nav_entry {
    const char *href, *label;
    int roles;
} nav[] = {
    {"/", "پیشخوان", ROLE_ANY},
    {"/cases/inbox", "کارتابل", ROLE_SIGNED_IN},
    {"/cases", "پرونده‌ها", ROLE_SIGNED_IN},
    {"/units", "واحدهای تولیدی", ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER | ROLE_PRODUCER},
    {"/zones", "لکه‌ها و شهرک‌ها", ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER | ROLE_PRODUCER},
    {"/meetings", "جلسات", ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER},
    {"/resolutions", "مصوبات", ROLE_SIGNED_IN},
    {"/resolutions/stats", "آمار مصوبات", ROLE_PUBLIC},
    {"/planning", "برنامه‌ریزی فضایی", ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER},
    {"/map", "نقشه", ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER},
    {"/agencies", "دستگاه‌ها", ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER},
    {"/categories", "موضوع‌ها", ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER},
    {"/promises", "وعده‌ها", ROLE_ANY},
    {"/admin/users", "کاربران", ROLE_ADMIN},
};

void layout_begin(buf *b, const char *title, const struct layout_user *who, const char *active) {
    int role = who && who->display_name ? who->role : ROLE_PUBLIC;
    html_fmt(b,
             "<!doctype html>\n<html lang=\"fa\" dir=\"rtl\">\n<head>\n"
             "<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<title>%s · تسهیل</title>\n"
             "<link rel=\"preload\" href=\"%h\" as=\"font\" type=\"font/woff2\" crossorigin>\n"
             "<link rel=\"stylesheet\" href=\"%h\">\n"
             "<link rel=\"icon\" href=\"%h\" type=\"image/svg+xml\">\n"
             "</head>\n<body>\n<a class=\"skip\" href=\"#main\">رفتن به محتوا</a>\n"
             "<header class=\"top\">\n<a class=\"brand\" href=\"/\">تسهیل"
             "<small>کارگروه تسهیل و رفع موانع تولید</small></a>\n"
             "<nav aria-label=\"منوی اصلی\"><ul>\n",
             title, asset_url("vazirmatn-wght.woff2"), asset_url("app.css"),
             asset_url("favicon.svg"));
    for (size_t i = 0; i < sizeof nav / sizeof *nav; i++) {
        if (!(nav[i].roles & role)) continue;
        bool current = active && !strcmp(active, nav[i].href);
        html_fmt(b,
                 current ? "<li><a href=\"%h\" aria-current=\"page\">%s</a></li>\n"
                         : "<li><a href=\"%h\">%s</a></li>\n",
                 nav[i].href, nav[i].label);
    }
    html_raw(b, "</ul></nav>\n<div class=\"who\">");
    if (who && who->display_name) {
        if (who->unread > 0) {
            char n[24];
            snprintf(n, sizeof n, "%lld", who->unread);
            html_raw(b, "<a class=\"bell\" href=\"/notifications\" aria-label=\"اعلان‌های خوانده‌نشده\">"
                        "اعلان‌ها <span class=\"count\">");
            w_text_fa_digits(b, n);
            html_raw(b, "</span></a>");
        } else {
            html_raw(b, "<a class=\"bell\" href=\"/notifications\">اعلان‌ها</a>");
        }
        html_fmt(b,
                 "<span class=\"user\">%s <small>%s</small></span>"
                 "<form method=\"post\" action=\"/logout\" class=\"inline\">"
                 "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
                 "<button type=\"submit\" class=\"link\">خروج</button></form>",
                 who->display_name, role_label_fa(who->role), who->csrf ? who->csrf : "");
    } else {
        html_raw(b, "<a class=\"button\" href=\"/login\">ورود</a>");
    }
    html_raw(b, "</div>\n</header>\n<main id=\"main\">\n");
}

void layout_end(buf *b) {
    html_raw(b, "</main>\n<footer class=\"bottom\">سامانه تسهیل · دبیرخانه کارگروه تسهیل و "
                "رفع موانع تولید استان</footer>\n</body>\n</html>\n");
}

void layout_error_page(buf *b, int status, const char *message_fa, const struct layout_user *who) {
    const char *title;
    switch (status) {
    case 400: title = "درخواست نامعتبر"; break;
    case 401: title = "نیاز به ورود"; break;
    case 403: title = "دسترسی مجاز نیست"; break;
    case 404: title = "پیدا نشد"; break;
    case 405: title = "روش درخواست مجاز نیست"; break;
    case 413: title = "حجم درخواست زیاد است"; break;
    case 429: title = "درخواست‌های بیش از حد"; break;
    case 503: title = "سامانه در دسترس نیست"; break;
    default: title = status >= 500 ? "خطای سامانه" : "خطا"; break;
    }
    layout_begin(b, title, who, NULL);
    html_fmt(b,
             "<section class=\"error-page\"><h1>%s</h1><p>%s</p>"
             "<p><a href=\"/\">بازگشت به پیشخوان</a></p></section>\n",
             title, message_fa);
    layout_end(b);
}
